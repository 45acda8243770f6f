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
const deadLetterQueueUrl = requireEnv(env.intakeDeadLetterQueueUrl);
const mailFrom = requireEnv(env.mailFrom);
const operatorEmail = requireEnv(env.operatorEmail);

export const handler = middy<unknown, { depth: number; alerted: boolean }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const [depth, lastAlerted] = await Promise.all([approximateDepth(deadLetterQueueUrl), lastAlertedDepth(table)]);
    const alerted = shouldAlert(depth, lastAlerted);
    if (alerted) await sendMail(dlqAlertMail(mailFrom, operatorEmail, depth, deadLetterQueueUrl));
    if (alerted || depth !== lastAlerted) await rememberDepth(table, depth, new Date());
    logger.info('dead-letter queue checked', { depth, alerted });
    return { depth, alerted };
  });
