import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';
import { keys, TTL_ATTRIBUTE } from './keys.ts';

// One item per (hashed source, budget): a token bucket of `perMinute` tokens refilled at `perMinute` a
// minute, kept as the one number of the generic cell rate algorithm (GCRA): `tat`, the time (epoch ms)
// at which the bucket will be full again. A request at `now` is let through unless `tat` is more than
// `perMinute - 1` intervals ahead of `now`, and pushes `tat` one interval (60 s / perMinute) later. So a
// bucket lets `perMinute` through at once, then one per interval: no window boundary to burst across.
// The item is written with conditional updates, never read first: new tat = max(tat, now) + interval,
// and DynamoDB cannot take a maximum, so there are two updates, one for each side of the maximum, and a
// failed condition returns the stored `tat` (ReturnValuesOnConditionCheckFailure) to pick the right one.

const ATTEMPTS = 4;

/** Takes one token; returns 0 when taken, else the milliseconds until the bucket has one again. */
export async function takeToken(table: string, hash: string, nowMs: number, perMinute: number): Promise<number> {
  const interval = 60_000 / perMinute;
  const latest = nowMs + interval * (perMinute - 1);
  // Once `tat` has passed, the item says no more than its absence: it may expire then.
  const expiresAt = Math.ceil((latest + interval) / 1000);
  let tat: number | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (tat !== undefined && tat > latest) return tat - latest;
    const queued = tat !== undefined && tat >= nowMs;
    try {
      await dynamoDb.send(new UpdateCommand({
        TableName: table,
        Key: keys.rate(hash),
        ...(queued
          ? { UpdateExpression: 'SET #tat = #tat + :interval, #ttl = :ttl', ConditionExpression: '#tat BETWEEN :now AND :latest', ExpressionAttributeValues: { ':interval': interval, ':now': nowMs, ':latest': latest, ':ttl': expiresAt } }
          : { UpdateExpression: 'SET #tat = :next, #ttl = :ttl', ConditionExpression: 'attribute_not_exists(#tat) OR #tat < :now', ExpressionAttributeValues: { ':next': nowMs + interval, ':now': nowMs, ':ttl': expiresAt } }),
        ExpressionAttributeNames: { '#tat': 'tat', '#ttl': TTL_ATTRIBUTE },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }));
      return 0;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Another request moved `tat` since: retry on the side of the maximum it is on now.
      const stored = Number(error.Item?.['tat']?.N);
      tat = Number.isFinite(stored) ? stored : undefined;
    }
  }
  // Lost every race to other requests from the same source: it is busy enough to wait an interval.
  return interval;
}
