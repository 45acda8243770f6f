import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { z } from 'zod';
import { UnauthenticatedError } from '../platform/domain-errors.ts';
import { type Identity, identityFromClaims } from './identity.ts';

// Token verification, the same code in AWS (Cognito) and locally (the local issuer): signature against
// the issuer's JWKS, issuer, expiry, and an audience (ID tokens) or client id (access tokens) that is
// one of ours. A JWT authorizer in API Gateway checks the same again in front of the API routes.

export const unauthenticated = (detail = 'Sign in, or send a valid bearer token.') => new UnauthenticatedError(detail);

/** JWKS over fetch, so an http:// local issuer and https:// Cognito take the same path. */
const fetcher: Fetcher = {
  fetch: async (uri) => {
    const response = await fetch(uri, { signal: AbortSignal.timeout(1500) });
    if (!response.ok) throw new Error(`JWKS ${uri}: ${response.status}`);
    return response.arrayBuffer();
  },
};

export interface VerifierConfig {
  readonly issuer: string;
  readonly clientIds: readonly string[];
  readonly machineClientSites: Readonly<Record<string, readonly string[]>>;
}

export const MachineClientSitesSchema = z.record(z.string(), z.array(z.string()));

export type TokenVerifier = (token: string) => Promise<Identity>;

export function createTokenVerifier(config: VerifierConfig): TokenVerifier {
  const verifier = JwtRsaVerifier.create({
    issuer: config.issuer,
    jwksUri: `${config.issuer.replace(/\/+$/, '')}/.well-known/jwks.json`,
    audience: null,
    customJwtCheck: ({ payload }) => {
      const audiences = [payload.aud, payload.client_id].flat().filter((a): a is string => typeof a === 'string');
      if (!audiences.some((a) => config.clientIds.includes(a))) throw new Error('token is for another client');
    },
  }, { jwksCache: new SimpleJwksCache({ fetcher }) });

  return async (token) => {
    let claims: unknown;
    try {
      claims = await verifier.verify(token);
    } catch {
      // Why a token failed (expired, wrong key, wrong audience) stays out of the answer and the logs' payload.
      throw unauthenticated('The token is invalid or expired; sign in again.');
    }
    const identity = identityFromClaims(claims, config.machineClientSites);
    if (identity === undefined) throw unauthenticated('The token does not name a member of staff or a known client.');
    return identity;
  };
}
