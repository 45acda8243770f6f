import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDisableUserCommand, AdminRemoveUserFromGroupCommand, AdminSetUserMFAPreferenceCommand, AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand, CognitoIdentityProviderClient, ListUsersCommand, ListUsersInGroupCommand, UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cognitoDirectory, responderEmails, type StaffAccount, type StaffDirectory } from '../../../shared/administration/directory.ts';
import { changeStaff, createStaff, listStaff } from '../../../shared/administration/users.ts';
import type { UserIdentity } from '../../../shared/auth/identity.ts';
import { ChangeRefusedError, ForbiddenError, NotFoundError, ValidationError } from '../../../shared/platform/domain-errors.ts';
import { DEMO_DEPARTMENTS } from '../../../infra/local/demo-site.ts';

// The rules of user administration, whichever directory keeps the accounts (an in-memory one here), and
// the Cognito directory's calls, mocked at the SDK client.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const cognitoMock = mockClient(CognitoIdentityProviderClient);

function memoryDirectory(accounts: StaffAccount[]): StaffDirectory & { readonly accounts: StaffAccount[] } {
  return {
    kind: 'local',
    accounts,
    list: () => Promise.resolve([...accounts]),
    get: (username) => Promise.resolve(accounts.find((a) => a.username === username)),
    create: (account) => {
      if (accounts.some((a) => a.username === account.username)) return Promise.resolve(false);
      accounts.push(account);
      return Promise.resolve(true);
    },
    update: (_before, after) => {
      accounts.splice(accounts.findIndex((a) => a.username === after.username), 1, after);
      return Promise.resolve();
    },
    resetCredential: () => Promise.resolve(),
  };
}

const admin: UserIdentity = { kind: 'user', subject: 's', username: 'admin', roles: ['admin'], sites: ['demo'], departments: [] };
const account = (username: string, role: StaffAccount['role'], extra: Partial<StaffAccount> = {}): StaffAccount => ({ username, name: username, role, sites: ['demo'], departments: [], enabled: true, ...extra });

const audits = (): Record<string, unknown>[] => dynamoMock.commandCalls(PutCommand).flatMap((c) => {
  const item: Record<string, unknown> = c.args[0].input.Item ?? {};
  return typeof item.pk === 'string' && item.pk.startsWith('AUDIT#') ? [item] : [];
});

