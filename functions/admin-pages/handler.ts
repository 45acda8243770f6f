import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { actorOf, type Identity } from '../../shared/auth/identity.ts';
import { decide } from '../../shared/auth/policy.ts';
import {
  authorizeUrl, clearCookie, csrfToken, exchangeCode, OAUTH_COOKIE, oauthCookie, readOauthCookie, secondsLeft, setCookie, startPkce, validCsrfToken,
} from '../../shared/auth/session.ts';
import { adminContentSecurityPolicy, renderContinue, renderDashboard, renderSignedOut, renderSignInFailed } from '../../shared/admin-page/render.ts';
import { STAFF_FORM_LIMIT_BYTES } from '../../shared/admin-page/complaint-forms.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import { requireEnv } from '../../shared/config.ts';
import { html, type HttpResult, httpFunction } from '../../shared/http/middleware.ts';
import { formToObject, header, PUBLIC_BODY_LIMIT_BYTES, rawBody } from '../../shared/http/request.ts';
import { cookie, SESSION_COOKIE, tokenVerifier } from '../../shared/http/staff.ts';
import { buildReport, type Report } from '../../shared/report.ts';
import { env } from '../../shared/resource-env.ts';
import { recordAudit } from '../../shared/storage/audit.ts';
import { getSite, listDepartments } from '../../shared/storage/sites.ts';
import { addDays, dayIn } from '../../shared/time.ts';
import { casePage, changeCasePage, createComplaintPage, inboxPage, newComplaintPage, type PageAnswer, type StaffSession } from './complaints.ts';

const table = requireEnv(env.tableName);
const signInUrl = requireEnv(env.authSignInUrl);
const clientId = requireEnv(env.authAdminClientId);
const baseUrl = requireEnv(env.publicBaseUrl).replace(/\/+$/, '');
const redirectUri = `${baseUrl}/admin/callback`;
const SIGN_IN_PATH = '/admin/sign-in';
const CONTENT_SECURITY_POLICY = adminContentSecurityPolicy(signInUrl);

const page = (status: number, body: string, extra: { headers?: Record<string, string>; cookies?: string[] } = {}): HttpResult => ({
  ...html(status, body, CONTENT_SECURITY_POLICY, extra.headers),
  ...(extra.cookies === undefined ? {} : { cookies: extra.cookies }),
});
const redirect = (location: string, cookies?: string[]): HttpResult => ({ statusCode: 302, headers: { location, 'cache-control': 'no-store' }, ...(cookies === undefined ? {} : { cookies }) });

async function session(event: APIGatewayProxyEventV2): Promise<{ token: string; identity: Identity } | undefined> {
  const token = cookie(event, SESSION_COOKIE);
  if (token === undefined) return undefined;
  try {
    return { token, identity: await tokenVerifier()(token) };
  } catch {
    return undefined;
  }
}

/** The last 30 days in each site's zone; managers and the office see whole sites, responders their departments. */
async function dashboard(token: string, identity: Identity, key: Buffer): Promise<HttpResult> {
  if (identity.kind !== 'user') return redirect(SIGN_IN_PATH);
  const siteReports: Report[] = [];
  const departmentReports: Report[] = [];
  for (const siteId of identity.sites) {
    const scope = decide(identity, 'metrics:read', { siteId });
    const site = scope.allow ? await getSite(table, siteId) : undefined;
    if (!scope.allow || site === undefined) continue;
    const now = new Date();
    const to = dayIn(site.timeZone, now);
    const from = dayIn(site.timeZone, addDays(now, -29));
    if (scope.departments === 'all') siteReports.push(await buildReport(table, siteId, undefined, from, to));
    const departments = (await listDepartments(table, siteId)).filter((d) => d.surveyEnabled && (scope.departments === 'all' || scope.departments.includes(d.departmentId)));
    for (const d of departments) departmentReports.push(await buildReport(table, siteId, d.departmentId, from, to));
  }
  return page(200, renderDashboard({ user: identity, csrf: csrfToken(key, token), siteReports, departmentReports }));
}

/**
 * A cross-site form cannot know the CSRF token; the browser's own fetch metadata and Origin are checked as
 * well. (With `Referrer-Policy: no-referrer` a same-origin form post carries `Origin: null`.)
 */
function sameOriginRequest(event: APIGatewayProxyEventV2): boolean {
  const site = header(event, 'sec-fetch-site');
  const origin = header(event, 'origin');
  if (site !== undefined && site !== 'same-origin') return false;
  return origin === undefined || origin === 'null' || origin === baseUrl;
}

