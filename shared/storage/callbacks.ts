import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../schemas/zod.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { type CallbackSettings, CallbackSettingsSchema, DEFAULT_CALLBACK_SETTINGS } from '../callbacks/settings.ts';
import { ValidationError, VersionConflictError } from '../platform/domain-errors.ts';
import { aggregateKeys, type Counters } from '../reporting/counters.ts';
import { type CallRecord, CallRecordSchema, type Person, PersonSchema } from '../schemas/callback.ts';
import { callItem, callKey } from './call-items.ts';
import { getItems, itemsUpTo, putIfAbsent, withoutKeys } from './items.ts';
import { callListPartition, FOLLOW_UP_GROUP, INDEXES, keys, TTL_ATTRIBUTE } from './keys.ts';
import { aggregateWrites } from './aggregates.ts';
import type { TransactItem } from './items.ts';

// Discharges, their calls and the attempts recorded on them. Exactly once, as for surveys: a discharge's
// items and its counters commit in one transaction guarded by the discharge not existing yet, and an
// attempt's in one guarded by its submission id; a call changes only from the version it was read at.
// The patient's name and phone number are an item of their own, with a TTL.

const MAX_CONFLICT_RETRIES = 5;
const ExpirySchema = z.optional(z.number());
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type CommitResult = 'stored' | 'duplicate';

/** The discharge as the HIS sent it, minus the patient's name and phone (kept apart). */
export const DischargeRecordSchema = z.object({
  siteId: z.string(),
  dischargeId: z.string(),
  departmentId: z.string(),
  dischargedAt: z.string(),
  serviceType: z.optional(z.string()),
  doNotCall: z.boolean(),
  batchId: z.string(),
  enteredBy: z.string(),
  receivedAt: z.string(),
});
export type DischargeRecord = z.infer<typeof DischargeRecordSchema>;

export const CallHistoryEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  change: z.enum(['received', 'correction', 'attempt', 'claim', 'reveal', 'expired']),
  detail: z.optional(z.string()),
});
export type CallHistoryEntry = z.infer<typeof CallHistoryEntrySchema>;

const historyItems = (table: string, siteId: string, dischargeId: string | undefined, version: number, entries: readonly CallHistoryEntry[]): TransactItem[] =>
  dischargeId === undefined ? [] : entries.map((entry, n) => ({ Put: { TableName: table, Item: { ...keys.dischargeHistory(siteId, dischargeId, entry.at, version, n), ...CallHistoryEntrySchema.parse(entry) } } }));

/**
 * Counter updates for (department, day)s, site-wide too, with their months' roll-ups: one call, so two days
 * of one month update their month's item once (a transaction may not touch an item twice).
 */
export const counterItems = (table: string, siteId: string, departmentId: string, byDay: ReadonlyMap<string, Counters>, now: Date): TransactItem[] =>
  aggregateWrites(table, [...byDay].flatMap(([day, counters]) => aggregateKeys(siteId, departmentId, day).map((key) => ({ key, counters }))), now.toISOString());

/**
 * Commits the items; a failed condition on the first item is a duplicate (already stored), on any other
 * a version conflict. A transaction conflict (a concurrent writer on the same aggregate) is retried.
 */
async function commit(items: readonly TransactItem[], what: string): Promise<CommitResult> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await dynamoDb.send(new TransactWriteCommand({ TransactItems: [...items] }));
      return 'stored';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      if (codes[0] === 'ConditionalCheckFailed') return 'duplicate';
      if (codes.includes('ConditionalCheckFailed')) throw new VersionConflictError(`${what} changed since it was read`);
      if (!codes.includes('TransactionConflict') || attempt >= MAX_CONFLICT_RETRIES) throw error;
      await pause(20 * 2 ** attempt * Math.random());
    }
  }
}

export interface NewDischarge {
  readonly discharge: DischargeRecord;
  /** Absent for a doNotCall patient: nobody will call, so nothing personal is kept. */
  readonly person?: Person;
  readonly personExpiresAt?: number;
  readonly call: CallRecord;
  readonly counters: Counters;
}

