import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { sendMail } from '../../shared/aws/ses.ts';
import { approximateDepth } from '../../shared/aws/sqs.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { dlqAlertMail, shouldAlert } from '../../shared/operations/dead-letter-alert.ts';
import { lastAlertedDepth, rememberDepth } from '../../shared/storage/operations-state.ts';
import { logger } from '../../shared/platform/observability.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const deadLetterQueues = [
  { holds: 'submission(s) to store', deadLetterQueueUrl: requireEnv(env.intakeDeadLetterQueueUrl) },
  { holds: 'notice(s) to mail (safety alerts, owners\' and handlers\' notices)', deadLetterQueueUrl: requireEnv(env.notifyDeadLetterQueueUrl) },
];
const mailFrom = requireEnv(env.mailFrom);
const operatorEmail = requireEnv(env.operatorEmail);

export const handler = middy<unknown, { depth: number; alerted: boolean }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const [queues, lastAlerted] = await Promise.all([
      Promise.all(deadLetterQueues.map(async (queue) => ({ ...queue, depth: await approximateDepth(queue.deadLetterQueueUrl) }))),
      lastAlertedDepth(table),
    ]);
    const depth = queues.reduce((sum, queue) => sum + queue.depth, 0);
    const alerted = shouldAlert(depth, lastAlerted);
    if (alerted) await sendMail(dlqAlertMail(mailFrom, operatorEmail, queues));
    if (alerted || depth !== lastAlerted) await rememberDepth(table, depth, new Date());
    logger.info('dead-letter queues checked', { depth, alerted });
    return { depth, alerted };
  });
