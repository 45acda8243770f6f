import { type ComplaintMailContext, sendMails } from '../complaints/notices.ts';
import { MissingComplaintSettingsError } from '../complaints/settings.ts';
import { departmentLabel } from '../schemas/site.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import { clearCommentNotice, getComment } from '../storage/comments.ts';
import { getDepartment } from '../storage/sites.ts';
import { commentAlertMail, lookNowMail, onDutyAddresses } from './comment-mails.ts';

/**
 * The notices' worker's part for a comment (queued by triage-comment.ts): while its notice is owed, the
 * "please look now" mail to the officers on duty, or, for a signal no case carries, the alert to them and
 * the safety contact; then the flag is cleared. A mail that fails throws, so the message is retried.
 */
export async function mailCommentNotice(table: string, commentId: string, mail: ComplaintMailContext, now: Date): Promise<void> {
  const comment = await getComment(table, commentId);
  if (comment?.noticePending !== true) return;
  const [settings, department] = await Promise.all([getComplaintSettings(table, comment.siteId), getDepartment(table, comment.siteId, comment.departmentId)]);
  if (settings === undefined) throw new MissingComplaintSettingsError(comment.siteId);
  const context = { from: mail.from, baseUrl: mail.baseUrl, departmentName: departmentLabel(department, comment.departmentId) };
  const onDuty = onDutyAddresses(settings, now, comment.timeZone);
  await sendMails([comment.safetyLevel === 'signal'
    ? commentAlertMail(comment, [...onDuty, settings.safetyContactEmail], context)
    : lookNowMail(comment, onDuty, context)], mail);
  await clearCommentNotice(table, comment.id);
}
