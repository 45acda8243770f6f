import { AdminUserGlobalSignOutCommand, CognitoIdentityProviderClient, NotAuthorizedException, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UserIdentity } from '../../../shared/auth/identity.ts';
import { signOut } from '../../../shared/auth/sign-out.ts';
import { isSessionRevoked } from '../../../shared/storage/revoked-sessions.ts';
import { TEST_TABLE } from '../../support/survey-target.ts';

// Sign-out ends the session on the server: Cognito's global sign-out in AWS, then the session's id revoked
// until its token would expire. DynamoDB and Cognito are mocked at their clients.

const NOW = new Date('2026-11-22T08:00:00.000Z');
const POOL = 'cn-north-1_Staff';
const USER: UserIdentity = { kind: 'user', subject: 's-1', username: 'manager', roles: ['manager'], sites: ['demo'], departments: [] };
const SESSION = { id: 'sign-in-1', expiresAt: NOW.getTime() / 1000 + 1800 };
const REVOKED_KEY = { pk: 'SESSION#sign-in-1', sk: 'REVOKED' };

const dynamoMock = mockClient(DynamoDBDocumentClient);
const cognitoMock = mockClient(CognitoIdentityProviderClient);

beforeEach(() => {
  dynamoMock.reset();
  cognitoMock.reset();
  dynamoMock.on(PutCommand).resolves({});
  cognitoMock.on(AdminUserGlobalSignOutCommand).resolves({});
});

const revocations = () => dynamoMock.commandCalls(PutCommand).filter((call) => call.args[0].input.Item?.pk === REVOKED_KEY.pk);

describe('sign-out', () => {
  it('signs the user out of Cognito, then revokes the session until its token expires, and audits it', async () => {
    await signOut(TEST_TABLE, USER, SESSION, POOL, NOW);

    expect(cognitoMock).toHaveReceivedCommandExactlyOnceWith(AdminUserGlobalSignOutCommand, { UserPoolId: POOL, Username: 'manager' });
    expect(dynamoMock).toHaveReceivedCommandWith(PutCommand, { TableName: TEST_TABLE, Item: { ...REVOKED_KEY, revokedAt: NOW.toISOString(), expiresAt: SESSION.expiresAt } });
    const audit = dynamoMock.commandCalls(PutCommand).map((call) => call.args[0].input.Item).find((item) => item?.action === 'sign-out');
    expect(audit).toMatchObject({ actor: 'user:manager', action: 'sign-out', outcome: 'success', at: NOW.toISOString() });
  });

  it('revokes the session without a user pool (the local issuer has none)', async () => {
    await signOut(TEST_TABLE, USER, SESSION, undefined, NOW);

    expect(cognitoMock.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(0);
    expect(revocations()).toHaveLength(1);
  });

  it('leaves the session whole when Cognito refuses, so the sign-out can be tried again', async () => {
    cognitoMock.on(AdminUserGlobalSignOutCommand).rejects(new NotAuthorizedException({ message: 'no', $metadata: {} }));

    await expect(signOut(TEST_TABLE, USER, SESSION, POOL, NOW)).rejects.toBeInstanceOf(NotAuthorizedException);

    expect(revocations()).toHaveLength(0);
  });

  it('still ends the session of a user deleted from the pool meanwhile', async () => {
    cognitoMock.on(AdminUserGlobalSignOutCommand).rejects(new UserNotFoundException({ message: 'gone', $metadata: {} }));

    await signOut(TEST_TABLE, USER, SESSION, POOL, NOW);

    expect(revocations()).toHaveLength(1);
  });
});

describe('revoked sessions', () => {
  it('are looked up with a strongly consistent read, so a sign-out holds from the next request', async () => {
    dynamoMock.on(GetCommand, { Key: REVOKED_KEY }).resolves({ Item: REVOKED_KEY });
    dynamoMock.on(GetCommand, { Key: { pk: 'SESSION#other', sk: 'REVOKED' } }).resolves({});

    expect(await isSessionRevoked(TEST_TABLE, 'sign-in-1')).toBe(true);
    expect(await isSessionRevoked(TEST_TABLE, 'other')).toBe(false);
    expect(dynamoMock).toHaveReceivedCommandWith(GetCommand, { TableName: TEST_TABLE, Key: REVOKED_KEY, ConsistentRead: true });
  });
});
