import { signingKey } from '../../shared/aws/secrets.ts';
import { changeUserPage, createUserPage, userPage, usersPage } from '../../shared/administration/pages/account-controller.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { FORM_BODY_LIMIT_BYTES } from '../../shared/http/request.ts';
import { staffPageRoute } from '../../shared/http/staff-pages.ts';

/** The admin's pages for staff accounts: the list and a new account, one account and its change. */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const username = event.pathParameters?.username ?? '';
  return staffPageRoute(event, key, FORM_BODY_LIMIT_BYTES, (staff, form) => {
    switch (event.routeKey) {
      case 'POST /admin/users':
        return createUserPage(staff, form);
      case 'GET /admin/users/{username}':
        return userPage(staff, username, event.queryStringParameters ?? {});
      case 'POST /admin/users/{username}':
        return changeUserPage(staff, username, form);
      default:
        return usersPage(staff);
    }
  });
});
