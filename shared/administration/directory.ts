import { type Role, RoleSchema, ROLES } from '../auth/identity.ts';
import { hashPassword } from '../auth/password.ts';
import {
  createPoolUser, getPoolUser, groupMembers, listPoolUsers, type PoolUser, resetPoolUserMfa, resetPoolUserPassword, setPoolUserEnabled, setPoolUserGroup,
  updatePoolUserAttributes,
} from '../aws/cognito.ts';
import { optionalEnv } from '../platform/config.ts';
import { ChangeRefusedError } from '../platform/domain-errors.ts';
import { env } from '../platform/resource-env.ts';
import { createUserIfAbsent, getUser, listUsers, saveUser, type StaffUser } from '../storage/users.ts';

// The staff directory: the accounts behind the sign-in. In AWS they are the Cognito user pool's (groups
// are roles, custom:sites and custom:departments the scope); on one machine the local issuer's user store
// (shared/storage/users.ts). The user administration (users.ts) and the handler notices speak to this
// one interface, so the rules are the same code in both places.

export interface StaffAccount {
  readonly username: string;
  readonly name: string;
  readonly email?: string | undefined;
  /** One role per account (a Cognito group). */
  readonly role: Role;
  readonly sites: readonly string[];
  readonly departments: readonly string[];
  readonly enabled: boolean;
}

/** How an account's credential is reset: a new password (the local store), Cognito's reset mail, or the second factor. */
export type CredentialReset = { readonly password: string } | 'password' | 'mfa';

/**
 * Who is in the directory: all the mails need of it (the digest's recipients, a department's responders).
 * A function that only lists accounts takes this (`staffListing`), so its bundle carries none of the
 * user administration's calls.
 */
export interface StaffListing {
  list(): Promise<StaffAccount[]>;
}

export interface StaffDirectory extends StaffListing {
  /** `local`: the local issuer's store (passwords set here); `cognito`: the user pool (Cognito mails invitations and resets). */
  readonly kind: 'local' | 'cognito';
  get(username: string): Promise<StaffAccount | undefined>;
  /** False when the name is taken. `password` only for the local store. */
  create(account: StaffAccount, password: string | undefined): Promise<boolean>;
  /** Writes what differs between `before` and `after` (the same user). */
  update(before: StaffAccount, after: StaffAccount): Promise<void>;
  resetCredential(username: string, reset: CredentialReset): Promise<void>;
}

const refused = (detail: string, path: string) => new ChangeRefusedError(detail, path);

/** Why a directory cannot do this reset (checked before anything is written), or undefined when it can. */
export function resetRefusal(kind: StaffDirectory['kind'], reset: CredentialReset): ChangeRefusedError | undefined {
  if (kind === 'local' && reset === 'mfa') return refused('本地登录没有第二因素 · The local sign-in has no second factor to reset.', 'resetMfa');
  if (kind === 'local' && reset === 'password') return refused('本地账号请直接设置新密码 · Give the local account its new password.', 'password');
  if (kind === 'cognito' && typeof reset === 'object') return passwordToCognito();
  return undefined;
}

const passwordToCognito = () => refused('Cognito 会邮件发送重设密码的验证码，请勿填写密码 · Cognito mails a reset code: leave the password out.', 'password');

// --- the local issuer's store ---------------------------------------------------------------------------

const accountOfUser = (user: StaffUser): StaffAccount => ({
  username: user.username, name: user.name, email: user.email, role: user.roles[0] ?? 'manager', sites: user.sites, departments: user.departments, enabled: !user.disabled,
});

const userOfAccount = (account: StaffAccount, passwordHash: string): StaffUser => ({
  username: account.username, name: account.name, ...(account.email === undefined ? {} : { email: account.email }), passwordHash,
  roles: [account.role], sites: [...account.sites], departments: [...account.departments], disabled: !account.enabled,
});

const localAccounts = async (table: string) => (await listUsers(table)).map(accountOfUser);

export function localDirectory(table: string): StaffDirectory {
  return {
    kind: 'local',
    list: () => localAccounts(table),
    get: async (username) => {
      const user = await getUser(table, username);
      return user === undefined ? undefined : accountOfUser(user);
    },
    create: async (account, password) => {
      if (password === undefined) throw refused('本地账号需要初始密码 · A local account needs a first password.', 'password');
      return createUserIfAbsent(table, userOfAccount(account, await hashPassword(password)));
    },
    update: async (_before, after) => {
      const stored = await getUser(table, after.username);
      if (stored === undefined || !(await saveUser(table, userOfAccount(after, stored.passwordHash)))) throw refused('没有这个账号 · No such account.', 'username');
    },
    resetCredential: async (username, reset) => {
      if (typeof reset !== 'object') throw resetRefusal('local', reset) ?? refused('本地账号请直接设置新密码 · Give the local account its new password.', 'password');
      const stored = await getUser(table, username);
      if (stored === undefined || !(await saveUser(table, { ...stored, passwordHash: await hashPassword(reset.password) }))) throw refused('没有这个账号 · No such account.', 'username');
    },
  };
}

