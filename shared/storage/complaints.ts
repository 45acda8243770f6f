import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import * as z from '../schemas/zod.ts';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aggregateKeys, type Counters } from '../reporting/counters.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { type ComplaintRecord, ComplaintRecordSchema, isOpen, type HistoryEntry, HistoryEntrySchema, type StoredContact } from '../schemas/complaint.ts';
import { dayIn } from '../platform/time.ts';
import { ValidationError, VersionConflictError } from '../platform/domain-errors.ts';
import { byDueKeys, INDEXES, keys, TTL_ATTRIBUTE } from './keys.ts';
import { aggregateWrites } from './aggregates.ts';
import { getItems, type TransactItem } from './items.ts';

// Exactly-once storage of a new complaint: the case, its tracking code, its first history entry, the
// contact details, the owner's caseload and the aggregate counters commit in one transaction guarded by
// the case not existing yet, so a redelivered message changes nothing.

export const complaintCounterNames = {
  received: 'complaint_n',
  category: (category: string) => `complaint_category_${category}`,
  severity: (severity: string) => `complaint_severity_${severity}`,
  channel: (channel: string) => `complaint_channel_${channel}`,
  closed: 'complaint_closed',
  closedInTime: 'complaint_closed_in_time',
  /** Cases whose category staff corrected away from the classifier's, on the day the case was received. */
  reclassified: 'complaint_reclassified',
  /** Cases carrying a safety signal (self-harm, suicide, violence, death), on the day received. */
  safetySignal: 'complaint_safety_signal',
  /** Closed (and closed in time) by the limit they ran against: `investigation` (5 working days) or `multi-department` (10). */
  closedByLimit: (limit: ComplaintLimit) => `complaint_closed_limit_${limit}`,
  closedInTimeByLimit: (limit: ComplaintLimit) => `complaint_closed_in_time_limit_${limit}`,
} as const;

export const COMPLAINT_LIMITS = ['investigation', 'multi-department'] as const;
export type ComplaintLimit = (typeof COMPLAINT_LIMITS)[number];

/** The limit a case's response is due against; settled-on-the-spot cases have none. */
export const limitOf = (record: ComplaintRecord): ComplaintLimit | undefined =>
  (record.settledOnSpot ? undefined : record.multiDepartment ? 'multi-department' : 'investigation');

/**
 * +1 when staff first move a case off the classifier's category, -1 when they move it back: each case
 * counts once, against the day it was received, so `reclassified / received` is the classifier's miss rate.
 */
export function reclassifiedDelta(before: ComplaintRecord, after: ComplaintRecord): number {
  const classified = before.classifiedCategory;
  if (classified === undefined || before.category === after.category) return 0;
  if (before.category === classified) return 1;
  return after.category === classified ? -1 : 0;
}

export function receivedCounters(record: ComplaintRecord): Counters {
  const counters: Counters = {
    [complaintCounterNames.received]: 1,
    [complaintCounterNames.category(record.category)]: 1,
    [complaintCounterNames.severity(record.severity)]: 1,
    [complaintCounterNames.channel(record.channel)]: 1,
  };
  if (record.safetySignal) counters[complaintCounterNames.safetySignal] = 1;
  // Settled on the spot: closed the day it came, within any limit.
  if (record.status === 'closed') Object.assign(counters, { [complaintCounterNames.closed]: 1, [complaintCounterNames.closedInTime]: 1 });
  return counters;
}

const CaseloadItemSchema = z.object({ username: z.string(), openCases: z.number() });
const TrackingItemSchema = z.object({ complaintId: z.string() });

const indexKeys = (record: ComplaintRecord) => byDueKeys(record.siteId, isOpen(record), record.dueAt, record.id);

/** An officer's open cases move by `delta`, for spreading new complaints by caseload. */
const caseloadUpdate = (table: string, siteId: string, owner: string, delta: number): TransactItem => ({
  Update: { TableName: table, Key: keys.caseload(siteId, owner), UpdateExpression: 'ADD openCases :d SET username = :u, siteId = :s', ExpressionAttributeValues: { ':d': delta, ':u': owner, ':s': siteId } },
});

