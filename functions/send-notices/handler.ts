import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processNoticeBatch } from '../../shared/notices/notice-batch.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { metrics } from '../../shared/platform/metrics.ts';
import { logger } from '../../shared/platform/observability.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { QueueEventSchema } from '../../shared/schemas/queue-body.ts';

const table = requireEnv(env.tableName);
const mail = { from: requireEnv(env.mailFrom), baseUrl: requireEnv(env.publicBaseUrl) };

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const { Records } = QueueEventSchema.parse(event);
    const outcome = await processNoticeBatch({ table, mail }, Records);
    metrics.addMetric('NoticesHandled', MetricUnit.Count, outcome.handled);
    metrics.addMetric('NoticesFailed', MetricUnit.Count, outcome.response.batchItemFailures.length);
    return outcome.response;
  });
