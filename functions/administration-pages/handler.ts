import { auditCsv, auditPage, changeUserPage, createUserPage, saveSitePage, sitePage, userPage, usersPage } from '../../shared/administration/pages/admin-controller.ts';
import { csrfToken } from '../../shared/auth/session.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { FORM_BODY_LIMIT_BYTES } from '../../shared/http/request.ts';
import { readSession, staffPage, staffPageRoute, toSignIn } from '../../shared/http/staff-pages.ts';
import { renderNotAllowed } from '../../shared/administration/pages/admin-pages.ts';

/** The admin pages: staff accounts, the audit trail (and its CSV), the site's settings with the rota preview. */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const query = event.queryStringParameters ?? {};
  const username = event.pathParameters?.username ?? '';
  if (event.routeKey === 'GET /admin/audit.csv') {
    const current = await readSession(event);
    if (current === undefined || current.identity.kind !== 'user') return toSignIn(event);
    const session = { user: current.identity, csrf: csrfToken(key, current.token) };
    const csv = await auditCsv(session, query);
    if (csv === undefined) return staffPage('not-for-role', renderNotAllowed(session));
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit.csv"', 'cache-control': 'no-store' }, body: csv };
  }
  return staffPageRoute(event, key, FORM_BODY_LIMIT_BYTES, (staff, form) => {
    switch (event.routeKey) {
      case 'POST /admin/users':
        return createUserPage(staff, form);
      case 'GET /admin/users/{username}':
        return userPage(staff, username, query);
      case 'POST /admin/users/{username}':
        return changeUserPage(staff, username, form);
      case 'GET /admin/audit':
        return auditPage(staff, query);
      case 'GET /admin/site':
        return sitePage(staff, query);
      case 'POST /admin/site':
        return saveSitePage(staff, query, form);
      default:
        return usersPage(staff);
    }
  });
});
