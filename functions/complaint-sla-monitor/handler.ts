import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from '../../shared/platform/config.ts';
import { closeExpiredCalls, type ExpirySweepResult } from '../../shared/callbacks/expiry.ts';
import { type CommentReminderResult, remindUnreadComments } from '../../shared/comments/comment-reminder.ts';
import { runSlaMonitor, type SlaMonitorResult } from '../../shared/complaints/sla-monitor.ts';
import { logger } from '../../shared/platform/observability.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const mailFrom = requireEnv(env.mailFrom);
const publicBaseUrl = requireEnv(env.publicBaseUrl);

export const handler = middy<unknown, SlaMonitorResult & { comments: CommentReminderResult; expiredCalls: ExpirySweepResult }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const now = new Date();
    const result = await runSlaMonitor({ table, mailFrom, publicBaseUrl, now });
    logger.info('complaint due dates checked', { ...result });
    // Comments waiting unread too long: the net under the classifier (shared/comments/comment-reminder.ts).
    const comments = await remindUnreadComments({ table, mailFrom, publicBaseUrl, now });
    logger.info('unread comments checked', { ...comments });
    // Calls whose window ended unreached close as unreachable (shared/callbacks/expiry.ts).
    const expiredCalls = await closeExpiredCalls({ table, now });
    logger.info('expired calls checked', { ...expiredCalls });
    // Every case was tried before this: failing the run now only makes lost mails and unreadable cases
    // show in the function's error metric (a retried run re-sends nothing: the cases are marked).
    const failed = result.failed + comments.failed;
    if (failed > 0) throw new Error(`sla-monitor: ${failed} failure(s); the log lines above name the sites and cases`);
    return { ...result, comments, expiredCalls };
  });
