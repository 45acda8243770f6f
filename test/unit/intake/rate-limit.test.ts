import { rejectionProblem } from '../../support/problems.ts';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newDeviceCookie } from '../../../shared/intake/device.ts';
import { type Budget, bucketHash, limitLookup, limitSubmission, type RequestSource } from '../../../shared/intake/rate-limit.ts';
import { DEFAULT_RATE_LIMITS, rateLimitEnv, rateLimitsFromEnv } from '../../../shared/intake/rate-limit-settings.ts';
import { RateLimitedError, UnknownDepartmentCodeError, ValidationError } from '../../../shared/platform/domain-errors.ts';
import { TEST_SIGNING_KEY, TEST_TABLE } from '../../support/survey-target.ts';

const IP = '203.0.113.77';
const NOW = new Date('2026-11-22T16:30:45.000Z');
const LIMITS = { perAddress: 120, perDevice: 10, refused: 30 };

const dynamoMock = mockClient(DynamoDBDocumentClient);

/** A device cookie as the page sets it, and the id inside it. */
function device(): { cookie: string; id: string } {
  const cookie = /^pf_device=([^;]+)/.exec(newDeviceCookie(TEST_SIGNING_KEY))?.[1] ?? '';
  return { cookie, id: cookie.split('.')[0] ?? '' };
}

const source = (overrides: Partial<RequestSource> = {}): RequestSource => ({ table: TEST_TABLE, key: TEST_SIGNING_KEY, sourceIp: IP, rateLimits: LIMITS, ...overrides });
const pk = (budget: Budget, subject: string, now = NOW) => `RATE#${bucketHash(TEST_SIGNING_KEY, budget, subject, now)}`;
const touched = () => dynamoMock.commandCalls(UpdateCommand).map((call) => String(call.args[0].input.Key?.pk));
const wellFormed = () => Promise.resolve('checked');
const refusedBody = () => Promise.reject(ValidationError.field('overall', 'required'));
const failedCondition = (tat?: number) => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, ...(tat === undefined ? {} : { Item: { tat: { N: String(tat) } } }) });

/**
 * DynamoDB's side of the two conditional updates, item by item: enough to run the bucket arithmetic
 * through many requests. The conditions themselves are checked against DynamoDB Local in
 * test/integration/survey-rate-limit.test.ts.
 */
function fakeBuckets(): Map<string, number> {
  const tats = new Map<string, number>();
  dynamoMock.on(UpdateCommand).callsFake((input: UpdateCommandInput) => {
    const key = String(input.Key?.pk);
    const values = input.ExpressionAttributeValues ?? {};
    const now = Number(values[':now']);
    const tat = tats.get(key);
    const fresh = input.ConditionExpression === 'attribute_not_exists(#tat) OR #tat < :now';
    const met = fresh ? tat === undefined || tat < now : tat !== undefined && tat >= now && tat <= Number(values[':latest']);
    if (!met) return Promise.reject(failedCondition(tat));
    tats.set(key, fresh ? Number(values[':next']) : (tat ?? 0) + Number(values[':interval']));
    return Promise.resolve({});
  });
  return tats;
}

/** Sends `count` well-formed submissions from `from`, `stepMs` apart from `start`; the outcome of each. */
async function submissions(count: number, start: Date, stepMs: number, from: RequestSource = source()): Promise<('accepted' | number)[]> {
  const outcomes: ('accepted' | number)[] = [];
  for (let i = 0; i < count; i++) {
    try {
      await limitSubmission(from, new Date(start.getTime() + i * stepMs), wellFormed);
      outcomes.push('accepted');
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      outcomes.push(error.retryAfterSeconds);
    }
  }
  return outcomes;
}

const accepted = (outcomes: readonly ('accepted' | number)[]) => outcomes.filter((o) => o === 'accepted').length;

