import * as z from '../schemas/zod.ts';
import { ChangeRefusedError } from '../platform/domain-errors.ts';
import { CategorySchema, SeveritySchema } from '../classify/categories.ts';
import { type ComplaintRecord, type ComplaintStatus, ComplaintStatusSchema, type HistoryEntry } from '../schemas/complaint.ts';
import { IdSchema } from '../schemas/site.ts';
import { textField } from '../schemas/text.ts';

// The complaint lifecycle: received → acknowledged → investigating → responded → closed, or withdrawn;
// a complaint the patient disputes is reopened (back to investigating). Every change of owner, handler,
// status, category, severity or due date becomes a history entry with who, when and why.

const NEXT: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  received: ['acknowledged', 'investigating', 'closed', 'withdrawn'],
  acknowledged: ['investigating', 'closed', 'withdrawn'],
  investigating: ['responded', 'closed', 'withdrawn'],
  responded: ['closed', 'investigating', 'withdrawn'],
  closed: ['investigating'],
  withdrawn: [],
};

export function canMove(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return NEXT[from].includes(to);
}

export const OutcomeSchema = z.enum(['substantiated', 'partly-substantiated', 'not-substantiated']);

/** The body of `PATCH /v1/admin/complaints/{id}`: only what staff may change; never counters or timestamps. */
export const ComplaintChangeSchema = z.strictObject({
  reason: textField({ max: 1000, required: 'say why' }),
  status: z.optional(ComplaintStatusSchema),
  owner: z.optional(z.string().check(z.minLength(1))),
  handlerDepartmentId: z.optional(IdSchema),
  category: z.optional(CategorySchema),
  severity: z.optional(SeveritySchema),
  outcome: z.optional(OutcomeSchema),
  response: z.optional(textField({ max: 4000, required: 'say what the patient is told' })),
  followUpDue: z.optional(z.boolean()),
  /** An extended (or shortened) due date, e.g. when several departments turn out to be involved. */
  dueAt: z.optional(z.iso.datetime({ offset: true })),
});
export type ComplaintChange = z.infer<typeof ComplaintChangeSchema>;

const refused = (detail: string, path: string) =>
  new ChangeRefusedError(detail, path);

/** The changed record (version + 1) and its history entries; throws a 422 for a change the rules refuse. */
export function applyChange(record: ComplaintRecord, change: ComplaintChange, actor: string, now: Date): { record: ComplaintRecord; history: HistoryEntry[] } {
  const at = now.toISOString();
  const history: HistoryEntry[] = [];
  const next: ComplaintRecord = { ...record, version: record.version + 1 };
  const note = (field: HistoryEntry['change'], from: string, to: string) => history.push({ at, actor, change: field, from, to, reason: change.reason });

  if (change.status !== undefined && change.status !== record.status) {
    if (!canMove(record.status, change.status)) throw refused(`A ${record.status} complaint cannot become ${change.status}.`, 'status');
    if (change.status === 'closed') {
      const outcome = change.outcome ?? record.outcome;
      const response = change.response ?? record.response;
      if (outcome === undefined) throw refused('Closing needs the outcome: substantiated, partly or not substantiated.', 'outcome');
      if (response === undefined) throw refused('Closing needs the response given to the patient.', 'response');
      next.outcome = outcome;
      next.response = response;
      // Key complaints get a follow-up call (接诉即办 notice) unless the office decides otherwise.
      next.followUpDue = change.followUpDue ?? (record.severity === 'high' || record.severity === 'critical');
      next.closedAt = at;
    }
    if (record.status === 'closed' && change.status === 'investigating') {
      delete next.closedAt;
    }
    next.status = change.status;
    note('status', record.status, change.status);
  } else if (record.status === 'closed' || record.status === 'withdrawn') {
    throw refused(`A ${record.status} complaint does not change; reopen it first.`, 'status');
  }
  if (change.owner !== undefined && change.owner !== record.owner) {
    next.owner = change.owner;
    note('owner', record.owner, change.owner);
  }
  if (change.handlerDepartmentId !== undefined && change.handlerDepartmentId !== record.handlerDepartmentId) {
    next.handlerDepartmentId = change.handlerDepartmentId;
    note('handler', record.handlerDepartmentId, change.handlerDepartmentId);
  }
  if (change.category !== undefined && change.category !== record.category) {
    next.category = change.category;
    note('category', record.category, change.category);
  }
  if (change.severity !== undefined && change.severity !== record.severity) {
    next.severity = change.severity;
    note('severity', record.severity, change.severity);
  }
  if (change.dueAt !== undefined && new Date(change.dueAt).getTime() !== new Date(record.dueAt).getTime()) {
    if (new Date(change.dueAt).getTime() < new Date(record.receivedAt).getTime()) throw refused('A complaint cannot be due before it was received.', 'dueAt');
    // Stored in UTC, as the inbox's due-date key sorts it; the SLA monitor watches the new date afresh.
    next.dueAt = new Date(change.dueAt).toISOString();
    delete next.dueProvisional;
    delete next.slaWarnedAt;
    delete next.slaEscalatedAt;
    note('due', record.dueAt, next.dueAt);
  }
  if (change.status !== 'closed') {
    if (change.outcome !== undefined) next.outcome = change.outcome;
    if (change.response !== undefined) next.response = change.response;
    if (change.followUpDue !== undefined) next.followUpDue = change.followUpDue;
  }
  if (history.length === 0 && change.outcome === undefined && change.response === undefined && change.followUpDue === undefined) {
    throw refused('Nothing to change.', '(body)');
  }
  return { record: next, history };
}
