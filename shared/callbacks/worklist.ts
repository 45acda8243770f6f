import * as z from '../schemas/zod.ts';
import type { Identity } from '../auth/identity.ts';
import { authorize } from '../auth/policy.ts';
import { NotFoundError } from '../platform/domain-errors.ts';
import { dayIn } from '../platform/time.ts';
import { type CallRecord, CallStatusSchema, type Person } from '../schemas/callback.ts';
import { IdSchema } from '../schemas/site.ts';
import { getPeople, listCalls } from '../storage/callbacks.ts';
import { getSite, listDepartments } from '../storage/sites.ts';

// The worklist: the calls due, soonest first. Callback staff see their own departments' discharge calls;
// the office every department's and the follow-up calls of key complaints. Each call shows the
// patient's name and the phone number masked: the full number only after "call" (audited).

export const WorklistQuerySchema = z.strictObject({
  site: IdSchema,
  department: z.optional(IdSchema),
  status: z.optional(CallStatusSchema),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(300))),
});
export type WorklistQuery = z.infer<typeof WorklistQuerySchema>;

/** 138****5678: the first three and last four digits of a mobile number, less of a shorter one. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const keepEnd = digits.length >= 11 ? 4 : 2;
  const keepStart = digits.length >= 11 ? 3 : 2;
  return `${digits.slice(0, keepStart)}${'*'.repeat(digits.length - keepStart - keepEnd)}${digits.slice(-keepEnd)}`;
}

export interface WorklistItem {
  readonly call: CallRecord;
  /** Absent when none was kept (doNotCall), for follow-up calls (the complaint's contact), or once expired. */
  readonly name?: string;
  readonly phoneMasked?: string;
}

export interface Worklist {
  readonly siteId: string;
  readonly timeZone: string;
  readonly items: readonly WorklistItem[];
  readonly cursor?: string;
}

/** The page of calls the caller may see; 404 for a site or department outside theirs. */
export async function worklist(table: string, identity: Identity, q: WorklistQuery, now = new Date()): Promise<Worklist> {
  const scope = authorize(identity, 'callbacks:read', { siteId: q.site, ...(q.department === undefined ? {} : { departmentId: q.department }) });
  const site = await getSite(table, q.site);
  if (site === undefined) throw new NotFoundError('No such site.');
  const departmentIds = q.department !== undefined ? [q.department] : scope === 'all' ? (await listDepartments(table, q.site)).map((d) => d.departmentId) : scope;
  const page = await listCalls(table, {
    siteId: q.site,
    departmentIds,
    followUps: scope === 'all' && q.department === undefined,
    state: q.status === 'done' ? 'done' : 'open',
    ...(q.status === 'due' || q.status === 'attempted' ? { status: q.status } : {}),
    today: dayIn(site.timeZone, now),
    limit: q.limit,
    ...(q.cursor === undefined ? {} : { after: q.cursor }),
  });
  const people: Map<string, Person> = await getPeople(table, q.site, page.items.flatMap((c) => (c.dischargeId === undefined ? [] : [c.dischargeId])), now);
  return {
    siteId: q.site,
    timeZone: site.timeZone,
    items: page.items.map((call) => {
      const person = call.dischargeId === undefined ? undefined : people.get(call.dischargeId);
      return { call, ...(person === undefined ? {} : { name: person.name, phoneMasked: maskPhone(person.phone) }) };
    }),
    ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
  };
}

/** A call as the API shows it: no claim bookkeeping beyond who holds it, no full phone number. */
export function callView(item: WorklistItem) {
  const { call } = item;
  return {
    id: call.callId,
    kind: call.kind,
    site: call.siteId,
    department: call.departmentId,
    ...(call.dischargeId === undefined ? {} : { dischargeId: call.dischargeId }),
    ...(call.complaintId === undefined ? {} : { complaintId: call.complaintId }),
    ...(call.dischargedAt === undefined ? {} : { dischargedAt: call.dischargedAt }),
    ...(call.serviceType === undefined ? {} : { serviceType: call.serviceType }),
    status: call.status,
    ...(call.result === undefined ? {} : { result: call.result }),
    dueDate: call.dueDay,
    window: { from: call.windowStart, to: call.windowEnd },
    attempts: call.attempts.length,
    ...(call.claimedBy === undefined ? {} : { takenBy: call.claimedBy }),
    complaintIds: call.complaintIds,
    ...(item.name === undefined ? {} : { name: item.name }),
    ...(item.phoneMasked === undefined ? {} : { phone: item.phoneMasked }),
    version: call.version,
  };
}
