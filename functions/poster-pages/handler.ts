import { posterDownload, postersPage, revokeCodesPage } from '../../shared/administration/pages/poster-controller.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { FORM_BODY_LIMIT_BYTES } from '../../shared/http/request.ts';
import { downloadSession, staffPage, staffPageRoute, toSignIn } from '../../shared/http/staff-pages.ts';

/** The departments' codes to revoke and their posters to download (PDF, PNG, SVG). */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const query = event.queryStringParameters ?? {};
  if (event.routeKey === 'GET /admin/posters/{department}') {
    const session = await downloadSession(event, key);
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
  return staffPageRoute(event, key, FORM_BODY_LIMIT_BYTES, (staff, form) => (event.routeKey === 'POST /admin/posters'
    ? revokeCodesPage(staff, query, form)
    : postersPage(staff, query)));
});
