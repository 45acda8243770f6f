import { recordAudit } from '../storage/audit.ts';
import { clearSignInAttempts, countSignInAttempt, signInAttempts } from '../storage/sign-in-attempts.ts';
import { getUser, type StaffUser } from '../storage/users.ts';
import { UNMATCHABLE_HASH, verifyPassword } from './password.ts';
import { purposeMac } from './session.ts';

// Password sign-in for the local issuer (Cognito does this in AWS). Every attempt on a name is counted
// before the password is checked, in one atomic update, so parallel attempts count as many as attempts
// one after another. From the fourth on, an attempt made before the wait of the ones before it has run
// out is refused unchecked (and counted too); each one doubles that wait, up to 15 minutes. Unknown names
// take the same path, counted under the same kind of item, so the answers do not list the accounts.

const FREE_FAILURES = 3;
const MAX_WAIT_SECONDS = 15 * 60;
/** Failures are forgotten a day after the last attempt (or at a successful sign-in). */
const FORGET_AFTER_SECONDS = 24 * 3600;

export type SignInResult =
  | { readonly ok: true; readonly user: StaffUser }
  | { readonly ok: false; readonly reason: 'invalid' | 'disabled' }
  | { readonly ok: false; readonly reason: 'slowed'; readonly retryAfterSeconds: number };

/** Seconds to wait, after `failures` failed attempts, before the next one is checked. */
export function waitAfterFailures(failures: number): number {
  return failures <= FREE_FAILURES ? 0 : Math.min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_FAILURES) * 15);
}

/** The counter's key: a keyed hash, so a typed name (perhaps someone's phone number) is never stored. */
export function signInNameHash(key: Buffer, username: string): string {
  return purposeMac(key, 'sign-in', username).slice(0, 22);
}

export interface SignInStanding {
  readonly failures: number;
  /** Epoch seconds from which the next attempt is checked. */
  readonly readyAt: number;
}

/** Where a name stands: its failed attempts and when the next one will be checked (the `users list` command). */
export async function signInStanding(table: string, key: Buffer, username: string): Promise<SignInStanding> {
  const { attempts, lastAttemptAt } = await signInAttempts(table, signInNameHash(key, username));
  return { failures: attempts, readyAt: lastAttemptAt + waitAfterFailures(attempts) };
}

export async function signIn(table: string, key: Buffer, username: string, password: string, now = new Date()): Promise<SignInResult> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // In the trail of each of the person's sites; a name nobody has, or an attempt refused unread, belongs to no site.
  const audit = (sites: readonly string[], outcome: 'success' | 'failure', detail?: string) =>
    recordAudit(table, { actor: `user:${username}`, action: 'sign-in', outcome, sites, ...(detail === undefined ? {} : { detail }) }, now);
  const nameHash = signInNameHash(key, username);
  const before = await countSignInAttempt(table, nameHash, nowSeconds, nowSeconds + FORGET_AFTER_SECONDS);
  const readyAt = before.lastAttemptAt + waitAfterFailures(before.attempts);
  if (readyAt > nowSeconds) {
    // Refused unread, as a flood must stay cheap: so this entry belongs to no site.
    await audit([], 'failure', 'slowed down after repeated failures');
    return { ok: false, reason: 'slowed', retryAfterSeconds: readyAt - nowSeconds };
  }
  const user = await getUser(table, username);
  const matches = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH);
  if (user === undefined || !matches) {
    await audit(user?.sites ?? [], 'failure', user === undefined ? 'unknown user' : 'wrong password');
    return { ok: false, reason: 'invalid' };
  }
  if (user.disabled) {
    await audit(user.sites, 'failure', 'account disabled');
    return { ok: false, reason: 'disabled' };
  }
  await clearSignInAttempts(table, nameHash);
  await audit(user.sites, 'success');
  return { ok: true, user };
}
