import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identityFromClaims } from '../../../shared/auth/identity.ts';
import { passwordProblem, hashPassword, UNMATCHABLE_HASH, verifyPassword } from '../../../shared/auth/password.ts';
import { authorizeUrl, csrfToken, oauthCookieValue, readOauthCookie, safeNextPath, setCookie, startPkce, validCsrfToken } from '../../../shared/auth/session.ts';
import { waitAfterFailures } from '../../../shared/auth/sign-in.ts';

const key = randomBytes(32);

describe('the sign-in round trip', () => {
  it('uses an S256 PKCE challenge of its verifier and a fresh state each time', () => {
    const a = startPkce();
    const b = startPkce();
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(a.verifier.length).toBeGreaterThanOrEqual(43);
    expect(a.state).not.toBe(b.state);
    const url = new URL(authorizeUrl('https://staff.auth.cn-north-1.amazoncognito.com/', 'client', 'https://api/admin/callback', a));
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: 'client', code_challenge: a.challenge, code_challenge_method: 'S256', state: a.state });
  });

  it('reads back only the oauth cookie it signed', () => {
    const pkce = startPkce();
    const value = oauthCookieValue(key, pkce);
    expect(readOauthCookie(key, value)).toEqual({ state: pkce.state, verifier: pkce.verifier, next: '/admin' });
    expect(readOauthCookie(randomBytes(32), value)).toBeUndefined();
    expect(readOauthCookie(key, value.replace(pkce.state, startPkce().state))).toBeUndefined();
    expect(readOauthCookie(key, undefined)).toBeUndefined();
  });

  it('carries the page that asked for sign-in back, signed', () => {
    const pkce = startPkce();
    const value = oauthCookieValue(key, pkce, '/admin/complaints/abc?saved=1');
    expect(readOauthCookie(key, value)?.next).toBe('/admin/complaints/abc?saved=1');
    const [state, verifier, , mac] = value.split('.');
    const forged = `${state}.${verifier}.${Buffer.from('/admin/users').toString('base64url')}.${mac}`;
    expect(readOauthCookie(key, forged)).toBeUndefined();
  });

  it('returns only to a path of the admin pages: never another origin', () => {
    expect(safeNextPath('/admin/complaints/c-1')).toBe('/admin/complaints/c-1');
    expect(safeNextPath('/admin?period=month')).toBe('/admin?period=month');
    for (const attempt of [
      'https://evil.example/admin', '//evil.example/admin', '/\\evil.example', '/admin\\@evil.example', 'javascript:alert(1)', '/admin/../t/x',
      '/administrator', '/s/abc', '/admin/sign-in?next=/admin', '/admin\n/x', '', undefined,
    ]) expect(safeNextPath(attempt), String(attempt)).toBe('/admin');
  });

  it('ties the CSRF token to the session', () => {
    const token = csrfToken(key, 'session-a');
    expect(validCsrfToken(key, 'session-a', token)).toBe(true);
    expect(validCsrfToken(key, 'session-b', token)).toBe(false);
    expect(validCsrfToken(key, 'session-a', undefined)).toBe(false);
  });

  it('sets cookies HttpOnly and Secure, with the SameSite asked for', () => {
    expect(setCookie('pf_session', 'x', { maxAgeSeconds: 3599.7, sameSite: 'Strict', path: '/' })).toBe('pf_session=x; Path=/; Max-Age=3599; HttpOnly; Secure; SameSite=Strict');
  });
});

describe('identity from claims', () => {
  it('takes roles from groups, ignoring groups that are not roles, and the scope lists', () => {
    const identity = identityFromClaims({ token_use: 'id', sub: 's', 'cognito:username': 'cardio', 'cognito:groups': ['responder', 'visitors'], 'custom:sites': 'demo', 'custom:departments': 'cardiology-ward, orthopaedics-ward' }, {});
    expect(identity).toEqual({ kind: 'user', subject: 's', username: 'cardio', roles: ['responder'], sites: ['demo'], departments: ['cardiology-ward', 'orthopaedics-ward'] });
  });

  it('knows a machine client only when it is registered for sites', () => {
    const claims = { token_use: 'access', client_id: 'his', scope: 'patient-feedback/discharges.write' };
    expect(identityFromClaims(claims, { his: ['demo'] })).toEqual({ kind: 'machine', clientId: 'his', scopes: ['patient-feedback/discharges.write'], sites: ['demo'] });
    expect(identityFromClaims(claims, {})).toBeUndefined();
    // A user's access token (it names the user) is not a machine client's.
    expect(identityFromClaims({ ...claims, username: 'manager' }, { his: ['demo'] })).toBeUndefined();
  });
});

describe('passwords', () => {
  it('hash with scrypt, verify only the right password, and follow the Cognito policy', async () => {
    const hash = await hashPassword('Office-demo-2026');
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('Office-demo-2026', hash)).toBe(true);
    expect(await verifyPassword('office-demo-2026', hash)).toBe(false);
    expect(passwordProblem('Short-1')).toBe('at least 10 characters');
    expect(passwordProblem('nouppercase-1')).toBe('upper- and lower-case letters');
    expect(passwordProblem('No-digits-here')).toBe('a digit');
    expect(passwordProblem('NoSymbols123')).toBe('a symbol');
    expect(passwordProblem('Good-password-1')).toBeUndefined();
  });

  it('checks an unknown name against a hash as costly as a real one, which no password matches', async () => {
    const real = (await hashPassword('Office-demo-2026')).split('$');
    const unmatchable = UNMATCHABLE_HASH.split('$');
    // Scheme and scrypt parameters alike, salt and key of the same length: the same work to check.
    expect(unmatchable.slice(0, 4)).toEqual(real.slice(0, 4));
    expect(unmatchable.map((part) => part.length)).toEqual(real.map((part) => part.length));
    expect(await verifyPassword('Office-demo-2026', UNMATCHABLE_HASH)).toBe(false);
  });

  it('slows sign-in down from the fourth failure, doubling up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(waitAfterFailures)).toEqual([0, 0, 0, 30, 60, 120, 900]);
  });
});
