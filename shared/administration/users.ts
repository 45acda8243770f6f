import * as z from '../schemas/zod.ts';
import { actorOf, DEPARTMENT_SCOPED_ROLES, type Identity, type Role, RoleSchema } from '../auth/identity.ts';
import { passwordProblem } from '../auth/password.ts';
import { authorize, requireAction } from '../auth/policy.ts';
import { ChangeRefusedError, ForbiddenError, NotFoundError, ValidationError } from '../platform/domain-errors.ts';
import { IdSchema } from '../schemas/site.ts';
import { recordAudit } from '../storage/audit.ts';
import { listDepartments } from '../storage/sites.ts';
import { UsernameSchema } from '../storage/users.ts';
import { type CredentialReset, resetRefusal, type StaffAccount, type StaffDirectory } from './directory.ts';

// Staff accounts, for the `admin` role: list, create, change a role or scope, disable and enable, reset a
// password (the local store) or the second factor (Cognito). The rules hold whichever directory keeps the
// accounts: nobody changes their own role or disables themselves, the last enabled admin stays one, an
// admin reaches only accounts of their own sites (others are "not found"), and every change is audited
// (who, what, to whom; never a password).

const Password = z.string().check(
  z.maxLength(200),
  z.superRefine((password, context) => {
    const problem = passwordProblem(password);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: `password needs ${problem}` });
  }),
);

const Departments = z.array(IdSchema).check(z.maxLength(100), z.refine((ids) => new Set(ids).size === ids.length, 'each department once'));
const Sites = z.array(IdSchema).check(z.minLength(1), z.maxLength(20), z.refine((ids) => new Set(ids).size === ids.length, 'each site once'));

/** The body of `POST /v1/admin/users` (api.md). The password only for the local store: Cognito mails an invitation. */
export const NewUserSchema = z.strictObject({
  username: UsernameSchema,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  email: z.optional(z.email()),
  role: RoleSchema,
  sites: Sites,
  departments: z._default(Departments, []),
  password: z.optional(Password),
});
export type NewUser = z.infer<typeof NewUserSchema>;

/** The body of `PATCH /v1/admin/users/{username}`: what changes; a reset of the password or the second factor. */
export const UserChangeSchema = z.strictObject({
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  email: z.optional(z.email()),
  role: z.optional(RoleSchema),
  sites: z.optional(Sites),
  departments: z.optional(Departments),
  enabled: z.optional(z.boolean()),
  /** A new password (the local store only). */
  password: z.optional(Password),
  /** Cognito mails the user a code to choose a new password. */
  resetPassword: z.optional(z.literal(true)),
  /** The user sets up a new authenticator app at the next sign-in (Cognito). */
  resetMfa: z.optional(z.literal(true)),
}).check(z.refine((change) => Object.keys(change).length > 0, { message: 'nothing to change', path: ['(body)'] }));
export type UserChange = z.infer<typeof UserChangeSchema>;

/** What the API and the pages show of an account. */
export const StaffAccountViewSchema = z.object({
  username: z.string(),
  name: z.string(),
  email: z.optional(z.string()),
  role: RoleSchema,
  sites: z.array(z.string()),
  departments: z.array(z.string()),
  enabled: z.boolean(),
});
export type StaffAccountView = z.infer<typeof StaffAccountViewSchema>;

export const accountView = (a: StaffAccount): StaffAccountView => ({
  username: a.username, name: a.name, ...(a.email === undefined ? {} : { email: a.email }), role: a.role, sites: [...a.sites], departments: [...a.departments], enabled: a.enabled,
});

export interface UserAdminContext {
  readonly table: string;
  readonly directory: StaffDirectory;
}

const noSuchUser = () => new NotFoundError('No such user.');

/** The sites an admin manages; 403 for a role that manages nobody. */
function managedSites(identity: Identity): readonly string[] {
  requireAction(identity, 'users:manage');
  return identity.sites;
}

/** An account is the admin's when every one of its sites is theirs; any other is "not found". */
const isManaged = (identity: Identity, account: StaffAccount): boolean => account.sites.every((siteId) => identity.sites.includes(siteId));

/** Every site named must be the admin's (404 otherwise), and every department must exist at one of them. */
async function checkScope(table: string, identity: Identity, role: Role, sites: readonly string[], departments: readonly string[]): Promise<void> {
  for (const siteId of sites) authorize(identity, 'users:manage', { siteId });
  if (DEPARTMENT_SCOPED_ROLES.includes(role) && departments.length === 0) throw ValidationError.field('departments', 'this role acts for its departments: name at least one');
  if (departments.length === 0) return;
  const known = new Set((await Promise.all(sites.map((siteId) => listDepartments(table, siteId)))).flat().map((d) => d.departmentId));
  const unknown = departments.filter((id) => !known.has(id));
  if (unknown.length > 0) throw ValidationError.field('departments', `no such department at these sites: ${unknown.join(', ')}`);
}

