import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';
import { keys, TTL_ATTRIBUTE } from './keys.ts';

// One item per (hashed source, window): the count of requests in it, expiring after the window.

/** Counts one request in the window unless it already holds `limit`; returns whether it was counted. */
export async function countInWindow(table: string, hash: string, limit: number, expiresAt: number): Promise<boolean> {
  try {
    await dynamoDb.send(new UpdateCommand({
      TableName: table,
      Key: keys.rate(hash),
      UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': expiresAt },
    }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
