import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from '../schemas/zod.ts';

// The admin pages' sign-in: OAuth 2.0 authorization code with PKCE against the hosted sign-in, the
// state and verifier kept in a short-lived signed cookie, then the ID token as an HttpOnly, Secure,
// SameSite=Strict session cookie. State-changing page requests carry a CSRF token derived from the
// session, which a page on another origin cannot read.

export const OAUTH_COOKIE = 'pf_oauth';
const OAUTH_COOKIE_SECONDS = 600;

export interface PkceStart {
  readonly state: string;
  readonly verifier: string;
  readonly challenge: string;
}

export function startPkce(): PkceStart {
  const verifier = randomBytes(32).toString('base64url');
  return { state: randomBytes(16).toString('base64url'), verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A keyed hash bound to one purpose (base64url), so a value signed for one use is worth nothing in another. */
export const purposeMac = (key: Buffer, purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}:${value}`).digest('base64url');

/** Compares secrets in constant time (a CSRF token, a client secret). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.byteLength === right.byteLength && timingSafeEqual(left, right);
}

/** Where sign-in returns when the page that asked for it is unknown or not a page of this site. */
export const DEFAULT_AFTER_SIGN_IN = '/admin';

/**
 * The page sign-in returns to: only a path of the admin pages on this origin. Anything else (another
 * origin, `//host`, `/\\host`, a scheme, control characters) is refused for the dashboard, so a link
 * cannot turn sign-in into an open redirect.
 */
export function safeNextPath(raw: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (raw === undefined || raw.length > 1000 || !/^\/admin(?:[/?#]|$)/.test(raw) || /[\\\u0000-\u001f\u007f]/.test(raw)) return DEFAULT_AFTER_SIGN_IN;
  const base = 'https://this.invalid';
  const url = new URL(raw, base);
  // The sign-in round trip's own pages would only start it again.
  if (url.origin !== base || !/^\/admin(?:\/|$)/.test(url.pathname) || /^\/admin\/(?:sign-in|callback|sign-out|signed-out)\/?$/.test(url.pathname)) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}`;
}

/** `state.verifier.next.mac` (next base64url): the callback can trust what it reads back. */
export function oauthCookieValue(key: Buffer, pkce: PkceStart, next = DEFAULT_AFTER_SIGN_IN): string {
  const value = `${pkce.state}.${pkce.verifier}.${Buffer.from(safeNextPath(next)).toString('base64url')}`;
  return `${value}.${purposeMac(key, 'oauth', value)}`;
}

export function readOauthCookie(key: Buffer, value: string | undefined): { state: string; verifier: string; next: string } | undefined {
  const [state, verifier, next, signature] = (value ?? '').split('.');
  if (state === undefined || verifier === undefined || next === undefined || signature === undefined) return undefined;
  if (!safeEqual(signature, purposeMac(key, 'oauth', `${state}.${verifier}.${next}`))) return undefined;
  return { state, verifier, next: safeNextPath(Buffer.from(next, 'base64url').toString('utf8')) };
}

export function csrfToken(key: Buffer, sessionToken: string): string {
  return purposeMac(key, 'csrf', sessionToken);
}

export function validCsrfToken(key: Buffer, sessionToken: string, given: string | undefined): boolean {
  return given !== undefined && safeEqual(given, csrfToken(key, sessionToken));
}

interface CookieOptions {
  readonly maxAgeSeconds: number;
  /** Strict for the session; Lax for the sign-in round trip, which comes back from the sign-in domain. */
  readonly sameSite: 'Strict' | 'Lax';
  readonly path: string;
}

export function setCookie(name: string, value: string, options: CookieOptions): string {
  return `${name}=${value}; Path=${options.path}; Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}; HttpOnly; Secure; SameSite=${options.sameSite}`;
}

export const clearCookie = (name: string, path: string) => setCookie(name, '', { maxAgeSeconds: 0, sameSite: 'Strict', path });

export const oauthCookie = (key: Buffer, pkce: PkceStart, next?: string) => setCookie(OAUTH_COOKIE, oauthCookieValue(key, pkce, next), { maxAgeSeconds: OAUTH_COOKIE_SECONDS, sameSite: 'Lax', path: '/admin' });

export function authorizeUrl(signInUrl: string, clientId: string, redirectUri: string, pkce: PkceStart): string {
  const url = new URL(`${signInUrl.replace(/\/+$/, '')}/oauth2/authorize`);
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid profile', state: pkce.state, code_challenge: pkce.challenge, code_challenge_method: 'S256' })) {
    url.searchParams.set(name, value);
  }
  return url.toString();
}

const TokenResponseSchema = z.object({ id_token: z.string().check(z.minLength(1)) });

/** Trades the code for tokens at the hosted sign-in's token endpoint; undefined when the code is refused. */
export async function exchangeCode(signInUrl: string, clientId: string, redirectUri: string, code: string, verifier: string): Promise<string | undefined> {
  const response = await fetch(`${signInUrl.replace(/\/+$/, '')}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, redirect_uri: redirectUri, code, code_verifier: verifier }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) return undefined;
  const parsed = TokenResponseSchema.safeParse(await response.json());
  return parsed.success ? parsed.data.id_token : undefined;
}
