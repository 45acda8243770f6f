import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../schemas/zod.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { InvalidCursorError } from './complaints.ts';
import { allItems } from './items.ts';
import { keys } from './keys.ts';

// The audit trail: sign-ins, failed sign-ins and every change a member of staff makes, with who and
// when. Append-only (each entry is a new item); never the content of a case or a patient's details.
// Each site has its own trail (one partition per site and UTC day): an entry is written to every site it
// concerns (a sign-in to each of the person's sites), so reading one site's trail never reads another's.

/** The site of an entry that concerns none (a failed sign-in with a name nobody has): kept, in no site's trail. */
export const NO_SITE = '*';

export const AuditEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  site: z.string().check(z.minLength(1)),
  actor: z.string().check(z.minLength(1)),
  action: z.string().check(z.minLength(1)),
  outcome: z.enum(['success', 'failure']),
  target: z.optional(z.string()),
  detail: z.optional(z.string().check(z.maxLength(500))),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** What happened, and the sites it concerns (none: NO_SITE). */
export type NewAuditEntry = Omit<AuditEntry, 'at' | 'site'> & { readonly sites: readonly string[] };

export async function recordAudit(table: string, entry: NewAuditEntry, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const id = randomUUID();
  const { sites, ...fields } = entry;
  const siteIds = sites.length === 0 ? [NO_SITE] : [...new Set(sites)];
  await Promise.all(siteIds.map((site) => {
    const item = AuditEntrySchema.parse({ ...fields, site, at });
    return dynamoDb.send(new PutCommand({ TableName: table, Item: { ...keys.audit(site, at.slice(0, 10), at, id), ...item } }));
  }));
}

/** One site's entries of one UTC day, oldest first. */
export async function auditEntries(table: string, siteId: string, day: string): Promise<AuditEntry[]> {
  const items = await allItems((startKey) => dynamoDb.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.auditPartition(siteId, day) },
    ExclusiveStartKey: startKey,
  })));
  return items.map((item) => AuditEntrySchema.parse(item)); // the schema strips pk and sk
}

export interface AuditFilter {
  readonly actor?: string;
  readonly action?: string;
  readonly target?: string;
}

/** Where a page of the trail stops: the site, the day partition and the last key read in it. */
const AuditCursorSchema = z.object({ site: z.string().check(z.maxLength(200)), day: z.iso.date(), sk: z.optional(z.string().check(z.maxLength(200))) });

const encodeCursor = (cursor: z.infer<typeof AuditCursorSchema>) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(cursor: string): z.infer<typeof AuditCursorSchema> {
  try {
    return AuditCursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError('the cursor is not one this API gave out');
  }
}

const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * One site's trail from `toDay` back to `fromDay` (UTC days), newest first, filtered, `limit` entries a
 * page. One Query per day partition (filters applied by DynamoDB), so a page costs reads of the days it
 * covers. A cursor given out for another site is refused, never followed into that site's trail.
 */
export async function queryAudit(table: string, siteId: string, range: { fromDay: string; toDay: string }, filter: AuditFilter, limit: number, cursor?: string): Promise<{ items: AuditEntry[]; cursor?: string }> {
  const start = cursor === undefined ? { site: siteId, day: range.toDay } : decodeCursor(cursor);
  if (start.site !== siteId) throw new InvalidCursorError('the cursor is not one this API gave out');
  const items: AuditEntry[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const conditions: string[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (typeof value !== 'string') continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    conditions.push(`#${field} = :${field}`);
  }
  let day = start.day;
  let startKey: Record<string, unknown> | undefined = start.sk === undefined ? undefined : { pk: keys.auditPartition(siteId, day), sk: start.sk };
  while (day >= range.fromDay) {
    const page = await dynamoDb.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ...(conditions.length === 0 ? {} : { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names }),
      ExpressionAttributeValues: { ':pk': keys.auditPartition(siteId, day), ...values },
      ScanIndexForward: false,
      Limit: limit - items.length,
      ExclusiveStartKey: startKey,
    }));
    for (const item of page.Items ?? []) {
      items.push(AuditEntrySchema.parse(item));
      if (items.length === limit) {
        const sk = typeof item.sk === 'string' ? item.sk : undefined;
        return { items, cursor: encodeCursor({ site: siteId, day, ...(sk === undefined ? {} : { sk }) }) };
      }
    }
    if (page.LastEvaluatedKey !== undefined) {
      startKey = page.LastEvaluatedKey;
      continue;
    }
    day = previousDay(day);
    startKey = undefined;
  }
  return { items };
}
