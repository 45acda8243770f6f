import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';
import { addDays, epochSeconds } from '../platform/time.ts';
import { keys, TTL_ATTRIBUTE } from './keys.ts';

// Exactly one digest per recipient, site and period (design.md, "Digests"): a marker is claimed with a
// condition before the mail goes, so of two overlapping runs only one sends; it is marked sent after
// SES accepted the mail, and released if the send failed, so the next run retries. A claim left by a
// run that died mid-send is taken over after CLAIM_MINUTES.

export const CLAIM_MINUTES = 10;

export async function claimDigest(table: string, siteId: string, period: string, username: string, now: Date): Promise<boolean> {
  try {
    await dynamoDb.send(new PutCommand({
      TableName: table,
      Item: { ...keys.digestSent(siteId, period, username), status: 'sending', claimedAt: now.toISOString(), [TTL_ATTRIBUTE]: epochSeconds(addDays(now, 400)) },
      ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND claimedAt < :stale)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sending': 'sending', ':stale': new Date(now.getTime() - CLAIM_MINUTES * 60_000).toISOString() },
    }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function markDigestSent(table: string, siteId: string, period: string, username: string, messageId: string | undefined, now: Date): Promise<void> {
  await dynamoDb.send(new UpdateCommand({
    TableName: table, Key: keys.digestSent(siteId, period, username),
    UpdateExpression: 'SET #status = :sent, sentAt = :now, messageId = :id',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':sent': 'sent', ':now': now.toISOString(), ':id': messageId ?? '' },
  }));
}

/** The send failed: let the next run try again (only our own claim is released). */
export async function releaseDigest(table: string, siteId: string, period: string, username: string, claimedAt: Date): Promise<void> {
  try {
    await dynamoDb.send(new DeleteCommand({
      TableName: table, Key: keys.digestSent(siteId, period, username),
      ConditionExpression: '#status = :sending AND claimedAt = :at',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sending': 'sending', ':at': claimedAt.toISOString() },
    }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
