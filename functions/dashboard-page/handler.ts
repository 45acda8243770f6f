import { csrfToken } from '../../shared/auth/session.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { readSession, staffPage, toSignIn } from '../../shared/http/staff-pages.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { showDashboard } from '../../shared/reporting/dashboard-page.ts';

const table = requireEnv(env.tableName);

/** GET /admin: the satisfaction dashboard of the signed-in user's scope. */
export const handler = httpFunction(async (event) => {
  const current = await readSession(event);
  if (current === undefined || current.identity.kind !== 'user') return toSignIn(event);
  const key = await signingKey();
  return staffPage('shown', await showDashboard(table, current.identity, csrfToken(key, current.token), new Date()));
});
