import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ADMIN_CLIENT_ID } from '../../infra/local/auth-clients.ts';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { signJwt } from '../../infra/local/token-issuer.ts';
import { routes } from '../../infra/topology.ts';
import { auditEntries } from '../../shared/storage/audit.ts';
import { getUser } from '../../shared/storage/users.ts';
import { useLocalStack } from '../support/local-stack.ts';

// Every staff and integration route of the topology refuses what it must, through the gateway and the
// same verifier the Lambdas use in AWS; then who may read which figures.

const stack = useLocalStack({ rateLimitPerMinute: 1000 });
const bearerRoutes = routes.filter((r) => r.access === 'staff' || r.access === 'integration');
const today = new Date().toISOString().slice(0, 10);
const METRICS = `/v1/admin/metrics?site=demo&from=${today}&to=${today}`;

/** A concrete URL for a route: path parameters filled, the query a valid call needs. */
const urlFor = (path: string) => (path === '/v1/admin/metrics' ? METRICS : path.replace(/\{[^}]+\}/g, 'x'));

async function idToken(username: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const user = await getUser(TABLE_NAME, username);
  if (user === undefined) throw new Error(`no demo user ${username}`);
  return stack().issuer.idTokenFor(user, overrides);
}

async function call(path: string, token?: string, method = 'GET'): Promise<Response> {
  return fetch(`${stack().baseUrl}${path}`, { method, redirect: 'manual', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
}

async function machineToken(): Promise<string> {
  const { clientId, secret } = stack().issuer.machineClient;
  const response = await fetch(`${stack().issuer.url}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('access_token' in body) || typeof body.access_token !== 'string') throw new Error('no access token');
  return body.access_token;
}

describe('every staff and integration route', () => {
  it('exists in the topology', () => {
    expect(bearerRoutes.length).toBeGreaterThan(0);
  });

  it.each(bearerRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses a missing, expired, wrongly signed and wrong-audience token with 401', async (_key, route) => {
    const now = Math.floor(Date.now() / 1000);
    const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const genuine = await idToken('manager');
    const [header = '', payload = ''] = genuine.split('.');
    const tokens: Record<string, string | undefined> = {
      missing: undefined,
      expired: await idToken('manager', { iat: now - 7200, exp: now - 3600 }),
      'wrongly signed': signJwt(foreignKey, stack().issuer.kid, JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>),
      'wrong audience': await idToken('manager', { aud: 'another-app' }),
      'signature stripped': `${header}.${payload}.`,
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const response = await call(urlFor(route.path), token, route.method);
      expect(response.status, `${kind} token`).toBe(401);
      expect(response.headers.get('content-type'), kind).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate'), kind).toBe('Bearer');
    }
  });

  it('lets the admin pages answer a missing or forged session with the sign-in, never the page', async () => {
    const noCookie = await call('/admin');
    expect(noCookie.status).toBe(302);
    expect(noCookie.headers.get('location')).toBe('/admin/sign-in');
    const forged = await fetch(`${stack().baseUrl}/admin`, { redirect: 'manual', headers: { cookie: `pf_session=${await idToken('manager', { aud: 'another-app' })}` } });
    expect(forged.status).toBe(302);
    const signOut = await fetch(`${stack().baseUrl}/admin/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie: `pf_session=${await idToken('manager')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=guess' });
    expect(signOut.status).toBe(403);
  });
});

describe('who may read which figures', () => {
  const cases: readonly [who: string, path: string, status: number][] = [
    ['manager', METRICS, 200],
    ['manager', `/v1/admin/metrics?site=other-hospital&from=${today}&to=${today}`, 404],
    ['office', METRICS, 200],
    ['head', `${METRICS}&department=emergency`, 200],
    ['cardio', `${METRICS}&department=cardiology-ward`, 200],
    ['cardio', `${METRICS}&department=orthopaedics-ward`, 404],
    ['cardio', METRICS, 404],
    ['callback', `${METRICS}&department=cardiology-ward`, 403],
    ['admin', METRICS, 403],
  ];
  it.each(cases)('%s GET %s → %i', async (who, path, status) => {
    expect((await call(path, await idToken(who))).status).toBe(status);
  });

  it('refuses the machine client on every staff route with 403', async () => {
    const token = await machineToken();
    expect((await call(METRICS, token)).status).toBe(403);
    expect((await call('/v1/admin/complaints?site=demo', token)).status).toBe(403);
    expect((await call('/v1/admin/complaints/any-id', token)).status).toBe(403);
  });

  // Every demo role against the complaint inbox (the case-level checks are in admin-complaints.test.ts).
  const inbox: readonly [who: string, status: number][] = [['office', 200], ['head', 200], ['cardio', 200], ['callback', 403], ['manager', 403], ['admin', 403]];
  it.each(inbox)('%s GET /v1/admin/complaints → %i', async (who, status) => {
    expect((await call('/v1/admin/complaints?site=demo', await idToken(who))).status).toBe(status);
  });

  it('refuses an ID token of a user whose groups name no role', async () => {
    expect((await call(METRICS, await idToken('manager', { 'cognito:groups': ['visitors'] }))).status).toBe(403);
  });
});

describe('sign-in at the local issuer', () => {
  async function signInForm(username: string, password: string): Promise<Response> {
    const start = await call('/admin/sign-in');
    const authorize = new URL(start.headers.get('location') ?? '');
    const form = new URLSearchParams(authorize.searchParams);
    form.set('username', username);
    form.set('password', password);
    return fetch(`${stack().issuer.url}/oauth2/authorize`, { method: 'POST', redirect: 'manual', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  it('records sign-ins and failed sign-ins, and slows an account down after repeated failures', async () => {
    expect((await signInForm('head', 'Head-demo-2026')).status).toBe(302);
    for (let i = 0; i < 4; i++) expect((await signInForm('head', 'wrong-password')).status).toBe(401);
    const slowed = await signInForm('head', 'Head-demo-2026');
    expect(slowed.status).toBe(429);
    expect(await slowed.text()).toContain('Too many attempts');

    const entries = (await auditEntries(TABLE_NAME, new Date().toISOString().slice(0, 10))).filter((e) => e.actor === 'user:head');
    expect(entries.filter((e) => e.outcome === 'success' && e.action === 'sign-in')).toHaveLength(1);
    expect(entries.filter((e) => e.outcome === 'failure')).toHaveLength(5);
  });

  it('only returns to a registered redirect URI', async () => {
    const start = await call('/admin/sign-in');
    const authorize = new URL(start.headers.get('location') ?? '');
    authorize.searchParams.set('redirect_uri', 'https://evil.example/steal');
    expect((await fetch(authorize)).status).toBe(400);
    expect(authorize.searchParams.get('client_id')).toBe(ADMIN_CLIENT_ID);
  });
});
