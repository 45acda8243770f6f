import { sendMail } from '../aws/ses.ts';
import { classify, type ComplaintClassification } from '../classify/classifier.ts';
import type { ComplaintMailContext } from '../complaints/notices.ts';
import type { ComplaintSettings } from '../complaints/settings.ts';
import { departmentLabel } from '../schemas/site.ts';
import type { CommentRecord, CommentSource } from '../schemas/comment.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import { clearCommentNotice, getComment, putCommentIfAbsent } from '../storage/comments.ts';
import { getDepartment } from '../storage/sites.ts';
import { commentAlertMail, lookNowMail, onDutyAddresses } from './comment-mails.ts';
import { readDueAt } from './reading-time.ts';

// Every free-text comment (a survey's, a complaint's, a callback note) goes through here: it is classified,
// put on the site's "comments to read" list once (keyed by its submission's id, so a redelivered message
// changes nothing), and:
// - a possible safety signal goes on the "please look now" list and the officers on duty get a short notice;
// - a signal with no case to carry it (a callback note) alerts the officers on duty and the safety contact
//   at once; a signal that has a case (a complaint, a survey's follow-up) was alerted by the case.
// The notice is at least once, as the case's mails are: the comment is stored with `noticePending`, which
// is cleared only after the mail went; a failure fails the caller's message and its redelivery mails again.

export interface CommentInput {
  /** The submission's id: one comment per survey, complaint or callback. */
  readonly id: string;
  readonly siteId: string;
  readonly departmentId: string;
  readonly source: CommentSource;
  readonly receivedAt: string;
  readonly timeZone: string;
  readonly text: string;
  /** The case that carries the comment, when one does (its alert and owner already cover a signal). */
  readonly complaintId?: string;
  /** Epoch seconds: the comment goes with the record it came from (a survey's retention, a callback's). */
  readonly expiresAt?: number;
  /** The classifier's reading, when the caller already has it (a complaint's triage), so the words are read once. */
  readonly classification?: Pick<ComplaintClassification, 'category' | 'safetyLevel' | 'safetyKinds'>;
}

export interface CommentContext {
  readonly table: string;
  readonly mail: ComplaintMailContext;
  readonly now: Date;
  /** The site's complaint settings when the caller has read them. */
  readonly settings?: ComplaintSettings;
}

export class MissingCommentSettingsError extends Error {}

export interface CommentTriage {
  readonly result: 'stored' | 'duplicate';
  readonly comment: CommentRecord;
}

/** The comment as first stored. */
export function commentRecord(input: CommentInput, settings: ComplaintSettings): CommentRecord {
  const { category, safetyLevel, safetyKinds } = input.classification ?? classify(input.text);
  return {
    id: input.id,
    siteId: input.siteId,
    departmentId: input.departmentId,
    source: input.source,
    receivedAt: input.receivedAt,
    timeZone: input.timeZone,
    text: input.text,
    category,
    safetyLevel,
    safetyKinds,
    ...(input.complaintId === undefined ? {} : { complaintId: input.complaintId }),
    readDueAt: readDueAt(settings, input.departmentId, input.receivedAt, input.timeZone),
    ...(safetyLevel === 'possible' ? { review: { state: 'pending' as const } } : {}),
    noticePending: safetyLevel === 'possible' || (safetyLevel === 'signal' && input.complaintId === undefined),
  };
}

/**
 * Classifies a comment and puts it on the lists, once; sends its notice (at least once). Callbacks call
 * this for a call's comment, with the callback's id, the site's zone and, when the call opened a case, its id.
 */
export async function triageComment(context: CommentContext, input: CommentInput): Promise<CommentTriage> {
  const settings = context.settings ?? await getComplaintSettings(context.table, input.siteId);
  // Without a rota nobody could be told: fail loudly (retries, then the dead-letter queue and the operator's mail).
  if (settings === undefined) throw new MissingCommentSettingsError(`site ${input.siteId} has no complaint settings`);
  const record = commentRecord(input, settings);
  const result = await putCommentIfAbsent(context.table, record, input.expiresAt);
  const comment = result === 'stored' ? record : await getComment(context.table, record.id) ?? record;
  if (comment.noticePending) {
    const department = await getDepartment(context.table, comment.siteId, comment.departmentId);
    const mailContext = { from: context.mail.from, baseUrl: context.mail.baseUrl, departmentName: departmentLabel(department, comment.departmentId) };
    const onDuty = onDutyAddresses(settings, context.now, comment.timeZone);
    await (context.mail.send ?? sendMail)(comment.safetyLevel === 'signal'
      ? commentAlertMail(comment, [...onDuty, settings.safetyContactEmail], mailContext)
      : lookNowMail(comment, onDuty, mailContext));
    await clearCommentNotice(context.table, comment.id);
  }
  return { result, comment };
}