/** A discharge's own items, without its counters (a batch coalesces those). */
function dischargeItems(table: string, input: NewDischarge): TransactItem[] {
  const { discharge, call } = input;
  return [
    { Put: { TableName: table, Item: { ...keys.discharge(discharge.siteId, discharge.dischargeId), ...DischargeRecordSchema.parse(discharge) }, ConditionExpression: 'attribute_not_exists(pk)' } },
    callItem(table, call),
    ...(input.person === undefined ? [] : [{ Put: { TableName: table, Item: { ...keys.dischargePerson(discharge.siteId, discharge.dischargeId), ...PersonSchema.parse(input.person), ...(input.personExpiresAt === undefined ? {} : { [TTL_ATTRIBUTE]: input.personExpiresAt }) } } }]),
    ...historyItems(table, discharge.siteId, discharge.dischargeId, call.version, [{ at: discharge.receivedAt, actor: discharge.enteredBy, change: 'received', detail: `batch ${discharge.batchId}${discharge.doNotCall ? ', do not call' : ''}` }]),
  ];
}

/** Every discharge's counters in one set of updates: two discharges of one department-day add to the same items once. */
const dischargeCounterItems = (table: string, inputs: readonly NewDischarge[], now: Date): TransactItem[] =>
  aggregateWrites(table, inputs.flatMap((input) => aggregateKeys(input.discharge.siteId, input.discharge.departmentId, input.call.cohortDay).map((key) => ({ key, counters: input.counters }))), now.toISOString());

/** The discharge, its call, the patient's details and the counters, once: a discharge sent again changes nothing. */
export async function storeNewDischarge(table: string, input: NewDischarge, now: Date): Promise<CommitResult> {
  return commit([...dischargeItems(table, input), ...dischargeCounterItems(table, [input], now)], `discharge ${input.discharge.dischargeId}`);
}

/** Actions one transaction may hold. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * Many new discharges in as few transactions as hold them (each at most MAX_TRANSACTION_ITEMS actions, the
 * counters of the discharges in it coalesced), each discharge's items and its counters still in one
 * transaction. A transaction cancelled because one of its discharges was stored before (a redelivery)
 * is done again one discharge at a time, so each is stored or found a duplicate exactly once. Returns
 * each one's result, in order.
 */
export async function storeNewDischarges(table: string, inputs: readonly NewDischarge[], now: Date): Promise<CommitResult[]> {
  const chunks: NewDischarge[][] = [];
  let chunk: NewDischarge[] = [];
  let own = 0;
  for (const input of inputs) {
    const size = dischargeItems(table, input).length;
    // A transaction may touch an item once: the same discharge twice goes in the next one.
    const repeated = chunk.some((c) => c.discharge.dischargeId === input.discharge.dischargeId);
    if (chunk.length > 0 && (repeated || own + size + dischargeCounterItems(table, [...chunk, input], now).length > MAX_TRANSACTION_ITEMS)) {
      chunks.push(chunk);
      chunk = [];
      own = 0;
    }
    chunk.push(input);
    own += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  const results: CommitResult[] = [];
  for (const part of chunks) results.push(...await storeDischargeChunk(table, part, now));
  return results;
}

async function storeDischargeChunk(table: string, inputs: readonly NewDischarge[], now: Date): Promise<CommitResult[]> {
  const one = inputs.length === 1 ? inputs[0] : undefined;
  if (one !== undefined) return [await storeNewDischarge(table, one, now)];
  const items = [...inputs.flatMap((input) => dischargeItems(table, input)), ...dischargeCounterItems(table, inputs, now)];
  try {
    if (await commit(items, `${inputs.length} discharges`) === 'stored') return inputs.map(() => 'stored');
  } catch (error) {
    // A failed condition past the first item: some discharge in the batch was stored before.
    if (!(error instanceof VersionConflictError)) throw error;
  }
  const results: CommitResult[] = [];
  for (const input of inputs) results.push(await storeNewDischarge(table, input, now));
  return results;
}

export async function getDischarge(table: string, siteId: string, dischargeId: string): Promise<DischargeRecord | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.discharge(siteId, dischargeId), ConsistentRead: true }));
  return Item === undefined ? undefined : DischargeRecordSchema.parse(withoutKeys(Item));
}

export async function getCall(table: string, key: { pk: string; sk: string }): Promise<CallRecord | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return Item === undefined ? undefined : CallRecordSchema.parse(Item);
}

