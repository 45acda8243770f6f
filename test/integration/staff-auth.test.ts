import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ADMIN_CLIENT_ID } from '../../infra/local/auth-clients.ts';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { signJwt } from '../../infra/local/token-issuer.ts';
import { routes } from '../../infra/topology.ts';
import { hashPassword } from '../../shared/auth/password.ts';
import { signInStanding } from '../../shared/auth/sign-in.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { auditEntries, NO_SITE } from '../../shared/storage/audit.ts';
import { createUserIfAbsent, getUser } from '../../shared/storage/users.ts';
import { SESSION_COOKIE } from '../../shared/http/staff.ts';
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

  it.each(bearerRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses a missing, expired, wrongly signed, wrong-audience, unexpiring, future or sessionless token with 401', async (_key, route) => {
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
      'no expiry': await idToken('manager', { exp: undefined }),
      'issued in the future': await idToken('manager', { iat: now + 3600, exp: now + 7200 }),
      'no session id': await idToken('manager', { jti: undefined, origin_jti: undefined }),
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
    expect(noCookie.headers.get('location')).toBe('/admin/sign-in?next=%2Fadmin');
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

/** The issuer's sign-in form, as the admin pages' sign-in sends a browser to it. */
async function startSignIn(): Promise<{ params: URLSearchParams; oauthCookie: string }> {
  const start = await call('/admin/sign-in');
  const oauthCookie = start.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('pf_oauth=')) ?? '';
  return { params: new URL(start.headers.get('location') ?? '').searchParams, oauthCookie };
}

