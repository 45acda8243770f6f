import { classify, type ComplaintClassification } from '../classify/classifier.ts';
import { type ComplaintSettings, MissingComplaintSettingsError } from '../complaints/settings.ts';
import type { CommentRecord, CommentSource } from '../schemas/comment.ts';
import type { NotifyMessage } from '../schemas/notify-message.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import { getComment, putCommentIfAbsent } from '../storage/comments.ts';
import { readDueAt } from './reading-time.ts';

// Every free-text comment (a survey's, a complaint's, a callback note) goes through here: it is classified,
// put on the site's "comments to read" list once (keyed by its submission's id, so a redelivered message
// changes nothing), and:
// - a possible safety signal goes on the "please look now" list and the officers on duty get a short notice;
// - a signal with no case to carry it (a callback note) alerts the officers on duty and the safety contact
//   at once; a signal that has a case (a complaint, a survey's follow-up) was alerted by the case.
// The notice is at least once, as the case's mails are: the comment is stored with `noticePending` and
// the notice queued for the notices' worker (comment-notices.ts), which clears the flag once the mail
// went. A comment found still pending (a redelivery) is queued again; a failure to queue fails the
// caller's message.

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
  /** Queues a notice for the notices' worker to mail. */
  readonly notify: (message: NotifyMessage) => Promise<unknown>;
  /** The site's complaint settings when the caller has read them. */
  readonly settings?: ComplaintSettings;
}

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
 * Classifies a comment and puts it on the lists, once; queues its notice (at least once). Callbacks call
 * this for a call's comment, with the callback's id, the site's zone and, when the call opened a case, its id.
 */
export async function triageComment(context: CommentContext, input: CommentInput): Promise<CommentTriage> {
  const settings = context.settings ?? await getComplaintSettings(context.table, input.siteId);
  // Without a rota nobody could be told: fail loudly (retries, then the dead-letter queue and the operator's mail).
  if (settings === undefined) throw new MissingComplaintSettingsError(input.siteId);
  const record = commentRecord(input, settings);
  const result = await putCommentIfAbsent(context.table, record, input.expiresAt);
  const comment = result === 'stored' ? record : await getComment(context.table, record.id) ?? record;
  if (comment.noticePending) await context.notify({ kind: 'comment-notice', commentId: comment.id });
  return { result, comment };
}
