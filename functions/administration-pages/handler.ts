import {
  auditCsv, auditPage, changeUserPage, createUserPage, posterDownload, postersPage, revokeCodesPage, saveSitePage, sitePage, userPage, usersPage,
} from '../../shared/administration/pages/admin-controller.ts';
import { csrfToken } from '../../shared/auth/session.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { FORM_BODY_LIMIT_BYTES } from '../../shared/http/request.ts';
import { readSession, staffPage, staffPageRoute, toSignIn } from '../../shared/http/staff-pages.ts';
import { renderNotAllowed } from '../../shared/administration/pages/admin-pages.ts';

/**
 * The admin pages: staff accounts, the audit trail (and its CSV), the site's settings with the rota
 * preview, the departments' codes and posters (PDF, PNG).
 */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const query = event.queryStringParameters ?? {};
  const username = event.pathParameters?.username ?? '';
  // Files, not pages: they need the session, and no CSRF token (GET only).
  const current = event.routeKey === 'GET /admin/audit.csv' || event.routeKey === 'GET /admin/posters/{department}' ? await readSession(event) : undefined;
  const session = current === undefined || current.identity.kind !== 'user' ? undefined : { user: current.identity, csrf: csrfToken(key, current.token) };
  if (event.routeKey === 'GET /admin/posters/{department}') {
    if (session === undefined) return toSignIn(event);
    const answer = await posterDownload(session, event.pathParameters?.department ?? '', query);
    if (!('bytes' in answer)) return staffPage(answer.outcome, answer.body);
    return {
      statusCode: 200,
      headers: { 'content-type': answer.contentType, 'content-disposition': `attachment; filename="${answer.fileName}"`, 'cache-control': 'no-store' },
      body: answer.bytes.toString('base64'),
      isBase64Encoded: true,
    };
  }
  if (event.routeKey === 'GET /admin/audit.csv') {
    if (session === undefined) return toSignIn(event);
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
      case 'GET /admin/posters':
        return postersPage(staff, query);
      case 'POST /admin/posters':
        return revokeCodesPage(staff, query, form);
      default:
        return usersPage(staff);
    }
  });
});