// --- the Cognito user pool ------------------------------------------------------------------------------

const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

function accountOfPoolUser(user: PoolUser, groups: readonly string[]): StaffAccount {
  const role = groups.find((g): g is Role => RoleSchema.safeParse(g).success);
  return {
    username: user.username,
    name: user.attributes.name ?? user.username,
    email: user.attributes.email,
    // A pool user in no role's group can do nothing; shown as the least role so the admin sees and fixes it.
    role: role ?? 'manager',
    sites: list(user.attributes['custom:sites']),
    departments: list(user.attributes['custom:departments']),
    enabled: user.enabled,
  };
}

const poolAttributes = (account: StaffAccount): Record<string, string> => ({
  name: account.name,
  ...(account.email === undefined ? {} : { email: account.email, email_verified: 'true' }),
  'custom:sites': account.sites.join(','),
  'custom:departments': account.departments.join(','),
});

async function poolAccounts(userPoolId: string): Promise<StaffAccount[]> {
  const [users, ...members] = await Promise.all([listPoolUsers(userPoolId), ...ROLES.map((role) => groupMembers(userPoolId, role))]);
  const groupsOf = (username: string) => ROLES.filter((_role, i) => members[i]?.includes(username));
  return users.map((user) => accountOfPoolUser(user, groupsOf(user.username))).sort((a, b) => a.username.localeCompare(b.username));
}

export function cognitoDirectory(userPoolId: string): StaffDirectory {
  return {
    kind: 'cognito',
    list: () => poolAccounts(userPoolId),
    get: async (username) => {
      const user = await getPoolUser(userPoolId, username);
      return user === undefined ? undefined : accountOfPoolUser(user, user.groups);
    },
    create: async (account, password) => {
      if (password !== undefined) throw refused('Cognito 会邮件发送邀请和临时密码，请勿填写密码 · Cognito mails the invitation and a temporary password: leave the password out.', 'password');
      if (account.email === undefined) throw refused('Cognito 账号需要电子邮箱以发送邀请 · A Cognito account needs an e-mail address for its invitation.', 'email');
      return createPoolUser(userPoolId, account.username, poolAttributes(account), account.role);
    },
    update: async (before, after) => {
      if (JSON.stringify(poolAttributes(before)) !== JSON.stringify(poolAttributes(after))) await updatePoolUserAttributes(userPoolId, after.username, poolAttributes(after));
      if (before.role !== after.role) await setPoolUserGroup(userPoolId, after.username, after.role, ROLES);
      if (before.enabled !== after.enabled) await setPoolUserEnabled(userPoolId, after.username, after.enabled);
    },
    resetCredential: async (username, reset) => {
      if (reset === 'mfa') return resetPoolUserMfa(userPoolId, username);
      if (reset === 'password') return resetPoolUserPassword(userPoolId, username);
      throw passwordToCognito();
    },
  };
}

/** The deployment's user pool (AWS), or undefined on one machine, where the local store is the directory. */
const deploymentPool = (): string | undefined => optionalEnv(env.authUserPoolId);

/** The deployment's directory: the user pool when one is configured (AWS), else the local store. */
export function staffDirectory(table: string): StaffDirectory {
  const userPoolId = deploymentPool();
  return userPoolId === undefined ? localDirectory(table) : cognitoDirectory(userPoolId);
}

/** The deployment's directory to list only, from the same place as `staffDirectory`'s. */
export function staffListing(table: string): StaffListing {
  const userPoolId = deploymentPool();
  return { list: () => (userPoolId === undefined ? localAccounts(table) : poolAccounts(userPoolId)) };
}

/** The addresses of a department's responders: who hears of a case handed to a department that has no address. */
export async function responderEmails(directory: StaffListing, siteId: string, departmentId: string): Promise<string[]> {
  const accounts = await directory.list();
  return accounts
    .filter((a) => a.enabled && a.role === 'responder' && a.sites.includes(siteId) && a.departments.includes(departmentId) && a.email !== undefined)
    .flatMap((a) => (a.email === undefined ? [] : [a.email]));
}
