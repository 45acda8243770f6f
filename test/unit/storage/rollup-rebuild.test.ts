import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { aggregateWrites, rebuildRollup } from '../../../shared/storage/aggregates.ts';
import { TEST_TABLE } from '../../support/survey-target.ts';

// Rebuilding a roll-up (`npm run rollups`), a month from its days or a year from its months: it sets the
// roll-up to the sum of its parts with the set of what it holds, never adds, and yields to a live write
// that lands between its read and its write.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const MONTH_KEY = { pk: 'AGG#demo#emergency', sk: 'MONTH#2025-03' };
const day = (d: string, counters: Record<string, number>) => ({ pk: 'AGG#demo#emergency', sk: `DAY#2025-03-${d}`, siteId: 'demo', departmentId: 'emergency', day: `2025-03-${d}`, updatedAt: '2025-03-31T00:00:00Z', ...counters });
const DAYS = [day('03', { survey_n: 4, survey_overall_good: 4 }), day('17', { survey_n: 2, survey_overall_poor: 1, complaint_n: 1 })];
const NOW = new Date('2026-12-04T05:00:00Z');

const putItems = () => dynamoMock.commandCalls(PutCommand).map((c) => c.args[0].input);
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

describe('rebuilding a month roll-up from its days', () => {
  beforeEach(() => {
    dynamoMock.reset();
    dynamoMock.on(QueryCommand).resolves({ Items: DAYS });
    dynamoMock.on(PutCommand).resolves({});
  });

  it('writes the sum of the days where no month item was, only if still none is there', async () => {
    dynamoMock.on(GetCommand).resolves({});

    expect(await rebuildRollup(TEST_TABLE, 'demo', 'emergency', 'month', '2025-03', NOW)).toBe('rebuilt');

    const [put] = putItems();
    expect(put?.Item).toEqual({ ...MONTH_KEY, siteId: 'demo', departmentId: 'emergency', month: '2025-03', days: new Set(['03', '17']), updatedAt: NOW.toISOString(), version: 1, survey_n: 6, survey_overall_good: 4, survey_overall_poor: 1, complaint_n: 1 });
    expect(put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    // Both reads strongly consistent: a write committed before them is in the days it sums.
    expect(dynamoMock.commandCalls(GetCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
    expect(dynamoMock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true, ExpressionAttributeValues: { ':from': 'DAY#2025-03-01', ':to': 'DAY#2025-03-31' } });
  });

  it('replaces a month rolled up only in part (days before the roll-ups began), never adding to it', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: { ...MONTH_KEY, month: '2025-03', version: 3, survey_n: 2, survey_overall_poor: 1, complaint_n: 1 } });

    expect(await rebuildRollup(TEST_TABLE, 'demo', 'emergency', 'month', '2025-03', NOW)).toBe('rebuilt');

    const [put] = putItems();
    expect(put?.Item).toMatchObject({ survey_n: 6, survey_overall_good: 4, survey_overall_poor: 1, complaint_n: 1, version: 4 });
    expect(put).toMatchObject({ ConditionExpression: '#version = :seen', ExpressionAttributeValues: { ':seen': 3 } });
  });

  it('writes nothing for a month already right, or one with no days', async () => {
    const right = { ...MONTH_KEY, month: '2025-03', version: 9, updatedAt: 'x', survey_n: 6, survey_overall_good: 4, survey_overall_poor: 1, complaint_n: 1, survey_wait_n: 0 };
    dynamoMock.on(GetCommand).resolves({ Item: { ...right, days: new Set(['17', '03']) } });
    expect(await rebuildRollup(TEST_TABLE, 'demo', 'emergency', 'month', '2025-03', NOW)).toBe('unchanged');
    dynamoMock.on(QueryCommand).resolves({ Items: [] });
    expect(await rebuildRollup(TEST_TABLE, 'demo', 'emergency', 'month', '2025-03', NOW)).toBe('no-days');
    expect(putItems()).toHaveLength(0);
  });

  it('rewrites a month whose counters are right but whose set of days is missing (written before the sets) or short', async () => {
    const counters = { survey_n: 6, survey_overall_good: 4, survey_overall_poor: 1, complaint_n: 1 };
    dynamoMock.on(GetCommand).resolvesOnce({ Item: { ...MONTH_KEY, version: 9, ...counters } }).resolves({ Item: { ...MONTH_KEY, version: 10, days: new Set(['17']), ...counters } });
    expect(await rebuildRollup(TEST_TABLE, 'demo', 'emergency', 'month', '2025-03', NOW)).toBe('rebuilt');
    expect(await rebuildRollup(TEST_TABLE, 'demo', 'emergency', 'month', '2025-03', NOW)).toBe('rebuilt');
    expect(putItems().map((put): unknown => put.Item?.days)).toEqual([new Set(['03', '17']), new Set(['03', '17'])]);
  });

  it('rebuilds a year from its month roll-ups, with the set of its months', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: { pk: 'AGG#demo#emergency', sk: 'YEAR#2025', version: 2, survey_n: 1, months: new Set(['11']) } });
    dynamoMock.on(QueryCommand).resolves({ Items: [
      { pk: 'AGG#demo#emergency', sk: 'MONTH#2025-03', month: '2025-03', days: new Set(['03', '17']), version: 1, survey_n: 6, complaint_n: 1 },
      { pk: 'AGG#demo#emergency', sk: 'MONTH#2025-11', month: '2025-11', days: new Set(['02']), version: 4, survey_n: 1 },
    ] });

    expect(await rebuildRollup(TEST_TABLE, 'demo', 'emergency', 'year', '2025', NOW)).toBe('rebuilt');

    const [put] = putItems();
    expect(put?.Item).toEqual({ pk: 'AGG#demo#emergency', sk: 'YEAR#2025', siteId: 'demo', departmentId: 'emergency', year: '2025', months: new Set(['03', '11']), updatedAt: NOW.toISOString(), version: 3, survey_n: 7, complaint_n: 1 });
    expect(put).toMatchObject({ ConditionExpression: '#version = :seen', ExpressionAttributeValues: { ':seen': 2 } });
    expect(dynamoMock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true, ExpressionAttributeValues: { ':from': 'MONTH#2025-01', ':to': 'MONTH#2025-12' } });
  });

  it('reads again when a live write lands between its read and its write, and sums what that write added', async () => {
    // The first read sees 2 surveys on the 17th; a survey arrives (day and month bumped); the put's condition fails.
    dynamoMock.on(GetCommand)
      .resolvesOnce({ Item: { ...MONTH_KEY, version: 1, survey_n: 1 } })
      .resolves({ Item: { ...MONTH_KEY, version: 2, survey_n: 2 } });
    dynamoMock.on(QueryCommand)
      .resolvesOnce({ Items: DAYS })
      .resolves({ Items: [DAYS[0] ?? {}, day('17', { survey_n: 3, survey_overall_poor: 1, survey_overall_good: 1, complaint_n: 1 })] });
    dynamoMock.on(PutCommand).rejectsOnce(conditionFailed()).resolves({});

    expect(await rebuildRollup(TEST_TABLE, 'demo', 'emergency', 'month', '2025-03', NOW)).toBe('rebuilt');

    const puts = putItems();
    expect(puts).toHaveLength(2);
    expect(puts[1]).toMatchObject({ Item: { survey_n: 7, survey_overall_good: 5, version: 3 }, ExpressionAttributeValues: { ':seen': 2 } });
  });

  it('gives up after a few lost races rather than looping', async () => {
    dynamoMock.on(GetCommand).resolves({});
    dynamoMock.on(PutCommand).rejects(conditionFailed());
    await expect(rebuildRollup(TEST_TABLE, 'demo', 'emergency', 'month', '2025-03', NOW)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(putItems()).toHaveLength(5);
  });
});

describe('the live writers and the rebuild', () => {
  it('bump the month\'s and the year\'s version with every write (not the day\'s), so a rebuild can tell one landed', () => {
    const [dayUpdate, ...rollups] = aggregateWrites(TEST_TABLE, [{ key: { siteId: 'demo', departmentId: 'emergency', day: '2025-03-03' }, counters: { survey_n: 1 } }], NOW.toISOString());
    expect(dayUpdate?.Update?.UpdateExpression).not.toContain('#version');
    expect(rollups.map((r) => String(r.Update?.Key?.sk))).toEqual(['MONTH#2025-03', 'YEAR#2025']);
    for (const rollup of rollups) {
      expect(rollup.Update?.UpdateExpression).toContain('#version = if_not_exists(#version, :zero) + :one');
      expect(rollup.Update?.UpdateExpression).toMatch(/ADD #c0 :c0, #holds :holds$/u);
    }
  });
});
