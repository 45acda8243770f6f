import { stringify } from 'csv-stringify/sync';
import * as z from '../schemas/zod.ts';
import { actorOf, type Identity } from '../auth/identity.ts';
import { authorize, requireAction } from '../auth/policy.ts';
import { NotFoundError, ValidationError } from '../platform/domain-errors.ts';
import { isValidDay } from '../platform/time.ts';
import { IdSchema } from '../schemas/site.ts';
import { getComplaint } from '../storage/complaints.ts';
import { type AuditEntry, type AuditFilter, queryAudit, recordAudit } from '../storage/audit.ts';

// The audit trail for the office head and the admin: who did what, to what, when; filtered by person,
// action, case and date, a page at a time or as CSV. It holds no case content or contact details (the
// entries never carry them: shared/storage/audit.ts), and reading it is itself an entry. Each site has
// its own trail: a reader names one of their sites (their first by default); another site is 404, and a
// case filter names only a case of that site.

const Day = z.string().check(z.refine(isValidDay, 'expected a day YYYY-MM-DD'));
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;
/** At most this many rows in one CSV: a year of a busy office, and a bound on the function's time. */
export const CSV_MAX_ROWS = 20_000;

export const AuditQuerySchema = z.strictObject({
  /** The site whose trail to read; the reader's first site when absent. */
  site: z.optional(IdSchema),
  /** A username (`user:` is added) or an actor as written (`user:…`, `client:…`, `system:…`). */
  actor: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
  action: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))),
  /** A complaint's id. */
  case: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
  from: z.optional(Day),
  to: z.optional(Day),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({
  items: z.array(z.object({ at: z.string(), site: z.string(), actor: z.string(), action: z.string(), outcome: z.enum(['success', 'failure']), target: z.optional(z.string()), detail: z.optional(z.string()) })),
  cursor: z.optional(z.string()),
});

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface Resolved {
  readonly siteId: string;
  readonly range: { fromDay: string; toDay: string };
  readonly filter: AuditFilter;
}

async function resolve(table: string, identity: Identity, query: unknown, now: Date): Promise<{ resolved: Resolved; q: AuditQuery }> {
  requireAction(identity, 'audit:read');
  const parsed = AuditQuerySchema.safeParse(query);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const q = parsed.data;
  const siteId = q.site ?? identity.sites[0];
  if (siteId === undefined) throw new NotFoundError('No such site.');
  authorize(identity, 'audit:read', { siteId });
  const toDay = q.to ?? now.toISOString().slice(0, 10);
  const fromDay = q.from ?? addDays(toDay, -(DEFAULT_DAYS - 1));
  if (fromDay > toDay) throw ValidationError.field('from', 'the first day comes after the last');
  if (addDays(fromDay, MAX_DAYS) <= toDay) throw ValidationError.field('from', `at most ${MAX_DAYS} days at a time`);
  if (q.case !== undefined) {
    // A case of another site is as unknown as one that does not exist.
    const complaint = await getComplaint(table, q.case);
    if (complaint === undefined || complaint.siteId !== siteId) throw new NotFoundError('No such case.');
  }
  const actor = q.actor === undefined ? undefined : q.actor.includes(':') ? q.actor : `user:${q.actor}`;
  return {
    q,
    resolved: {
      siteId,
      range: { fromDay, toDay },
      filter: { ...(actor === undefined ? {} : { actor }), ...(q.action === undefined ? {} : { action: q.action }), ...(q.case === undefined ? {} : { target: `complaint:${q.case}` }) },
    },
  };
}

/** The reading itself, as an entry: the filters used, never what was found. */
const auditRead = (table: string, identity: Identity, action: 'audit-read' | 'audit-export', resolved: Resolved) => recordAudit(table, {
  actor: actorOf(identity), action, outcome: 'success', sites: [resolved.siteId],
  detail: [`${resolved.range.fromDay}..${resolved.range.toDay}`, ...Object.entries(resolved.filter).map(([k, v]) => `${k}=${String(v)}`)].join('; ').slice(0, 500),
});

export async function readAuditTrail(table: string, identity: Identity, query: unknown, now = new Date()): Promise<{ items: AuditEntry[]; cursor?: string; siteId: string; range: Resolved['range'] }> {
  const { resolved, q } = await resolve(table, identity, query, now);
  await auditRead(table, identity, 'audit-read', resolved);
  const page = await queryAudit(table, resolved.siteId, resolved.range, resolved.filter, q.limit, q.cursor);
  return { ...page, siteId: resolved.siteId, range: resolved.range };
}

/** A cell a spreadsheet will not run as a formula (OWASP CSV injection). */
const inertCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The whole filtered range as CSV (UTF-8 with a BOM, so Excel opens the Chinese correctly). */
export async function exportAuditTrail(table: string, identity: Identity, query: unknown, now = new Date()): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const { resolved } = await resolve(table, identity, query, now);
  await auditRead(table, identity, 'audit-export', resolved);
  const rows: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryAudit(table, resolved.siteId, resolved.range, resolved.filter, 200, cursor);
    rows.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined && rows.length < CSV_MAX_ROWS);
  const kept = rows.slice(0, CSV_MAX_ROWS);
  const csv = stringify(kept.map((r) => [r.at, r.site, r.actor, r.action, r.outcome, r.target ?? '', r.detail ?? ''].map(inertCell)), {
    header: true, columns: ['at', 'site', 'actor', 'action', 'outcome', 'target', 'detail'], bom: true,
  });
  return { csv, rows: kept.length, truncated: rows.length > CSV_MAX_ROWS || cursor !== undefined };
}
