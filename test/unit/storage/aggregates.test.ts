import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AggregateDelta } from '../../../shared/reporting/counters.ts';
import { type AggregateRange, aggregateWrites, cutPeriod, newReadMeter, sumAggregateRanges, sumAggregates } from '../../../shared/storage/aggregates.ts';
import { summarise } from '../../support/transactions.ts';
import { TEST_TABLE } from '../../support/survey-target.ts';

const summary = (items: ReturnType<typeof aggregateWrites>) => summarise(new TransactWriteCommand({ TransactItems: items }).input).counters;

describe('month and year roll-ups', () => {
  it('adds every day delta to its month and its year too, coalescing two days of one month into one update', () => {
    // Prepare: any counter name, a feature this module has never heard of included
    const deltas: AggregateDelta[] = [
      { key: { siteId: 'demo', departmentId: 'emergency', day: '2026-11-29' }, counters: { callback_reached: 1, survey_n: 2 } },
      { key: { siteId: 'demo', departmentId: 'emergency', day: '2026-11-30' }, counters: { callback_reached: 1, followup_done: 1 } },
      { key: { siteId: 'demo', departmentId: 'emergency', day: '2026-12-01' }, counters: { survey_n: 1 } },
    ];

    // Act
    const items = aggregateWrites(TEST_TABLE, deltas, '2026-12-01T00:00:00Z');

    // Assess
    expect(summary(items)).toEqual({
      'AGG#demo#emergency/DAY#2026-11-29': { callback_reached: 1, survey_n: 2 },
      'AGG#demo#emergency/DAY#2026-11-30': { callback_reached: 1, followup_done: 1 },
      'AGG#demo#emergency/DAY#2026-12-01': { survey_n: 1 },
      'AGG#demo#emergency/MONTH#2026-11': { callback_reached: 2, survey_n: 2, followup_done: 1 },
      'AGG#demo#emergency/MONTH#2026-12': { survey_n: 1 },
      'AGG#demo#emergency/YEAR#2026': { callback_reached: 2, survey_n: 3, followup_done: 1 },
    });
    // Each roll-up adds the days (a month) or months (a year) it now holds to its set.
    const holds = Object.fromEntries(items.flatMap((item) => {
      const update = item.Update;
      return update?.ExpressionAttributeNames?.['#holds'] === undefined ? [] : [[String(update.Key?.sk), [update.ExpressionAttributeNames['#holds'], update.ExpressionAttributeValues?.[':holds']]]];
    }));
    expect(holds).toEqual({ 'MONTH#2026-11': ['days', new Set(['29', '30'])], 'MONTH#2026-12': ['days', new Set(['01'])], 'YEAR#2026': ['months', new Set(['11', '12'])] });
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

  it('sums many ranges from items fetched by key, 100 a request, asks again for unprocessed keys, and fetches only the counters a range names', async () => {
    // Prepare: the store holds two month roll-ups and one day of each partition, and leaves one key unprocessed once
    const stored: Record<string, Record<string, unknown>> = {};
    for (const pk of ['AGG#demo#emergency', 'AGG#demo#cardiology-ward']) {
      stored[`${pk}/MONTH#2026-01`] = { pk, sk: 'MONTH#2026-01', month: '2026-01', survey_n: 10, complaint_n: 2 };
      stored[`${pk}/MONTH#2026-11`] = { pk, sk: 'MONTH#2026-11', month: '2026-11', survey_n: 20, complaint_n: 1 };
      stored[`${pk}/DAY#2026-12-02`] = { pk, sk: 'DAY#2026-12-02', day: '2026-12-02', survey_n: 3, complaint_n: 1, version: 4 };
      // Written before the roll-ups held their sets of days: it cannot tell whether it holds days after the 3rd.
      stored[`${pk}/MONTH#2026-12`] = { pk, sk: 'MONTH#2026-12', month: '2026-12', survey_n: 3, complaint_n: 1 };
    }
    let heldBack = false;
    dynamoMock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { pk: string; sk: string }[]; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }> }) => {
      const request = input.RequestItems[TEST_TABLE];
      if (request === undefined) throw new Error('no request for the table');
      const names = request.ProjectionExpression?.split(', ').map((n) => request.ExpressionAttributeNames?.[n] ?? n);
      let asked = request.Keys;
      let unprocessed: { pk: string; sk: string }[] = [];
      if (!heldBack && asked.length > 1) {
        heldBack = true;
        unprocessed = asked.slice(0, 1);
        asked = asked.slice(1);
      }
      const items = asked.flatMap((key) => {
        const item = stored[`${key.pk}/${key.sk}`];
        if (item === undefined) return [];
        return [names === undefined ? item : Object.fromEntries(Object.entries(item).filter(([name]) => names.includes(name)))];
      });
      return { Responses: { [TEST_TABLE]: items }, UnprocessedKeys: unprocessed.length === 0 ? {} : { [TEST_TABLE]: { Keys: unprocessed } } };
    });
    const meter = newReadMeter();

    // Act: this year so far for two departments (one wanting only complaints), and December so far again
    const sums = await sumAggregateRanges(TEST_TABLE, [
      { siteId: 'demo', departmentId: 'emergency', from: '2026-01-01', to: '2026-12-03' },
      { siteId: 'demo', departmentId: 'cardiology-ward', from: '2026-01-01', to: '2026-12-03', only: ['complaint_n'] },
      { siteId: 'demo', departmentId: 'cardiology-ward', from: '2026-12-01', to: '2026-12-03' },
    ], meter);

    // Assess: no year roll-up and a December roll-up without its days, so every range is read again from its months and days
    expect(sums).toEqual([{ survey_n: 33, complaint_n: 4 }, { complaint_n: 4 }, { survey_n: 3, complaint_n: 1 }]);
    const requests = dynamoMock.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.[TEST_TABLE]);
    // First the year and December roll-ups of each partition, then 11 months and 3 days each: 3 day keys whole
    // (wanted whole by the third range), 11 month keys, and no key twice
    const asked = requests.flatMap((r) => r?.Keys ?? []).map((k) => `${String(k.pk)}/${String(k.sk)}`);
    expect(new Set(asked.filter((k) => k.endsWith('YEAR#2026') || k.endsWith('MONTH#2026-12'))).size).toBe(4);
    expect(new Set(asked).size).toBe(2 * (2 + 14));
    expect(requests.every((r) => (r?.Keys ?? []).length <= 100)).toBe(true);
    expect(requests.filter((r) => r?.ProjectionExpression !== undefined).flatMap((r) => r?.Keys ?? []).every((k) => String(k.pk) === 'AGG#demo#cardiology-ward' && /^(MONTH|YEAR)#/u.test(String(k.sk)))).toBe(true);
    expect(meter).toEqual({ items: 8, queries: requests.length });
  });

  it('reads this year and this month so far from their roll-ups when their sets show nothing after today, and reads exactly when one does', async () => {
    // Prepare: emergency's year and December roll-ups; cardiology's December holds a discharge dated the 20th
    const stored: Record<string, Record<string, unknown>> = {};
    const put = (item: Record<string, unknown>) => { stored[`${String(item.pk)}/${String(item.sk)}`] = item; };
    put({ pk: 'AGG#demo#emergency', sk: 'YEAR#2026', months: new Set(['01', '11', '12']), survey_n: 33, complaint_n: 4 });
    put({ pk: 'AGG#demo#emergency', sk: 'MONTH#2026-12', days: new Set(['02']), survey_n: 3, complaint_n: 1 });
    put({ pk: 'AGG#demo#cardiology-ward', sk: 'YEAR#2026', months: new Set(['12']), survey_n: 5, callback_discharged: 1 });
    put({ pk: 'AGG#demo#cardiology-ward', sk: 'MONTH#2026-12', days: new Set(['02', '20']), survey_n: 5, callback_discharged: 1 });
    put({ pk: 'AGG#demo#cardiology-ward', sk: 'DAY#2026-12-02', survey_n: 5 });
    dynamoMock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { pk: string; sk: string }[] }> }) => ({
      Responses: { [TEST_TABLE]: (input.RequestItems[TEST_TABLE]?.Keys ?? []).flatMap((key) => stored[`${key.pk}/${key.sk}`] ?? []) },
    }));
    const meter = newReadMeter();

    // Act: this year and this month so far on 3 December
    const sums = await sumAggregateRanges(TEST_TABLE, [
      { siteId: 'demo', departmentId: 'emergency', from: '2026-01-01', to: '2026-12-03' },
      { siteId: 'demo', departmentId: 'emergency', from: '2026-12-01', to: '2026-12-03' },
      { siteId: 'demo', departmentId: 'cardiology-ward', from: '2026-12-01', to: '2026-12-03' },
    ], meter);

    // Assess: emergency from two items in one round; cardiology's discharge of the 20th not counted, its days read instead
    expect(sums).toEqual([{ survey_n: 33, complaint_n: 4 }, { survey_n: 3, complaint_n: 1 }, { survey_n: 5 }]);
    const rounds = dynamoMock.commandCalls(BatchGetCommand).map((call) => (call.args[0].input.RequestItems?.[TEST_TABLE]?.Keys ?? []).map((k) => `${String(k.pk)}/${String(k.sk)}`));
    expect(rounds[0]?.sort()).toEqual(['AGG#demo#cardiology-ward/MONTH#2026-12', 'AGG#demo#emergency/MONTH#2026-12', 'AGG#demo#emergency/YEAR#2026']);
    expect(rounds[1]?.sort()).toEqual(['AGG#demo#cardiology-ward/DAY#2026-12-01', 'AGG#demo#cardiology-ward/DAY#2026-12-02', 'AGG#demo#cardiology-ward/DAY#2026-12-03']);
    expect(meter).toEqual({ items: 4, queries: 2 });
  });
});

