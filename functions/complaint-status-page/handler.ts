import { signingKey } from '../../shared/aws/secrets.ts';
import { normalizeTrackingCode } from '../../shared/complaint-page/paths.ts';
import { renderTrackingPage } from '../../shared/complaint-page/render.ts';
import { trackComplaint } from '../../shared/complaints/tracking.ts';
import { numberEnv, requireEnv } from '../../shared/config.ts';
import { html, httpFunction } from '../../shared/http/middleware.ts';
import { HttpProblem } from '../../shared/http/problem.ts';
import { header, sourceIp } from '../../shared/http/request.ts';
import { enforceRateLimit } from '../../shared/rate-limit.ts';
import { env } from '../../shared/resource-env.ts';
import { negotiateLocale } from '../../shared/survey-page/i18n.ts';
import { PAGE_CONTENT_SECURITY_POLICY } from '../../shared/survey-page/render.ts';

const table = requireEnv(env.tableName);
const rateLimitPerMinute = numberEnv(env.rateLimitPerMinute, 20);

/**
 * GET /t/{trackingCode}, and GET /t (the look-up form, which sends `?code=`): a complaint's status, received
 * date and due date, in words; no personal data. Rate limited like the tracking API, so codes cannot be
 * tried in bulk; an unknown code gets a friendly 404 page with the form again.
 */
export const handler = httpFunction(async (event) => {
  const locale = negotiateLocale(header(event, 'accept-language'), event.queryStringParameters?.lang);
  const headers = { 'content-language': locale, vary: 'accept-language' };
  const typed = event.pathParameters?.trackingCode ?? event.queryStringParameters?.code ?? '';
  if (typed.trim() === '') return html(200, renderTrackingPage({ locale }), PAGE_CONTENT_SECURITY_POLICY, headers);
  try {
    await enforceRateLimit(table, await signingKey(), sourceIp(event), rateLimitPerMinute);
    const tracked = await trackComplaint(table, normalizeTrackingCode(typed));
    return html(200, renderTrackingPage({ locale, tracked }), PAGE_CONTENT_SECURITY_POLICY, headers);
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    const refused = error.status === 429 ? 429 : 404;
    return html(refused, renderTrackingPage({ locale, refused, typed }), PAGE_CONTENT_SECURITY_POLICY, { ...headers, ...error.headers });
  }
});
