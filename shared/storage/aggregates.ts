import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type AggregateDelta, type Counters, addCounters } from '../reporting/counters.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { allItems, getItems, projectionOf, type TransactItem } from './items.ts';
import { keys } from './keys.ts';
import { addMonths, monthEnd, monthsFrom, shiftDay } from '../reporting/periods.ts';

// Aggregate items: counters per (site, department or ALL, day), and beside them the same counters per
// month and per year (design.md, "Roll-ups"). Every writer goes through `aggregateWrites`, which adds each
// day's delta to its month and its year in the same transaction, so whatever counter a feature adds
// (surveys, complaints, callbacks) rolls up too, exactly once. A month roll-up also holds the set of its
// days that have counts (`days`, "01".."31") and a year roll-up the set of its months (`months`, "01".."12"):
// a period that ends inside a month or a year (this month so far, this year so far) can then be read
// from the roll-up whenever nothing after its end is counted there yet, which the sets show (a discharge
// dated ahead is counted on its future day). History written before the roll-ups is rolled up afterwards by
// `rebuildRollup` (`npm run rollups`).

const NOT_COUNTERS = new Set(['pk', 'sk', 'siteId', 'departmentId', 'day', 'month', 'year', 'updatedAt', 'version']);

/** The attribute of a roll-up that names what it holds: a month's days, a year's months. */
export const ROLLUP_SETS = { month: 'days', year: 'months' } as const;

export const monthOf = (day: string): string => day.slice(0, 7);
const yearOf = (dayOrMonth: string): string => dayOrMonth.slice(0, 4);

