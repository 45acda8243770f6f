import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type AggregateDelta, type Counters, addCounters } from '../reporting/counters.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { allItems, getItems, type TransactItem } from './items.ts';
import { keys } from './keys.ts';

// Aggregate items: counters per (site, department or ALL, day), and beside them the same counters per
// month (design.md, "Roll-ups"). Every writer goes through `aggregateWrites`, which adds each day's delta
// to its month in the same transaction, so whatever counter a feature adds (surveys, complaints,
// callbacks) rolls up too, exactly once, and a year's figures read 12 items per department, not 365.
// History written before the roll-ups is rolled up afterwards by `rebuildMonth` (`npm run rollups`).

const NOT_COUNTERS = new Set(['pk', 'sk', 'siteId', 'departmentId', 'day', 'month', 'updatedAt', 'version']);

export const monthOf = (day: string): string => day.slice(0, 7);

interface ItemDelta {
  readonly key: { readonly pk: string; readonly sk: string };
  readonly attributes: Record<string, string>;
  readonly counters: Counters;
  /** Month roll-ups count their writes, so a rebuild (rebuildMonth) can tell that one landed meanwhile. */
  readonly versioned: boolean;
}

function update(table: string, delta: ItemDelta, now: string): TransactItem {
  const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':updatedAt': now };
  const sets = ['#updatedAt = :updatedAt'];
  for (const [name, value] of Object.entries(delta.attributes)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  if (delta.versioned) {
    names['#version'] = 'version';
    values[':zero'] = 0;
    values[':one'] = 1;
    sets.push('#version = if_not_exists(#version, :zero) + :one');
  }
  const adds = Object.entries(delta.counters).map(([name, value], index) => {
    names[`#c${index}`] = name;
    values[`:c${index}`] = value;
    return `#c${index} :c${index}`;
  });
  return {
    Update: {
      TableName: table,
      Key: delta.key,
      UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The transaction items that add `deltas` to their day items and to the month roll-ups of those days.
 * Deltas landing on one item (two days of one month, or the same day twice) are coalesced: a
 * transaction may touch an item only once. Empty deltas write nothing.
 */
export function aggregateWrites(table: string, deltas: readonly AggregateDelta[], now: string): TransactItem[] {
  const items = new Map<string, ItemDelta>();
  const add = (delta: ItemDelta) => {
    const id = `${delta.key.pk}|${delta.key.sk}`;
    const existing = items.get(id);
    if (existing === undefined) items.set(id, { ...delta, counters: { ...delta.counters } });
    else addCounters(existing.counters, delta.counters);
  };
  for (const { key, counters } of deltas) {
    if (Object.keys(counters).length === 0) continue;
    const scope = { siteId: key.siteId, departmentId: key.departmentId };
    add({ key: keys.aggregate(key.siteId, key.departmentId, key.day), attributes: { ...scope, day: key.day }, counters, versioned: false });
    const month = monthOf(key.day);
    add({ key: keys.aggregateMonth(key.siteId, key.departmentId, month), attributes: { ...scope, month }, counters, versioned: true });
  }
  return [...items.values()].map((delta) => update(table, delta, now));
}

/**
 * Adds counters exactly once under `guard` (a key no other item uses): the guard item and the counters
 * commit together, so running the same import again changes nothing. Returns whether it was added.
 */
export async function addCountersOnce(table: string, guard: { readonly pk: string; readonly sk: string }, deltas: readonly AggregateDelta[], now: Date): Promise<boolean> {
  const items = aggregateWrites(table, deltas, now.toISOString());
  if (items.length > 99) throw new Error('at most 99 aggregate items at once');
  try {
    await dynamoDb.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: table, Item: { ...guard, at: now.toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' } }, ...items] }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

export type MonthRebuild = 'rebuilt' | 'unchanged' | 'no-days';

const REBUILD_ATTEMPTS = 5;

/** Equal counters, a counter at 0 being the same as none. */
const sameCounters = (a: Counters, b: Counters): boolean =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].every((name) => (a[name] ?? 0) === (b[name] ?? 0));

/**
 * Rebuilds one month roll-up from its day items, for history written before the roll-ups existed. The
 * month is recomputed from its days and written in place of what is there, never added to, so a month
 * already rolled up (wholly, or in part since the roll-ups began) is not counted twice and a second run
 * changes nothing ('unchanged'). Against live writes: the month item is read first, then its days, both
 * strongly consistent, and the new month is put only if the item is still as read (its `version`, which
 * every aggregateWrites bumps); a write that landed meanwhile fails the condition and the month is read
 * again. A month with no day items is left as it is ('no-days').
 */
export async function rebuildMonth(table: string, siteId: string, departmentId: string, month: string, now: Date): Promise<MonthRebuild> {
  const key = keys.aggregateMonth(siteId, departmentId, month);
  const pk = keys.aggregatePartition(siteId, departmentId);
  for (let attempt = 1; ; attempt += 1) {
    const { Item: current } = await dynamoDb.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    const days = await allItems((startKey) => dynamoDb.send(new QueryCommand({
      TableName: table, ConsistentRead: true, ExclusiveStartKey: startKey,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': keys.dayKey(`${month}-01`), ':to': keys.dayKey(`${month}-31`) },
    })));
    if (days.length === 0) return 'no-days';
    const counters: Counters = {};
    for (const day of days) addCounters(counters, counterValues(day));
    if (current !== undefined && sameCounters(counters, counterValues(current))) return 'unchanged';
    const version: unknown = current?.version;
    const condition = current === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : typeof version === 'number'
        ? { ConditionExpression: '#version = :seen', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':seen': version } }
        : { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#version)', ExpressionAttributeNames: { '#version': 'version' } };
    try {
      await dynamoDb.send(new PutCommand({
        TableName: table,
        Item: { ...counters, ...key, siteId, departmentId, month, updatedAt: now.toISOString(), version: (typeof version === 'number' ? version : 0) + 1 },
        ...condition,
      }));
      return 'rebuilt';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || attempt >= REBUILD_ATTEMPTS) throw error;
    }
  }
}

/** Counts what a report reads, so its cost can be checked against departments × periods. */
export interface ReadMeter {
  items: number;
  queries: number;
}

export const newReadMeter = (): ReadMeter => ({ items: 0, queries: 0 });

function counterValues(item: Record<string, unknown>): Counters {
  const counters: Counters = {};
  for (const [name, value] of Object.entries(item)) if (!NOT_COUNTERS.has(name) && typeof value === 'number') counters[name] = value;
  return counters;
}

async function queryRange(table: string, pk: string, fromSk: string, toSk: string, meter: ReadMeter | undefined): Promise<Record<string, unknown>[]> {
  const items = await allItems(async (startKey) => {
    const page = await dynamoDb.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': fromSk, ':to': toSk },
      ExclusiveStartKey: startKey,
    }));
    if (meter !== undefined) meter.queries += 1;
    return page;
  });
  if (meter !== undefined) meter.items += items.length;
  return items;
}

const dayAfter = (day: string, days = 1): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const lastDayOf = (month: string): string => {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 0, monthNumber ?? 0, 0)).toISOString().slice(0, 10);
};

