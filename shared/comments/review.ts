import { actorOf, type UserIdentity } from '../auth/identity.ts';
import { decide } from '../auth/policy.ts';
import { changeCase } from '../complaints/change-case.ts';
import { followUpMessage } from '../complaints/follow-up-message.ts';
import { DomainError } from '../platform/domain-errors.ts';
import { logger } from '../platform/observability.ts';
import { awaitsReview, type CommentRecord, isUnread } from '../schemas/comment.ts';
import { isOpen } from '../schemas/complaint.ts';
import type { ComplaintMessage } from '../schemas/intake-message.ts';
import type { CaseNoticeMessage } from '../schemas/notify-message.ts';
import { recordAudit } from '../storage/audit.ts';
import { getComment, markCommentRead, recordReview, setCommentCase } from '../storage/comments.ts';
import { getComplaint } from '../storage/complaints.ts';
import { getSurveyContact } from '../storage/surveys.ts';

// What the office does with the comments on its lists: confirm or dismiss a possible safety signal (one
// click, recorded as a label for retraining, audited), and read comments, one by one or the harmless ones
// in bulk. Comments are the complaint office's: a user reaches a site's comments only with site-wide
// scope there (a department responder does not).

export interface ReviewContext {
  readonly table: string;
  readonly contactDays: number;
  /** Queues the case of a confirmed signal on the intake queue, for the worker to open. */
  readonly enqueue: (message: ComplaintMessage) => Promise<unknown>;
  /** Queues the alert of a case raised to critical for one on the notify queue (see change-case.ts). */
  readonly notify: (notice: CaseNoticeMessage) => Promise<unknown>;
  /** Derives the tracking code of a case opened for a confirmed signal. */
  readonly key: Buffer;
  readonly now: Date;
}

/** The complaint office of the site: may read and answer its comments. */
export const mayReadComments = (user: UserIdentity, siteId: string): boolean => {
  const decision = decide(user, 'complaints:update', { siteId });
  return decision.allow && decision.departments === 'all';
};

/**
 * A confirmed signal. `complaintId`: the case now carrying it; `raised`: false when the case could not be
 * raised to critical (closed); `unalerted`: raised, but its alert could not be queued (the officer must phone).
 */
export interface ConfirmedReview {
  readonly kind: 'confirmed';
  readonly complaintId: string;
  readonly raised: boolean;
  readonly unalerted?: true;
}

export type ReviewOutcome =
  | ConfirmedReview
  | { readonly kind: 'dismissed' }
  /** Somebody answered it first, or it was never a possible signal. */
  | { readonly kind: 'already'; readonly comment: CommentRecord }
  | { readonly kind: 'not-found' };

const CONFIRMED = '确认可能的安全信号 Possible safety signal confirmed';

/** Raises the comment's case to critical (its owner and the safety contact are alerted, as for any case raised so). */
async function raiseCase(context: ReviewContext, user: UserIdentity, complaintId: string): Promise<Pick<ConfirmedReview, 'raised' | 'unalerted'>> {
  const record = await getComplaint(context.table, complaintId);
  if (record === undefined) return { raised: false };
  if (record.severity === 'critical' || record.safetySignal) return { raised: true };
  if (!isOpen(record)) return { raised: false };
  try {
    const { notice } = await changeCase(context, user, complaintId, record.version, () => ({ severity: 'critical', reason: CONFIRMED }));
    return notice === 'not-queued' ? { raised: true, unalerted: true } : { raised: true };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logger.warn('confirmed signal: case not raised', { complaintId, error: error.name });
    return { raised: false };
  }
}

/**
 * A comment no case carries gets one, as a safety signal: queued for the worker, which opens it as it
 * opens every case (owned, timed, alerted at once, its mails retried until they go). The case has the
 * comment's id, so a message queued twice is one case.
 */
async function queueCase(context: ReviewContext, comment: CommentRecord): Promise<void> {
  const contact = comment.source === 'survey' ? await getSurveyContact(context.table, comment.id) : undefined;
  const channel = comment.source === 'callback' ? 'callback' : 'survey-follow-up';
  await context.enqueue(followUpMessage(
    { submissionId: comment.id, receivedAt: comment.receivedAt, siteId: comment.siteId, departmentId: comment.departmentId, timeZone: comment.timeZone, ...(contact === undefined ? {} : { contact }) },
    `${comment.source === 'callback' ? '回访记录' : '满意度调查留言'}（医患办确认含安全信号 confirmed safety signal）。\n${comment.text}`,
    context.key,
    'signal',
    channel,
  ));
}

/**
 * The office's one click on a possible signal. Confirmed: its case is raised to critical, or one is
 * opened. A new case is queued before the answer is saved, so nothing that fails leaves a confirmed
 * signal with no case: a failed queue saves nothing (the click can be made again), and a failure after
 * it leaves the comment waiting with its case on the way. Should another officer have dismissed it in
 * that moment, the case still opens: the safe way to be wrong about a possible signal.
 */
export async function reviewComment(context: ReviewContext, user: UserIdentity, id: string, answer: 'confirmed' | 'dismissed'): Promise<ReviewOutcome> {
  const comment = await getComment(context.table, id);
  if (comment === undefined || !mayReadComments(user, comment.siteId)) return { kind: 'not-found' };
  if (!awaitsReview(comment)) return { kind: 'already', comment };
  const existing = answer === 'dismissed' ? undefined : comment.complaintId ?? (await getComplaint(context.table, comment.id) === undefined ? undefined : comment.id);
  const queued = answer === 'confirmed' && existing === undefined;
  if (queued) await queueCase(context, comment);
  const actor = actorOf(user);
  const answered = await recordReview(context.table, comment, answer, actor, context.now);
  // The comment names the case of its id however the answer went (one queued here opens whatever it was),
  // and names it again after a click that queued it and failed before this.
  if ((queued || existing === comment.id) && comment.complaintId === undefined) await setCommentCase(context.table, comment.id, comment.id);
  if (!answered) return { kind: 'already', comment: await getComment(context.table, id) ?? comment };
  await recordAudit(context.table, { actor, action: `comment-signal-${answer}`, outcome: 'success', sites: [comment.siteId], target: `comment:${id}` }, context.now);
  if (answer === 'dismissed') return { kind: 'dismissed' };
  if (existing !== undefined) return { kind: 'confirmed', complaintId: existing, ...await raiseCase(context, user, existing) };
  return { kind: 'confirmed', complaintId: comment.id, raised: true };
}

/**
 * Marks comments read; returns how many this call marked. A possible signal still waiting for its answer
 * is left unread: it leaves the lists only by being confirmed or dismissed.
 */
export async function readComments(table: string, user: UserIdentity, ids: readonly string[], now: Date): Promise<number> {
  const actor = actorOf(user);
  let marked = 0;
  const sites = new Set<string>();
  for (const id of new Set(ids)) {
    const comment = await getComment(table, id);
    if (comment === undefined || !mayReadComments(user, comment.siteId) || !isUnread(comment) || awaitsReview(comment)) continue;
    if (await markCommentRead(table, comment, actor, now)) {
      marked += 1;
      sites.add(comment.siteId);
    }
  }
  if (marked > 0) await recordAudit(table, { actor, action: 'comments-read', outcome: 'success', sites: [...sites], detail: `${marked} comment(s)` }, now);
  return marked;
}
