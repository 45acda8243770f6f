import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Identity } from '../auth/identity.ts';
import { createTokenVerifier, MachineClientSitesSchema, type TokenVerifier, unauthenticated } from '../auth/verify.ts';
import { optionalEnv, requireEnv } from '../platform/config.ts';
import { env } from '../platform/resource-env.ts';
import { isSessionRevoked } from '../storage/revoked-sessions.ts';
import { type HttpResult, httpFunction } from './middleware.ts';
import { header } from './request.ts';

// Every staff and integration route authenticates here, with the same verifier in AWS and locally.
// API routes take a bearer token only (so a browser's cookies can never act for the user there); the
// admin pages take the HttpOnly session cookie that their sign-in sets. Either way a member of staff's
// session is looked up in the table, so one ended at sign-out is refused at once.

export const SESSION_COOKIE = 'pf_session';

let verifier: TokenVerifier | undefined;

/** Built on first use: modules that only import the types do not need the auth environment. */
export function tokenVerifier(): TokenVerifier {
  if (verifier !== undefined) return verifier;
  const table = requireEnv(env.tableName);
  verifier = createTokenVerifier({
    issuer: requireEnv(env.authIssuer),
    clientIds: requireEnv(env.authClientIds).split(',').map((id) => id.trim()).filter((id) => id !== ''),
    machineClientSites: MachineClientSitesSchema.parse(JSON.parse(optionalEnv(env.machineClientSites) ?? '{}')),
    isRevoked: (sessionId) => isSessionRevoked(table, sessionId),
  });
  return verifier;
}

export function bearerToken(event: APIGatewayProxyEventV2): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header(event, 'authorization') ?? '');
  return match?.[1];
}

export async function authenticateBearer(event: APIGatewayProxyEventV2): Promise<Identity> {
  const token = bearerToken(event);
  if (token === undefined) throw unauthenticated();
  return (await tokenVerifier()(token)).identity;
}

export type StaffHandler = (event: APIGatewayProxyEventV2, identity: Identity, context: Context) => Promise<HttpResult>;

/** The middleware chain of every staff and integration API function: httpFunction plus a verified identity. */
export function staffFunction(handler: StaffHandler) {
  return httpFunction(async (event, context) => handler(event, await authenticateBearer(event), context));
}
