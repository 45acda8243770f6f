import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDisableUserCommand, AdminEnableUserCommand, AdminGetUserCommand, AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand, AdminResetUserPasswordCommand, AdminSetUserMFAPreferenceCommand, AdminUpdateUserAttributesCommand, AdminUserGlobalSignOutCommand,
  type AttributeType, CognitoIdentityProviderClient, ListUsersCommand, ListUsersInGroupCommand, UsernameExistsException, UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';

// The staff user pool (AWS only: locally the token issuer and its user store stand in). Each call here is
// one Cognito admin action, scoped by IAM to this one pool.
const cognito = new CognitoIdentityProviderClient({});

/**
 * Cognito's global sign-out: revokes the user's refresh tokens, so no new token is issued from the old
 * sign-in. A user deleted meanwhile has nothing left to sign out.
 */
export async function globalSignOut(userPoolId: string, username: string): Promise<void> {
  try {
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
  } catch (error) {
    if (error instanceof UserNotFoundException) return;
    throw error;
  }
}

/** A pool user as the directory reads it: its attributes by name. */
export interface PoolUser {
  readonly username: string;
  readonly enabled: boolean;
  readonly attributes: Readonly<Record<string, string>>;
}

const attributeMap = (attributes: readonly AttributeType[] | undefined): Record<string, string> =>
  Object.fromEntries((attributes ?? []).flatMap((a) => (a.Name === undefined || a.Value === undefined ? [] : [[a.Name, a.Value]])));

const toAttributes = (attributes: Readonly<Record<string, string>>): AttributeType[] => Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));

/** Every user of the pool (ListUsers, 60 a page). */
export async function listPoolUsers(userPoolId: string): Promise<PoolUser[]> {
  const users: PoolUser[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: 60, PaginationToken: token }));
    for (const user of page.Users ?? []) {
      if (user.Username !== undefined) users.push({ username: user.Username, enabled: user.Enabled !== false, attributes: attributeMap(user.Attributes) });
    }
    token = page.PaginationToken;
  } while (token !== undefined);
  return users;
}

/** The usernames in one group (a role). */
export async function groupMembers(userPoolId: string, group: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, Limit: 60, NextToken: token }));
    for (const user of page.Users ?? []) if (user.Username !== undefined) names.push(user.Username);
    token = page.NextToken;
  } while (token !== undefined);
  return names;
}

export async function getPoolUser(userPoolId: string, username: string): Promise<(PoolUser & { groups: string[] }) | undefined> {
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username, Limit: 60 }));
    return {
      username: user.Username ?? username,
      enabled: user.Enabled !== false,
      attributes: attributeMap(user.UserAttributes),
      groups: (groups.Groups ?? []).flatMap((g) => (g.GroupName === undefined ? [] : [g.GroupName])),
    };
  } catch (error) {
    if (error instanceof UserNotFoundException) return undefined;
    throw error;
  }
}

/** Creates the user and Cognito mails the invitation with a temporary password; false when the name is taken. */
export async function createPoolUser(userPoolId: string, username: string, attributes: Readonly<Record<string, string>>, group: string): Promise<boolean> {
  try {
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: toAttributes(attributes), DesiredDeliveryMediums: ['EMAIL'] }));
  } catch (error) {
    if (error instanceof UsernameExistsException) return false;
    throw error;
  }
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
  return true;
}

export async function updatePoolUserAttributes(userPoolId: string, username: string, attributes: Readonly<Record<string, string>>): Promise<void> {
  await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: toAttributes(attributes) }));
}

/** Puts the user in `group` and takes them out of the others listed (a user has one role). */
export async function setPoolUserGroup(userPoolId: string, username: string, group: string, others: readonly string[]): Promise<void> {
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
  for (const other of others) {
    if (other !== group) await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: other }));
  }
}

/** Disabling also ends the user's sessions: a disabled account's refresh tokens must not mint new ones. */
export async function setPoolUserEnabled(userPoolId: string, username: string, enabled: boolean): Promise<void> {
  if (enabled) {
    await cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }));
    return;
  }
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
  await globalSignOut(userPoolId, username);
}

/** Cognito mails the user a code to choose a new password. */
export async function resetPoolUserPassword(userPoolId: string, username: string): Promise<void> {
  await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: username }));
}

/** Drops the user's authenticator app: the pool requires MFA, so the next sign-in sets up a new one. */
export async function resetPoolUserMfa(userPoolId: string, username: string): Promise<void> {
  await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: username, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));
  await globalSignOut(userPoolId, username);
}