export async function listStaff(context: UserAdminContext, identity: Identity, siteId?: string): Promise<StaffAccountView[]> {
  const sites = managedSites(identity);
  if (siteId !== undefined) authorize(identity, 'users:manage', { siteId });
  const accounts = await context.directory.list();
  return accounts.filter((a) => isManaged(identity, a) && a.sites.some((s) => (siteId === undefined ? sites.includes(s) : s === siteId))).map(accountView);
}

export async function getStaff(context: UserAdminContext, identity: Identity, username: string): Promise<StaffAccountView> {
  managedSites(identity);
  const account = await context.directory.get(username);
  if (account === undefined || !isManaged(identity, account)) throw noSuchUser();
  return accountView(account);
}

export async function createStaff(context: UserAdminContext, identity: Identity, readBody: () => unknown): Promise<StaffAccountView> {
  managedSites(identity);
  const parsed = NewUserSchema.safeParse(readBody());
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { password, ...fields } = parsed.data;
  await checkScope(context.table, identity, fields.role, fields.sites, fields.departments);
  const account: StaffAccount = { ...fields, enabled: true };
  if (!(await context.directory.create(account, password))) throw ValidationError.field('username', 'this username is taken', 'This username is taken.');
  await recordAudit(context.table, { actor: actorOf(identity), action: 'user-create', outcome: 'success', sites: account.sites, target: `user:${account.username}`, detail: `role=${account.role}; sites=${account.sites.join(',')}` });
  return accountView(account);
}

/** Enabled admins other than `except`: the last one keeps the role and stays enabled, or nobody can manage accounts. */
async function otherEnabledAdmins(directory: StaffDirectory, except: string): Promise<number> {
  return (await directory.list()).filter((a) => a.role === 'admin' && a.enabled && a.username !== except).length;
}

/** What changed, for the audit trail: field names and roles, never a password or a name's content. */
function changedFields(before: StaffAccount, after: StaffAccount, reset: CredentialReset | undefined): string {
  const parts: string[] = [];
  if (before.role !== after.role) parts.push(`role=${before.role}->${after.role}`);
  if (before.enabled !== after.enabled) parts.push(after.enabled ? 'enabled' : 'disabled');
  if (before.sites.join(',') !== after.sites.join(',')) parts.push(`sites=${after.sites.join(',')}`);
  if (before.departments.join(',') !== after.departments.join(',')) parts.push(`departments=${after.departments.join(',')}`);
  if (before.name !== after.name) parts.push('name');
  if (before.email !== after.email) parts.push('email');
  if (reset !== undefined) parts.push(reset === 'mfa' ? 'mfa-reset' : 'password-reset');
  return parts.join('; ');
}

export async function changeStaff(context: UserAdminContext, identity: Identity, username: string, readBody: () => unknown): Promise<StaffAccountView> {
  managedSites(identity);
  const before = await context.directory.get(username);
  if (before === undefined || !isManaged(identity, before)) throw noSuchUser();
  const parsed = UserChangeSchema.safeParse(readBody());
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { password, resetPassword, resetMfa, ...fields } = parsed.data;
  const after: StaffAccount = { ...before, ...fields };
  const self = identity.kind === 'user' && identity.username === username;
  if (self && after.role !== before.role) throw new ForbiddenError('Nobody changes their own role.', [{ path: 'role', message: 'nobody changes their own role' }]);
  if (self && !after.enabled) throw new ForbiddenError('Nobody disables their own account.', [{ path: 'enabled', message: 'nobody disables their own account' }]);
  if (before.role === 'admin' && before.enabled && (after.role !== 'admin' || !after.enabled) && (await otherEnabledAdmins(context.directory, username)) === 0) {
    throw new ChangeRefusedError('The last enabled administrator cannot be disabled or lose the role: make another administrator first.', after.enabled ? 'role' : 'enabled');
  }
  await checkScope(context.table, identity, after.role, after.sites, after.departments);
  const resets = [password === undefined ? undefined : { password }, resetPassword === true ? 'password' as const : undefined, resetMfa === true ? 'mfa' as const : undefined].filter((r) => r !== undefined);
  if (resets.length > 1) throw ValidationError.field('(body)', 'one reset at a time');
  const reset = resets[0];
  const refusal = reset === undefined ? undefined : resetRefusal(context.directory.kind, reset);
  if (refusal !== undefined) throw refusal;
  await context.directory.update(before, after);
  if (reset !== undefined) await context.directory.resetCredential(username, reset);
  await recordAudit(context.table, { actor: actorOf(identity), action: 'user-change', outcome: 'success', sites: [...before.sites, ...after.sites], target: `user:${username}`, detail: changedFields(before, after, reset) });
  return accountView(after);
}
