import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import * as z from '../schemas/zod.ts';
import { UnauthenticatedError } from '../platform/domain-errors.ts';
import { type Identity, identityFromClaims } from './identity.ts';

// Token verification, the same code in AWS (Cognito) and locally (the local issuer): signature against
// the issuer's JWKS, issuer, an expiry that has not passed and an issue time that has, an audience (ID
// tokens) or client id (access tokens) that is one of ours, and, for a member of staff, a session that
// has not been signed out. A JWT authorizer in API Gateway checks the signature and claims again in front
// of the API routes; it cannot know about sign-out, so the handlers' check is the one that ends a session.

export const unauthenticated = (detail = 'Sign in, or send a valid bearer token.') => new UnauthenticatedError(detail);

/** How far ahead of our clock an issuer's may run before an issue time counts as "in the future". */
export const CLOCK_SKEW_SECONDS = 60;

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
  /** Whether the session was ended at sign-out (shared/storage/revoked-sessions.ts). */
  readonly isRevoked: (sessionId: string) => Promise<boolean>;
}

export const MachineClientSitesSchema = z.record(z.string(), z.array(z.string()));

/** A signed-in member of staff's session: what sign-out revokes, and until when. */
export interface SessionRef {
  readonly id: string;
  /** The token's `exp`: after it the session is over anyway. */
  readonly expiresAt: number;
}

export interface Verified {
  readonly identity: Identity;
  /** Present for a member of staff; a machine client has no session to end. */
  readonly session: SessionRef | undefined;
}

/** A verified token whose session's sign-out is not yet looked up: `signedIn` asks. */
export interface Unchecked extends Verified {
  /** False once the session was signed out; a machine client's token is never signed out. */
  readonly signedIn: () => Promise<boolean>;
}

export interface TokenVerifier {
  /** The token verified and its session looked up: refused if signed out. */
  (token: string): Promise<Verified>;
  /**
   * The token verified, its session's sign-out not yet looked up: for a page that writes nothing, which
   * reads while `signedIn` asks and answers nothing before it knows.
   */
  readonly unchecked: (token: string) => Promise<Unchecked>;
}

/**
 * aws-jwt-verify checks `exp` (and `nbf`, strictly) only when present, and never `iat`: a token must
 * carry both times here, and not be issued in the future beyond the clock skew.
 */
const TimeClaimsSchema = z.object({ exp: z.number(), iat: z.number() });

function timeClaimsProblem(payload: unknown, nowSeconds: number): string | undefined {
  const times = TimeClaimsSchema.safeParse(payload);
  if (!times.success) return 'the token has no expiry or issue time';
  if (times.data.iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'the token is issued in the future';
  return undefined;
}

/**
 * The session a user's token belongs to: Cognito's `origin_jti` (shared by every token of one sign-in,
 * refreshed ones included), else the token's own `jti`. A token with neither could never be signed out.
 */
const SessionClaimsSchema = z.object({ exp: z.number(), origin_jti: z.optional(z.string().check(z.minLength(1), z.maxLength(256))), jti: z.optional(z.string().check(z.minLength(1), z.maxLength(256))) });

function sessionOf(claims: unknown): SessionRef | undefined {
  const parsed = SessionClaimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const id = parsed.data.origin_jti ?? parsed.data.jti;
  return id === undefined ? undefined : { id, expiresAt: parsed.data.exp };
}

export function createTokenVerifier(config: VerifierConfig): TokenVerifier {
  const verifier = JwtRsaVerifier.create({
    issuer: config.issuer,
    jwksUri: `${config.issuer.replace(/\/+$/, '')}/.well-known/jwks.json`,
    audience: null,
    customJwtCheck: ({ payload }) => {
      const audiences = [payload.aud, payload.client_id].flat().filter((a): a is string => typeof a === 'string');
      if (!audiences.some((a) => config.clientIds.includes(a))) throw new Error('token is for another client');
      const problem = timeClaimsProblem(payload, Math.floor(Date.now() / 1000));
      if (problem !== undefined) throw new Error(problem);
    },
  }, { jwksCache: new SimpleJwksCache({ fetcher }) });

  const verifyToken = async (token: string): Promise<Verified> => {
    let claims: unknown;
    try {
      claims = await verifier.verify(token);
    } catch {
      // Why a token failed (expired, wrong key, wrong audience) stays out of the answer and the logs' payload.
      throw unauthenticated('The token is invalid or expired; sign in again.');
    }
    const identity = identityFromClaims(claims, config.machineClientSites);
    if (identity === undefined) throw unauthenticated('The token does not name a member of staff or a known client.');
    if (identity.kind === 'machine') return { identity, session: undefined };
    const session = sessionOf(claims);
    if (session === undefined) throw unauthenticated('The token names no session; sign in again.');
    return { identity, session };
  };
  const signedIn = async ({ session }: Verified) => session === undefined || !(await config.isRevoked(session.id));

  const verify = async (token: string): Promise<Verified> => {
    const verified = await verifyToken(token);
    if (!(await signedIn(verified))) throw unauthenticated('This session has been signed out; sign in again.');
    return verified;
  };
  const unchecked = async (token: string): Promise<Unchecked> => {
    const verified = await verifyToken(token);
    return { ...verified, signedIn: () => signedIn(verified) };
  };
  return Object.assign(verify, { unchecked });
}