interface ItemDelta {
  readonly key: { readonly pk: string; readonly sk: string };
  readonly attributes: Record<string, string>;
  readonly counters: Counters;
  /** Roll-ups count their writes, so a rebuild (rebuildRollup) can tell that one landed meanwhile. */
  readonly versioned: boolean;
  /** A roll-up's set of the days or months it holds, added to on each write. */
  readonly holds?: { readonly name: string; readonly values: Set<string> };
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
  if (delta.holds !== undefined) {
    // ADD on a string set is a union: adding a day the month already holds changes nothing.
    names['#holds'] = delta.holds.name;
    values[':holds'] = delta.holds.values;
    adds.push('#holds :holds');
  }
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
 * The transaction items that add `deltas` to their day items and to the month and year roll-ups of those
 * days. Deltas landing on one item (two days of one month, or the same day twice) are coalesced: a
 * transaction may touch an item only once. Empty deltas write nothing.
 */
export function aggregateWrites(table: string, deltas: readonly AggregateDelta[], now: string): TransactItem[] {
  const items = new Map<string, ItemDelta>();
  const add = (delta: ItemDelta) => {
    const id = `${delta.key.pk}|${delta.key.sk}`;
    const existing = items.get(id);
    if (existing === undefined) {
      items.set(id, { ...delta, counters: { ...delta.counters }, ...(delta.holds === undefined ? {} : { holds: { name: delta.holds.name, values: new Set(delta.holds.values) } }) });
      return;
    }
    addCounters(existing.counters, delta.counters);
    for (const value of delta.holds?.values ?? []) existing.holds?.values.add(value);
  };
  for (const { key, counters } of deltas) {
    if (Object.keys(counters).length === 0) continue;
    const scope = { siteId: key.siteId, departmentId: key.departmentId };
    add({ key: keys.aggregate(key.siteId, key.departmentId, key.day), attributes: { ...scope, day: key.day }, counters, versioned: false });
    const month = monthOf(key.day);
    add({ key: keys.aggregateMonth(key.siteId, key.departmentId, month), attributes: { ...scope, month }, counters, versioned: true, holds: { name: ROLLUP_SETS.month, values: new Set([key.day.slice(8, 10)]) } });
    const year = yearOf(key.day);
    add({ key: keys.aggregateYear(key.siteId, key.departmentId, year), attributes: { ...scope, year }, counters, versioned: true, holds: { name: ROLLUP_SETS.year, values: new Set([month.slice(5, 7)]) } });
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

export type RollupRebuild = 'rebuilt' | 'unchanged' | 'no-days';

const REBUILD_ATTEMPTS = 5;

/** Equal counters, a counter at 0 being the same as none. */
const sameCounters = (a: Counters, b: Counters): boolean =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].every((name) => (a[name] ?? 0) === (b[name] ?? 0));

const stringSet = (value: unknown): ReadonlySet<string> | undefined =>
  (value instanceof Set && [...value].every((v) => typeof v === 'string') ? new Set([...value].map(String)) : undefined);

const sameSet = (a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): boolean => a !== undefined && a.size === b.size && [...b].every((v) => a.has(v));

/** What a roll-up is rebuilt from: a month from its day items, a year from its month roll-ups. */
function rollupSource(grain: 'month' | 'year', period: string) {
  return grain === 'month'
    ? { from: keys.dayKey(`${period}-01`), to: keys.dayKey(`${period}-31`), holds: ROLLUP_SETS.month }
    : { from: keys.monthKey(`${period}-01`), to: keys.monthKey(`${period}-12`), holds: ROLLUP_SETS.year };
}

/**
 * Rebuilds one roll-up, a month (`period` yyyy-mm) from its day items or a year (yyyy) from its month
 * roll-ups, for history written before the roll-ups existed: rebuild a year's months first. The roll-up
 * is recomputed and written in place of what is there, never added to, so one already right (wholly, or
 * in part since the roll-ups began) is not counted twice and a second run changes nothing ('unchanged').
 * Against live writes: the roll-up is read first, then its parts, both strongly consistent, and the new
 * one is put only if the item is still as read (its `version`, which every aggregateWrites bumps); a
 * write that landed meanwhile fails the condition and it is read again. One with no parts is left as it
 * is ('no-days').
 */
export async function rebuildRollup(table: string, siteId: string, departmentId: string, grain: 'month' | 'year', period: string, now: Date): Promise<RollupRebuild> {
  const key = grain === 'month' ? keys.aggregateMonth(siteId, departmentId, period) : keys.aggregateYear(siteId, departmentId, period);
  const pk = keys.aggregatePartition(siteId, departmentId);
  const source = rollupSource(grain, period);
  for (let attempt = 1; ; attempt += 1) {
    const { Item: current } = await dynamoDb.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    const parts = await allItems((startKey) => dynamoDb.send(new QueryCommand({
      TableName: table, ConsistentRead: true, ExclusiveStartKey: startKey,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': source.from, ':to': source.to },
    })));
    if (parts.length === 0) return 'no-days';
    const counters: Counters = {};
    for (const part of parts) addCounters(counters, counterValues(part));
    // The day of a DAY#yyyy-mm-dd key, the month of a MONTH#yyyy-mm one.
    const holds = new Set(parts.map((part) => String(part.sk).slice(-2)));
    if (current !== undefined && sameCounters(counters, counterValues(current)) && sameSet(stringSet(current[source.holds]), holds)) return 'unchanged';
    const version: unknown = current?.version;
    const condition = current === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : typeof version === 'number'
        ? { ConditionExpression: '#version = :seen', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':seen': version } }
        : { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#version)', ExpressionAttributeNames: { '#version': 'version' } };
    try {
      await dynamoDb.send(new PutCommand({
        TableName: table,
        Item: { ...counters, ...key, siteId, departmentId, [grain]: period, [source.holds]: holds, updatedAt: now.toISOString(), version: (typeof version === 'number' ? version : 0) + 1 },
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

async function queryRange(table: string, pk: string, fromSk: string, toSk: string, meter: ReadMeter | undefined, attributes?: readonly string[]): Promise<Record<string, unknown>[]> {
  const projection = projectionOf(attributes);
  const items = await allItems(async (startKey) => {
    const page = await dynamoDb.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': fromSk, ':to': toSk },
      ExclusiveStartKey: startKey,
      ...projection,
    }));
    if (meter !== undefined) meter.queries += 1;
    return page;
  });
  if (meter !== undefined) meter.items += items.length;
  return items;
}

const lastDayOf = (month: string): string => monthEnd(`${month}-01`);

/** A period cut into whole months (read from the roll-ups) and the days before and after them. */
export interface PeriodCut {
  readonly months?: { readonly from: string; readonly to: string };
  readonly dayRanges: readonly { readonly from: string; readonly to: string }[];
}

export function cutPeriod(from: string, to: string): PeriodCut {
  if (from > to) return { dayRanges: [] };
  const firstWhole = from.endsWith('-01') ? monthOf(from) : addMonths(monthOf(from), 1);
  const lastWhole = lastDayOf(monthOf(to)) === to ? monthOf(to) : monthOf(shiftDay(`${monthOf(to)}-01`, -1));
  if (firstWhole > lastWhole) return { dayRanges: [{ from, to }] };
  const dayRanges = [];
  if (from < `${firstWhole}-01`) dayRanges.push({ from, to: shiftDay(`${firstWhole}-01`, -1) });
  if (to > lastDayOf(lastWhole)) dayRanges.push({ from: shiftDay(lastDayOf(lastWhole), 1), to });
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

const daysFrom = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let day = from; day <= to; day = shiftDay(day, 1)) days.push(day);
  return days;
};

/** The sort keys of the items that hold a range exactly: its whole months' roll-ups and the days around them. */
function rangeSortKeys(from: string, to: string): string[] {
  const cut = cutPeriod(from, to);
  return [
    ...(cut.months === undefined ? [] : monthsFrom(cut.months.from, cut.months.to).map(keys.monthKey)),
    ...cut.dayRanges.flatMap((range) => daysFrom(range.from, range.to).map(keys.dayKey)),
  ];
}

/** A roll-up read for a range that ends inside it: it sums to the range only if it holds nothing after the end. */
interface RollupCheck {
  readonly sk: string;
  readonly holds: string;
  /** The last day ("05") or month ("12") the range reaches in it. */
  readonly last: string;
}

/** How to read one range: `sortKeys` when every check holds, else `exact`. */
interface RangePlan {
  readonly sortKeys: readonly string[];
  readonly checks: readonly RollupCheck[];
  readonly exact: readonly string[];
}

/**
 * The fewest items that can hold a range. A month the range ends inside (this month so far) is read from
 * its roll-up instead of its days, and months that run from January (this year so far, a whole year)
 * from their year's roll-up, each checked against the set of what it holds. So this year so far is one or
 * two items per partition, not eleven months and the days of this one.
 */
function planRange(from: string, to: string): RangePlan {
  const exact = rangeSortKeys(from, to);
  const cut = cutPeriod(from, to);
  const endMonth = monthOf(to);
  const endsInside = to !== lastDayOf(endMonth) && from <= `${endMonth}-01`;
  const months = [...(cut.months === undefined ? [] : monthsFrom(cut.months.from, cut.months.to)), ...(endsInside ? [endMonth] : [])];
  const first = months[0];
  if (first === undefined) return { sortKeys: exact, checks: [], exact };
  // With a month in hand, the only days left are those before it: a range ending inside a month has it
  // read whole. (Not cut.dayRanges: a week from 29 September to 5 October is one day range there.)
  const headDays = from < `${first}-01` ? daysFrom(from, shiftDay(`${first}-01`, -1)).map(keys.dayKey) : [];
  const checks: RollupCheck[] = endsInside ? [{ sk: keys.monthKey(endMonth), holds: ROLLUP_SETS.month, last: to.slice(8, 10) }] : [];
  const rollups: string[] = [];
  for (const year of new Set(months.map(yearOf))) {
    const ofYear = months.filter((month) => yearOf(month) === year);
    const last = ofYear.at(-1);
    if (ofYear.length > 1 && ofYear[0] === `${year}-01` && last !== undefined) {
      rollups.push(keys.yearKey(year));
      checks.push({ sk: keys.yearKey(year), holds: ROLLUP_SETS.year, last: last.slice(5, 7) });
    } else {
      rollups.push(...ofYear.map(keys.monthKey));
    }
  }
  return { sortKeys: [...headDays, ...rollups], checks, exact };
}

/**
 * A check holds when its roll-up holds nothing after the range's end. This trusts the roll-ups as whole
 * months always have: every writer keeps them and their sets, and `npm run rollups` rebuilds them for
 * history written before. So no roll-up means nothing counted, and one without its set cannot tell and
 * the range is read exactly; but a roll-up from before the sets that a write after them has given a set
 * holds only the days since, until `npm run rollups` has run.
 */
function checkHolds(check: RollupCheck, item: Record<string, unknown> | undefined): boolean {
  if (item === undefined) return true;
  const held = stringSet(item[check.holds]);
  return held !== undefined && held.size > 0 && [...held].every((value) => value <= check.last);
}

type ItemKey = { readonly pk: string; readonly sk: string };
const idOf = (key: ItemKey): string => `${key.pk}\n${key.sk}`;

/**
 * Sums many ranges (a report's departments, each over a period) at once, in the order given. The items
 * they need are known by key, so they come by BatchGetItem, 100 a request, all requests together: a few
 * round trips instead of one to three queries per range, whose per-request cost dominated a report's time.
 * Each range is read as planRange says; a range whose roll-up holds something after its end (a discharge
 * dated ahead, or a past period ending inside a month) is read again exactly, from its months and days, in
 * a second round. Ranges wanting only some counters fetch only those (an aggregate item holds some forty).
 * The cost depends on departments × periods only, whatever the volume.
 */
export async function sumAggregateRanges(table: string, ranges: readonly AggregateRange[], meter?: ReadMeter): Promise<Counters[]> {
  // A report's ranges share a few periods across many departments: plan each period once.
  const plans = new Map<string, RangePlan>();
  const planOf = (from: string, to: string): RangePlan => {
    const id = `${from}..${to}`;
    const known = plans.get(id);
    if (known !== undefined) return known;
    const plan = planRange(from, to);
    plans.set(id, plan);
    return plan;
  };
  const planned = ranges.map((range) => ({ range, pk: keys.aggregatePartition(range.siteId, range.departmentId), plan: planOf(range.from, range.to) }));
  const found = new Map<string, Record<string, unknown>>();
  /** Each key asked for so far, and whether it was fetched with all its counters. */
  const asked = new Map<string, boolean>();
  let requests = 0;
  const fetch = async (wanted: readonly { pk: string; sortKeys: readonly string[]; only?: readonly string[] | undefined }[]): Promise<void> => {
    const whole = new Map<string, ItemKey>();
    const part = new Map<string, ItemKey>();
    // A part item carries every counter any range asked of it, so a key fetched in part in the first round
    // already serves a range that wants it in part in the second.
    const partNames = new Set<string>(['pk', 'sk', ROLLUP_SETS.month, ROLLUP_SETS.year]);
    for (const { pk, sortKeys, only } of wanted) {
      for (const sk of sortKeys) {
        const id = idOf({ pk, sk });
        if (only === undefined) {
          if (asked.get(id) !== true) whole.set(id, { pk, sk });
        } else if (!asked.has(id)) {
          part.set(id, { pk, sk });
          for (const name of only) partNames.add(name);
        }
      }
    }
    for (const id of whole.keys()) part.delete(id);
    const [partItems, wholeItems] = await Promise.all([getItems(table, [...part.values()], { attributes: [...partNames] }), getItems(table, [...whole.values()])]);
    for (const id of part.keys()) asked.set(id, false);
    for (const id of whole.keys()) asked.set(id, true);
    for (const item of [...partItems.items, ...wholeItems.items]) {
      if (typeof item.pk === 'string' && typeof item.sk === 'string') found.set(idOf({ pk: item.pk, sk: item.sk }), item);
    }
    requests += partItems.requests + wholeItems.requests;
  };
  await fetch(planned.map(({ range, pk, plan }) => ({ pk, sortKeys: [...plan.sortKeys, ...plan.checks.map((check) => check.sk)], only: range.only })));
  const reading = planned.map(({ range, pk, plan }) => {
    const planHolds = plan.checks.every((check) => checkHolds(check, found.get(idOf({ pk, sk: check.sk }))));
    return { range, pk, again: !planHolds, sortKeys: planHolds ? plan.sortKeys : plan.exact };
  });
  const again = reading.filter((r) => r.again);
  if (again.length > 0) await fetch(again.map(({ range, pk, sortKeys }) => ({ pk, sortKeys, only: range.only })));
  if (meter !== undefined) {
    meter.queries += requests;
    meter.items += found.size;
  }
  return reading.map(({ range, pk, sortKeys }) => {
    const counters: Counters = {};
    for (const sk of sortKeys) {
      const item = found.get(idOf({ pk, sk }));
      if (item === undefined) continue;
      const values = counterValues(item);
      addCounters(counters, range.only === undefined ? values : Object.fromEntries(range.only.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]]]))));
    }
    return counters;
  });
}

/**
 * Each day's (or month's, `from`/`to` as yyyy-mm) counters in a range: the trend's points. Days or months
 * with no item are absent. `only` names the counters wanted, when not all are: twelve weeks of days are
 * some 80 items of some forty counters each.
 */
export async function aggregateSeries(table: string, siteId: string, departmentId: string, grain: 'day' | 'month', from: string, to: string, meter?: ReadMeter, only?: readonly string[]): Promise<Map<string, Counters>> {
  const pk = keys.aggregatePartition(siteId, departmentId);
  const sortKey = grain === 'day' ? keys.dayKey : keys.monthKey;
  const items = await queryRange(table, pk, sortKey(from), sortKey(to), meter, only === undefined ? undefined : [grain, ...only]);
  const series = new Map<string, Counters>();
  for (const item of items) {
    const at = item[grain];
    if (typeof at === 'string') series.set(at, counterValues(item));
  }
  return series;
}
