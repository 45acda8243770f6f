import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';
import { keys, TTL_ATTRIBUTE } from './keys.ts';

// One item per staff session ended at sign-out, kept until the session's token would have expired anyway
// (the TTL): every staff request looks its session up, so a copied cookie or token stops working at once.

export async function revokeSession(table: string, sessionId: string, expiresAt: number, revokedAt: Date): Promise<void> {
  await dynamoDb.send(new PutCommand({
    TableName: table,
    Item: { ...keys.revokedSession(sessionId), revokedAt: revokedAt.toISOString(), [TTL_ATTRIBUTE]: expiresAt },
  }));
}

/** A strongly consistent read: a sign-out holds from the very next request. */
export async function isSessionRevoked(table: string, sessionId: string): Promise<boolean> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.revokedSession(sessionId), ConsistentRead: true, ProjectionExpression: 'pk' }));
  return Item !== undefined;
}
