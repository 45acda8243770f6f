import { elapsedShare, type WorkingCalendar } from '../sites/working-calendar.ts';
import { type Mail, sendMail } from '../aws/ses.ts';
import { logger } from '../platform/observability.ts';
import { type ComplaintRecord, type HistoryEntry, isOpen } from '../schemas/complaint.ts';
import { VersionConflictError } from '../platform/domain-errors.ts';
import { listComplaints, saveComplaintChange } from '../storage/complaints.ts';
import { departmentLabel } from '../schemas/site.ts';
import { getDepartment } from '../storage/sites.ts';
import { type MonitorOptions, sweepSites } from '../sites/site-sweep.ts';
import { type AlertContext, caseUrl, mail } from './alerts.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import { type ComplaintSettings, ownerEmail, siteClock } from './settings.ts';
import { localMinute } from '../platform/time.ts';

// The SLA monitor watches each open complaint's response due date (`dueAt`: 5 or 10 working days, or the
// site's own limits). At 80 % of the working time it reminds the owner; once `dueAt` has passed it tells
// the office head, with the owner copied. Each fires once per case: `slaWarnedAt` and `slaEscalatedAt`
// record that it did. A case still `received` (not acknowledged to the complainant) after `acknowledgeBy`
// (1 working day) gets one reminder to its owner, recorded in `ackRemindedAt`.
//
// If `dueAt` changes later (an extension), the reminders fire again for the new date: whoever changes
// `dueAt` clears `slaWarnedAt` and `slaEscalatedAt` in the same change (lifecycle.ts `applyChange` does).
//
// Mails carry the case link, the tracking code, the department and the due date: never the complaint's
// words or the complainant's contact details, which stay behind the staff sign-in.

export const SLA_ACTOR = 'system:sla-monitor';
/** Share of the working time to `dueAt` at which the owner is reminded. */
export const WARN_SHARE = 0.8;

export interface SlaDecision {
  readonly record: ComplaintRecord;
  /** Share of the working time to `dueAt` passed at `now` (shared/sites/working-calendar.ts `elapsedShare`). */
  readonly share: number;
  /** Mark the case warned now. */
  readonly warn: boolean;
  /** Mark the case escalated now. */
  readonly escalate: boolean;
  /** Remind the owner that the case was not acknowledged by `acknowledgeBy`. */
  readonly acknowledgeLate: boolean;
}

export interface SlaPlan {
  /** The cases with something to do, in the order given. */
  readonly decisions: SlaDecision[];
  /** Open cases looked at. */
  readonly checked: number;
  /** Ids of cases whose dates cannot be read: reported, never allowed to stop the other cases. */
  readonly invalid: string[];
}

/** What the monitor does for one case at `now`; undefined when nothing is due. Throws RangeError on unreadable dates. */
export function decideSla(record: ComplaintRecord, calendar: WorkingCalendar, now: Date): SlaDecision | undefined {
  if (!isOpen(record)) return undefined;
  const share = elapsedShare(calendar, record.receivedAt, record.dueAt, now, record.timeZone);
  // Breached when the promised moment has passed (share ≥ 1 on the calendar the due date was set on).
  const breached = now.getTime() > Date.parse(record.dueAt);
  const escalate = breached && record.slaEscalatedAt === undefined;
  // A case escalated already needs no reminder; one never reminded and now past due is marked reminded by
  // the escalation, so it gets one mail (to the head, owner copied), not two.
  const warn = record.slaWarnedAt === undefined && record.slaEscalatedAt === undefined && (breached || share >= WARN_SHARE);
  const acknowledgeLate = record.status === 'received' && record.ackRemindedAt === undefined && now.getTime() > Date.parse(record.acknowledgeBy);
  return warn || escalate || acknowledgeLate ? { record, share, warn, escalate, acknowledgeLate } : undefined;
}

/** The decisions for a site's open cases at `now`, on the site's calendar. */
export function planSla(records: readonly ComplaintRecord[], settings: ComplaintSettings, now: Date): SlaPlan {
  const { calendar } = siteClock(settings);
  const decisions: SlaDecision[] = [];
  const invalid: string[] = [];
  let checked = 0;
  for (const record of records) {
    if (!isOpen(record)) continue;
    checked += 1;
    try {
      const decision = decideSla(record, calendar, now);
      if (decision !== undefined) decisions.push(decision);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      invalid.push(record.id);
    }
  }
  return { decisions, checked, invalid };
}