export type StoreComplaintResult = 'stored' | 'duplicate';

/** `contactExpiresAt` (epoch seconds) for a case that is closed when it arrives (settled on the spot). */
export async function storeNewComplaint(table: string, record: ComplaintRecord, contact: StoredContact | undefined, now: Date, contactExpiresAt?: number): Promise<StoreComplaintResult> {
  const day = dayIn(record.timeZone, record.receivedAt);
  const counters = receivedCounters(record);
  const history: HistoryEntry = { at: record.receivedAt, actor: record.enteredBy, change: 'received', to: record.status, reason: `owner ${record.owner}, handler ${record.handlerDepartmentId}` };
  const items: TransactItem[] = [
    { Put: { TableName: table, Item: { ...keys.complaint(record.id), ...indexKeys(record), ...ComplaintRecordSchema.parse(record) }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table, Item: { ...keys.tracking(record.trackingCode), complaintId: record.id } } },
    { Put: { TableName: table, Item: { ...keys.complaintHistory(record.id, history.at, record.version, 0), ...history } } },
    ...(contact === undefined ? [] : [{ Put: { TableName: table, Item: { ...keys.complaintContact(record.id), ...contact, ...(contactExpiresAt === undefined ? {} : { [TTL_ATTRIBUTE]: contactExpiresAt }) } } }]),
    ...(record.status === 'closed' ? [] : [caseloadUpdate(table, record.siteId, record.owner, 1)]),
    ...aggregateWrites(table, aggregateKeys(record.siteId, record.departmentId, day).map((key) => ({ key, counters })), now.toISOString()),
  ];
  try {
    await dynamoDb.send(new TransactWriteCommand({ TransactItems: items }));
    return 'stored';
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
    throw error;
  }
}

export async function getComplaint(table: string, id: string): Promise<ComplaintRecord | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.complaint(id), ConsistentRead: true }));
  return Item === undefined ? undefined : ComplaintRecordSchema.parse(Item);
}


/** Open cases per officer, for spreading new complaints (an officer never counted has none). */
export async function openCaseloads(table: string, siteId: string, usernames: readonly string[]): Promise<Record<string, number>> {
  if (usernames.length === 0) return {};
  const { items } = await getItems(table, usernames.map((u) => keys.caseload(siteId, u)), { attributes: ['username', 'openCases'], consistentRead: true });
  const loads: Record<string, number> = {};
  for (const item of items) {
    const parsed = CaseloadItemSchema.safeParse(item);
    if (parsed.success) loads[parsed.data.username] = parsed.data.openCases;
  }
  return loads;
}

/** The case's first mails went out. Not a versioned change: it is the worker's bookkeeping, not the case's. */
export async function clearMailPending(table: string, id: string): Promise<void> {
  await dynamoDb.send(new UpdateCommand({ TableName: table, Key: keys.complaint(id), UpdateExpression: 'SET mailPending = :no', ExpressionAttributeValues: { ':no': false } }));
}

/**
 * Saves a changed case if nobody changed it since `expectedVersion` (optimistic concurrency: the API's
 * If-Match), with its history entries; on closing, the aggregates count it closed (and closed in time),
 * the owner's caseload shrinks, and the contact details get their expiry.
 */