async function postSignIn(params: URLSearchParams, username: string, password: string): Promise<Response> {
  const form = new URLSearchParams(params);
  form.set('username', username);
  form.set('password', password);
  return fetch(`${stack().issuer.url}/oauth2/authorize`, { method: 'POST', redirect: 'manual', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

async function signInForm(username: string, password: string): Promise<Response> {
  return postSignIn((await startSignIn()).params, username, password);
}

const FRESH_PASSWORD = 'Fresh-demo-2026';
let freshHash: Promise<string> | undefined;

/** A local account made for one test, so its failed sign-ins are its own (one scrypt hash for them all). */
async function freshUser(username: string): Promise<void> {
  freshHash ??= hashPassword(FRESH_PASSWORD);
  expect(await createUserIfAbsent(TABLE_NAME, { username, name: username, passwordHash: await freshHash, roles: ['manager'], sites: ['demo'], departments: [], disabled: false })).toBe(true);
}

const signingKey = () => Buffer.from(stack().env[env.signingKey] ?? '', 'base64');

/** The wait the issuer's page names: "try again in N s". */
const retryAfter = (page: string) => Number(/try again in (\d+) s/.exec(page)?.[1]);

describe('sign-in at the local issuer', () => {
  it('records sign-ins and failed sign-ins, and slows an account down after repeated failures', async () => {
    expect((await signInForm('head', 'Head-demo-2026')).status).toBe(302);
    for (let i = 0; i < 4; i++) expect((await signInForm('head', 'wrong-password')).status).toBe(401);
    const slowed = await signInForm('head', 'Head-demo-2026');
    expect(slowed.status).toBe(429);
    expect(await slowed.text()).toContain('Too many attempts');

    const day = new Date().toISOString().slice(0, 10);
    const entries = (await auditEntries(TABLE_NAME, 'demo', day)).filter((e) => e.actor === 'user:head');
    expect(entries.filter((e) => e.outcome === 'success' && e.action === 'sign-in')).toHaveLength(1);
    expect(entries.filter((e) => e.outcome === 'failure')).toHaveLength(4);
    // The attempt refused unread (the account is not read while the name is slowed) belongs to no site.
    const unread = (await auditEntries(TABLE_NAME, NO_SITE, day)).filter((e) => e.actor === 'user:head');
    expect(unread.map((e) => e.detail)).toEqual(['slowed down after repeated failures']);
  });

  it('slows 16 parallel wrong passwords exactly as 16 in a row: all counted, the fifth on refused unchecked', async () => {
    await freshUser('burst-parallel');
    await freshUser('burst-sequential');
    const { params } = await startSignIn();

    const parallel = await Promise.all(Array.from({ length: 16 }, () => postSignIn(params, 'burst-parallel', 'Wrong-password-1')));
    const sequential: Response[] = [];
    for (let i = 0; i < 16; i++) sequential.push(await postSignIn(params, 'burst-sequential', 'Wrong-password-1'));

    const expected = [...Array<number>(4).fill(401), ...Array<number>(12).fill(429)];
    expect(parallel.map((r) => r.status).sort()).toEqual(expected);
    expect(sequential.map((r) => r.status)).toEqual(expected);
    for (const username of ['burst-parallel', 'burst-sequential']) {
      expect((await signInStanding(TABLE_NAME, signingKey(), username)).failures, username).toBe(16);
      // Sixteen failures: the longest wait (15 minutes), even for the right password.
      const next = await postSignIn(params, username, FRESH_PASSWORD);
      expect(next.status, username).toBe(429);
      expect(retryAfter(await next.text()), username).toBeGreaterThan(600);
    }
  });

  it('answers an unknown name as a known one: the same statuses and pages, attempt after attempt', async () => {
    await freshUser('known-name');
    const { params } = await startSignIn();
    const answers = async (username: string) => {
      const pages: { status: number; body: string }[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await postSignIn(params, username, 'Wrong-password-1');
        pages.push({ status: response.status, body: await response.text() });
      }
      return pages;
    };

    const [known, unknown] = await Promise.all([answers('known-name'), answers('no-such-name')]);

    expect(known.map((p) => p.status)).toEqual([401, 401, 401, 401, 429]);
    expect(unknown.map((p) => p.status)).toEqual(known.map((p) => p.status));
    // The same pages, but for the seconds left to wait, which a second's tick may change.
    const withoutWait = (page: string) => page.replace(/\d+ 秒/, 'N 秒').replace(/in \d+ s/, 'in N s');
    expect(unknown.map((p) => withoutWait(p.body))).toEqual(known.map((p) => withoutWait(p.body)));
    expect(retryAfter(unknown[4]?.body ?? '')).toBeGreaterThan(0);
    expect(retryAfter(unknown[4]?.body ?? '')).toBeLessThanOrEqual(30);
  });

  it('only returns to a registered redirect URI', async () => {
    const start = await call('/admin/sign-in');
    const authorize = new URL(start.headers.get('location') ?? '');
    authorize.searchParams.set('redirect_uri', 'https://evil.example/steal');
    expect((await fetch(authorize)).status).toBe(400);
    expect(authorize.searchParams.get('client_id')).toBe(ADMIN_CLIENT_ID);
  });
});

describe('sign-out', () => {
  /** The whole round trip, as a browser makes it; returns the session cookie's value. */
  async function signInThroughIssuer(username: string, password: string): Promise<string> {
    const { params, oauthCookie } = await startSignIn();
    const authorized = await postSignIn(params, username, password);
    expect(authorized.status).toBe(302);
    const callback = await fetch(authorized.headers.get('location') ?? '', { redirect: 'manual', headers: { cookie: oauthCookie } });
    expect(callback.status).toBe(200);
    const session = callback.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('pf_session='));
    return session?.slice('pf_session='.length) ?? '';
  }

  const adminPage = (session: string) => fetch(`${stack().baseUrl}/admin`, { redirect: 'manual', headers: { cookie: `pf_session=${session}` } });

  /** The dashboard's sign-out button: a same-origin form post with the session's CSRF token. */
  const postSignOut = (session: string, csrf: string) => fetch(`${stack().baseUrl}/admin/sign-out`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ csrf }),
    headers: { cookie: `pf_session=${session}`, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  });

  const csrfOf = async (page: Response) => /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';

  it('ends the session on the server: the old cookie and the same token as a bearer are refused at once', async () => {
    const session = await signInThroughIssuer('manager', 'Manager-demo-2026');
    const page = await adminPage(session);
    expect(page.status).toBe(200);
    expect((await call(METRICS, session)).status).toBe(200);
    const csrf = await csrfOf(page);

    const signOut = await postSignOut(session, csrf);
    expect(signOut.status).toBe(302);
    expect(signOut.headers.get('location')?.startsWith(`${stack().issuer.url}/logout?`)).toBe(true);

    const after = await adminPage(session);
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/admin/sign-in?next=%2Fadmin');
    const bearer = await call(METRICS, session);
    expect(bearer.status).toBe(401);
    expect(bearer.headers.get('www-authenticate')).toBe('Bearer');
    // Signing out again with the old cookie is refused too.
    const again = await postSignOut(session, csrf);
    expect(again.status).toBe(403);
  });

  it('ends only that session: another sign-in of the same user keeps working', async () => {
    const first = await signInThroughIssuer('office', 'Office-demo-2026');
    const second = await signInThroughIssuer('office', 'Office-demo-2026');
    const csrf = await csrfOf(await adminPage(first));

    const signOut = await postSignOut(first, csrf);
    expect(signOut.status).toBe(302);

    expect((await adminPage(first)).status).toBe(302);
    expect((await adminPage(second)).status).toBe(200);
    // The inbox reads while the session is looked up, and still answers a signed-out one with sign-in only.
    const inbox = (session: string) => fetch(`${stack().baseUrl}/admin/complaints`, { redirect: 'manual', headers: { cookie: `pf_session=${session}` } });
    const [signedOut, signedIn] = await Promise.all([inbox(first), inbox(second)]);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('location')).toBe('/admin/sign-in?next=%2Fadmin%2Fcomplaints');
    expect(await signedOut.text()).toBe('');
    expect(signedIn.status).toBe(200);
    expect((await call(METRICS, second)).status).toBe(200);
  });
});

describe('the pages\' site picker', () => {
  it('names the user\'s other sites on the complaint inbox and the dashboard', async () => {
    // Prepare: an office head of the hospital and the community centre
    expect(await createUserIfAbsent(TABLE_NAME, { username: 'two-sites', name: '两院区主任', passwordHash: await hashPassword('Two-sites-2026!'), roles: ['office-head'], sites: ['demo', 'community'], departments: [], disabled: false })).toBe(true);
    const cookie = `${SESSION_COOKIE}=${await idToken('two-sites')}`;
    const page = async (path: string) => (await fetch(`${stack().baseUrl}${path}`, { headers: { cookie, 'accept-language': 'zh-CN' } })).text();

    // Act
    const [inbox, communityInbox, dashboard] = await Promise.all([page('/admin/complaints'), page('/admin/complaints?site=community'), page('/admin?site=community')]);

    // Assess
    expect(inbox).toMatch(/其他院区 · Other sites: <a href="[^"]*site=community[^"]*">示范区城东社区卫生服务中心<\/a>/u);
    expect(communityInbox).toMatch(/其他院区 · Other sites: <a href="[^"]*site=demo[^"]*">示范区人民医院<\/a>/u);
    for (const name of ['示范区人民医院', '示范区城东社区卫生服务中心']) expect(dashboard).toContain(name);
    expect(dashboard).not.toContain('示范区精神卫生中心');
  });
});