/** The patient's name and phone, or undefined when none were kept or their retention has run out (TTL deletes late). */
export async function getPerson(table: string, siteId: string, dischargeId: string, now: Date): Promise<Person | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.dischargePerson(siteId, dischargeId), ConsistentRead: true }));
  if (Item === undefined) return undefined;
  const expiry = ExpirySchema.parse(Item[TTL_ATTRIBUTE]);
  if (expiry !== undefined && expiry * 1000 <= now.getTime()) return undefined;
  return PersonSchema.parse(Item);
}

/** Names and phones of many discharges at once (a worklist page), by discharge id. */
export async function getPeople(table: string, siteId: string, dischargeIds: readonly string[], now: Date): Promise<Map<string, Person>> {
  const people = new Map<string, Person>();
  const { items } = await getItems(table, dischargeIds.map((id) => keys.dischargePerson(siteId, id)));
  for (const item of items) {
    const expiry = ExpirySchema.parse(item[TTL_ATTRIBUTE]);
    const id = z.string().parse(item.pk).slice(`DISCHARGE#${siteId}#`.length);
    if (expiry === undefined || expiry * 1000 > now.getTime()) people.set(id, PersonSchema.parse(item));
  }
  return people;
}

export interface CallChange {
  readonly before: CallRecord;
  readonly after: CallRecord;
  readonly history: readonly CallHistoryEntry[];
  readonly counters: Counters;
  /** The day the counters count on (the cohort day, or the day a follow-up closed). */
  readonly counterDay: string;
  /** Survey counters of a reached patient's answers: the day of the call. */
  readonly answerCounters?: { readonly day: string; readonly counters: Counters };
  /** The patient's details expire then (set when the call closes). */
  readonly personExpiresAt?: number;
  /** New patient details (a correction). */
  readonly person?: Person;
}

function changeItems(table: string, change: CallChange, now: Date): TransactItem[] {
  const { before, after } = change;
  // One update per aggregate item: the cohort day's counters and the answers' merge when on the same day.
  const byDay = new Map<string, Counters>([[change.counterDay, { ...change.counters }]]);
  if (change.answerCounters !== undefined) byDay.set(change.answerCounters.day, { ...byDay.get(change.answerCounters.day), ...change.answerCounters.counters });
  const items: TransactItem[] = [
    callItem(table, after, { expected: before.version }),
    ...historyItems(table, after.siteId, after.dischargeId, after.version, change.history),
    ...counterItems(table, after.siteId, after.departmentId, byDay, now),
  ];
  if (after.dischargeId !== undefined && (change.person !== undefined || change.personExpiresAt !== undefined)) {
    const key = keys.dischargePerson(after.siteId, after.dischargeId);
    items.push(change.person === undefined
      ? { Update: { TableName: table, Key: key, UpdateExpression: 'SET #ttl = :t', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE }, ExpressionAttributeValues: { ':t': change.personExpiresAt } } }
      : { Put: { TableName: table, Item: { ...key, ...PersonSchema.parse(change.person), ...(change.personExpiresAt === undefined ? {} : { [TTL_ATTRIBUTE]: change.personExpiresAt }) } } });
  }
  return items;
}

/** Saves a corrected discharge call (a new phone, doNotCall) if nobody changed it since it was read. */
export async function saveCallChange(table: string, change: CallChange, now: Date): Promise<void> {
  const items = changeItems(table, change, now);
  try {
    await dynamoDb.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')) throw new VersionConflictError(`call ${change.after.callId} changed since version ${change.before.version}`);
    throw error;
  }
}

export const CallbackItemSchema = z.object({
  submissionId: z.string(),
  siteId: z.string(),
  callId: z.string(),
  calledAt: z.string(),
  outcome: z.string(),
  recordedBy: z.string(),
  receivedAt: z.string(),
  /** Recorded on a call already closed: kept, but counted nowhere. */
  late: z.boolean(),
  complaintIds: z.array(z.string()),
});
export type CallbackItem = z.infer<typeof CallbackItemSchema>;

/**
 * One attempt, once: its guard item (the submission id), the call's new state from the version read, its
 * history and counters, in one transaction. `duplicate` when the submission was stored before; throws
 * VersionConflictError when the call moved on meanwhile (the caller reads it again and retries).
 */
