import { createHmac } from 'node:crypto';
import { DomainError, RateLimitedError } from '../platform/domain-errors.ts';
import { takeToken } from '../storage/rate-buckets.ts';
import { deviceIdOf } from './device.ts';
import type { RateLimits } from './rate-limit-settings.ts';

// Public routes are rate limited in token buckets (shared/storage/rate-buckets.ts), one per source and
// budget. Patients of one hospital share its guest Wi-Fi's address, so the address's budget is sized for
// the whole hospital and one device is held to a device's budget; refused bodies have a budget of their
// own, so junk from a broken client cannot use up the patients'. Neither the address nor the device id
// is stored: a bucket is keyed by an HMAC of them under a salt derived from the signing key and the UTC
// day, so hashes cannot be linked across days, and the item expires (TTL) a minute after its last use.

/** Who is asking, as far as the rate limit needs to know. */
export interface RequestSource {
  readonly table: string;
  readonly key: Buffer;
  readonly sourceIp: string;
  /** The page's device cookie as the request sent it (verified here). */
  readonly deviceCookie?: string | undefined;
  readonly rateLimits: RateLimits;
}

export type Budget = 'address' | 'device' | 'refused' | 'lookup';

/** The salted hash a bucket is keyed by; `subject` is what it counts (an address, a device). */
export function bucketHash(key: Buffer, budget: Budget, subject: string, now: Date): string {
  const salt = createHmac('sha256', key).update(`rate-salt:${now.toISOString().slice(0, 10)}`).digest();
  return createHmac('sha256', salt).update(`${budget}|${subject}`).digest('base64url').slice(0, 22);
}

async function take(source: RequestSource, budget: Budget, subject: string, perMinute: number, now: Date): Promise<void> {
  const waitMs = await takeToken(source.table, bucketHash(source.key, budget, subject, now), now.getTime(), perMinute);
  if (waitMs > 0) throw new RateLimitedError(Math.ceil(waitMs / 1000));
}

/**
 * Runs `check` (a public body's schema and department code) and charges its outcome: a refusal (any
 * domain error) to the address's refused budget, answering 429 instead once that is spent; a well-formed
 * submission to its device's budget, then, only if the device is within it, to the address's. A client
 * without the page's cookie (a script, an old page) counts as the one cookieless device of its address.
 */
export async function limitSubmission<T>(source: RequestSource, now: Date, check: () => Promise<T>): Promise<T> {
  const { perAddress, perDevice, refused } = source.rateLimits;
  let checked: T;
  try {
    checked = await check();
  } catch (error) {
    if (error instanceof DomainError) await take(source, 'refused', `address:${source.sourceIp}`, refused, now);
    throw error;
  }
  const device = deviceIdOf(source.key, source.deviceCookie);
  await take(source, 'device', device === undefined ? `address:${source.sourceIp}` : `device:${device}`, perDevice, now);
  await take(source, 'address', `address:${source.sourceIp}`, perAddress, now);
  return checked;
}

/** A tracking look-up, in its own budget per address: codes are 80 bits, and this stops trying them in bulk. */
export async function limitLookup(source: RequestSource, now = new Date()): Promise<void> {
  await take(source, 'lookup', `address:${source.sourceIp}`, source.rateLimits.perAddress, now);
}
