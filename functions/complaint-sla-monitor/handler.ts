import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from '../../shared/platform/config.ts';
import { runSlaMonitor, type SlaMonitorResult } from '../../shared/complaints/sla-monitor.ts';
import { logger } from '../../shared/platform/observability.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const mailFrom = requireEnv(env.mailFrom);
const publicBaseUrl = requireEnv(env.publicBaseUrl);

export const handler = middy<unknown, SlaMonitorResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const result = await runSlaMonitor({ table, mailFrom, publicBaseUrl, now: new Date() });
    logger.info('complaint due dates checked', { ...result });
    // Every case was tried before this: failing the run now only makes lost mails and unreadable cases
    // show in the function's error metric (a retried run re-sends nothing: the cases are marked).
    if (result.failed > 0) throw new Error(`sla-monitor: ${result.failed} failure(s); the log lines above name the sites and cases`);
    return result;
  });