/** The case after the decision (version + 1) and its history entries. */
export function slaChange(decision: SlaDecision, settings: ComplaintSettings, now: Date): { record: ComplaintRecord; history: HistoryEntry[] } {
  const { record, share, warn, escalate, acknowledgeLate } = decision;
  const at = now.toISOString();
  const measured = `share ${share.toFixed(2)} of the working time to the due date ${record.dueAt}`;
  const history: HistoryEntry[] = [];
  if (warn) {
    history.push({
      at, actor: SLA_ACTOR, change: 'sla-warning',
      reason: escalate
        ? `${measured}; already past due, so no separate reminder: the escalation mail to the office head (${settings.officeHead.username}), owner ${record.owner} copied, stands for both`
        : `${measured}; reminder mailed to the owner ${record.owner}`,
    });
  }
  if (escalate) {
    history.push({ at, actor: SLA_ACTOR, change: 'sla-breach', reason: `${measured}; due date passed, escalated to the office head (${settings.officeHead.username}), owner ${record.owner} copied` });
  }
  if (acknowledgeLate) {
    history.push({ at, actor: SLA_ACTOR, change: 'acknowledge-late', reason: `still received, not acknowledged, after ${record.acknowledgeBy}; reminder mailed to the owner ${record.owner}` });
  }
  return {
    record: { ...record, ...(warn ? { slaWarnedAt: at } : {}), ...(escalate ? { slaEscalatedAt: at } : {}), ...(acknowledgeLate ? { ackRemindedAt: at } : {}), version: record.version + 1 },
    history,
  };
}

export type SlaMailContext = Omit<AlertContext, 'to'>;

/** The one mail for a decision: a reminder to the owner, or an escalation to the office head with the owner copied. */
export function slaMail(decision: SlaDecision, settings: ComplaintSettings, context: SlaMailContext): Mail {
  const { record, escalate } = decision;
  const owner = ownerEmail(settings, record.owner);
  const due = `${localMinute(record.timeZone, record.dueAt)} (${record.timeZone})`;
  const subject = escalate
    ? `【超期 OVERDUE】投诉已超过答复期限 Complaint past its due date: ${record.trackingCode} · ${context.departmentName}`
    : `【提醒 Reminder】投诉即将到期 Complaint due soon: ${record.trackingCode} · ${context.departmentName}`;
  const lines = [
    escalate
      ? '一条投诉已超过答复期限，请督办。A complaint has passed its response due date: please follow it up.'
      : '您负责的一条投诉已用去80%的答复时限，请尽快答复。80% of the time to respond to a complaint you own has passed: please respond soon.',
    '',
    `跟踪码 Tracking code: ${record.trackingCode}`,
    `科室 Department: ${context.departmentName}`,
    `答复期限 Due: ${due}`,
    '',
    `查看投诉 Open the case (sign-in required): ${context.caseUrl}`,
  ];
  const to = escalate ? settings.officeHead.email : owner;
  const cc = escalate && owner !== settings.officeHead.email ? [owner] : [];
  return { ...mail(context.from, [to], subject, lines), ...(cc.length === 0 ? {} : { cc }) };
}

/** The owner is reminded that the complainant has not yet been told the complaint was received. */
export function acknowledgeMail(record: ComplaintRecord, settings: ComplaintSettings, context: SlaMailContext): Mail {
  const by = `${localMinute(record.timeZone, record.acknowledgeBy)} (${record.timeZone})`;
  return mail(context.from, [ownerEmail(settings, record.owner)], `【提醒 Reminder】投诉尚未受理 Complaint not yet acknowledged: ${record.trackingCode} · ${context.departmentName}`, [
    '您负责的一条投诉已超过受理期限，仍未告知投诉人已受理，请尽快联系投诉人。A complaint you own is past its acknowledgement deadline: tell the complainant it is being handled, then mark it acknowledged.',
    '',
    `跟踪码 Tracking code: ${record.trackingCode}`,
    `科室 Department: ${context.departmentName}`,
    `受理期限 Acknowledge by: ${by}`,
    '',
    `查看投诉 Open the case (sign-in required): ${context.caseUrl}`,
  ]);
}

