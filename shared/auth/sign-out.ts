import { globalSignOut } from '../aws/cognito.ts';
import { recordAudit } from '../storage/audit.ts';
import { revokeSession } from '../storage/revoked-sessions.ts';
import { actorOf, type UserIdentity } from './identity.ts';
import type { SessionRef } from './verify.ts';

// Signing out ends the session on the server, not only in the browser: its id is revoked until its token
// would have expired, and every staff request checks it (verify.ts), so the old cookie or a copy of the
// token is refused from the next request on. In AWS, Cognito's global sign-out is called first, so a
// failure there leaves the session whole and the sign-out can simply be tried again.

export async function signOut(table: string, user: UserIdentity, session: SessionRef, userPoolId: string | undefined, now = new Date()): Promise<void> {
  if (userPoolId !== undefined) await globalSignOut(userPoolId, user.username);
  await revokeSession(table, session.id, session.expiresAt, now);
  await recordAudit(table, { actor: actorOf(user), action: 'sign-out', outcome: 'success', sites: user.sites }, now);
}
