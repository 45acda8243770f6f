import { rejectionProblem } from '../../support/problems.ts';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../shared/platform/domain-errors.ts';
import { enforceRateLimit, rateWindow } from '../../../shared/intake/rate-limit.ts';
import { TEST_SIGNING_KEY, TEST_TABLE } from '../../support/survey-target.ts';

const IP = '203.0.113.77';
// 45 s into a minute: the window ends 15 s later.
const NOW = new Date('2026-11-22T16:30:45.000Z');
const WINDOW_START = Date.UTC(2026, 10, 22, 16, 30) / 1000;

describe('rate limiting', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);

  beforeEach(() => {
    dynamoMock.reset();
  });

  it('counts a request under the limit in the source\'s window item, conditioned on the limit', async () => {
    // Prepare
    dynamoMock.on(UpdateCommand).resolves({});
    const { hash } = rateWindow(TEST_SIGNING_KEY, IP, NOW);

    // Act
    await enforceRateLimit(TEST_TABLE, TEST_SIGNING_KEY, IP, 20, NOW);

    // Assess
    expect(dynamoMock).toHaveReceivedCommandExactlyOnceWith(UpdateCommand, {
      TableName: TEST_TABLE,
      Key: { pk: `RATE#${hash}`, sk: 'RATE' },
      UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count', '#ttl': 'expiresAt' },
      ExpressionAttributeValues: { ':one': 1, ':limit': 20, ':ttl': WINDOW_START + 120 },
    });
  });

  it('stores a hash of the source, never the address itself', async () => {
    dynamoMock.on(UpdateCommand).resolves({});

    await enforceRateLimit(TEST_TABLE, TEST_SIGNING_KEY, IP, 20, NOW);

    const sent = dynamoMock.commandCalls(UpdateCommand).map((call) => JSON.stringify(call.args[0].input));
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toContain(IP);
    expect(sent[0]).not.toContain('203.0.113');
    expect(sent[0]).not.toContain(Buffer.from(IP).toString('base64'));
    expect(sent[0]).toMatch(/"pk":"RATE#[A-Za-z0-9_-]{22}"/);
  });

  it('throws a 429 problem with Retry-After (the seconds left in the window) once over the limit', async () => {
    // Prepare: the condition fails when the window already holds `limit` requests.
    dynamoMock.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    // Act
    const outcome = enforceRateLimit(TEST_TABLE, TEST_SIGNING_KEY, IP, 20, NOW);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(RateLimitedError);
    const problem = await rejectionProblem(outcome);
    expect(problem).toMatchObject({ status: 429, headers: { 'Retry-After': '15' } });
    expect(problem.toProblem()).toMatchObject({ status: 429, title: 'Too many requests', type: expect.stringMatching(/rate-limited$/) as unknown });
  });

  it('asks to wait at least a second at the very end of a window', async () => {
    dynamoMock.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    expect(await rejectionProblem(enforceRateLimit(TEST_TABLE, TEST_SIGNING_KEY, IP, 20, new Date('2026-11-22T16:30:59.999Z')))).toMatchObject({ status: 429, headers: { 'Retry-After': '1' } });
  });

  it('lets any other DynamoDB failure through instead of turning it into a 429', async () => {
    dynamoMock.on(UpdateCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));

    await expect(enforceRateLimit(TEST_TABLE, TEST_SIGNING_KEY, IP, 20, NOW)).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });
});

describe('rate windows', () => {
  it('gives the same source the same item within a minute, and a new one the next minute', () => {
    const a = rateWindow(TEST_SIGNING_KEY, IP, new Date('2026-11-22T16:30:00.000Z'));
    const b = rateWindow(TEST_SIGNING_KEY, IP, new Date('2026-11-22T16:30:59.999Z'));
    const c = rateWindow(TEST_SIGNING_KEY, IP, new Date('2026-11-22T16:31:00.000Z'));

    expect(a).toEqual(b);
    expect(a.windowEnd).toBe(WINDOW_START + 60);
    expect(c.hash).not.toBe(a.hash);
    expect(c.windowEnd).toBe(WINDOW_START + 120);
  });

  it('gives different sources, and different keys, different items', () => {
    const a = rateWindow(TEST_SIGNING_KEY, IP, NOW);

    expect(rateWindow(TEST_SIGNING_KEY, '203.0.113.78', NOW).hash).not.toBe(a.hash);
    expect(rateWindow(Buffer.alloc(32, 7), IP, NOW).hash).not.toBe(a.hash);
  });
});
