import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';

// What the operations checks remember between runs: the dead-letter depth last alerted, per queue.

// The intake queue's key keeps its first name, so a deployment that already has the item keeps its memory.
const stateKey = (queue: string) => ({ pk: queue === 'intake' ? 'OPS#dlq-watch' : `OPS#dlq-watch#${queue}`, sk: 'STATE' });

export async function lastAlertedDepth(table: string, queue: string): Promise<number> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: stateKey(queue) }));
  const depth: unknown = Item?.depth;
  return typeof depth === 'number' ? depth : 0;
}

export async function rememberDepth(table: string, queue: string, depth: number, now: Date): Promise<void> {
  await dynamoDb.send(new PutCommand({ TableName: table, Item: { ...stateKey(queue), depth, checkedAt: now.toISOString() } }));
}
