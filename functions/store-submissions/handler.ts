import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { signingKey } from '../../shared/aws/secrets.ts';
import { notifySender } from '../../shared/aws/sqs.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { metrics } from '../../shared/platform/metrics.ts';
import { logger } from '../../shared/platform/observability.ts';
import { processIntakeBatch } from '../../shared/intake/store-batch.ts';
import { QueueEventSchema } from '../../shared/schemas/queue-body.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { retentionFromEnv } from '../../shared/platform/retention.ts';

const table = requireEnv(env.tableName);
const retention = retentionFromEnv();
const notify = notifySender();

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    // The envelope is checked for what the worker reads; each body is checked record by record.
    const { Records } = QueueEventSchema.parse(event);
    const outcome = await processIntakeBatch({ table, retention, key: await signingKey(), notify }, Records);
    metrics.addMetric('SubmissionsStored', MetricUnit.Count, outcome.stored);
    metrics.addMetric('ComplaintCasesOpened', MetricUnit.Count, outcome.complaints);
    metrics.addMetric('DuplicatesIgnored', MetricUnit.Count, outcome.duplicates);
    metrics.addMetric('RecordsFailed', MetricUnit.Count, outcome.response.batchItemFailures.length);
    return outcome.response;
  });
