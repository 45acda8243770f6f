import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Counters, addCounters } from '../reporting/counters.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { allItems } from './items.ts';
import { keys } from './keys.ts';

const NOT_COUNTERS = new Set(['pk', 'sk', 'siteId', 'departmentId', 'day', 'updatedAt']);

/** Sums the counters of one department's (or the site's) days from `from` to `to`, inclusive. */
export async function sumAggregates(table: string, siteId: string, departmentId: string, from: string, to: string): Promise<{ counters: Counters; days: number }> {
  const items = await allItems((startKey) => dynamoDb.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.aggregatePartition(siteId, departmentId), ':from': keys.dayKey(from), ':to': keys.dayKey(to) },
    ExclusiveStartKey: startKey,
  })));
  const counters: Counters = {};
  for (const item of items) {
    const numeric: Counters = {};
    for (const [name, value] of Object.entries(item)) if (!NOT_COUNTERS.has(name) && typeof value === 'number') numeric[name] = value;
    addCounters(counters, numeric);
  }
  return { counters, days: items.length };
}