export async function storeAttempt(table: string, callback: CallbackItem, change: CallChange | undefined, now: Date, extra: readonly TransactItem[] = []): Promise<CommitResult> {
  const items: TransactItem[] = [
    { Put: { TableName: table, Item: { ...keys.callback(callback.submissionId), ...CallbackItemSchema.parse(callback) }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...(change === undefined ? [] : changeItems(table, change, now)),
    ...extra,
  ];
  return commit(items, `call ${callback.callId}`);
}

export async function getCallback(table: string, submissionId: string): Promise<CallbackItem | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.callback(submissionId), ConsistentRead: true }));
  return Item === undefined ? undefined : CallbackItemSchema.parse(Item);
}

/**
 * Takes the call for `who` until `until`, unless someone else holds it: returns who holds it then. The
 * claim is bookkeeping, not a change of the call (its version stays), so it never conflicts with a save.
 */
export async function claimCall(table: string, call: CallRecord, who: string, until: Date, now: Date): Promise<{ taken: true } | { taken: false; heldBy: string }> {
  try {
    await dynamoDb.send(new UpdateCommand({
      TableName: table,
      Key: callKey(call),
      UpdateExpression: 'SET claimedBy = :who, claimedUntil = :until',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(claimedBy) OR claimedBy = :who OR claimedUntil < :now)',
      ExpressionAttributeValues: { ':who': who, ':until': until.toISOString(), ':now': now.toISOString() },
    }));
    return { taken: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const current = await getCall(table, callKey(call));
    return { taken: false, heldBy: current?.claimedBy ?? 'someone' };
  }
}

export interface CallListQuery {
  readonly siteId: string;
  /** Departments whose discharge calls to list; `followUps` adds the office's follow-up calls. */
  readonly departmentIds: readonly string[];
  readonly followUps: boolean;
  readonly state: 'open' | 'done';
  /** Only open calls of this status (due or attempted); every open call when absent. */
  readonly status?: 'due' | 'attempted';
  /** Open calls whose window closed before this day are no longer listed (they cannot be made). */
  readonly today: string;
  readonly limit: number;
  /** The last sort key of the previous page. */
  readonly after?: string;
}

export interface CallPage {
  readonly items: CallRecord[];
  readonly cursor?: string;
}

/** A list cursor this API did not give out. */
export class InvalidCallCursorError extends ValidationError {
  constructor() {
    super('One or more fields are not valid.', [{ path: 'cursor', message: 'the cursor is not one this API gave out' }]);
  }
}

const sortKeyOf = (item: Record<string, unknown>): string => z.string().parse(item[INDEXES.byDue.sortKey]);

/** Queries one department partition may make for a page; each reads twice as many items as the last. */
export const MAX_LIST_READS = 6;
/** Items one query reads at most (DynamoDB stops at 1 MB anyway). */
const MAX_READ = 1000;

interface GroupRead {
  readonly found: Record<string, unknown>[];
  /** Set when the read budget ran out with the partition not read to its end: nothing past it was seen. */
  readonly stoppedAt?: string;
}

/**
 * Calls of many departments merged in due order: one query per department partition (each reads at most
 * a page), so a nurse's two wards cost two queries whatever the hospital's size. The status and the
 * window are filters inside the query, so a page is filled from matching calls: a partition is read on
 * (each read larger than the last, at most MAX_LIST_READS) until it has more matches than the page holds.
 * When the budget runs out first, the page ends at the last key read in that partition and the cursor
 * points there, so the next page goes on from it and every match comes exactly once.
 */
