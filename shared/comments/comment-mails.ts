import type { Mail } from '../aws/ses.ts';
import { SAFETY_KIND_NAMES } from '../classify/categories.ts';
import { mail } from '../complaints/alerts.ts';
import { onDuty } from '../complaints/assignment.ts';
import { type ComplaintSettings, officerEmail } from '../complaints/settings.ts';
import { localMinute } from '../platform/time.ts';
import type { CommentRecord, CommentSource } from '../schemas/comment.ts';

// The short mails about comments: a possible safety signal to the officers on duty ("please look now"),
// the urgent alert for a signal that has no case to carry it (a callback note), and the reminder that
// comments have waited unread too long. Like every mail here they name the kind, the department, the time
// and a link behind the staff sign-in, never the patient's words or contact details.

const SOURCE_NAMES: Readonly<Record<CommentSource, string>> = { survey: '满意度调查留言 survey comment', complaint: '投诉 complaint', callback: '回访记录 callback note' };

/** The officers on duty at `now` (their rota addresses); the office head when nobody is. */
export function onDutyAddresses(settings: ComplaintSettings, now: Date, timeZone: string): string[] {
  const addresses = onDuty(settings.rota, now, timeZone).map((name) => officerEmail(settings, name)).filter((address) => address !== undefined);
  return addresses.length === 0 ? [settings.officeHead.email] : [...new Set(addresses)];
}

export interface CommentMailContext {
  readonly from: string;
  readonly departmentName: string;
  /** The public base URL: the mails link to the office's pages. */
  readonly baseUrl: string;
}

const base = (baseUrl: string) => baseUrl.replace(/\/+$/, '');
export const commentsUrl = (baseUrl: string, siteId: string) => `${base(baseUrl)}/admin/comments?site=${encodeURIComponent(siteId)}`;
export const inboxUrl = (baseUrl: string, siteId: string) => `${base(baseUrl)}/admin/complaints?site=${encodeURIComponent(siteId)}`;

/** A mail about one comment: what it is, where and when it came, and where to read it. */
const aboutComment = (comment: CommentRecord, to: readonly string[], context: CommentMailContext, subject: string, opening: string, link: string): Mail =>
  mail(context.from, to, subject, [
    opening,
    '',
    `来源 Source: ${SOURCE_NAMES[comment.source]}`,
    `科室 Department: ${context.departmentName}`,
    `收到 Received: ${localMinute(comment.timeZone, comment.receivedAt)}`,
    '',
    link,
  ]);

/** A possible safety signal: someone on duty should read it now and confirm or dismiss it with one click. */
export function lookNowMail(comment: CommentRecord, to: readonly string[], context: CommentMailContext): Mail {
  return aboutComment(comment, to, context, `【请立即查看 Please look now】可能的安全信号 Possible safety signal · ${context.departmentName}`,
    '一条留言可能含有安全信号，请立即查看，并确认或排除。A comment may carry a safety signal: read it now, then confirm or dismiss it.',
    `“请立即查看”列表 The "please look now" list (sign-in required): ${inboxUrl(context.baseUrl, comment.siteId)}`);
}

/** A safety signal in a comment no case carries (a callback note): the alert goes at once, as a case's would. */
export function commentAlertMail(comment: CommentRecord, to: readonly string[], context: CommentMailContext): Mail {
  const kinds = comment.safetyKinds.map((k) => `${SAFETY_KIND_NAMES[k].zh} ${SAFETY_KIND_NAMES[k].en}`).join('、');
  return aboutComment(comment, to, context, `【紧急 URGENT】安全信号 Safety signal${kinds === '' ? '' : `: ${kinds}`} · ${context.departmentName}`,
    '一条留言含有安全信号，请立即处理。A comment carries a safety signal: act now.',
    `待读留言 Comments to read (sign-in required): ${commentsUrl(context.baseUrl, comment.siteId)}`);
}

/** Comments waited longer than the site allows: how many, since when, and where to read them. */
export function unreadReminderMail(siteId: string, overdue: readonly CommentRecord[], unread: number, to: readonly string[], from: string, baseUrl: string): Mail {
  const oldest = overdue.reduce((a, b) => (a.receivedAt <= b.receivedAt ? a : b));
  return mail(from, to, `【提醒 Reminder】${overdue.length} 条留言超时未读 ${overdue.length} comment(s) waiting too long to be read`, [
    `${overdue.length} 条留言已超过阅读时限仍未读（共 ${unread} 条未读）。${overdue.length} comment(s) have waited longer than the site allows (${unread} unread in all).`,
    '',
    `最早 Oldest received: ${localMinute(oldest.timeZone, oldest.receivedAt)}`,
    '',
    `待读留言 Comments to read (sign-in required): ${commentsUrl(baseUrl, siteId)}`,
  ]);
}
