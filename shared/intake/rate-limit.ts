import { createHmac } from 'node:crypto';
import { RateLimitedError } from '../platform/domain-errors.ts';
import { countInWindow } from '../storage/rate-windows.ts';

// Public routes are rate limited per source in fixed one-minute windows. The source address is never
// stored: the window item is keyed by an HMAC of it under a salt derived from the signing key and the
// UTC day, so hashes cannot be linked across days, and the item expires (TTL) soon after its window.

export const WINDOW_SECONDS = 60;

export interface RateWindow {
  readonly hash: string;
  readonly windowEnd: number;
}

export function rateWindow(key: Buffer, source: string, now: Date): RateWindow {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % WINDOW_SECONDS);
  const salt = createHmac('sha256', key).update(`rate-salt:${now.toISOString().slice(0, 10)}`).digest();
  const hash = createHmac('sha256', salt).update(`${source}|${windowStart}`).digest('base64url').slice(0, 22);
  return { hash, windowEnd: windowStart + WINDOW_SECONDS };
}

/** Counts one request from `source`; throws the 429 problem (with Retry-After) once over `limit` a minute. */
export async function enforceRateLimit(table: string, key: Buffer, source: string, limit: number, now = new Date()): Promise<void> {
  const window = rateWindow(key, source, now);
  const counted = await countInWindow(table, window.hash, limit, window.windowEnd + WINDOW_SECONDS);
  if (!counted) throw new RateLimitedError(Math.max(1, window.windowEnd - Math.floor(now.getTime() / 1000)));
}
