import { signingKey } from '../../shared/aws/secrets.ts';
import { trackComplaint } from '../../shared/complaints/tracking.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { httpFunction, json } from '../../shared/http/middleware.ts';
import { sourceIp } from '../../shared/http/request.ts';
import { limitLookup } from '../../shared/intake/rate-limit.ts';
import { rateLimitsFromEnv } from '../../shared/intake/rate-limit-settings.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const rateLimits = rateLimitsFromEnv();

/** GET /v1/complaints/track/{trackingCode}: status, received date and due date; no personal data. */
export const handler = httpFunction(async (event) => {
  // Codes are 80 bits; the rate limit still stops anyone from trying them in bulk.
  await limitLookup({ table, key: await signingKey(), sourceIp: sourceIp(event), rateLimits });
  return json(200, await trackComplaint(table, event.pathParameters?.trackingCode ?? ''), { 'cache-control': 'no-store' });
});