export async function listCalls(table: string, query: CallListQuery): Promise<CallPage> {
  const prefix = query.state === 'open' ? 'OPEN#' : 'SHUT#';
  const after = query.after ?? prefix;
  if (!after.startsWith(prefix)) throw new InvalidCallCursorError();
  const groups = [...query.departmentIds, ...(query.followUps ? [FOLLOW_UP_GROUP] : [])];
  const filters = [...(query.state === 'open' ? ['windowEnd >= :today'] : []), ...(query.status === undefined ? [] : ['#status = :status'])];
  const reads = await Promise.all(groups.map(async (group): Promise<GroupRead> => {
    const found: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    let size = query.limit + 1;
    for (let read = 0; read < MAX_LIST_READS; read += 1) {
      const page = await dynamoDb.send(new QueryCommand({
        TableName: table,
        IndexName: INDEXES.byDue.name,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :after AND :end',
        ...(filters.length === 0 ? {} : { FilterExpression: filters.join(' AND ') }),
        ExpressionAttributeNames: { '#pk': INDEXES.byDue.partitionKey, '#sk': INDEXES.byDue.sortKey, ...(query.status === undefined ? {} : { '#status': 'status' }) },
        ExpressionAttributeValues: {
          ':pk': callListPartition(query.siteId, group), ':after': `${after}\u0000`, ':end': `${prefix}\uffff`,
          ...(query.state === 'open' ? { ':today': query.today } : {}),
          ...(query.status === undefined ? {} : { ':status': query.status }),
        },
        Limit: size,
        ExclusiveStartKey: startKey,
      }));
      found.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
      if (startKey === undefined || found.length > query.limit) return { found };
      size = Math.min(size * 2, MAX_READ);
    }
    return startKey === undefined ? { found } : { found, stoppedAt: sortKeyOf(startKey) };
  }));
  // Nothing past the earliest place a partition stopped at was seen in every partition: the page ends there.
  const stops = reads.flatMap((r) => (r.stoppedAt === undefined ? [] : [r.stoppedAt])).sort();
  const boundary = stops[0];
  const merged = reads.flatMap((r) => r.found).filter((item) => boundary === undefined || sortKeyOf(item) <= boundary)
    .sort((a, b) => (sortKeyOf(a) < sortKeyOf(b) ? -1 : sortKeyOf(a) > sortKeyOf(b) ? 1 : 0));
  const page = merged.slice(0, query.limit);
  const last = page.at(-1);
  const cursor = merged.length > query.limit && last !== undefined ? sortKeyOf(last) : boundary;
  return {
    items: page.map((item) => CallRecordSchema.parse(item)),
    ...(cursor === undefined ? {} : { cursor }),
  };
}

/**
 * Open calls of a site whose window ended before `today`, at most `limit` a department (the next run takes
 * the rest). A call's due day never passes its window's end, so only open calls due before today are read.
 */
export async function listExpiredCalls(table: string, siteId: string, departmentIds: readonly string[], today: string, limit: number): Promise<CallRecord[]> {
  const found = await Promise.all([...departmentIds, FOLLOW_UP_GROUP].map((group) => itemsUpTo((startKey) => dynamoDb.send(new QueryCommand({
    TableName: table,
    IndexName: INDEXES.byDue.name,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :open AND :end',
    FilterExpression: 'windowEnd < :today',
    ExpressionAttributeNames: { '#pk': INDEXES.byDue.partitionKey, '#sk': INDEXES.byDue.sortKey },
    ExpressionAttributeValues: { ':pk': callListPartition(siteId, group), ':open': 'OPEN#', ':end': `OPEN#${today}`, ':today': today },
    ExclusiveStartKey: startKey,
  })), limit)));
  return found.flat().map((item) => CallRecordSchema.parse(item));
}

export async function getCallbackSettings(table: string, siteId: string): Promise<CallbackSettings> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.callbackSettings(siteId) }));
  return Item === undefined ? DEFAULT_CALLBACK_SETTINGS : CallbackSettingsSchema.parse(withoutKeys(Item));
}

export async function createCallbackSettingsIfAbsent(table: string, siteId: string, settings: CallbackSettings): Promise<boolean> {
  return putIfAbsent(table, { ...keys.callbackSettings(siteId), ...CallbackSettingsSchema.parse(settings) });
}

/** The call's history, oldest first. */
export async function callHistory(table: string, siteId: string, dischargeId: string): Promise<CallHistoryEntry[]> {
  const { Items = [] } = await dynamoDb.send(new QueryCommand({
    TableName: table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)', ExpressionAttributeValues: { ':pk': keys.discharge(siteId, dischargeId).pk, ':h': 'HIST#' }, ConsistentRead: true,
  }));
  return Items.map((item) => CallHistoryEntrySchema.parse(item));
}

/** A history entry on its own (a reveal): not a change of the call. */
export async function appendCallHistory(table: string, call: CallRecord, entry: CallHistoryEntry): Promise<void> {
  if (call.dischargeId === undefined) return;
  await dynamoDb.send(new PutCommand({ TableName: table, Item: { ...keys.dischargeHistory(call.siteId, call.dischargeId, entry.at, call.version, 0), ...CallHistoryEntrySchema.parse(entry) } }));
}