/** A period cut into whole months (read from the roll-ups) and the days before and after them. */
export interface PeriodCut {
  readonly months?: { readonly from: string; readonly to: string };
  readonly dayRanges: readonly { readonly from: string; readonly to: string }[];
}

export function cutPeriod(from: string, to: string): PeriodCut {
  if (from > to) return { dayRanges: [] };
  const firstWhole = from.endsWith('-01') ? monthOf(from) : monthOf(dayAfter(`${monthOf(from)}-28`, 4));
  const lastWhole = lastDayOf(monthOf(to)) === to ? monthOf(to) : monthOf(dayAfter(`${monthOf(to)}-01`, -1));
  if (firstWhole > lastWhole) return { dayRanges: [{ from, to }] };
  const dayRanges = [];
  if (from < `${firstWhole}-01`) dayRanges.push({ from, to: dayAfter(`${firstWhole}-01`, -1) });
  if (to > lastDayOf(lastWhole)) dayRanges.push({ from: dayAfter(lastDayOf(lastWhole)), to });
  return { months: { from: firstWhole, to: lastWhole }, dayRanges };
}

/**
 * Sums the counters of one department (or the site, `SITE_WIDE`) from `from` to `to` inclusive: whole
 * months from their roll-ups, the days around them from the day items. At most three queries.
 */
export async function sumAggregates(table: string, siteId: string, departmentId: string, from: string, to: string, meter?: ReadMeter): Promise<{ counters: Counters; items: number }> {
  const pk = keys.aggregatePartition(siteId, departmentId);
  const cut = cutPeriod(from, to);
  const reads = [
    ...(cut.months === undefined ? [] : [queryRange(table, pk, keys.monthKey(cut.months.from), keys.monthKey(cut.months.to), meter)]),
    ...cut.dayRanges.map((range) => queryRange(table, pk, keys.dayKey(range.from), keys.dayKey(range.to), meter)),
  ];
  const counters: Counters = {};
  let items = 0;
  for (const read of await Promise.all(reads)) {
    for (const item of read) addCounters(counters, counterValues(item));
    items += read.length;
  }
  return { counters, items };
}

