import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { MACHINE_SCOPES } from '../../shared/auth/identity.ts';
import { safeEqual } from '../../shared/auth/session.ts';
import { signIn } from '../../shared/auth/sign-in.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import type { StaffUser } from '../../shared/storage/users.ts';
import { ADMIN_CLIENT_ID, MACHINE_CLIENT_ID } from './auth-clients.ts';
import { readBody } from './gateway.ts';
import { escapeMarkup } from '../../shared/web/markup.ts';

// The local stand-in for Cognito: an OpenID issuer with a JWKS, a sign-in page (authorization code with
// PKCE, as Cognito's hosted sign-in), and client credentials for machine clients. Tokens carry the same
// claims as Cognito's (groups, custom:sites, custom:departments, jti and origin_jti, the sign-in's session
// that sign-out revokes), so handlers verify them with the same code in both places. Binds to 127.0.0.1;
// its signing key lives only in memory, so a restart signs everyone out.

const TOKEN_SECONDS = 3600;
const CODE_SECONDS = 60;

export interface MachineClient {
  readonly clientId: string;
  readonly secret: string;
  readonly scopes: readonly string[];
  readonly sites: readonly string[];
}

export interface LocalIssuer {
  readonly url: string;
  readonly kid: string;
  readonly machineClient: MachineClient;
  /** Signs any claims with the issuer's key, as the token endpoint does; tests use it for expired or foreign-audience tokens. */
  signToken(claims: Record<string, unknown>): string;
  idTokenFor(user: StaffUser, overrides?: Record<string, unknown>): string;
  stop(): Promise<void>;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export function signJwt(privateKey: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const input = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(sign('RSA-SHA256', Buffer.from(input), privateKey))}`;
}


const STYLE = 'body{font:17px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;background:#f3f6f8;color:#1d2733;margin:0}main{max-width:24rem;margin:3rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px #0002}h1{font-size:1.3rem}label{display:block;margin:.8rem 0}input{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.55rem;margin-top:.25rem;border:2px solid #c8d2db;border-radius:.5rem}button{width:100%;margin-top:1rem;padding:.75rem;font:inherit;font-weight:600;color:#fff;background:#0b5cad;border:0;border-radius:.5rem}.error{background:#fdecea;color:#5f1410;padding:.75rem;border-radius:.5rem}.note{font-size:.85rem;color:#4b5966}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function signInPage(params: URLSearchParams, error?: string): string {
  const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeMarkup(params.get(name) ?? '')}">`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>员工登录 · Staff sign-in</title><style>${STYLE}</style></head>
<body><main><h1>员工登录 · Staff sign-in</h1>${error === undefined ? '' : `<p class="error" role="alert">${escapeMarkup(error)}</p>`}
<form method="post" action="/oauth2/authorize">${hidden}
<label>用户名 · Username<input name="username" autocomplete="username" required autofocus></label>
<label>密码 · Password<input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">登录 · Sign in</button></form>
<p class="note">本地签发方（代替 Cognito 托管登录）· Local issuer standing in for Cognito's hosted sign-in</p></main></body></html>`;
}

interface PendingCode {
  readonly user: StaffUser;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly expires: number;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(request, 16 * 1024);
  if (body === undefined) throw new Error('body too large');
  return new URLSearchParams(body.toString('utf8'));
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));

const tokenError = (response: ServerResponse, status: number, error: string, description: string) => json(response, status, { error, error_description: description });

export interface IssuerOptions {
  readonly port: number;
  readonly table: string;
  /** Where the admin pages receive the code: `<gateway>/admin/callback`. */
  readonly adminRedirectUris: readonly string[];
  readonly machineClientSecret: string;
  readonly machineClientSites: readonly string[];
}

