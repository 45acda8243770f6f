import type { Mail } from '../aws/ses.ts';
import { SAFETY_KIND_NAMES } from '../classify/categories.ts';
import type { ComplaintRecord } from '../schemas/complaint.ts';
import { escapeMarkup } from '../markup.ts';

// A safety signal (self-harm, suicide, violence, abuse, a death) is mailed at once, day or night, to the
// owner on duty and the site's safety contact. The mail says what kind of signal, where and when, and
// links to the case; it carries neither the complainant's words nor their contact details, which stay
// behind the staff sign-in.


export interface AlertContext {
  readonly from: string;
  readonly to: readonly string[];
  readonly departmentName: string;
  /** The case in the admin pages. */
  readonly caseUrl: string;
}

export function safetyAlertMail(record: ComplaintRecord, context: AlertContext): Mail {
  const kinds = record.safetyKinds.map((k) => `${SAFETY_KIND_NAMES[k].zh} ${SAFETY_KIND_NAMES[k].en}`).join('、');
  const subject = `【紧急 URGENT】安全信号 Safety signal: ${kinds} · ${context.departmentName}`;
  const lines = [
    `一条投诉含有安全信号，请立即处理。A complaint carries a safety signal: act now.`,
    ``,
    `信号 Signal: ${kinds}`,
    `科室 Department: ${context.departmentName}`,
    `渠道 Channel: ${record.channel}`,
    `收到 Received: ${record.receivedAt}`,
    `负责人 Owner: ${record.owner}`,
    `跟踪码 Tracking code: ${record.trackingCode}`,
    ``,
    `查看投诉 Open the case (sign-in required): ${context.caseUrl}`,
  ];
  const html = `<p>${lines.map(escapeMarkup).join('<br>')}</p>`;
  return { from: context.from, to: [...new Set(context.to)], subject, text: lines.join('\n'), html };
}
