import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { signingKey } from '../../shared/aws/secrets.ts';
import { type DigestRunResult, runDigests } from '../../shared/digests/send-digests.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { logger } from '../../shared/platform/observability.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const mailFrom = requireEnv(env.mailFrom);
const publicBaseUrl = requireEnv(env.publicBaseUrl);

export const handler = middy<unknown, DigestRunResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const result = await runDigests({ table, from: mailFrom, baseUrl: publicBaseUrl, key: await signingKey(), now: new Date() });
    // Failed sends were released for the next run; failing now puts them in the error metric.
    if (result.failed > 0) throw new Error(`digest: ${result.failed} mail(s) not sent; retried by the next run`);
    return result;
  });
