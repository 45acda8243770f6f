import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';

// What the operations checks remember between runs: the dead-letter depth last alerted.

// The key keeps its first name, so a deployment that already has the item keeps its memory.
const STATE_KEY = { pk: 'OPS#dlq-watch', sk: 'STATE' };

export async function lastAlertedDepth(table: string): Promise<number> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: STATE_KEY }));
  const depth: unknown = Item?.depth;
  return typeof depth === 'number' ? depth : 0;
}

export async function rememberDepth(table: string, depth: number, now: Date): Promise<void> {
  await dynamoDb.send(new PutCommand({ TableName: table, Item: { ...STATE_KEY, depth, checkedAt: now.toISOString() } }));
}
