import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { sendMail } from '../../shared/aws/ses.ts';
import { approximateDepth } from '../../shared/aws/sqs.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { watchDeadLetters } from '../../shared/operations/dead-letter-alert.ts';
import { lastAlertedDepth, rememberDepth } from '../../shared/storage/operations-state.ts';
import { logger } from '../../shared/platform/observability.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const deadLetterQueues = [
  { name: 'intake', holds: 'submission(s) to store', deadLetterQueueUrl: requireEnv(env.intakeDeadLetterQueueUrl) },
  { name: 'notify', holds: 'notice(s) to mail (safety alerts, owners\' and handlers\' notices)', deadLetterQueueUrl: requireEnv(env.notifyDeadLetterQueueUrl) },
];
const watch = {
  depthOf: approximateDepth,
  lastAlerted: (queue: string) => lastAlertedDepth(table, queue),
  remember: (queue: string, depth: number) => rememberDepth(table, queue, depth, new Date()),
  send: sendMail,
  from: requireEnv(env.mailFrom),
  operator: requireEnv(env.operatorEmail),
};

export const handler = middy<unknown, { depths: Readonly<Record<string, number>>; alerted: boolean }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const outcome = await watchDeadLetters(watch, deadLetterQueues);
    logger.info('dead-letter queues checked', outcome);
    return outcome;
  });
