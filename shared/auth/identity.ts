import * as z from '../schemas/zod.ts';
import { IdSchema } from '../schemas/site.ts';

// Who is asking: a signed-in member of staff, or a machine client (the HIS, the call centre). Built only
// from a verified token (see verify.ts); never from anything a client can set.

export const ROLES = ['office-officer', 'office-head', 'responder', 'callback-staff', 'manager', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Roles that act only within their departments (domain.md: a responder sees only their own department). */
export const DEPARTMENT_SCOPED_ROLES: readonly Role[] = ['responder', 'callback-staff'];

/** What a machine client may do, as OAuth scopes on its access token. */
export const MACHINE_SCOPES = { discharges: 'patient-feedback/discharges.write', callbacks: 'patient-feedback/callbacks.write' } as const;

export const UserIdentitySchema = z.object({
  kind: z.literal('user'),
  subject: z.string().check(z.minLength(1)),
  username: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  roles: z.array(RoleSchema),
  sites: z.array(IdSchema),
  departments: z.array(IdSchema),
});
export type UserIdentity = z.infer<typeof UserIdentitySchema>;

export const MachineIdentitySchema = z.object({
  kind: z.literal('machine'),
  clientId: z.string().check(z.minLength(1)),
  scopes: z.array(z.string()),
  sites: z.array(IdSchema),
});
export type MachineIdentity = z.infer<typeof MachineIdentitySchema>;

export type Identity = UserIdentity | MachineIdentity;

/** Who did it, for history and audit entries. */
export const actorOf = (identity: Identity): string => (identity.kind === 'user' ? `user:${identity.username}` : `client:${identity.clientId}`);

const list = z.pipe(z.string(), z.transform((text) => text.split(',').map((s) => s.trim()).filter((s) => s !== '')));

/**
 * The claims of a user's ID token, as Cognito issues them and the local issuer copies: groups are the
 * roles, `custom:sites` and `custom:departments` comma-separated lists.
 */
export const UserClaimsSchema = z.object({
  token_use: z.literal('id'),
  sub: z.string().check(z.minLength(1)),
  'cognito:username': z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  'cognito:groups': z._default(z.array(z.string()), []),
  'custom:sites': z._default(list, []),
  'custom:departments': z._default(list, []),
});

/** A client-credentials access token: no user, only the client and its scopes. */
export const MachineClaimsSchema = z.object({
  token_use: z.literal('access'),
  client_id: z.string().check(z.minLength(1)),
  scope: z._default(z.string(), ''),
  // A user's access token names the user; a client-credentials token never does.
  username: z.optional(z.undefined()),
});

export function identityFromClaims(claims: unknown, machineClientSites: Readonly<Record<string, readonly string[]>>): Identity | undefined {
  const user = UserClaimsSchema.safeParse(claims);
  if (user.success) {
    const c = user.data;
    return UserIdentitySchema.parse({
      kind: 'user',
      subject: c.sub,
      username: c['cognito:username'],
      ...(c.name === undefined ? {} : { name: c.name }),
      // Unknown groups are ignored rather than trusted: a group name is not a role until it is one of ROLES.
      roles: c['cognito:groups'].filter((g): g is Role => RoleSchema.safeParse(g).success),
      sites: c['custom:sites'],
      departments: c['custom:departments'],
    });
  }
  const machine = MachineClaimsSchema.safeParse(claims);
  if (machine.success) {
    const sites = machineClientSites[machine.data.client_id];
    if (sites === undefined) return undefined;
    return { kind: 'machine', clientId: machine.data.client_id, scopes: machine.data.scope.split(' ').filter((s) => s !== ''), sites: [...sites] };
  }
  return undefined;
}