describe('user administration', () => {
  let directory: ReturnType<typeof memoryDirectory>;
  const context = () => ({ table: 't', directory });
  beforeEach(() => {
    dynamoMock.reset();
    dynamoMock.on(PutCommand).resolves({});
    dynamoMock.on(QueryCommand).resolves({ Items: DEMO_DEPARTMENTS.map((d) => ({ pk: 'SITE#demo', sk: `DEPT#${d.departmentId}`, ...d })) });
    directory = memoryDirectory([account('admin', 'admin'), account('head', 'office-head'), account('far', 'manager', { sites: ['elsewhere'] })]);
  });

  it('refuses every role but admin (403), and hides accounts of other sites (404)', async () => {
    const head: UserIdentity = { ...admin, username: 'head', roles: ['office-head'] };
    await expect(listStaff(context(), head)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listStaff(context(), admin)).map((a) => a.username)).toEqual(['admin', 'head']);
    await expect(changeStaff(context(), admin, 'far', () => ({ enabled: false }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(createStaff(context(), admin, () => ({ username: 'x1', name: 'X', role: 'manager', sites: ['elsewhere'], password: 'Good-pass-2026!' }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a change of one\'s own role and the disabling of one\'s own account', async () => {
    await expect(changeStaff(context(), admin, 'admin', () => ({ role: 'manager' }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeStaff(context(), admin, 'admin', () => ({ enabled: false }))).rejects.toBeInstanceOf(ForbiddenError);
    // One's own name is one's own business.
    expect((await changeStaff(context(), admin, 'admin', () => ({ name: '管理员' }))).name).toBe('管理员');
  });

  it('keeps the last enabled admin: neither disabled nor moved to another role, until there is another', async () => {
    const other: UserIdentity = { ...admin, username: 'outside' };
    await expect(changeStaff(context(), other, 'admin', () => ({ enabled: false }))).rejects.toBeInstanceOf(ChangeRefusedError);
    await expect(changeStaff(context(), other, 'admin', () => ({ role: 'manager' }))).rejects.toBeInstanceOf(ChangeRefusedError);
    expect(directory.accounts.find((a) => a.username === 'admin')).toMatchObject({ role: 'admin', enabled: true });
    await changeStaff(context(), admin, 'head', () => ({ role: 'admin' }));
    expect((await changeStaff(context(), other, 'admin', () => ({ enabled: false }))).enabled).toBe(false);
  });

  it('checks a department-scoped role names real departments, and audits who did what to whom without the password', async () => {
    await expect(createStaff(context(), admin, () => ({ username: 'resp', name: 'R', role: 'responder', sites: ['demo'], password: 'Good-pass-2026!' }))).rejects.toBeInstanceOf(ValidationError);
    await expect(createStaff(context(), admin, () => ({ username: 'resp', name: 'R', role: 'responder', sites: ['demo'], departments: ['moon-ward'], password: 'Good-pass-2026!' }))).rejects.toBeInstanceOf(ValidationError);
    await createStaff(context(), admin, () => ({ username: 'resp', name: 'R', role: 'responder', sites: ['demo'], departments: ['cardiology-ward'], password: 'Good-pass-2026!' }));
    await changeStaff(context(), admin, 'resp', () => ({ role: 'manager', password: 'Other-pass-2026!' }));
    expect(audits().map((i) => [i.actor, i.action, i.target, i.detail])).toEqual([
      ['user:admin', 'user-create', 'user:resp', 'role=responder; sites=demo'],
      ['user:admin', 'user-change', 'user:resp', 'role=responder->manager; password-reset'],
    ]);
    expect(JSON.stringify(audits())).not.toContain('pass-2026');
  });

  it('refuses a reset the directory cannot do before anything is written', async () => {
    await expect(changeStaff(context(), admin, 'head', () => ({ role: 'manager', resetMfa: true }))).rejects.toBeInstanceOf(ChangeRefusedError);
    expect(directory.accounts.find((a) => a.username === 'head')?.role).toBe('office-head');
  });
});

describe('the Cognito directory', () => {
  const pool = 'cn-north-1_pool';
  beforeEach(() => {
    cognitoMock.reset();
  });

  it('creates a user with its attributes, its group, and an invitation by mail; a taken name is false', async () => {
    cognitoMock.on(AdminCreateUserCommand).resolves({}).on(AdminAddUserToGroupCommand).resolves({});
    const directory = cognitoDirectory(pool);
    expect(await directory.create(account('li', 'responder', { email: 'li@h.example', departments: ['cardiology-ward'] }), undefined)).toBe(true);
    expect(cognitoMock).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserPoolId: pool, Username: 'li', DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [{ Name: 'name', Value: 'li' }, { Name: 'email', Value: 'li@h.example' }, { Name: 'email_verified', Value: 'true' }, { Name: 'custom:sites', Value: 'demo' }, { Name: 'custom:departments', Value: 'cardiology-ward' }],
    });
    expect(cognitoMock).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { UserPoolId: pool, Username: 'li', GroupName: 'responder' });
    cognitoMock.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    expect(await directory.create(account('li', 'responder', { email: 'li@h.example' }), undefined)).toBe(false);
    await expect(directory.create(account('li2', 'manager', { email: 'x@h.example' }), 'A-password-1!')).rejects.toBeInstanceOf(ChangeRefusedError);
  });

  it('moves a user between groups, updates the attributes, and disables with a global sign-out', async () => {
    cognitoMock.onAnyCommand().resolves({});
    const before = account('li', 'responder', { email: 'li@h.example', departments: ['cardiology-ward'] });
    await cognitoDirectory(pool).update(before, { ...before, role: 'office-officer', departments: [], enabled: false });
    const attributes = cognitoMock.commandCalls(AdminUpdateUserAttributesCommand)[0]?.args[0].input.UserAttributes ?? [];
    expect(attributes).toContainEqual({ Name: 'custom:departments', Value: '' });
    expect(cognitoMock).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { GroupName: 'office-officer' });
    expect(cognitoMock).toHaveReceivedCommandWith(AdminRemoveUserFromGroupCommand, { GroupName: 'responder' });
    expect(cognitoMock).toHaveReceivedCommandWith(AdminDisableUserCommand, { UserPoolId: pool, Username: 'li' });
    expect(cognitoMock).toHaveReceivedCommandWith(AdminUserGlobalSignOutCommand, { UserPoolId: pool, Username: 'li' });
    await cognitoDirectory(pool).resetCredential('li', 'mfa');
    expect(cognitoMock).toHaveReceivedCommandWith(AdminSetUserMFAPreferenceCommand, { Username: 'li', SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
  });

  it('lists users with their roles from the groups, and finds a ward\'s responders with an address', async () => {
    cognitoMock.on(ListUsersCommand).resolves({ Users: [
      { Username: 'wang', Enabled: true, Attributes: [{ Name: 'name', Value: '王磊' }, { Name: 'email', Value: 'wang@h.example' }, { Name: 'custom:sites', Value: 'demo' }, { Name: 'custom:departments', Value: 'cardiology-ward,orthopaedics-ward' }] },
      { Username: 'off', Enabled: false, Attributes: [{ Name: 'email', Value: 'off@h.example' }, { Name: 'custom:sites', Value: 'demo' }, { Name: 'custom:departments', Value: 'cardiology-ward' }] },
      { Username: 'zhao', Enabled: true, Attributes: [{ Name: 'email', Value: 'zhao@h.example' }, { Name: 'custom:sites', Value: 'demo' }, { Name: 'custom:departments', Value: 'cardiology-ward' }] },
    ] });
    cognitoMock.on(ListUsersInGroupCommand).resolves({ Users: [] });
    cognitoMock.on(ListUsersInGroupCommand, { GroupName: 'responder' }).resolves({ Users: [{ Username: 'wang' }, { Username: 'off' }] });
    cognitoMock.on(ListUsersInGroupCommand, { GroupName: 'callback-staff' }).resolves({ Users: [{ Username: 'zhao' }] });
    const directory = cognitoDirectory(pool);
    expect((await directory.list()).map((a) => [a.username, a.role, a.enabled])).toEqual([['off', 'responder', false], ['wang', 'responder', true], ['zhao', 'callback-staff', true]]);
    expect(await responderEmails(directory, 'demo', 'cardiology-ward')).toEqual(['wang@h.example']);
    expect(await responderEmails(directory, 'demo', 'maternity-ward')).toEqual([]);
  });
});
