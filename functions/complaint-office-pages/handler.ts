import { signingKey } from '../../shared/aws/secrets.ts';
import { commentsPage, commentsPost } from '../../shared/comments/comments-controller.ts';
import { casePage, changeCasePage, createComplaintPage, inboxPage, newComplaintPage } from '../../shared/complaints/office/office-controller.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { FORM_BODY_LIMIT_BYTES } from '../../shared/http/request.ts';
import { staffPageRoute } from '../../shared/http/staff-pages.ts';

/** The pages that write nothing when got (the case page records who saw a contact). */
const READ_ONLY = new Set(['GET /admin/complaints', 'GET /admin/complaints/new', 'GET /admin/comments']);

/** The complaint office's pages: the inbox, a case and its change form, the entry form, the comments to read. */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const id = event.pathParameters?.id ?? '';
  const query = event.queryStringParameters ?? {};
  return staffPageRoute(event, key, FORM_BODY_LIMIT_BYTES, (staff, form) => {
    switch (event.routeKey) {
      case 'GET /admin/complaints/new':
        return newComplaintPage(staff);
      case 'POST /admin/complaints/new':
        return createComplaintPage(staff, form);
      case 'GET /admin/complaints/{id}':
        return casePage(staff, id, query);
      case 'POST /admin/complaints/{id}':
        return changeCasePage(staff, id, form);
      case 'GET /admin/comments':
        return commentsPage(staff, query);
      case 'POST /admin/comments':
        return commentsPost(staff, form);
      default:
        return inboxPage(staff, query);
    }
  }, { readOnly: READ_ONLY.has(event.routeKey) });
});
