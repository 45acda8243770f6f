import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Counters, addCounters } from '../aggregates.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { keys } from './keys.ts';

const NOT_COUNTERS = new Set(['pk', 'sk', 'siteId', 'departmentId', 'day', 'updatedAt']);

/** Sums the counters of one department's (or the site's) days from `from` to `to`, inclusive. */
export async function sumAggregates(table: string, siteId: string, departmentId: string, from: string, to: string): Promise<{ counters: Counters; days: number }> {
  const counters: Counters = {};
  let days = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDb.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.aggregatePartition(siteId, departmentId), ':from': keys.dayKey(from), ':to': keys.dayKey(to) },
      ExclusiveStartKey: startKey,
    }));
    for (const item of page.Items ?? []) {
      days += 1;
      const numeric: Counters = {};
      for (const [name, value] of Object.entries(item)) if (!NOT_COUNTERS.has(name) && typeof value === 'number') numeric[name] = value;
      addCounters(counters, numeric);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { counters, days };
}
