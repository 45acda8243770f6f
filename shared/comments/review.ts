import { actorOf, type UserIdentity } from '../auth/identity.ts';
import { decide } from '../auth/policy.ts';
import { changeCase } from '../complaints/change-case.ts';
import type { ComplaintMailContext } from '../complaints/notices.ts';
import { DomainError } from '../platform/domain-errors.ts';
import { logger } from '../platform/observability.ts';
import { awaitsReview, type CommentRecord, isUnread } from '../schemas/comment.ts';
import { isOpen } from '../schemas/complaint.ts';
import type { CaseNoticeMessage } from '../schemas/intake-message.ts';
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
  /** The first mails of a case opened for a confirmed signal. */
  readonly mail: ComplaintMailContext;
  /** Queues the alert of a case raised to critical for a confirmed signal (see change-case.ts). */
  readonly enqueue: (notice: CaseNoticeMessage) => Promise<unknown>;
  /** Derives the tracking code of a case opened for a confirmed signal. */
  readonly key: Buffer;
  readonly now: Date;
}

/** The complaint office of the site: may read and answer its comments. */
export const mayReadComments = (user: UserIdentity, siteId: string): boolean => {
  const decision = decide(user, 'complaints:update', { siteId });
  return decision.allow && decision.departments === 'all';
};

export type ReviewOutcome =
  /** `complaintId`: the case now carrying the signal; `raised`: false when the case could not be raised to critical (closed). */
  | { readonly kind: 'confirmed'; readonly complaintId: string; readonly raised: boolean }
  | { readonly kind: 'dismissed' }
  /** Somebody answered it first, or it was never a possible signal. */
  | { readonly kind: 'already'; readonly comment: CommentRecord }
  | { readonly kind: 'not-found' };

const CONFIRMED = '确认可能的安全信号 Possible safety signal confirmed';

/** Raises the comment's case to critical (its owner and the safety contact are alerted, as for any case raised so). */
async function raiseCase(context: ReviewContext, user: UserIdentity, complaintId: string): Promise<boolean> {
  const record = await getComplaint(context.table, complaintId);
  if (record === undefined) return false;
  if (record.severity === 'critical' || record.safetySignal) return true;
  if (!isOpen(record)) return false;
  try {
    await changeCase(context, user, complaintId, record.version, () => ({ severity: 'critical', reason: CONFIRMED }));
    return true;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logger.warn('confirmed signal: case not raised', { complaintId, error: error.name });
    return false;
  }
}

/**
 * The worker's own path for a new case (triage with the classifier and its weights, the first mails),
 * loaded on this rare click rather than at every cold start of the office's pages. Loaded before the
 * answer is saved: once saved, the comment no longer awaits an answer, so a load that failed after it
 * would leave a confirmed signal with no case and nothing to click again.
 */
const caseOpening = async () => {
  const [{ followUpMessage }, { receiveComplaint }] = await Promise.all([import('../complaints/triage.ts'), import('../complaints/receive.ts')]);
  return { followUpMessage, receiveComplaint };
};
type CaseOpening = Awaited<ReturnType<typeof caseOpening>>;

/** A comment no case carries gets one, as a safety signal: owned, timed, alerted at once. */
async function openCase(context: ReviewContext, comment: CommentRecord, { followUpMessage, receiveComplaint }: CaseOpening): Promise<string> {
  const contact = comment.source === 'survey' ? await getSurveyContact(context.table, comment.id) : undefined;
  const channel = comment.source === 'callback' ? 'callback' : 'survey-follow-up';
  const message = followUpMessage(
    { submissionId: comment.id, receivedAt: comment.receivedAt, siteId: comment.siteId, departmentId: comment.departmentId, timeZone: comment.timeZone, ...(contact === undefined ? {} : { contact }) },
    `${comment.source === 'callback' ? '回访记录' : '满意度调查留言'}（医患办确认含安全信号 confirmed safety signal）。\n${comment.text}`,
    context.key,
    'signal',
    channel,
  );
  await receiveComplaint({ table: context.table, contactDays: context.contactDays, mail: context.mail, now: context.now }, message);
  await setCommentCase(context.table, comment.id, comment.id);
  return comment.id;
}

/** The office's one click on a possible signal. Confirmed: its case is raised to critical, or one is opened. */
export async function reviewComment(context: ReviewContext, user: UserIdentity, id: string, answer: 'confirmed' | 'dismissed'): Promise<ReviewOutcome> {
  const comment = await getComment(context.table, id);
  if (comment === undefined || !mayReadComments(user, comment.siteId)) return { kind: 'not-found' };
  if (!awaitsReview(comment)) return { kind: 'already', comment };
  const opening = answer === 'confirmed' ? await caseOpening() : undefined;
  const actor = actorOf(user);
  if (!await recordReview(context.table, comment, answer, actor, context.now)) return { kind: 'already', comment: await getComment(context.table, id) ?? comment };
  await recordAudit(context.table, { actor, action: `comment-signal-${answer}`, outcome: 'success', sites: [comment.siteId], target: `comment:${id}` }, context.now);
  if (opening === undefined) return { kind: 'dismissed' };
  const existing = comment.complaintId ?? (await getComplaint(context.table, comment.id) === undefined ? undefined : comment.id);
  if (existing !== undefined) return { kind: 'confirmed', complaintId: existing, raised: await raiseCase(context, user, existing) };
  return { kind: 'confirmed', complaintId: await openCase(context, comment, opening), raised: true };
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
