import * as z from '../schemas/zod.ts';
import type { Identity } from '../auth/identity.ts';
import { decide } from '../auth/policy.ts';
import { ForbiddenError, NotFoundError } from '../platform/domain-errors.ts';
import type { ComplaintRecord } from '../schemas/complaint.ts';
import { ComplaintStatusSchema } from '../schemas/complaint.ts';
import { IdSchema } from '../schemas/site.ts';
import type { ComplaintChange } from './lifecycle.ts';

// What staff may see and change of a complaint, on top of the policy's yes/no: a department responder
// reads the cases about their departments or handed to them, and answers them; the office runs them.

/** A case is a responder's when it is about one of their departments or their department handles it. */
export function canSeeCase(identity: Identity, action: 'complaints:read' | 'complaints:update', record: ComplaintRecord): 'all' | 'department' | undefined {
  const about = decide(identity, action, { siteId: record.siteId, departmentId: record.departmentId });
  const handling = decide(identity, action, { siteId: record.siteId, departmentId: record.handlerDepartmentId });
  if (about.allow && about.departments === 'all') return 'all';
  if (about.allow || handling.allow) return 'department';
  return undefined;
}

/** Out of scope is "not found" (never "forbidden"), so a case's existence does not leak. */
export const noSuchComplaint = () => new NotFoundError('No such complaint.');

const RESPONDER_FIELDS = new Set(['reason', 'status', 'response']);
const RESPONDER_STATUSES = new Set(['investigating', 'responded']);

/** Responders answer; they do not reassign, reclassify or close (OWASP API3: only the fields a role should set). */
export function checkChangeAllowed(scope: 'all' | 'department', change: ComplaintChange): void {
  if (scope === 'all') return;
  const extra = Object.keys(change).filter((field) => !RESPONDER_FIELDS.has(field));
  const status = change.status !== undefined && !RESPONDER_STATUSES.has(change.status) ? ['status'] : [];
  const refused = [...extra, ...status];
  if (refused.length > 0) {
    throw new ForbiddenError(
      'A department responder may move a case to investigating or responded and write the response; the complaint office does the rest.',
      refused.map((path) => ({ path, message: 'not for your role' })),
    );
  }
}

export const ListQuerySchema = z.strictObject({
  site: IdSchema,
  status: z.optional(ComplaintStatusSchema),
  department: z.optional(IdSchema),
  owner: z.optional(z.string().check(z.minLength(1))),
  overdue: z.optional(z.enum(['true', 'false'])),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/** The case as staff see it: everything but contact details, which only the office reads, separately. */
export function caseView(record: ComplaintRecord): Omit<ComplaintRecord, 'mailPending'> {
  const { mailPending: _pending, ...view } = record;
  return view;
}

/** Pinned on top and bannered: a safety signal in the words, or a case staff raised to critical. The inbox's store filter (`urgentOnly` in shared/storage/complaints.ts) says the same. */
export const isUrgent = (record: Pick<ComplaintRecord, 'safetySignal' | 'severity'>): boolean => record.safetySignal || record.severity === 'critical';
