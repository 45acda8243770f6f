import { signingKey } from '../../shared/aws/secrets.ts';
import { trackComplaint } from '../../shared/complaints/tracking.ts';
import { numberEnv, requireEnv } from '../../shared/platform/config.ts';
import { httpFunction, json } from '../../shared/http/middleware.ts';
import { sourceIp } from '../../shared/http/request.ts';
import { enforceRateLimit } from '../../shared/intake/rate-limit.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const rateLimitPerMinute = numberEnv(env.rateLimitPerMinute, 20);

/** GET /v1/complaints/track/{trackingCode}: status, received date and due date; no personal data. */
export const handler = httpFunction(async (event) => {
  // Codes are 80 bits; the rate limit still stops anyone from trying them in bulk.
  await enforceRateLimit(table, await signingKey(), sourceIp(event), rateLimitPerMinute);
  return json(200, await trackComplaint(table, event.pathParameters?.trackingCode ?? ''), { 'cache-control': 'no-store' });
});
