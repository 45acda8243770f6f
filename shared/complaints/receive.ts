import type { ComplaintMessage } from '../schemas/intake-message.ts';
import type { NotifyMessage } from '../schemas/notify-message.ts';
import { getComplaint, openCaseloads, storeNewComplaint, type StoreComplaintResult } from '../storage/complaints.ts';
import { addDays, epochSeconds } from '../platform/time.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import { MissingComplaintSettingsError } from './settings.ts';
import { complaintText, ownerCandidates, triageComplaint } from './triage.ts';
import { triageComment } from '../comments/triage-comment.ts';

// The worker's part for a complaint: triage it, store it exactly once, then queue its first mails for the
// notices' worker (notices.ts). The case is stored with `mailPending` set, which that worker clears only
// after every mail went out; a failure to queue fails this message, and its redelivery finds the case
// stored and still pending, and queues again. At least once, not at most once: a duplicated safety alert
// costs a second look, a lost one can cost a life.

export interface ReceiveContext {
  readonly table: string;
  /** Contact details of a case closed on arrival (settled on the spot) expire this many days on. */
  readonly contactDays: number;
  /** Queues a notice for the notices' worker to mail. */
  readonly notify: (message: NotifyMessage) => Promise<unknown>;
  readonly now: Date;
}

export async function receiveComplaint(context: ReceiveContext, message: ComplaintMessage): Promise<StoreComplaintResult> {
  const { table } = context;
  const settings = await getComplaintSettings(table, message.siteId);
  // Without a rota nobody could own it: fail loudly (retries, then the dead-letter queue and the operator's mail).
  if (settings === undefined) throw new MissingComplaintSettingsError(message.siteId);
  const openCases = await openCaseloads(table, message.siteId, ownerCandidates(message, settings));
  const { record, contact, classification } = triageComplaint(message, settings, openCases);
  const expires = record.status === 'closed' ? epochSeconds(addDays(context.now, context.contactDays)) : undefined;
  const result = await storeNewComplaint(table, record, contact, context.now, expires);
  const stored = result === 'stored' ? record : await getComplaint(table, record.id);
  if (stored?.mailPending === true) await context.notify({ kind: 'case-opened', complaintId: stored.id });
  // A person reads every complaint (a survey's follow-up is its survey's comment, already on the list).
  if (message.channel !== 'survey-follow-up') {
    await triageComment({ table, notify: context.notify, settings }, {
      id: record.id, siteId: record.siteId, departmentId: record.departmentId, source: 'complaint', receivedAt: record.receivedAt,
      timeZone: record.timeZone, text: complaintText(message), complaintId: record.id,
      classification: { ...classification, safetyLevel: record.safetyLevel ?? classification.safetyLevel },
    });
  }
  return result;
}
