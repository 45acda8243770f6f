import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Identity } from '../auth/identity.ts';
import { csrfToken, validCsrfToken } from '../auth/session.ts';
import { renderSignInFailed } from '../auth/sign-in-pages.ts';
import type { SessionRef, Verified } from '../auth/verify.ts';
import { UnauthenticatedError } from '../platform/domain-errors.ts';
import { requireEnv } from '../platform/config.ts';
import { env } from '../platform/resource-env.ts';
import { adminContentSecurityPolicy, type PageAnswer, type PageOutcome, type StaffSession } from '../web/staff-page.ts';
import { html, type HttpResult } from './middleware.ts';
import { cookie, header, rawBody } from './request.ts';
import { SESSION_COOKIE, tokenVerifier } from './staff.ts';

// What every staff page function shares: the cookie session, the CSRF and origin checks on form posts,
// and turning a page controller's answer into a response.

export const SIGN_IN_PATH = '/admin/sign-in';

const signInUrl = requireEnv(env.authSignInUrl);
export const publicBaseUrl = requireEnv(env.publicBaseUrl).replace(/\/+$/, '');
const CONTENT_SECURITY_POLICY = adminContentSecurityPolicy(signInUrl);

/** The status each page outcome answers with. */
const STATUS: Readonly<Record<PageOutcome, number>> = { shown: 200, 'bad-request': 400, 'not-for-role': 403, 'not-found': 404, conflict: 409, refused: 422 };

export const staffPage = (outcome: PageOutcome, body: string, extra: { headers?: Record<string, string>; cookies?: string[] } = {}): HttpResult => ({
  ...html(STATUS[outcome], body, CONTENT_SECURITY_POLICY, extra.headers),
  ...(extra.cookies === undefined ? {} : { cookies: extra.cookies }),
});

/** To sign-in, which returns to the page asked for (a form post returns to its page, not to the post). */
export function toSignIn(event: APIGatewayProxyEventV2): HttpResult {
  const query = event.routeKey.startsWith('GET ') && event.rawQueryString !== '' ? `?${event.rawQueryString}` : '';
  return redirect(`${SIGN_IN_PATH}?next=${encodeURIComponent(`${event.rawPath}${query}`)}`);
}

export const redirect = (location: string, cookies?: string[]): HttpResult => ({ statusCode: 302, headers: { location, 'cache-control': 'no-store' }, ...(cookies === undefined ? {} : { cookies }) });

export interface PageSession {
  readonly token: string;
  readonly identity: Identity;
  /** What sign-out ends; undefined only for a machine client's token, which no page accepts. */
  readonly session: SessionRef | undefined;
}

/** The signed-in session the cookie carries, or undefined (no cookie, expired, forged or signed out). */
export async function readSession(event: APIGatewayProxyEventV2): Promise<PageSession | undefined> {
  return sessionFrom(event, (token) => tokenVerifier()(token));
}

/** The same before its sign-out is looked up: `signedIn` asks. */
const readUncheckedSession = (event: APIGatewayProxyEventV2) => sessionFrom(event, (token) => tokenVerifier().unchecked(token));

async function sessionFrom<T extends Verified>(event: APIGatewayProxyEventV2, verify: (token: string) => Promise<T>): Promise<(T & { readonly token: string }) | undefined> {
  const token = cookie(event, SESSION_COOKIE);
  if (token === undefined) return undefined;
  try {
    return { ...(await verify(token)), token };
  } catch (error) {
    // Only a refused token means "sign in again"; a table that does not answer is an error, not a sign-out.
    if (error instanceof UnauthenticatedError) return undefined;
    throw error;
  }
}

/**
 * The member of staff a file download (a CSV, a poster) is for, or undefined when the cookie signs nobody
 * in: such a GET writes nothing and needs no CSRF token, only the session, whose token the page it links
 * from already checked.
 */
export async function downloadSession(event: APIGatewayProxyEventV2, key: Buffer): Promise<StaffSession | undefined> {
  const current = await readSession(event);
  return current === undefined || current.identity.kind !== 'user' ? undefined : { user: current.identity, csrf: csrfToken(key, current.token) };
}

/**
 * A cross-site form cannot know the CSRF token; the browser's own fetch metadata and Origin are checked as
 * well. (With `Referrer-Policy: no-referrer` a same-origin form post carries `Origin: null`.)
 */
export function sameOriginRequest(event: APIGatewayProxyEventV2): boolean {
  const site = header(event, 'sec-fetch-site');
  const origin = header(event, 'origin');
  if (site !== undefined && site !== 'same-origin') return false;
  return origin === undefined || origin === 'null' || origin === publicBaseUrl;
}

/** A genuine form post of this session: same origin, and the session's own CSRF token. */
export const genuinePost = (event: APIGatewayProxyEventV2, key: Buffer, session: PageSession, csrf: string | undefined): boolean =>
  sameOriginRequest(event) && validCsrfToken(key, session.token, csrf);

const pageResult = (answer: PageAnswer): HttpResult =>
  ('redirect' in answer ? { statusCode: 303, headers: { location: answer.redirect, 'cache-control': 'no-store' } } : staffPage(answer.outcome, answer.body));

/**
 * A page for a signed-in member of staff. A form post must also carry the session's CSRF token and come
 * from this origin; a saved change answers 303, so the browser then GETs the page.
 *
 * `readOnly`: the page writes nothing when it is got, so it reads while the session's sign-out is looked
 * up (one round trip to the store fewer before its own). A signed-out session still gets nothing of it,
 * not even an error: the answer waits for the look-up (the page's reads are spent on it, where the look-up
 * alone would have refused it). A page that records anything on GET (the case page records who saw a
 * contact) must not say so.
 */
export async function staffPageRoute(event: APIGatewayProxyEventV2, key: Buffer, formLimitBytes: number, run: (staff: StaffSession, form: URLSearchParams) => Promise<PageAnswer>, options: { readOnly?: boolean } = {}): Promise<HttpResult> {
  const posted = event.routeKey.startsWith('POST ');
  const current = await readUncheckedSession(event);
  if (current === undefined || current.identity.kind !== 'user') return toSignIn(event);
  const staff = { user: current.identity, csrf: csrfToken(key, current.token) };
  if (!posted && options.readOnly === true) {
    // The look-up starts first, and the page through a promise, so even a page that throws at once waits for it.
    const signedInLookUp = current.signedIn();
    const [answer, signedIn] = await Promise.allSettled([Promise.resolve().then(() => run(staff, new URLSearchParams())), signedInLookUp]);
    if (signedIn.status === 'rejected') throw signedIn.reason;
    if (!signedIn.value) return toSignIn(event);
    if (answer.status === 'rejected') throw answer.reason;
    return pageResult(answer.value);
  }
  if (!(await current.signedIn())) return toSignIn(event);
  const form = new URLSearchParams(posted ? rawBody(event, formLimitBytes).toString('utf8') : '');
  if (posted && !genuinePost(event, key, current, form.get('csrf') ?? undefined)) return staffPage('not-for-role', renderSignInFailed(SIGN_IN_PATH));
  return pageResult(await run(staff, form));
}