export async function saveComplaintChange(
  table: string,
  before: ComplaintRecord,
  after: ComplaintRecord,
  history: readonly HistoryEntry[],
  options: { readonly contactExpiresAt?: number; readonly now: Date; readonly extra?: readonly TransactItem[] },
): Promise<void> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table, Item: { ...keys.complaint(after.id), ...indexKeys(after), ...ComplaintRecordSchema.parse(after) },
        ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': before.version },
      },
    },
    ...history.map((entry, n) => ({ Put: { TableName: table, Item: { ...keys.complaintHistory(after.id, entry.at, after.version, n), ...entry } } })),
  ];
  const wasOpen = isOpen(before);
  const nowOpen = isOpen(after);
  // One update per owner whose open caseload moves (a transaction touches an item once).
  const deltas = new Map<string, number>();
  if (wasOpen) deltas.set(before.owner, (deltas.get(before.owner) ?? 0) - 1);
  if (nowOpen) deltas.set(after.owner, (deltas.get(after.owner) ?? 0) + 1);
  for (const [owner, delta] of deltas) if (delta !== 0) items.push(caseloadUpdate(table, after.siteId, owner, delta));
  // Counter changes by the day they count on: closing on the day closed, a correction on the day received.
  const byDay = new Map<string, Counters>();
  const count = (day: string, counters: Counters) => {
    const sum = { ...byDay.get(day) };
    for (const [name, value] of Object.entries(counters)) sum[name] = (sum[name] ?? 0) + value;
    byDay.set(day, sum);
  };
  if (after.status === 'closed' && before.status !== 'closed') {
    const inTime = options.now.toISOString() <= new Date(after.dueAt).toISOString();
    const limit = limitOf(after);
    count(dayIn(after.timeZone, options.now.toISOString()), {
      [complaintCounterNames.closed]: 1,
      ...(inTime ? { [complaintCounterNames.closedInTime]: 1 } : {}),
      ...(limit === undefined ? {} : { [complaintCounterNames.closedByLimit(limit)]: 1, ...(inTime ? { [complaintCounterNames.closedInTimeByLimit(limit)]: 1 } : {}) }),
    });
  }
  const reclassified = reclassifiedDelta(before, after);
  if (reclassified !== 0) count(dayIn(after.timeZone, after.receivedAt), { [complaintCounterNames.reclassified]: reclassified });
  items.push(...aggregateWrites(table, [...byDay].flatMap(([day, counters]) => aggregateKeys(after.siteId, after.departmentId, day).map((key) => ({ key, counters }))), options.now.toISOString()));
  if (options.contactExpiresAt !== undefined && after.hasContact) {
    items.push({ Update: { TableName: table, Key: keys.complaintContact(after.id), UpdateExpression: 'SET #ttl = :t', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE }, ExpressionAttributeValues: { ':t': options.contactExpiresAt } } });
  }
  // What else the change writes with it (closing a key complaint: its follow-up call, call-items.ts).
  items.push(...(options.extra ?? []));
  try {
    await dynamoDb.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') throw new VersionConflictError(`complaint ${after.id} changed since version ${before.version}`);
    throw error;
  }
}

/** The case's history, oldest first. */
export async function complaintHistory(table: string, id: string): Promise<HistoryEntry[]> {
  const { Items = [] } = await dynamoDb.send(new QueryCommand({
    TableName: table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)', ExpressionAttributeValues: { ':pk': keys.complaint(id).pk, ':h': 'HIST#' }, ConsistentRead: true,
  }));
  return Items.map((item) => HistoryEntrySchema.parse(item));
}

export interface ComplaintFilter {
  readonly status?: ComplaintRecord['status'];
  /** Only the complaints about these departments or handed to them to handle (a responder's scope); all when omitted. */
  readonly departmentIds?: readonly string[];
  readonly owner?: string;
  /** Only open complaints past their due date at `now`. */
  readonly overdueAt?: Date;
  /** Only open complaints (read from the index's OPEN# range, so closed ones are never read). */
  readonly openOnly?: boolean;
  /** Only urgent complaints (a safety signal, or critical), as `isUrgent` says, filtered by the store. */
  readonly urgentOnly?: boolean;
}

export interface ComplaintPage {
  readonly items: ComplaintRecord[];
  /** Pass back to get the next page; absent on the last one. */
  readonly cursor?: string;
}

const CursorSchema = z.record(z.string(), z.string());