/**
 * A complaint page for a signed-in member of staff. A form post must also carry the session's CSRF token
 * and come from this origin; a saved change answers 303, so the browser then GETs the page.
 */
async function complaintRoute(event: APIGatewayProxyEventV2, key: Buffer, run: (staff: StaffSession, form: URLSearchParams) => Promise<PageAnswer>): Promise<HttpResult> {
  const current = await session(event);
  if (current === undefined || current.identity.kind !== 'user') return redirect(SIGN_IN_PATH);
  const posted = event.routeKey.startsWith('POST ');
  const form = new URLSearchParams(posted ? rawBody(event, STAFF_FORM_LIMIT_BYTES).toString('utf8') : '');
  if (posted && (!sameOriginRequest(event) || !validCsrfToken(key, current.token, form.get('csrf') ?? undefined))) return page(403, renderSignInFailed(SIGN_IN_PATH));
  const answer = await run({ user: current.identity, csrf: csrfToken(key, current.token) }, form);
  return 'redirect' in answer ? { statusCode: 303, headers: { location: answer.redirect, 'cache-control': 'no-store' } } : page(answer.status, answer.body);
}

/** The admin pages: sign-in round trip (authorization code + PKCE), the dashboard, the complaint office's pages, sign-out. */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const id = event.pathParameters?.id ?? '';
  const query = event.queryStringParameters ?? {};
  switch (event.routeKey) {
    case 'GET /admin/complaints':
      return complaintRoute(event, key, (staff) => inboxPage(staff, query));
    case 'GET /admin/complaints/new':
      return complaintRoute(event, key, (staff) => newComplaintPage(staff));
    case 'POST /admin/complaints/new':
      return complaintRoute(event, key, (staff, form) => createComplaintPage(staff, form));
    case 'GET /admin/complaints/{id}':
      return complaintRoute(event, key, (staff) => casePage(staff, id, query));
    case 'POST /admin/complaints/{id}':
      return complaintRoute(event, key, (staff, form) => changeCasePage(staff, id, form));
    case 'GET /admin': {
      const current = await session(event);
      return current === undefined ? redirect(SIGN_IN_PATH) : dashboard(current.token, current.identity, key);
    }
    case 'GET /admin/sign-in': {
      const pkce = startPkce();
      return redirect(authorizeUrl(signInUrl, clientId, redirectUri, pkce), [oauthCookie(key, pkce)]);
    }
    case 'GET /admin/callback': {
      const started = readOauthCookie(key, cookie(event, OAUTH_COOKIE));
      const code = event.queryStringParameters?.code;
      if (started === undefined || code === undefined || event.queryStringParameters?.state !== started.state) return page(400, renderSignInFailed(SIGN_IN_PATH));
      const token = await exchangeCode(signInUrl, clientId, redirectUri, code, started.verifier);
      if (token === undefined) return page(400, renderSignInFailed(SIGN_IN_PATH));
      const identity = await tokenVerifier()(token);
      await recordAudit(table, { actor: actorOf(identity), action: 'session-start', outcome: 'success' });
      return page(200, renderContinue('/admin'), {
        cookies: [setCookie(SESSION_COOKIE, token, { maxAgeSeconds: secondsLeft(token), sameSite: 'Strict', path: '/' }), clearCookie(OAUTH_COOKIE, '/admin')],
      });
    }
    case 'POST /admin/sign-out': {
      const current = await session(event);
      const fields = formToObject(rawBody(event, PUBLIC_BODY_LIMIT_BYTES), new Set());
      const csrf = typeof fields.csrf === 'string' ? fields.csrf : undefined;
      if (current === undefined || !sameOriginRequest(event) || !validCsrfToken(key, current.token, csrf)) {
        return page(403, renderSignInFailed(SIGN_IN_PATH));
      }
      await recordAudit(table, { actor: actorOf(current.identity), action: 'sign-out', outcome: 'success' });
      const logout = new URL(`${signInUrl.replace(/\/+$/, '')}/logout`);
      logout.searchParams.set('client_id', clientId);
      logout.searchParams.set('logout_uri', `${baseUrl}/admin/signed-out`);
      return redirect(logout.toString(), [clearCookie(SESSION_COOKIE, '/')]);
    }
    case 'GET /admin/signed-out':
      return page(200, renderSignedOut(SIGN_IN_PATH));
    default:
      return page(404, renderSignInFailed(SIGN_IN_PATH));
  }
});
