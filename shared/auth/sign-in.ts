import { recordAudit } from '../storage/audit.ts';
import { getUser, recordSignInResult, type StaffUser } from '../storage/users.ts';
import { verifyPassword } from './password.ts';

// Password sign-in for the local issuer (Cognito does this in AWS). Repeated failures slow an account
// down: from the fourth failure on, each one doubles the wait before the next attempt (up to 15 min).

const FREE_FAILURES = 3;
const MAX_WAIT_SECONDS = 15 * 60;

export type SignInResult =
  | { readonly ok: true; readonly user: StaffUser }
  | { readonly ok: false; readonly reason: 'invalid' | 'disabled' }
  | { readonly ok: false; readonly reason: 'slowed'; readonly retryAfterSeconds: number };

export function waitAfterFailures(failures: number): number {
  return failures <= FREE_FAILURES ? 0 : Math.min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_FAILURES) * 15);
}

export async function signIn(table: string, username: string, password: string, now = new Date()): Promise<SignInResult> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const user = await getUser(table, username);
  const audit = (outcome: 'success' | 'failure', detail?: string) =>
    recordAudit(table, { actor: `user:${username}`, action: 'sign-in', outcome, ...(detail === undefined ? {} : { detail }) }, now);
  if (user === undefined) {
    // Same work as a real check, so an unknown name is not told apart by timing.
    await verifyPassword(password, 'scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await audit('failure', 'unknown user');
    return { ok: false, reason: 'invalid' };
  }
  if (user.lockedUntil > nowSeconds) {
    await audit('failure', 'slowed down after repeated failures');
    return { ok: false, reason: 'slowed', retryAfterSeconds: user.lockedUntil - nowSeconds };
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    const failedSignIns = user.failedSignIns + 1;
    await recordSignInResult(table, username, { failedSignIns, lockedUntil: nowSeconds + waitAfterFailures(failedSignIns) });
    await audit('failure', 'wrong password');
    return { ok: false, reason: 'invalid' };
  }
  if (user.disabled) {
    await audit('failure', 'account disabled');
    return { ok: false, reason: 'disabled' };
  }
  if (user.failedSignIns > 0) await recordSignInResult(table, username, { failedSignIns: 0, lockedUntil: 0 });
  await audit('success');
  return { ok: true, user };
}
