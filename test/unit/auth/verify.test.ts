import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signJwt } from '../../../infra/local/token-issuer.ts';
import { CLOCK_SKEW_SECONDS, createTokenVerifier, type VerifierConfig } from '../../../shared/auth/verify.ts';
import { UnauthenticatedError } from '../../../shared/platform/domain-errors.ts';

// The verifier against hand-signed tokens: its JWKS is served by a stubbed fetch, so nothing leaves the process.

const ISSUER = 'https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_test';
const KID = 'unit-key';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const JWKS = { keys: [{ ...createPublicKey(privateKey).export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] };

beforeAll(() => {
  vi.stubGlobal('fetch', vi.fn((uri: string) => Promise.resolve(uri === `${ISSUER}/.well-known/jwks.json` ? new Response(JSON.stringify(JWKS)) : new Response('', { status: 404 }))));
});
afterAll(() => {
  vi.unstubAllGlobals();
});

const now = () => Math.floor(Date.now() / 1000);

function userToken(overrides: Record<string, unknown> = {}): string {
  const iat = now();
  return signJwt(privateKey, KID, {
    iss: ISSUER, aud: 'admin-pages', sub: 's-1', token_use: 'id', 'cognito:username': 'manager', 'cognito:groups': ['manager'], 'custom:sites': 'demo',
    iat, exp: iat + 3600, jti: 'token-1', origin_jti: 'sign-in-1', ...overrides,
  });
}

function machineToken(overrides: Record<string, unknown> = {}): string {
  const iat = now();
  return signJwt(privateKey, KID, { iss: ISSUER, client_id: 'his', token_use: 'access', scope: 'patient-feedback/discharges.write', iat, exp: iat + 3600, jti: 'm-1', ...overrides });
}

function verifier(revoked: readonly string[] = []) {
  const isRevoked = vi.fn((id: string) => Promise.resolve(revoked.includes(id)));
  const config: VerifierConfig = { issuer: ISSUER, clientIds: ['admin-pages', 'his'], machineClientSites: { his: ['demo'] }, isRevoked };
  return { verify: createTokenVerifier(config), isRevoked };
}

describe('token verification', () => {
  it('accepts a user\'s ID token and names its session: the sign-in\'s origin_jti, until the token\'s exp', async () => {
    const exp = now() + 1800;
    const { verify, isRevoked } = verifier();

    const verified = await verify(userToken({ exp }));

    expect(verified.identity).toMatchObject({ kind: 'user', username: 'manager', roles: ['manager'], sites: ['demo'] });
    expect(verified.session).toEqual({ id: 'sign-in-1', expiresAt: exp });
    expect(isRevoked).toHaveBeenCalledWith('sign-in-1');
  });

  it('falls back to the token\'s own jti when it carries no origin_jti', async () => {
    expect((await verifier().verify(userToken({ origin_jti: undefined }))).session?.id).toBe('token-1');
  });

  it.each([
    ['no expiry', { exp: undefined }],
    ['no issue time', { iat: undefined }],
    ['an issue time beyond the clock skew', { iat: now() + CLOCK_SKEW_SECONDS + 5, exp: now() + 3600 }],
    ['a not-before in the future', { nbf: now() + 30 }],
    ['an expiry that has passed', { iat: now() - 7200, exp: now() - 1 }],
    ['no session id (neither jti nor origin_jti)', { jti: undefined, origin_jti: undefined }],
    ['another client\'s audience', { aud: 'another-app' }],
  ])('refuses a user token with %s', async (_what, overrides) => {
    await expect(verifier().verify(userToken(overrides))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a machine token with no expiry or issued in the future as well', async () => {
    await expect(verifier().verify(machineToken({ exp: undefined }))).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(verifier().verify(machineToken({ iat: now() + 3600, exp: now() + 7200 }))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('tolerates an issuer clock a little ahead of ours', async () => {
    const iat = now() + CLOCK_SKEW_SECONDS - 10;
    expect((await verifier().verify(userToken({ iat, exp: iat + 3600 }))).identity.kind).toBe('user');
  });

  it('refuses the token of a session that was signed out, however valid it is otherwise', async () => {
    const { verify } = verifier(['sign-in-1']);

    const outcome = verify(userToken());

    await expect(outcome).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(outcome).rejects.toThrow('signed out');
  });

  it('verifies a token without looking its session up until asked, for a page that reads meanwhile', async () => {
    const { verify, isRevoked } = verifier(['sign-in-1']);

    const unchecked = await verify.unchecked(userToken());

    expect(unchecked.identity).toMatchObject({ kind: 'user', username: 'manager' });
    expect(isRevoked).not.toHaveBeenCalled();
    expect(await unchecked.signedIn()).toBe(false);
    expect(isRevoked).toHaveBeenCalledWith('sign-in-1');
    expect(await (await verifier().verify.unchecked(userToken())).signedIn()).toBe(true);
    await expect(verify.unchecked(userToken({ aud: 'elsewhere' }))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('looks no session up for a machine client, which has none to end', async () => {
    const { verify, isRevoked } = verifier();

    const verified = await verify(machineToken());

    expect(verified).toEqual({ identity: { kind: 'machine', clientId: 'his', scopes: ['patient-feedback/discharges.write'], sites: ['demo'] }, session: undefined });
    expect(isRevoked).not.toHaveBeenCalled();
  });

  it('lets a failed revocation lookup through as an error instead of accepting or refusing the token', async () => {
    const config: VerifierConfig = { issuer: ISSUER, clientIds: ['admin-pages'], machineClientSites: {}, isRevoked: () => Promise.reject(new Error('table down')) };

    await expect(createTokenVerifier(config)(userToken())).rejects.toThrow('table down');
  });
});
