import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { hashPassword } from '../../../shared/auth/password.ts';
import { signIn, type SignInResult, signInNameHash } from '../../../shared/auth/sign-in.ts';
import { keys } from '../../../shared/storage/keys.ts';
import type { StaffUser } from '../../../shared/storage/users.ts';
import { TEST_SIGNING_KEY, TEST_TABLE } from '../../support/survey-target.ts';

// The local issuer's password sign-in, with DynamoDB mocked at the client. The mock plays the atomic
// counter as DynamoDB does (one UpdateItem at a time), so parallel attempts can be compared with
// attempts made one after another.

const NOW = new Date('2026-11-22T08:00:00.000Z');
/** A few real scrypt checks (32 MiB each) per test: generous on a loaded machine. */
const SCRYPT_TIMEOUT_MS = 60_000;
const NOW_SECONDS = NOW.getTime() / 1000;
const PASSWORD = 'Office-demo-2026';
let user: StaffUser;

beforeAll(async () => {
  user = { username: 'office', name: '张敏', passwordHash: await hashPassword(PASSWORD), roles: ['office-officer'], sites: ['demo'], departments: [], disabled: false };
}, SCRYPT_TIMEOUT_MS);

const UpdateInput = z.object({ Key: z.object({ pk: z.string() }), ExpressionAttributeValues: z.object({ ':now': z.number() }) });

describe('password sign-in', { timeout: SCRYPT_TIMEOUT_MS }, () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);
  /** The counters as the table holds them: pk → attempts and the last attempt's time. */
  let counters: Map<string, { attempts: number; lastAttemptAt: number }>;

  const accounts = (...found: StaffUser[]) => {
    for (const account of found) dynamoMock.on(GetCommand, { Key: keys.user(account.username) }).resolves({ Item: { ...keys.user(account.username), ...account } });
  };

  beforeEach(() => {
    dynamoMock.reset();
    counters = new Map();
    dynamoMock.on(UpdateCommand).callsFake((input: unknown) => {
      const { Key, ExpressionAttributeValues } = UpdateInput.parse(input);
      const before = counters.get(Key.pk);
      counters.set(Key.pk, { attempts: (before?.attempts ?? 0) + 1, lastAttemptAt: ExpressionAttributeValues[':now'] });
      return { Attributes: before };
    });
    dynamoMock.on(GetCommand).resolves({});
    dynamoMock.on(PutCommand).resolves({});
    dynamoMock.on(DeleteCommand).resolves({});
  });

  const attemptsOf = (username: string) => counters.get(keys.signInAttempts(signInNameHash(TEST_SIGNING_KEY, username)).pk)?.attempts;

  it('counts the attempt in one atomic update, keyed by a hash of the name, before checking the password', async () => {
    accounts(user);

    expect(await signIn(TEST_TABLE, TEST_SIGNING_KEY, 'office', 'wrong-password', NOW)).toEqual({ ok: false, reason: 'invalid' });

    expect(dynamoMock).toHaveReceivedCommandExactlyOnceWith(UpdateCommand, {
      TableName: TEST_TABLE,
      Key: keys.signInAttempts(signInNameHash(TEST_SIGNING_KEY, 'office')),
      UpdateExpression: 'ADD attempts :one SET lastAttemptAt = :now, #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': 'expiresAt' },
      ExpressionAttributeValues: { ':one': 1, ':now': NOW_SECONDS, ':ttl': NOW_SECONDS + 86_400 },
      ReturnValues: 'UPDATED_OLD',
    });
    const counter = JSON.stringify(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input);
    expect(counter).not.toContain('office');
    expect(dynamoMock.commandCalls(DeleteCommand)).toHaveLength(0);
  });

  it('slows N parallel wrong passwords exactly as N one after another: each counted, the fifth on refused unchecked', async () => {
    accounts(user, { ...user, username: 'head' });

    const parallel = await Promise.all(Array.from({ length: 16 }, () => signIn(TEST_TABLE, TEST_SIGNING_KEY, 'office', 'wrong-password', NOW)));
    const sequential: SignInResult[] = [];
    for (let i = 0; i < 16; i++) sequential.push(await signIn(TEST_TABLE, TEST_SIGNING_KEY, 'head', 'wrong-password', NOW));

    const reasons = (results: SignInResult[]) => results.map((r) => (r.ok ? 'ok' : r.reason)).sort();
    expect(reasons(parallel)).toEqual([...Array<string>(4).fill('invalid'), ...Array<string>(12).fill('slowed')]);
    expect(reasons(parallel)).toEqual(reasons(sequential));
    // The fifth attempt waits 30 s after four failures, the sixth 60 s after five, ... up to 15 minutes.
    const waits = (results: SignInResult[]) => results.flatMap((r) => (!r.ok && r.reason === 'slowed' ? [r.retryAfterSeconds] : [])).sort((a, b) => a - b);
    expect(waits(parallel)).toEqual([30, 60, 120, 240, 480, 900, 900, 900, 900, 900, 900, 900]);
    expect(waits(parallel)).toEqual(waits(sequential));
    expect(attemptsOf('office')).toBe(16);
    expect(attemptsOf('head')).toBe(16);
  });

  it('answers an unknown name as a known one with a wrong password, attempt after attempt', async () => {
    accounts(user);
    const tries = async (username: string) => {
      const results: SignInResult[] = [];
      for (let i = 0; i < 6; i++) results.push(await signIn(TEST_TABLE, TEST_SIGNING_KEY, username, 'wrong-password', NOW));
      return results;
    };

    const unknown = await tries('nobody');
    const known = await tries('office');

    expect(unknown).toEqual(known);
    expect(unknown.at(-1)).toEqual({ ok: false, reason: 'slowed', retryAfterSeconds: 60 });
    expect(attemptsOf('nobody')).toBe(6);
  });

  it('refuses a slowed attempt without reading the account or checking the password', async () => {
    accounts(user);
    counters.set(keys.signInAttempts(signInNameHash(TEST_SIGNING_KEY, 'office')).pk, { attempts: 4, lastAttemptAt: NOW_SECONDS - 10 });

    expect(await signIn(TEST_TABLE, TEST_SIGNING_KEY, 'office', PASSWORD, NOW)).toEqual({ ok: false, reason: 'slowed', retryAfterSeconds: 20 });

    expect(dynamoMock.commandCalls(GetCommand)).toHaveLength(0);
    expect(attemptsOf('office')).toBe(5);
  });

  it('checks the password again once the wait has run out, and a right one forgets the failures', async () => {
    accounts(user);
    const key = keys.signInAttempts(signInNameHash(TEST_SIGNING_KEY, 'office'));
    counters.set(key.pk, { attempts: 4, lastAttemptAt: NOW_SECONDS - 30 });

    const result = await signIn(TEST_TABLE, TEST_SIGNING_KEY, 'office', PASSWORD, NOW);

    expect(result).toMatchObject({ ok: true, user: { username: 'office' } });
    expect(dynamoMock).toHaveReceivedCommandWith(DeleteCommand, { TableName: TEST_TABLE, Key: key });
  });

  it('refuses a disabled account with the right password, and keeps its failures', async () => {
    accounts({ ...user, disabled: true });

    expect(await signIn(TEST_TABLE, TEST_SIGNING_KEY, 'office', PASSWORD, NOW)).toEqual({ ok: false, reason: 'disabled' });

    expect(dynamoMock.commandCalls(DeleteCommand)).toHaveLength(0);
    expect(attemptsOf('office')).toBe(1);
  });
});
