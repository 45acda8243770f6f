import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from '../../shared/schemas/zod.ts';

// The least a function on stack.md's packages carries, built and timed by the bench beside the real
// functions (bundle-bench.ts): parse the event with zod, log and count with Powertools, read one item.
// Not deployed; its size and cold import are the floor the real functions' figures are read against.

const logger = new Logger({ serviceName: 'stack-floor' });
const metrics = new Metrics({ namespace: 'StackFloor', serviceName: 'stack-floor' });
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const EventSchema = z.strictObject({ id: z.string().check(z.minLength(1)) });

export async function handler(event: unknown): Promise<Record<string, unknown> | undefined> {
  const { id } = EventSchema.parse(event);
  logger.info('read');
  metrics.addMetric('reads', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  const { Item } = await db.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: id, sk: 'floor' } }));
  return Item;
}
