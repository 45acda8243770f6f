import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AggregateDelta } from '../../../shared/reporting/counters.ts';
import { aggregateWrites, cutPeriod, newReadMeter, sumAggregates } from '../../../shared/storage/aggregates.ts';
import { summarise } from '../../support/transactions.ts';
import { TEST_TABLE } from '../../support/survey-target.ts';

const summary = (items: ReturnType<typeof aggregateWrites>) => summarise(new TransactWriteCommand({ TransactItems: items }).input).counters;

describe('month roll-ups', () => {
  it('adds every day delta to its month too, coalescing two days of one month into one update', () => {
    // Prepare: any counter name, a feature this module has never heard of included
    const deltas: AggregateDelta[] = [
      { key: { siteId: 'demo', departmentId: 'emergency', day: '2026-11-29' }, counters: { callback_reached: 1, survey_n: 2 } },
      { key: { siteId: 'demo', departmentId: 'emergency', day: '2026-11-30' }, counters: { callback_reached: 1, followup_done: 1 } },
      { key: { siteId: 'demo', departmentId: 'emergency', day: '2026-12-01' }, counters: { survey_n: 1 } },
    ];

    // Act
    const counters = summary(aggregateWrites(TEST_TABLE, deltas, '2026-12-01T00:00:00Z'));

    // Assess
    expect(counters).toEqual({
      'AGG#demo#emergency/DAY#2026-11-29': { callback_reached: 1, survey_n: 2 },
      'AGG#demo#emergency/DAY#2026-11-30': { callback_reached: 1, followup_done: 1 },
      'AGG#demo#emergency/DAY#2026-12-01': { survey_n: 1 },
      'AGG#demo#emergency/MONTH#2026-11': { callback_reached: 2, survey_n: 2, followup_done: 1 },
      'AGG#demo#emergency/MONTH#2026-12': { survey_n: 1 },
    });
  });

  it('writes nothing for an empty delta', () => {
    expect(aggregateWrites(TEST_TABLE, [{ key: { siteId: 'demo', departmentId: 'x', day: '2026-11-01' }, counters: {} }], 'now')).toEqual([]);
  });

  it('cuts a period into whole months and the days around them', () => {
    expect(cutPeriod('2026-01-01', '2026-12-31')).toEqual({ months: { from: '2026-01', to: '2026-12' }, dayRanges: [] });
    expect(cutPeriod('2025-12-04', '2026-12-03')).toEqual({ months: { from: '2026-01', to: '2026-11' }, dayRanges: [{ from: '2025-12-04', to: '2025-12-31' }, { from: '2026-12-01', to: '2026-12-03' }] });
    expect(cutPeriod('2026-11-23', '2026-11-29')).toEqual({ dayRanges: [{ from: '2026-11-23', to: '2026-11-29' }] });
    expect(cutPeriod('2026-02-01', '2026-02-28')).toEqual({ months: { from: '2026-02', to: '2026-02' }, dayRanges: [] });
    expect(cutPeriod('2024-02-01', '2024-02-28')).toEqual({ dayRanges: [{ from: '2024-02-01', to: '2024-02-28' }] });
    expect(cutPeriod('2026-03-02', '2026-03-01')).toEqual({ dayRanges: [] });
  });
});

describe('summing a period', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);
  beforeEach(() => dynamoMock.reset());

  it('reads whole months from the roll-ups and only the odd days from day items, and counts what it read', async () => {
    // Prepare
    dynamoMock.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'AGG#demo#ALL', ':from': 'MONTH#2026-01', ':to': 'MONTH#2026-11' } })
      .resolves({ Items: [{ pk: 'AGG#demo#ALL', sk: 'MONTH#2026-01', month: '2026-01', siteId: 'demo', survey_n: 40 }, { pk: 'AGG#demo#ALL', sk: 'MONTH#2026-11', month: '2026-11', survey_n: 60 }] });
    dynamoMock.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'AGG#demo#ALL', ':from': 'DAY#2025-12-04', ':to': 'DAY#2025-12-31' } })
      .resolves({ Items: [{ pk: 'AGG#demo#ALL', sk: 'DAY#2025-12-05', day: '2025-12-05', survey_n: 3 }] });
    dynamoMock.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'AGG#demo#ALL', ':from': 'DAY#2026-12-01', ':to': 'DAY#2026-12-03' } })
      .resolves({ Items: [{ pk: 'AGG#demo#ALL', sk: 'DAY#2026-12-02', day: '2026-12-02', survey_n: 1, updatedAt: 'x' }] });
    const meter = newReadMeter();

    // Act
    const result = await sumAggregates(TEST_TABLE, 'demo', 'ALL', '2025-12-04', '2026-12-03', meter);

    // Assess
    expect(result).toEqual({ counters: { survey_n: 104 }, items: 4 });
    expect(meter).toEqual({ items: 4, queries: 3 });
  });
});
