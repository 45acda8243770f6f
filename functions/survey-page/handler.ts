import { randomUUID } from 'node:crypto';
import { signingKey } from '../../shared/aws/secrets.ts';
import { requireEnv } from '../../shared/config.ts';
import { html, httpFunction } from '../../shared/http/middleware.ts';
import { header } from '../../shared/http/request.ts';
import { env } from '../../shared/resource-env.ts';
import { retentionFromEnv } from '../../shared/retention.ts';
import { asksWaitTime } from '../../shared/schemas/site.ts';
import { negotiateLocale } from '../../shared/survey-page/i18n.ts';
import { PAGE_CONTENT_SECURITY_POLICY, renderSurveyPage, renderUnknownCodePage } from '../../shared/survey-page/render.ts';
import { resolveSurveyCode } from '../../shared/survey-codes.ts';

const table = requireEnv(env.tableName);
const { contactDays } = retentionFromEnv();

/** GET /s/{code}: the survey page of the department the QR code names; an unknown code gets a friendly 404 page. */
export const handler = httpFunction(async (event) => {
  const locale = negotiateLocale(header(event, 'accept-language'), event.queryStringParameters?.lang);
  const headers = { 'content-language': locale, vary: 'accept-language' };
  const code = event.pathParameters?.code ?? '';
  const target = await resolveSurveyCode(table, await signingKey(), code);
  if (target === undefined) return html(404, renderUnknownCodePage({ locale }), PAGE_CONTENT_SECURITY_POLICY, headers);
  const page = renderSurveyPage({
    locale,
    site: target.site,
    department: target.department,
    code,
    submissionId: randomUUID(),
    askWaitTime: asksWaitTime(target.department),
    contactRetentionDays: contactDays,
    action: '/v1/surveys',
  });
  return html(200, page, PAGE_CONTENT_SECURITY_POLICY, headers);
});
