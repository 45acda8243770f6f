import { signingKey } from '../../shared/aws/secrets.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { FORM_BODY_LIMIT_BYTES } from '../../shared/http/request.ts';
import { downloadSession, publicBaseUrl, staffPage, staffPageRoute, toSignIn } from '../../shared/http/staff-pages.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { dashboardCsv, dashboardPage } from '../../shared/reporting/dashboard-page.ts';

const table = requireEnv(env.tableName);

/** GET /admin: the managers' dashboard of the signed-in user's scope; GET /admin/export.csv: the same as CSV. */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const query = event.queryStringParameters ?? {};
  const context = { table, baseUrl: publicBaseUrl, now: new Date() };
  if (event.routeKey !== 'GET /admin/export.csv') return staffPageRoute(event, key, FORM_BODY_LIMIT_BYTES, (staff) => dashboardPage(context, staff, query), { readOnly: true });
  const session = await downloadSession(event, key);
  if (session === undefined) return toSignIn(event);
  const answer = await dashboardCsv(context, session, query);
  if ('outcome' in answer) return staffPage(answer.outcome, answer.body);
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${answer.fileName}"`, 'cache-control': 'no-store' },
    body: answer.csv,
  };
});