/** One range of one partition to sum; `only` names the counters wanted when not all are. */
export interface AggregateRange {
  readonly siteId: string;
  readonly departmentId: string;
  readonly from: string;
  readonly to: string;
  readonly only?: readonly string[];
}

/** The sort keys of the items that hold a range: its whole months' roll-ups and the days around them. */
function rangeSortKeys(from: string, to: string): string[] {
  const cut = cutPeriod(from, to);
  const sortKeys: string[] = [];
  if (cut.months !== undefined) {
    for (let month = cut.months.from; month <= cut.months.to; month = monthOf(dayAfter(`${month}-28`, 4))) sortKeys.push(keys.monthKey(month));
  }
  for (const range of cut.dayRanges) for (let day = range.from; day <= range.to; day = dayAfter(day)) sortKeys.push(keys.dayKey(day));
  return sortKeys;
}

/** How many aggregate items hold a range of one partition (its whole months' roll-ups and the days around them). */
export const rangeItemCount = (from: string, to: string): number => rangeSortKeys(from, to).length;

/**
 * Sums many ranges (a report's departments, each over a period) at once, in the order given. The items
 * they need are known by key, so they come by BatchGetItem, 100 a request, all requests together: a few
 * round trips instead of one to three queries per range, whose per-request cost dominated a report's time.
 * Ranges wanting only some counters fetch only those (an aggregate item holds some forty). The cost still
 * depends on departments × periods only: one item per month and per day at the ends, whatever the volume.
 */
export async function sumAggregateRanges(table: string, ranges: readonly AggregateRange[], meter?: ReadMeter): Promise<Counters[]> {
  const wanted = ranges.map((range) => ({ range, itemKeys: rangeSortKeys(range.from, range.to).map((sk) => ({ pk: keys.aggregatePartition(range.siteId, range.departmentId), sk })) }));
  const idOf = (key: { pk: string; sk: string }): string => `${key.pk}\n${key.sk}`;
  const whole = new Map<string, { pk: string; sk: string }>();
  for (const { range, itemKeys } of wanted) if (range.only === undefined) for (const key of itemKeys) whole.set(idOf(key), key);
  const part = new Map<string, { pk: string; sk: string }>();
  const partCounters = new Set<string>(['pk', 'sk']);
  for (const { range, itemKeys } of wanted) {
    if (range.only === undefined) continue;
    for (const name of range.only) partCounters.add(name);
    for (const key of itemKeys) if (!whole.has(idOf(key))) part.set(idOf(key), key);
  }
  const [wholeItems, partItems] = await Promise.all([
    getItems(table, [...whole.values()]),
    getItems(table, [...part.values()], { attributes: [...partCounters] }),
  ]);
  const found = new Map<string, Counters>();
  for (const item of [...wholeItems.items, ...partItems.items]) {
    if (typeof item.pk === 'string' && typeof item.sk === 'string') found.set(idOf({ pk: item.pk, sk: item.sk }), counterValues(item));
  }
  if (meter !== undefined) {
    meter.queries += wholeItems.requests + partItems.requests;
    meter.items += found.size;
  }
  return wanted.map(({ range, itemKeys }) => {
    const counters: Counters = {};
    for (const key of itemKeys) {
      const values = found.get(idOf(key));
      if (values === undefined) continue;
      addCounters(counters, range.only === undefined ? values : Object.fromEntries(range.only.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]]]))));
    }
    return counters;
  });
}

/** Each day's (or month's, `from`/`to` as yyyy-mm) counters in a range: the trend's points. Days or months with no item are absent. */
export async function aggregateSeries(table: string, siteId: string, departmentId: string, grain: 'day' | 'month', from: string, to: string, meter?: ReadMeter): Promise<Map<string, Counters>> {
  const pk = keys.aggregatePartition(siteId, departmentId);
  const sortKey = grain === 'day' ? keys.dayKey : keys.monthKey;
  const items = await queryRange(table, pk, sortKey(from), sortKey(to), meter);
  const series = new Map<string, Counters>();
  for (const item of items) {
    const at = item[grain];
    if (typeof at === 'string') series.set(at, counterValues(item));
  }
  return series;
}
