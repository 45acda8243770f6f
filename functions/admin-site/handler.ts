import { exportAuditTrail, readAuditTrail } from '../../shared/administration/audit-trail.ts';
import { readSiteSettings, replaceSiteSettings, settingsEtag } from '../../shared/administration/site-settings.ts';
import { json } from '../../shared/http/middleware.ts';
import { unsupportedMediaType } from '../../shared/http/problem.ts';
import { bodyFormat, header, parseJson, rawBody } from '../../shared/http/request.ts';
import { staffFunction } from '../../shared/http/staff.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { NotFoundError } from '../../shared/platform/domain-errors.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
/** A site's settings with its departments and rota: larger than a patient's form, far below Lambda's limit. */
const SETTINGS_BODY_LIMIT_BYTES = 256 * 1024;

/** GET /v1/admin/audit (JSON, or CSV with `format=csv`), GET and PUT /v1/admin/sites/{site}/settings. */
export const handler = staffFunction(async (event, identity) => {
  const siteId = event.pathParameters?.site ?? '';
  switch (event.routeKey) {
    case 'GET /v1/admin/audit': {
      const { format, ...query } = event.queryStringParameters ?? {};
      if (format === 'csv') {
        const { csv } = await exportAuditTrail(table, identity, query);
        return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit.csv"', 'cache-control': 'no-store' }, body: csv };
      }
      const { items, cursor } = await readAuditTrail(table, identity, query);
      return json(200, { items, ...(cursor === undefined ? {} : { cursor }) }, { 'cache-control': 'no-store' });
    }
    case 'GET /v1/admin/sites/{site}/settings': {
      const document = await readSiteSettings(table, identity, siteId);
      return json(200, document, { etag: settingsEtag(document.version), 'cache-control': 'no-store' });
    }
    case 'PUT /v1/admin/sites/{site}/settings': {
      const { document, settledDueDates } = await replaceSiteSettings(table, identity, siteId, header(event, 'if-match'), () => {
        if (bodyFormat(event) !== 'json') throw unsupportedMediaType('application/x-www-form-urlencoded');
        return parseJson(rawBody(event, SETTINGS_BODY_LIMIT_BYTES));
      });
      return json(200, { ...document, settledDueDates }, { etag: settingsEtag(document.version) });
    }
    default:
      throw new NotFoundError('No such route.');
  }
});
