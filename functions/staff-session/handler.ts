import { actorOf } from '../../shared/auth/identity.ts';
import {
  authorizeUrl, clearCookie, exchangeCode, OAUTH_COOKIE, oauthCookie, readOauthCookie, setCookie, startPkce,
} from '../../shared/auth/session.ts';
import { renderContinue, renderSignedOut, renderSignInFailed } from '../../shared/auth/sign-in-pages.ts';
import { signOut } from '../../shared/auth/sign-out.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { cookie, formToObject, PUBLIC_BODY_LIMIT_BYTES, rawBody } from '../../shared/http/request.ts';
import { SESSION_COOKIE, tokenVerifier } from '../../shared/http/staff.ts';
import { genuinePost, publicBaseUrl, readSession, redirect, SIGN_IN_PATH, staffPage } from '../../shared/http/staff-pages.ts';
import { optionalEnv, requireEnv } from '../../shared/platform/config.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { recordAudit } from '../../shared/storage/audit.ts';

const table = requireEnv(env.tableName);
const signInUrl = requireEnv(env.authSignInUrl);
const clientId = requireEnv(env.authAdminClientId);
const redirectUri = `${publicBaseUrl}/admin/callback`;
/** Set in AWS (the access `auth:sign-out`); locally there is no user pool, and the issuer's /logout is all there is. */
const userPoolId = optionalEnv(env.authUserPoolId);

/** The sign-in round trip (authorization code + PKCE) and sign-out. */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  switch (event.routeKey) {
    case 'GET /admin/sign-in': {
      const pkce = startPkce();
      // The page that sent the user here (safeNextPath keeps it to this site's admin pages).
      return redirect(authorizeUrl(signInUrl, clientId, redirectUri, pkce), [oauthCookie(key, pkce, event.queryStringParameters?.next)]);
    }
    case 'GET /admin/callback': {
      const started = readOauthCookie(key, cookie(event, OAUTH_COOKIE));
      const code = event.queryStringParameters?.code;
      if (started === undefined || code === undefined || event.queryStringParameters?.state !== started.state) return staffPage('bad-request', renderSignInFailed(SIGN_IN_PATH));
      const token = await exchangeCode(signInUrl, clientId, redirectUri, code, started.verifier);
      if (token === undefined) return staffPage('bad-request', renderSignInFailed(SIGN_IN_PATH));
      const { identity, session } = await tokenVerifier()(token);
      if (session === undefined) return staffPage('bad-request', renderSignInFailed(SIGN_IN_PATH));
      await recordAudit(table, { actor: actorOf(identity), action: 'session-start', outcome: 'success', sites: identity.sites });
      // The cookie expires with the token.
      const maxAgeSeconds = session.expiresAt - Math.floor(Date.now() / 1000);
      return staffPage('shown', renderContinue(started.next), {
        cookies: [setCookie(SESSION_COOKIE, token, { maxAgeSeconds, sameSite: 'Strict', path: '/' }), clearCookie(OAUTH_COOKIE, '/admin')],
      });
    }
    case 'POST /admin/sign-out': {
      const current = await readSession(event);
      const fields = formToObject(rawBody(event, PUBLIC_BODY_LIMIT_BYTES), new Set());
      const csrf = typeof fields.csrf === 'string' ? fields.csrf : undefined;
      if (current?.session === undefined || current.identity.kind !== 'user' || !genuinePost(event, key, current, csrf)) return staffPage('not-for-role', renderSignInFailed(SIGN_IN_PATH));
      await signOut(table, current.identity, current.session, userPoolId);
      const logout = new URL(`${signInUrl.replace(/\/+$/, '')}/logout`);
      logout.searchParams.set('client_id', clientId);
      logout.searchParams.set('logout_uri', `${publicBaseUrl}/admin/signed-out`);
      return redirect(logout.toString(), [clearCookie(SESSION_COOKIE, '/')]);
    }
    default:
      return staffPage('shown', renderSignedOut(SIGN_IN_PATH));
  }
});
