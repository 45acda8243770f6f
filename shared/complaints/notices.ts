import { type Mail, sendMail } from '../aws/ses.ts';
import type { ComplaintRecord } from '../schemas/complaint.ts';
import type { CaseNoticeMessage } from '../schemas/notify-message.ts';
import { departmentLabel } from '../schemas/site.ts';
import { getDepartment } from '../storage/sites.ts';
import { clearMailPending, getComplaint } from '../storage/complaints.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import { responderEmails, staffListing } from '../administration/directory.ts';
import { caseUrl, handlerNoticeMail, handlerUnreachedMail, type NoticeContext, ownerNoticeMail, safetyAlertMail } from './alerts.ts';
import { type ComplaintSettings, MissingComplaintSettingsError, officerEmail, ownerEmail } from './settings.ts';

// Who hears of a case, and when: its first mails when it arrives; after a change, the safety alert when
// staff raise it to critical, and a notice to a new owner or a new handler department. Each is queued on
// the notify queue (by the intake worker, by the change) and mailed by the notices' worker from here.

export interface ComplaintMailContext {
  readonly from: string;
  /** The public base URL; the mails link to the case in the admin pages. */
  readonly baseUrl: string;
  /** SES when omitted; the demo loader (infra/local/demo-cases.ts) records the mails of past days as sent without sending them. */
  readonly send?: (mail: Mail) => Promise<unknown>;
}

async function noticeContext(table: string, record: ComplaintRecord, mail: ComplaintMailContext): Promise<NoticeContext> {
  const [department, handler] = await Promise.all([getDepartment(table, record.siteId, record.departmentId), getDepartment(table, record.siteId, record.handlerDepartmentId)]);
  return {
    from: mail.from,
    departmentName: departmentLabel(department, record.departmentId),
    handlerName: departmentLabel(handler, record.handlerDepartmentId),
    // A ward has no address of its own: its responders hear of the case instead.
    handlerEmails: handler?.email !== undefined ? [handler.email] : await responderEmails(staffListing(table), record.siteId, record.handlerDepartmentId),
    caseUrl: caseUrl(mail.baseUrl, record.id),
  };
}

/** The safety contact always; the owner too, or the head when the owner has no address on file. */
const safetyAlert = (record: ComplaintRecord, settings: ComplaintSettings, context: NoticeContext): Mail =>
  safetyAlertMail(record, { ...context, to: [ownerEmail(settings, record.owner), settings.safetyContactEmail] });

/** The safety alert first (when there is a signal), then the owner's and the handler department's notices. */
export async function firstMails(table: string, record: ComplaintRecord, settings: ComplaintSettings, mail: ComplaintMailContext): Promise<Mail[]> {
  const context = await noticeContext(table, record, mail);
  const listed = officerEmail(settings, record.owner);
  const mails: Mail[] = [];
  if (record.safetySignal) mails.push(safetyAlert(record, settings, context));
  // Whoever typed the complaint in already knows it is theirs.
  if (listed !== undefined && record.enteredBy !== `user:${record.owner}`) mails.push(ownerNoticeMail(record, listed, context));
  if (record.status !== 'closed') mails.push(handlerMail(record, settings, context));
  return mails;
}

/** The handler department's notice; when nobody there can be mailed, the owner (or the head) is told so instead. */
const handlerMail = (record: ComplaintRecord, settings: ComplaintSettings, context: NoticeContext): Mail =>
  (context.handlerEmails.length > 0 ? handlerNoticeMail(record, context.handlerEmails, context) : handlerUnreachedMail(record, ownerEmail(settings, record.owner), context));

/**
 * The mails a change's notice calls for (the safety alert, the new owner's notice, the new handler's),
 * for the case as it stands when the worker reads it: a notice no later change has overtaken. A case
 * handed on again meanwhile tells its newest owner by that change's own notice, not twice by this one.
 */
export async function changeMails(table: string, record: ComplaintRecord, notice: CaseNoticeMessage, settings: ComplaintSettings, mail: ComplaintMailContext): Promise<Mail[]> {
  const context = await noticeContext(table, record, mail);
  const listed = notice.owner === record.owner ? officerEmail(settings, record.owner) : undefined;
  return [
    ...(notice.raisedToCritical && record.severity === 'critical' ? [safetyAlert(record, settings, context)] : []),
    ...(listed !== undefined ? [ownerNoticeMail(record, listed, context)] : []),
    ...(notice.handlerDepartmentId === record.handlerDepartmentId ? [handlerMail(record, settings, context)] : []),
  ];
}

/**
 * The notices' worker's part for a new case: while its first mails are owed (`mailPending`, set when it
 * was stored), they go, and then the flag is cleared. A mail that fails throws, so the message is retried
 * and the mails sent before it may go again: at least once (receive.ts).
 */
export async function mailCaseOpened(table: string, complaintId: string, mail: ComplaintMailContext): Promise<void> {
  const record = await getComplaint(table, complaintId);
  if (record?.mailPending !== true) return;
  const settings = await getComplaintSettings(table, record.siteId);
  if (settings === undefined) throw new MissingComplaintSettingsError(record.siteId);
  await sendMails(await firstMails(table, record, settings, mail), mail);
  await clearMailPending(table, record.id);
}

/**
 * The notices' worker's part for a change's notice: its mails, or none for a case gone since (cases are
 * kept for years, so only a test or an operator's clean-up gets there). A mail that fails throws, so the
 * message is retried; a mail already sent may then go again, as the first mails may (receive.ts).
 */
export async function mailCaseNotice(table: string, notice: CaseNoticeMessage, mail: ComplaintMailContext): Promise<void> {
  const record = await getComplaint(table, notice.complaintId);
  if (record === undefined) return;
  const settings = await getComplaintSettings(table, record.siteId);
  if (settings === undefined) throw new MissingComplaintSettingsError(record.siteId);
  await sendMails(await changeMails(table, record, notice, settings, mail), mail);
}

/** Sends `mails` in order, through SES unless the context sends otherwise. */
export async function sendMails(mails: readonly Mail[], mail: ComplaintMailContext): Promise<void> {
  for (const each of mails) await (mail.send ?? sendMail)(each);
}
