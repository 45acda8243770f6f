import { auditCsv, auditPage, saveSitePage, sitePage } from '../../shared/administration/pages/site-controller.ts';
import { renderNotAllowed } from '../../shared/administration/pages/admin-pages.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { FORM_BODY_LIMIT_BYTES } from '../../shared/http/request.ts';
import { downloadSession, staffPage, staffPageRoute, toSignIn } from '../../shared/http/staff-pages.ts';

/** The audit trail (and its CSV) and the site's settings with the rota preview. */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const query = event.queryStringParameters ?? {};
  if (event.routeKey === 'GET /admin/audit.csv') {
    const session = await downloadSession(event, key);
    if (session === undefined) return toSignIn(event);
    const csv = await auditCsv(session, query);
    if (csv === undefined) return staffPage('not-for-role', renderNotAllowed(session));
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit.csv"', 'cache-control': 'no-store' }, body: csv };
  }
  return staffPageRoute(event, key, FORM_BODY_LIMIT_BYTES, (staff, form) => {
    switch (event.routeKey) {
      case 'GET /admin/audit':
        return auditPage(staff, query);
      case 'POST /admin/site':
        return saveSitePage(staff, query, form);
      default:
        return sitePage(staff, query);
    }
  });
});
