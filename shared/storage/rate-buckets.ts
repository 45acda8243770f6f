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
//
// Requests for the same bucket that wait in one process while its update is in flight share the next
// update (a group commit): it takes as many tokens as fit, for the first of them in arrival order, with
// the same conditions, so the bucket hands out exactly what one update per request would. Where a
// process serves one request at a time (a Lambda execution environment) nothing ever waits and each
// request has its own update; the local runtime, which serves every request in one process, writes a
// busy bucket once per round trip instead of once per request.
//
// Each process also remembers the last `tat` it saw per bucket. No update ever moves `tat` earlier, so
// that is a lower bound of the stored one: a request it already shows to be over budget is refused
// without a write, and an update starts on the side of the maximum it shows.

/** Remembered buckets, beyond which those already full again (which say nothing) are forgotten. */
const REMEMBERED_BUCKETS = 10_000;
const seenTat = new Map<string, number>();

function remember(key: string, tat: number, nowMs: number): void {
  if (seenTat.size >= REMEMBERED_BUCKETS) {
    for (const [bucket, due] of seenTat) if (due < nowMs) seenTat.delete(bucket);
  }
  seenTat.set(key, Math.max(tat, seenTat.get(key) ?? tat));
}

/** Forgets what this process saw of every bucket (tests that start each bucket afresh). */
export function forgetSeenBuckets(): void {
  seenTat.clear();
}

const ATTEMPTS = 4;

/** How many of `wanted` tokens a bucket due full at `tat` has at `nowMs`, by the same arithmetic as the update's condition. */
function tokensFree(tat: number, nowMs: number, interval: number, perMinute: number, wanted: number): number {
  let granted = Math.min(wanted, Math.floor((nowMs + interval * perMinute - tat) / interval));
  while (granted > 0 && tat > nowMs + interval * (perMinute - granted)) granted--;
  return Math.max(granted, 0);
}

/**
 * Takes up to `wanted` tokens at once; returns how many it took and, when fewer than wanted, the
 * milliseconds until the bucket has one again.
 */
async function takeTokens(table: string, hash: string, nowMs: number, perMinute: number, wanted: number): Promise<{ granted: number; waitMs: number }> {
  const interval = 60_000 / perMinute;
  const latestForOne = nowMs + interval * (perMinute - 1);
  const key = `${table}\n${hash}`;
  let tat = seenTat.get(key);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const queued = tat !== undefined && tat >= nowMs;
    const granted = queued ? tokensFree(tat ?? nowMs, nowMs, interval, perMinute, wanted) : Math.min(wanted, perMinute);
    if (granted === 0) return { granted, waitMs: (tat ?? nowMs) - latestForOne };
    const latest = nowMs + interval * (perMinute - granted);
    // Once `tat` has passed, the item says no more than its absence: it may expire then.
    const expiresAt = Math.ceil((nowMs + interval * perMinute) / 1000);
    try {
      await dynamoDb.send(new UpdateCommand({
        TableName: table,
        Key: keys.rate(hash),
        ...(queued
          ? { UpdateExpression: 'SET #tat = #tat + :interval, #ttl = :ttl', ConditionExpression: '#tat BETWEEN :now AND :latest', ExpressionAttributeValues: { ':interval': interval * granted, ':now': nowMs, ':latest': latest, ':ttl': expiresAt } }
          : { UpdateExpression: 'SET #tat = :next, #ttl = :ttl', ConditionExpression: 'attribute_not_exists(#tat) OR #tat < :now', ExpressionAttributeValues: { ':next': nowMs + interval * granted, ':now': nowMs, ':ttl': expiresAt } }),
        ExpressionAttributeNames: { '#tat': 'tat', '#ttl': TTL_ATTRIBUTE },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }));
      // Fewer than wanted only when these were the last: the next is due once the new `tat` leaves room.
      const newTat = (queued ? tat ?? nowMs : nowMs) + interval * granted;
      remember(key, newTat, nowMs);
      return { granted, waitMs: Math.max(newTat - latestForOne, 1) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Another process moved `tat` since: retry on the side of the maximum it is on now.
      const stored = Number(error.Item?.['tat']?.N);
      tat = Number.isFinite(stored) ? stored : undefined;
      if (tat !== undefined) remember(key, tat, nowMs);
    }
  }
  // Lost every race to other processes taking from the same source: it is busy enough to wait an interval.
  return { granted: 0, waitMs: interval };
}

interface Waiter {
  readonly nowMs: number;
  readonly resolve: (waitMs: number) => void;
  readonly reject: (error: unknown) => void;
}

/** Per bucket with an update in flight: the requests waiting for the next one. */
const waiting = new Map<string, Waiter[]>();

async function serve(key: string, table: string, hash: string, perMinute: number, first: Waiter[]): Promise<void> {
  let batch = first;
  while (batch.length > 0) {
    try {
      // The earliest clock of the batch: later requests see a bucket refilled no further than it was for it.
      const { granted, waitMs } = await takeTokens(table, hash, Math.min(...batch.map((w) => w.nowMs)), perMinute, batch.length);
      batch.forEach((waiter, index) => waiter.resolve(index < granted ? 0 : waitMs));
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
    batch = waiting.get(key) ?? [];
    waiting.set(key, []);
  }
  waiting.delete(key);
}

/** Takes one token; returns 0 when taken, else the milliseconds until the bucket has one again. */
export function takeToken(table: string, hash: string, nowMs: number, perMinute: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const key = `${table}\n${hash}\n${perMinute}`;
    const queue = waiting.get(key);
    if (queue !== undefined) {
      queue.push({ nowMs, resolve, reject });
      return;
    }
    waiting.set(key, []);
    void serve(key, table, hash, perMinute, [{ nowMs, resolve, reject }]);
  });
}