describe('any range, against its day items', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);
  beforeEach(() => dynamoMock.reset());

  /** The store as DynamoDB would leave it after the writers' updates: SET values, ADD numbers and sets. */
  function applyUpdates(store: Map<string, Record<string, unknown>>, items: ReturnType<typeof aggregateWrites>): void {
    for (const { Update: update } of items) {
      if (update === undefined) continue;
      const names = update.ExpressionAttributeNames ?? {};
      const values: Record<string, unknown> = update.ExpressionAttributeValues ?? {};
      const id = `${String(update.Key?.pk)}/${String(update.Key?.sk)}`;
      const item: Record<string, unknown> = store.get(id) ?? { ...update.Key };
      const [sets = '', adds = ''] = (update.UpdateExpression ?? '').replace(/^SET /u, '').split(' ADD ');
      for (const assignment of sets.split(/, (?=#)/u)) {
        const [, name = '', value = ''] = /^(#\w+) = (.*)$/u.exec(assignment) ?? [];
        const attribute = names[name] ?? name;
        const current = item[attribute];
        item[attribute] = value.startsWith('if_not_exists') ? (typeof current === 'number' ? current : 0) + 1 : values[value];
      }
      for (const pair of adds.split(', ')) {
        const [name = '', value = ''] = pair.split(' ');
        const attribute = names[name] ?? name;
        const added = values[value];
        const current = item[attribute];
        item[attribute] = added instanceof Set
          ? new Set([...(current instanceof Set ? current : []), ...added])
          : (typeof current === 'number' ? current : 0) + Number(added);
      }
      store.set(id, item);
    }
  }

  it('sums the same as adding up the day items, for weeks across months and years, long custom periods, days dated ahead and negative deltas', async () => {
    // Prepare: 400 writes of two departments over three years (2024 a leap year), some taking a count back
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const shift = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const store = new Map<string, Record<string, unknown>>();
    const departments = ['a', 'b'];
    for (let i = 0; i < 400; i += 1) {
      const counters: Record<string, number> = { x: Math.floor(random() * 5) - 1, ...(random() < 0.7 ? { y: 1 } : {}) };
      applyUpdates(store, aggregateWrites(TEST_TABLE, [{ key: { siteId: 's', departmentId: departments[Math.floor(random() * 2)] ?? 'a', day: shift('2023-06-01', Math.floor(random() * 1091)) }, counters }], 'now'));
    }
    dynamoMock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { pk: string; sk: string }[]; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }> }) => {
      const request = input.RequestItems[TEST_TABLE];
      const names = request?.ProjectionExpression?.split(', ').map((n) => request.ExpressionAttributeNames?.[n] ?? n);
      const items = (request?.Keys ?? []).flatMap((key) => {
        const item = store.get(`${key.pk}/${key.sk}`);
        if (item === undefined) return [];
        return [names === undefined ? item : Object.fromEntries(Object.entries(item).filter(([name]) => names.includes(name)))];
      });
      return { Responses: { [TEST_TABLE]: items } };
    });
    const exact = (departmentId: string, from: string, to: string, only?: readonly string[]): Record<string, number> => {
      const sum: Record<string, number> = {};
      for (const item of store.values()) {
        const day = item.day;
        if (item.pk !== `AGG#s#${departmentId}` || typeof day !== 'string' || day < from || day > to) continue;
        for (const name of only ?? ['x', 'y']) if (typeof item[name] === 'number') sum[name] = (sum[name] ?? 0) + item[name];
      }
      return sum;
    };
    const withoutZeros = (counters: Record<string, number>) => Object.fromEntries(Object.entries(counters).filter(([, value]) => value !== 0));

    // Act and assess: 1,200 ranges, four at a time, from a few days to two years
    const weekAcross: AggregateRange[] = [{ siteId: 's', departmentId: 'a', from: '2025-09-29', to: '2025-10-05' }, { siteId: 's', departmentId: 'b', from: '2025-12-29', to: '2026-01-04' }];
    for (let trial = 0; trial < 300; trial += 1) {
      const ranges: AggregateRange[] = trial === 0 ? weekAcross : Array.from({ length: 4 }, () => {
        const from = shift('2023-05-01', Math.floor(random() * 1100));
        const to = shift(from, random() < 0.3 ? Math.floor(random() * 731) : Math.floor(random() * 120));
        return { siteId: 's', departmentId: departments[Math.floor(random() * 2)] ?? 'a', from, to, ...(random() < 0.4 ? { only: ['x'] } : {}) };
      });
      const sums = await sumAggregateRanges(TEST_TABLE, ranges);
      ranges.forEach((range, i) => expect(withoutZeros(sums[i] ?? {}), JSON.stringify(range)).toEqual(withoutZeros(exact(range.departmentId, range.from, range.to, range.only))));
    }
  });
});
