import type { Mail } from '../aws/ses.ts';
import { CATEGORY_NAMES, SAFETY_KIND_NAMES, SEVERITY_NAMES } from '../classify/categories.ts';
import type { ComplaintRecord } from '../schemas/complaint.ts';
import { CHANNEL_NAMES } from './complaint-labels.ts';
import { escapeMarkup } from '../web/markup.ts';
import { localMinute } from '../platform/time.ts';

// The mails a new case sends. A safety signal (self-harm, suicide, violence, abuse, a death) is mailed at
// once, day or night, to the owner on duty and the site's safety contact; the owner and the handler
// department hear that the case is theirs. Mails say what, where and when, and link to the case; they
// carry neither the complainant's words nor their contact details, which stay behind the staff sign-in.

/** A plain mail from lines of text: the text part as is, the HTML part escaped line by line. */
export const mail = (from: string, to: readonly string[], subject: string, lines: readonly string[]): Mail =>
  ({ from, to: [...new Set(to)], subject, text: lines.join('\n'), html: `<p>${lines.map(escapeMarkup).join('<br>')}</p>` });

/** The case in the admin pages, where a mail's reader signs in to see it. */
export const caseUrl = (publicBaseUrl: string, id: string): string => `${publicBaseUrl.replace(/\/+$/, '')}/admin/complaints/${encodeURIComponent(id)}`;

export interface AlertContext {
  readonly from: string;
  readonly to: readonly string[];
  readonly departmentName: string;
  /** The case in the admin pages. */
  readonly caseUrl: string;
}

export function safetyAlertMail(record: ComplaintRecord, context: AlertContext): Mail {
  // A case staff raised to critical has no signal in its words: the mail says that instead.
  const kinds = record.safetyKinds.length === 0 ? `${SEVERITY_NAMES.critical.zh} ${SEVERITY_NAMES.critical.en}` : record.safetyKinds.map((k) => `${SAFETY_KIND_NAMES[k].zh} ${SAFETY_KIND_NAMES[k].en}`).join('、');
  const subject = `【紧急 URGENT】安全信号 Safety signal: ${kinds} · ${context.departmentName}`;
  const lines = [
    `一条投诉含有安全信号，请立即处理。A complaint carries a safety signal: act now.`,
    ``,
    `信号 Signal: ${kinds}`,
    `科室 Department: ${context.departmentName}`,
    `渠道 Channel: ${CHANNEL_NAMES[record.channel].zh} ${CHANNEL_NAMES[record.channel].en}`,
    `收到 Received: ${localMinute(record.timeZone, record.receivedAt)}`,
    `负责人 Owner: ${record.owner}`,
    `跟踪码 Tracking code: ${record.trackingCode}`,
    ``,
    `查看投诉 Open the case (sign-in required): ${context.caseUrl}`,
  ];
  return mail(context.from, context.to, subject, lines);
}

export interface NoticeContext extends Omit<AlertContext, 'to'> {
  readonly handlerName: string;
  /** Who hears of a case handed to the department: its address, else its responders'; empty when nobody can be told. */
  readonly handlerEmails: readonly string[];
}

const caseLines = (record: ComplaintRecord, context: NoticeContext): string[] => [
  `科室 Department: ${context.departmentName}`,
  `类别 Category: ${CATEGORY_NAMES[record.category].zh} ${CATEGORY_NAMES[record.category].en}`,
  `严重程度 Severity: ${SEVERITY_NAMES[record.severity].zh} ${SEVERITY_NAMES[record.severity].en}`,
  `渠道 Channel: ${CHANNEL_NAMES[record.channel].zh} ${CHANNEL_NAMES[record.channel].en}`,
  `收到 Received: ${localMinute(record.timeZone, record.receivedAt)}`,
  `确认期限 Acknowledge by: ${localMinute(record.timeZone, record.acknowledgeBy)}`,
  `办结期限 Due: ${localMinute(record.timeZone, record.dueAt)}${record.dueProvisional === true ? '（节假日未公布，日期可能调整 provisional）' : ''}`,
  `负责人 Owner: ${record.owner}`,
  `承办部门 Handler: ${context.handlerName}`,
  `跟踪码 Tracking code: ${record.trackingCode}`,
  ``,
  `查看投诉 Open the case (sign-in required): ${context.caseUrl}`,
];

/** First-complaint responsibility: the officer who owns the case from now on. */
export function ownerNoticeMail(record: ComplaintRecord, to: string, context: NoticeContext): Mail {
  return mail(context.from, [to], `新投诉由您负责 A complaint is yours: ${record.trackingCode} · ${context.departmentName}`, [
    `这件投诉由您负责（首诉负责制），请在确认期限前联系投诉人。This complaint is yours: acknowledge it to the complainant by the date below.`,
    ``,
    ...caseLines(record, context),
  ]);
}

/** The department the routing table names investigates and reports back to the owner. */
export function handlerNoticeMail(record: ComplaintRecord, to: readonly string[], context: NoticeContext): Mail {
  return mail(context.from, [...to], `请调查投诉 Please investigate: ${record.trackingCode} · ${context.departmentName}`, [
    `投诉办公室请贵部门调查以下投诉，并在办结期限前回复负责人。The complaint office asks your department to investigate this complaint and report to the owner before it is due.`,
    ``,
    ...caseLines(record, context),
  ]);
}

/** The handler department has no address and no responder with one: the owner must tell it some other way. */
export function handlerUnreachedMail(record: ComplaintRecord, to: string, context: NoticeContext): Mail {
  return mail(context.from, [to], `承办部门未能收到通知 Nobody at the handler was told: ${record.trackingCode} · ${context.handlerName}`, [
    `${context.handlerName} 没有电子邮箱，也没有登记了邮箱的科室负责人，系统无法通知他们。请电话或当面把这件投诉交给承办部门，并在系统管理中为该部门登记邮箱或负责人。`,
    `${context.handlerName} has no e-mail address and no responder with one, so nobody there was told. Please hand the case over by phone or in person, and have the department's address or responders added in the site settings.`,
    ``,
    ...caseLines(record, context),
  ]);
}