beforeEach(() => {
  dynamoMock.reset();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('a well-formed submission', () => {
  it('takes a token from its device\'s bucket, then from its address\'s, each conditioned on the bucket not being empty', async () => {
    // Prepare
    dynamoMock.on(UpdateCommand).resolves({});
    const { cookie, id } = device();

    // Act
    expect(await limitSubmission(source({ deviceCookie: cookie }), NOW, wellFormed)).toBe('checked');

    // Assess: a full bucket; the next token is due one interval (60 s / budget) later.
    expect(touched()).toEqual([pk('device', `device:${id}`), pk('address', `address:${IP}`)]);
    const nowMs = NOW.getTime();
    expect(dynamoMock).toHaveReceivedNthCommandWith(UpdateCommand, 1, {
      TableName: TEST_TABLE,
      Key: { pk: pk('device', `device:${id}`), sk: 'RATE' },
      UpdateExpression: 'SET #tat = :next, #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#tat) OR #tat < :now',
      ExpressionAttributeNames: { '#tat': 'tat', '#ttl': 'expiresAt' },
      ExpressionAttributeValues: { ':next': nowMs + 6_000, ':now': nowMs, ':ttl': nowMs / 1000 + 60 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    expect(dynamoMock.commandCalls(UpdateCommand)[1]?.args[0].input.ExpressionAttributeValues).toEqual({ ':next': nowMs + 500, ':now': nowMs, ':ttl': nowMs / 1000 + 60 });
  });

  it('queues behind the tokens already taken when the bucket is part spent', async () => {
    // Prepare: the device's bucket is due full 12 s from now (two tokens taken).
    const nowMs = NOW.getTime();
    dynamoMock.on(UpdateCommand).rejectsOnce(failedCondition(nowMs + 12_000)).resolves({});

    // Act
    await limitSubmission(source(), NOW, wellFormed);

    // Assess
    expect(dynamoMock).toHaveReceivedNthCommandWith(UpdateCommand, 2, {
      UpdateExpression: 'SET #tat = #tat + :interval, #ttl = :ttl',
      ConditionExpression: '#tat BETWEEN :now AND :latest',
      ExpressionAttributeValues: { ':interval': 6_000, ':now': nowMs, ':latest': nowMs + 54_000, ':ttl': nowMs / 1000 + 60 },
    });
    expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 3);
  });

  it('keys its buckets on salted hashes: neither the address nor the device id is ever sent', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    const { cookie, id } = device();

    await limitSubmission(source({ deviceCookie: cookie }), NOW, wellFormed);
    await limitSubmission(source({ deviceCookie: cookie }), NOW, refusedBody).catch(() => undefined);
    await limitLookup(source(), NOW);

    const sent = dynamoMock.commandCalls(UpdateCommand).map((call) => JSON.stringify(call.args[0].input));
    expect(sent).toHaveLength(4);
    for (const input of sent) {
      expect(input).not.toContain(IP);
      expect(input).not.toContain('203.0.113');
      expect(input).not.toContain(id);
      expect(input).toMatch(/"pk":"RATE#[A-Za-z0-9_-]{22}"/);
    }
  });

  it('from a device over its budget is refused with the seconds until its next token, and leaves the address\'s budget alone', async () => {
    // Prepare: the device's bucket is 61 s from full, one second more than its 10 tokens allow.
    const { cookie, id } = device();
    dynamoMock.on(UpdateCommand).rejects(failedCondition(NOW.getTime() + 61_000));

    // Act
    const outcome = limitSubmission(source({ deviceCookie: cookie }), NOW, wellFormed);

    // Assess
    expect(await rejectionProblem(outcome)).toMatchObject({ status: 429, headers: { 'Retry-After': '7' } });
    expect(touched()).toEqual([pk('device', `device:${id}`)]);
  });

  it('rounds the wait up to whole seconds', async () => {
    dynamoMock.on(UpdateCommand).rejects(failedCondition(NOW.getTime() + 54_001));

    await expect(limitSubmission(source(), NOW, wellFormed)).rejects.toEqual(new RateLimitedError(1));
  });

  it('from a client without a genuine device cookie counts against its address\'s one cookieless device', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    const { cookie } = device();
    const [id, signature = ''] = cookie.split('.');
    const tampered = `${id ?? ''}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const foreign = /^pf_device=([^;]+)/.exec(newDeviceCookie(Buffer.alloc(32, 7)))?.[1];

    for (const deviceCookie of [undefined, '', 'made-up', tampered, foreign, `${cookie}.x`]) {
      dynamoMock.resetHistory();
      await limitSubmission(source({ deviceCookie }), NOW, wellFormed);
      expect(touched()[0], String(deviceCookie)).toBe(pk('device', `address:${IP}`));
    }
  });
});

describe('a refused body', () => {
  it('is charged to its address\'s refused budget only, and keeps its own answer while that lasts', async () => {
    dynamoMock.on(UpdateCommand).resolves({});

    await expect(limitSubmission(source({ deviceCookie: device().cookie }), NOW, refusedBody)).rejects.toBeInstanceOf(ValidationError);
    await expect(limitSubmission(source(), NOW, () => Promise.reject(new UnknownDepartmentCodeError()))).rejects.toBeInstanceOf(UnknownDepartmentCodeError);

    expect(touched()).toEqual([pk('refused', `address:${IP}`), pk('refused', `address:${IP}`)]);
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues?.[':next']).toBe(NOW.getTime() + 2_000);
  });

  it('is answered 429 once its address\'s refused budget is spent', async () => {
    dynamoMock.on(UpdateCommand).rejects(failedCondition(NOW.getTime() + 62_000));

    expect(await rejectionProblem(limitSubmission(source(), NOW, refusedBody))).toMatchObject({ status: 429, headers: { 'Retry-After': '4' } });
  });

  it('that is not the body\'s fault (a failing dependency) is not charged', async () => {
    await expect(limitSubmission(source(), NOW, () => Promise.reject(new Error('DynamoDB unreachable')))).rejects.toThrow('DynamoDB unreachable');

    expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 0);
  });
});

describe('the buckets over time', () => {
  it('let through no more than a budget across a minute boundary: 40 requests in 2 s with a budget of 20 get 20 through', async () => {
    // Prepare: fixed one-minute windows let 39 of these 40 through.
    fakeBuckets();
    const from = source({ rateLimits: { ...LIMITS, perDevice: 20 } });

    // Act: 16:30:59.000 to 16:31:00.950, 50 ms apart.
    const outcomes = await submissions(40, new Date('2026-11-22T16:30:59.000Z'), 50, from);

    // Assess: the 20 tokens, and none refilled yet (one comes every 3 s); each refusal asks for the next one.
    expect(accepted(outcomes)).toBe(20);
    expect(outcomes.slice(0, 20).every((o) => o === 'accepted')).toBe(true);
    expect(outcomes.slice(20).every((o) => typeof o === 'number' && o >= 1 && o <= 3)).toBe(true);
  });

  it('refill at the budget\'s rate: after the first burst, one a minute per unit of budget', async () => {
    fakeBuckets();

    // A device (cookieless here) sends one request a second for three minutes: 10 at once, then one every 6 s.
    const outcomes = await submissions(180, NOW, 1_000);

    expect(accepted(outcomes.slice(0, 60))).toBe(10 + 9);
    expect(accepted(outcomes)).toBe(10 + 29);
  });

  it('come back full after a quiet minute', async () => {
    fakeBuckets();

    const first = await submissions(15, NOW, 0);
    const later = await submissions(15, new Date(NOW.getTime() + 60_000), 0);

    expect(accepted(first)).toBe(10);
    expect(accepted(later)).toBe(10);
  });

  it('keep a hospital\'s address open to its phones while one of them floods', async () => {
    // Prepare: in one minute, one phone sends 200 (every 300 ms) while 99 others send one each (every 600 ms).
    fakeBuckets();
    const flooder = source({ deviceCookie: device().cookie });
    const arrivals = [
      ...Array.from({ length: 200 }, (_, i) => ({ at: i * 300, from: flooder })),
      ...Array.from({ length: 99 }, (_, i) => ({ at: i * 600 + 100, from: source({ deviceCookie: device().cookie }) })),
    ].sort((a, b) => a.at - b.at);

    // Act
    const outcomes = new Map<RequestSource, ('accepted' | number)[]>();
    for (const { at, from } of arrivals) outcomes.set(from, [...(outcomes.get(from) ?? []), ...await submissions(1, new Date(NOW.getTime() + at), 0, from)]);

    // Assess: the flooding phone gets its 10 and one every 6 s; every other phone gets through.
    expect(accepted(outcomes.get(flooder) ?? [])).toBe(10 + 9);
    const others = [...outcomes].filter(([from]) => from !== flooder).map(([, o]) => o);
    expect(others).toHaveLength(99);
    expect(others.flat().every((o) => o === 'accepted')).toBe(true);
  });

  it('stop a client that mints a new device for every request at the address\'s budget', async () => {
    fakeBuckets();

    const outcomes = await Promise.all(Array.from({ length: 150 }, () => submissions(1, NOW, 0, source({ deviceCookie: device().cookie }))));

    expect(accepted(outcomes.flat())).toBe(LIMITS.perAddress);
  });

  it('keep refused bodies from using up the patients\' budget', async () => {
    fakeBuckets();

    // 100 bodies of junk from the address, then the patients' surveys from the same address.
    const junk: unknown[] = [];
    for (let i = 0; i < 100; i++) junk.push(await limitSubmission(source(), NOW, refusedBody).catch((error: unknown) => error));
    const patients = await Promise.all(Array.from({ length: 50 }, () => submissions(1, NOW, 0, source({ deviceCookie: device().cookie }))));

    expect(junk.filter((e) => e instanceof ValidationError)).toHaveLength(LIMITS.refused);
    expect(junk.filter((e) => e instanceof RateLimitedError)).toHaveLength(100 - LIMITS.refused);
    expect(accepted(patients.flat())).toBe(50);
  });

  it('start afresh each UTC day (the salt changes), so a day\'s hashes cannot be linked to the next day\'s', () => {
    const subject = `address:${IP}`;

    expect(bucketHash(TEST_SIGNING_KEY, 'address', subject, new Date('2026-11-22T00:00:00Z'))).toBe(bucketHash(TEST_SIGNING_KEY, 'address', subject, new Date('2026-11-22T23:59:59.999Z')));
    expect(bucketHash(TEST_SIGNING_KEY, 'address', subject, new Date('2026-11-23T00:00:00Z'))).not.toBe(bucketHash(TEST_SIGNING_KEY, 'address', subject, NOW));
    expect(bucketHash(TEST_SIGNING_KEY, 'refused', subject, NOW)).not.toBe(bucketHash(TEST_SIGNING_KEY, 'address', subject, NOW));
    expect(bucketHash(TEST_SIGNING_KEY, 'address', 'address:203.0.113.78', NOW)).not.toBe(bucketHash(TEST_SIGNING_KEY, 'address', subject, NOW));
    expect(bucketHash(Buffer.alloc(32, 7), 'address', subject, NOW)).not.toBe(bucketHash(TEST_SIGNING_KEY, 'address', subject, NOW));
  });
});

describe('tracking look-ups', () => {
  it('have a bucket of their own per address, at the address\'s budget', async () => {
    dynamoMock.on(UpdateCommand).resolves({});

    await limitLookup(source(), NOW);

    expect(touched()).toEqual([pk('lookup', `address:${IP}`)]);
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues?.[':next']).toBe(NOW.getTime() + 500);
  });
});

describe('failures', () => {
  it('let any other DynamoDB failure through instead of turning it into a 429', async () => {
    dynamoMock.on(UpdateCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));

    await expect(limitSubmission(source(), NOW, wellFormed)).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it('answer a source that loses every race for its bucket with a 429 after a few tries', async () => {
    dynamoMock.on(UpdateCommand).rejects(failedCondition());

    await expect(limitSubmission(source(), NOW, wellFormed)).rejects.toEqual(new RateLimitedError(6));
    expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 4);
  });
});

describe('the budgets', () => {
  it('default to a hospital\'s address, one device and refused bodies, and are read from the environment', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({ perAddress: 120, perDevice: 10, refused: 30 });
    expect(rateLimitsFromEnv()).toEqual(DEFAULT_RATE_LIMITS);
  });

  it('are read from the environment the local runtime writes, as whole numbers from 1', () => {
    for (const [name, value] of Object.entries(rateLimitEnv(1000, { perDevice: 3 }))) vi.stubEnv(name, value);
    expect(rateLimitsFromEnv()).toEqual({ perAddress: 1000, perDevice: 3, refused: 1000 });
    expect(rateLimitEnv(undefined)).toEqual({});

    for (const wrong of ['0', '2.5']) {
      vi.stubEnv('RATE_LIMIT_REFUSED_PER_MINUTE', wrong);
      expect(() => rateLimitsFromEnv()).toThrow(/RATE_LIMIT_REFUSED_PER_MINUTE/);
    }
  });
});

describe('requests that wait for the same bucket in one process', () => {
  it('share its updates and are handed exactly its budget, first come first served', async () => {
    const tats = fakeBuckets();
    const { cookie } = device();
    const from = source({ deviceCookie: cookie });

    const outcomes = await Promise.all(Array.from({ length: 30 }, async (_, i) => {
      try {
        await limitSubmission(from, NOW, wellFormed);
        return i;
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        return -error.retryAfterSeconds;
      }
    }));

    // The device's budget of 10, to the first 10 in arrival order; the others wait for the next token (6 s).
    expect(outcomes.filter((o) => o >= 0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(outcomes.filter((o) => o < 0)).toEqual(Array.from({ length: 20 }, () => -6));
    // A few updates (the first request's, then one per group that waited behind one in flight), not 40.
    expect(dynamoMock.commandCalls(UpdateCommand).length).toBeLessThanOrEqual(6);
    expect(tats.get(pk('address', `address:${IP}`))).toBe(NOW.getTime() + 10 * 500);
  });
});