export async function startTokenIssuer(options: IssuerOptions): Promise<LocalIssuer> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...createPublicKey(privateKey).export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const url = `http://127.0.0.1:${options.port}`;
  const codes = new Map<string, PendingCode>();
  const machineClient: MachineClient = { clientId: MACHINE_CLIENT_ID, secret: options.machineClientSecret, scopes: [MACHINE_SCOPES.discharges, MACHINE_SCOPES.callbacks], sites: options.machineClientSites };
  const now = () => Math.floor(Date.now() / 1000);

  const signToken = (claims: Record<string, unknown>) => signJwt(privateKey, kid, claims);
  const idTokenFor = (user: StaffUser, overrides: Record<string, unknown> = {}) => {
    const issuedAt = now();
    return signToken({
      iss: url, aud: ADMIN_CLIENT_ID, sub: `local-${user.username}`, token_use: 'id', auth_time: issuedAt, iat: issuedAt, exp: issuedAt + TOKEN_SECONDS, jti: randomUUID(), origin_jti: randomUUID(),
      'cognito:username': user.username, name: user.name, 'cognito:groups': user.roles, 'custom:sites': user.sites.join(','), 'custom:departments': user.departments.join(','),
      ...overrides,
    });
  };

  const authorizeParamsProblem = (params: URLSearchParams): string | undefined => {
    if (params.get('client_id') !== ADMIN_CLIENT_ID) return 'unknown client_id';
    if (!options.adminRedirectUris.includes(params.get('redirect_uri') ?? '')) return 'redirect_uri is not registered for this client';
    if (params.get('code_challenge_method') !== 'S256' || (params.get('code_challenge') ?? '').length < 43) return 'PKCE with S256 is required';
    return undefined;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestUrl = new URL(request.url ?? '/', url);
    const route = `${request.method ?? 'GET'} ${requestUrl.pathname}`;
    const page = (status: number, body: string) =>
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action 'self' ${options.adminRedirectUris.map((u) => new URL(u).origin).join(' ')}; frame-ancestors 'none'`, 'x-frame-options': 'DENY' }).end(body);

    switch (route) {
      case 'GET /.well-known/openid-configuration':
        return json(response, 200, {
          issuer: url, jwks_uri: `${url}/.well-known/jwks.json`, authorization_endpoint: `${url}/oauth2/authorize`, token_endpoint: `${url}/oauth2/token`,
          response_types_supported: ['code'], grant_types_supported: ['authorization_code', 'client_credentials'], code_challenge_methods_supported: ['S256'],
          id_token_signing_alg_values_supported: ['RS256'], subject_types_supported: ['public'],
        });
      case 'GET /.well-known/jwks.json':
        return json(response, 200, { keys: [jwk] }, { 'cache-control': 'public, max-age=300' });
      case 'GET /oauth2/authorize': {
        const problem = authorizeParamsProblem(requestUrl.searchParams);
        if (problem !== undefined) return page(400, `<p>${escapeMarkup(problem)}</p>`);
        return page(200, signInPage(requestUrl.searchParams));
      }
      case 'POST /oauth2/authorize': {
        const form = await readForm(request);
        const problem = authorizeParamsProblem(form);
        if (problem !== undefined) return page(400, `<p>${escapeMarkup(problem)}</p>`);
        const result = await signIn(options.table, await signingKey(), (form.get('username') ?? '').trim().toLowerCase(), form.get('password') ?? '');
        if (!result.ok) {
          const message = result.reason === 'slowed'
            ? `尝试次数过多，请 ${result.retryAfterSeconds} 秒后再试 · Too many attempts: try again in ${result.retryAfterSeconds} s`
            : result.reason === 'disabled' ? '账号已停用 · This account is disabled' : '用户名或密码不正确 · Wrong username or password';
          return page(result.reason === 'slowed' ? 429 : 401, signInPage(form, message));
        }
        const code = randomBytes(24).toString('base64url');
        codes.set(code, { user: result.user, clientId: ADMIN_CLIENT_ID, redirectUri: form.get('redirect_uri') ?? '', challenge: form.get('code_challenge') ?? '', expires: now() + CODE_SECONDS });
        const target = new URL(form.get('redirect_uri') ?? '');
        target.searchParams.set('code', code);
        target.searchParams.set('state', form.get('state') ?? '');
        return response.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' }).end();
      }
      case 'POST /oauth2/token': {
        const form = await readForm(request);
        if (form.get('grant_type') === 'authorization_code') {
          const pending = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          if (pending === undefined || pending.expires < now() || pending.clientId !== form.get('client_id') || pending.redirectUri !== form.get('redirect_uri')) return tokenError(response, 400, 'invalid_grant', 'unknown, used or expired code');
          if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return tokenError(response, 400, 'invalid_grant', 'code_verifier does not match');
          return json(response, 200, { id_token: idTokenFor(pending.user), token_type: 'Bearer', expires_in: TOKEN_SECONDS });
        }
        if (form.get('grant_type') === 'client_credentials') {
          const [clientId = '', secret = ''] = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
          if (clientId !== machineClient.clientId || !safeEqual(secret, machineClient.secret)) return tokenError(response, 401, 'invalid_client', 'unknown client or wrong secret');
          const asked = (form.get('scope') ?? machineClient.scopes.join(' ')).split(' ').filter((s) => s !== '');
          if (asked.some((s) => !machineClient.scopes.includes(s))) return tokenError(response, 400, 'invalid_scope', 'scope not allowed for this client');
          const issuedAt = now();
          const token = signToken({ iss: url, client_id: clientId, token_use: 'access', scope: asked.join(' '), iat: issuedAt, exp: issuedAt + TOKEN_SECONDS, jti: randomUUID(), sub: clientId });
          return json(response, 200, { access_token: token, token_type: 'Bearer', expires_in: TOKEN_SECONDS });
        }
        return tokenError(response, 400, 'unsupported_grant_type', 'authorization_code or client_credentials');
      }
      case 'GET /logout': {
        const target = requestUrl.searchParams.get('logout_uri') ?? '';
        const allowed = options.adminRedirectUris.some((u) => URL.canParse(target) && new URL(u).origin === new URL(target).origin);
        if (!allowed) return page(400, '<p>logout_uri is not registered</p>');
        return response.writeHead(302, { location: target }).end();
      }
      default:
        return json(response, 404, { error: 'not_found' });
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      process.stderr.write(`[token issuer] ${error instanceof Error ? error.message : String(error)}\n`);
      if (!response.headersSent) json(response, 500, { error: 'server_error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    url,
    kid,
    machineClient,
    signToken,
    idTokenFor,
    stop: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