/** A site's complaints, soonest due first (open before done), filtered and paginated in the index. */
export async function listComplaints(table: string, siteId: string, filter: ComplaintFilter, limit: number, cursor?: string): Promise<ComplaintPage> {
  const names: Record<string, string> = { '#pk': INDEXES.byDue.partitionKey };
  const values: Record<string, unknown> = { ':pk': byDueKeys(siteId, true, '', '')[INDEXES.byDue.partitionKey] };
  let keyCondition = '#pk = :pk';
  const filters: string[] = [];
  // openOnly wins over a closed status: the answer is then empty, as the two filters together mean.
  const state = filter.openOnly === true ? 'OPEN#' : filter.status === undefined ? undefined : isOpen({ status: filter.status }) ? 'OPEN#' : 'SHUT#';
  if (filter.overdueAt !== undefined || state !== undefined) names['#sk'] = INDEXES.byDue.sortKey;
  if (filter.overdueAt !== undefined) {
    keyCondition += ' AND #sk BETWEEN :lo AND :hi';
    values[':lo'] = 'OPEN#';
    values[':hi'] = `OPEN#${filter.overdueAt.toISOString()}`;
  } else if (state !== undefined) {
    keyCondition += ' AND begins_with(#sk, :state)';
    values[':state'] = state;
  }
  if (filter.status !== undefined) {
    names['#status'] = 'status';
    values[':status'] = filter.status;
    filters.push('#status = :status');
  }
  if (filter.owner !== undefined) {
    names['#owner'] = 'owner';
    values[':owner'] = filter.owner;
    filters.push('#owner = :owner');
  }
  if (filter.urgentOnly === true) {
    names['#signal'] = 'safetySignal';
    names['#severity'] = 'severity';
    values[':signal'] = true;
    values[':critical'] = 'critical';
    filters.push('(#signal = :signal OR #severity = :critical)');
  }
  if (filter.departmentIds !== undefined) {
    names['#dept'] = 'departmentId';
    names['#handler'] = 'handlerDepartmentId';
    const placeholders = filter.departmentIds.map((d, i) => {
      values[`:d${i}`] = d;
      return `:d${i}`;
    }).join(', ');
    filters.push(placeholders === '' ? 'attribute_not_exists(#dept)' : `(#dept IN (${placeholders}) OR #handler IN (${placeholders}))`);
  }
  let startKey: Record<string, string> | undefined;
  if (cursor !== undefined) {
    try {
      startKey = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    } catch {
      throw new InvalidCursorError('the cursor is not one this API gave out');
    }
  }
  const page = await dynamoDb.send(new QueryCommand({
    TableName: table,
    IndexName: INDEXES.byDue.name,
    KeyConditionExpression: keyCondition,
    ...(filters.length === 0 ? {} : { FilterExpression: filters.join(' AND ') }),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    Limit: limit,
    ExclusiveStartKey: startKey,
  }));
  const last = page.LastEvaluatedKey === undefined ? undefined : CursorSchema.parse(page.LastEvaluatedKey);
  return {
    items: (page.Items ?? []).map((item) => ComplaintRecordSchema.parse(item)),
    ...(last === undefined ? {} : { cursor: Buffer.from(JSON.stringify(last)).toString('base64url') }),
  };
}

/** A list cursor this API did not give out. */
export class InvalidCursorError extends ValidationError {
  constructor(message: string) {
    super('One or more fields are not valid.', [{ path: 'cursor', message }]);
  }
}

/** The complaint a tracking code names, from the code's own item; undefined for a code nobody was given. */
export async function complaintIdOfTrackingCode(table: string, trackingCode: string): Promise<string | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.tracking(trackingCode) }));
  const parsed = TrackingItemSchema.safeParse(Item);
  return parsed.success ? parsed.data.complaintId : undefined;
}

/**
 * The follow-up call's answer recorded on the case, as a versioned change with its history entry, to
 * commit in the call's own transaction (the case stays closed; "not satisfied" lets the office reopen it).
 */
export function followUpResultItems(table: string, record: ComplaintRecord, result: 'satisfied' | 'not_satisfied', actor: string, at: string): TransactItem[] {
  const version = record.version + 1;
  const entry: HistoryEntry = { at, actor, change: 'follow-up', to: result, reason: 'follow-up call' };
  return [
    {
      Update: {
        TableName: table, Key: keys.complaint(record.id),
        UpdateExpression: 'SET followUpResult = :r, version = :next', ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':r': result, ':next': version, ':expected': record.version },
      },
    },
    { Put: { TableName: table, Item: { ...keys.complaintHistory(record.id, at, version, 0), ...HistoryEntrySchema.parse(entry) } } },
  ];
}