export interface SlaMonitorOptions extends MonitorOptions {
  /** Open cases read per query page. */
  readonly pageSize?: number;
}

export interface SlaMonitorResult {
  readonly sites: number;
  /** Open cases looked at. */
  readonly checked: number;
  /** Cases marked warned in this run (an overdue case never warned is marked warned with its escalation). */
  readonly warned: number;
  readonly escalated: number;
  /** Owners reminded of a case not acknowledged in time. */
  readonly acknowledgeReminded: number;
  /** Cases changed by someone else while this run looked at them: left to the next run, which re-reads them. */
  readonly conflicts: number;
  /** Mails not sent, cases with unreadable dates, sites with open cases but no complaint settings (ids in the log). */
  readonly failed: number;
}

/** One run over every site's open cases. */
export async function runSlaMonitor(options: SlaMonitorOptions): Promise<SlaMonitorResult> {
  const { table, now, send = sendMail, pageSize = 100 } = options;
  const counts = { sites: 0, checked: 0, warned: 0, escalated: 0, acknowledgeReminded: 0, conflicts: 0, failed: 0 };
  const siteSettings = new Map<string, ComplaintSettings | undefined>();
  const departmentNames = new Map<string, string>();
  counts.sites = await sweepSites<ComplaintRecord>(table, {
    read: (siteId, cursor) => listComplaints(table, siteId, { openOnly: true }, pageSize, cursor),
    act: async (siteId, items) => {
      const settings = siteSettings.has(siteId) ? siteSettings.get(siteId) : await getComplaintSettings(table, siteId);
      siteSettings.set(siteId, settings);
      if (settings === undefined) {
        logger.error('site has open complaints but no complaint settings: its due dates are not checked', { siteId });
        counts.failed += 1;
        return 'stop';
      }
      const plan = planSla(items, settings, now);
      counts.checked += plan.checked;
      for (const complaintId of plan.invalid) logger.error('complaint dates cannot be read: not checked', { siteId, complaintId });
      counts.failed += plan.invalid.length;
      for (const decision of plan.decisions) {
        const { record, history } = slaChange(decision, settings, now);
        // Saved first, over the version read: of two overlapping runs (a scheduler retry, a slow run) only
        // one wins, and only the winner mails. A case changed meanwhile is skipped; the next run re-reads it.
        try {
          await saveComplaintChange(table, decision.record, record, history, { now });
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
          counts.conflicts += 1;
          continue;
        }
        if (decision.warn) counts.warned += 1;
        if (decision.escalate) counts.escalated += 1;
        if (decision.acknowledgeLate) counts.acknowledgeReminded += 1;
        const nameKey = `${siteId}/${record.departmentId}`;
        let departmentName = departmentNames.get(nameKey);
        if (departmentName === undefined) {
          const department = await getDepartment(table, siteId, record.departmentId);
          departmentName = departmentLabel(department, record.departmentId);
          departmentNames.set(nameKey, departmentName);
        }
        const context = { from: options.mailFrom, departmentName, caseUrl: caseUrl(options.publicBaseUrl, record.id) };
        const mails = [
          ...(decision.warn || decision.escalate ? [slaMail(decision, settings, context)] : []),
          ...(decision.acknowledgeLate ? [acknowledgeMail(record, settings, context)] : []),
        ];
        // At most once: a mail that fails after the save is logged and not retried. Un-marking the case
        // to retry would turn every SES timeout (which may have delivered) and every overlapping run into
        // repeat reminders, and reminders that repeat are reminders staff learn to ignore. What a lost mail
        // loses is a reminder, not the case: the history holds the sla-warning / sla-breach entry, the
        // inbox lists overdue cases first, and the run fails at its end (the handler), so the function's
        // error metric shows that mail is broken. Safety signals, where a lost mail is not acceptable,
        // have their own alert, retried until sent.
        for (const message of mails) {
          try {
            await send(message);
          } catch (error) {
            logger.error('SLA mail not sent', { siteId, complaintId: record.id, mail: decision.escalate ? 'escalation' : decision.warn ? 'reminder' : 'acknowledge', error });
            counts.failed += 1;
          }
        }
      }
      return 'next';
    },
  });
  return counts;
}
