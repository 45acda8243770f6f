import { dueDates, spansUnknownYear } from '../sites/working-calendar.ts';
import { classify, type ComplaintClassification, type SafetyLevel } from '../classify/classifier.ts';
import type { ComplaintRecord, StoredContact } from '../schemas/complaint.ts';
import type { ComplaintMessage, SurveyMessage } from '../schemas/intake-message.ts';
import { onDuty, pickOwner } from './assignment.ts';
import { handlerFor } from './routing.ts';
import { type ComplaintSettings, siteClock } from './settings.ts';
import { followUpMessage } from './follow-up-message.ts';

// What the worker makes of a complaint message: the case as the office first sees it. Classified from
// its own words; owned by whoever typed it in, or by the officer on duty with the fewest open cases
// (first-complaint responsibility), or by the office head when nobody is on duty; handled by the
// department the routing table names; due on the site's working-day calendar.

export interface TriagedComplaint {
  readonly record: ComplaintRecord;
  readonly contact?: StoredContact;
  /** What the classifier made of the words (the comment to read takes it, so they are read once). */
  readonly classification: ComplaintClassification;
}

/** The words of a complaint message the classifier reads: the settlement and desired outcome are the complainant's words too. */
export const complaintText = (message: ComplaintMessage): string =>
  [message.complaint.description, message.complaint.desiredOutcome, message.settlement].filter((part) => part !== undefined).join('\n');

/** The username of the officer who typed the complaint in, if a person did. */
const enteringOfficer = (enteredBy: string): string | undefined => (enteredBy.startsWith('user:') ? enteredBy.slice('user:'.length) : undefined);

/** Officers the owner is chosen among right now, so the worker reads only their caseloads. */
export function ownerCandidates(message: ComplaintMessage, settings: ComplaintSettings): string[] {
  const officer = enteringOfficer(message.enteredBy);
  return officer === undefined ? onDuty(settings.rota, new Date(message.receivedAt), message.timeZone) : [];
}

export function triageComplaint(message: ComplaintMessage, settings: ComplaintSettings, openCases: Readonly<Record<string, number>>): TriagedComplaint {
  const { complaint } = message;
  const classification = classify(complaintText(message));
  const safetyLevel = message.safety ?? classification.safetyLevel;
  const owner = enteringOfficer(message.enteredBy) ?? pickOwner(ownerCandidates(message, settings), openCases) ?? settings.officeHead.username;
  const { calendar, limits } = siteClock(settings);
  const due = dueDates(calendar, message.receivedAt, message.timeZone, limits);
  const limit = message.settledOnSpot ? due.onTheSpot : message.multiDepartment ? due.multiDepartment : due.investigation;
  const record: ComplaintRecord = {
    id: complaint.submissionId,
    siteId: message.siteId,
    departmentId: message.departmentId,
    trackingCode: message.trackingCode,
    channel: message.channel,
    enteredBy: message.enteredBy,
    ...(message.firstReceiver === undefined ? {} : { firstReceiver: message.firstReceiver }),
    settledOnSpot: message.settledOnSpot,
    ...(message.settlement === undefined ? {} : { settlement: message.settlement }),
    ...(message.handedToOfficeAt === undefined ? {} : { handedToOfficeAt: message.handedToOfficeAt }),
    multiDepartment: message.multiDepartment,
    ...(message.callId === undefined ? {} : { callId: message.callId }),
    receivedAt: message.receivedAt,
    timeZone: message.timeZone,
    description: complaint.description,
    ...(complaint.incidentDate === undefined ? {} : { incidentDate: complaint.incidentDate }),
    ...(complaint.desiredOutcome === undefined ? {} : { desiredOutcome: complaint.desiredOutcome }),
    ...(complaint.staffInvolved === undefined ? {} : { staffInvolved: complaint.staffInvolved }),
    ...(complaint.locale === undefined ? {} : { locale: complaint.locale }),
    // Settled on the spot: the first receiver already answered; the case is on record, closed.
    status: message.settledOnSpot ? 'closed' : 'received',
    ...(message.settledOnSpot ? { closedAt: message.receivedAt, response: message.settlement ?? '' } : {}),
    category: classification.category,
    classifiedCategory: classification.category,
    severity: safetyLevel === 'signal' ? 'critical' : classification.severity,
    safetyKinds: classification.safetyKinds,
    // A signal alerts at once; a possible one goes to the "please look now" list with a notice (shared/comments/).
    safetySignal: safetyLevel === 'signal',
    safetyLevel,
    terms: [...new Set(classification.terms.filter((t) => t.weight > 0 || t.safetyKind !== undefined).map((t) => t.term))],
    handlerDepartmentId: handlerFor(settings.routing, classification.category, message.departmentId),
    owner,
    acknowledgeBy: due.acknowledge.atUtc,
    // UTC, so the inbox's due-date key sorts as text.
    dueAt: limit.atUtc,
    // Provisional when the days counted to this case's own due date cross a year whose holidays are unknown.
    ...(spansUnknownYear(calendar, due.receivedDay, limit.day) ? { dueProvisional: true } : {}),
    hasContact: complaint.contact !== undefined,
    mailPending: true,
    version: 1,
  };
  return { record, classification, ...(complaint.contact === undefined ? {} : { contact: complaint.contact }) };
}

const POOR = new Set(['poor', 'very_poor']);
const OVERALL_ZH: Readonly<Record<string, string>> = { poor: '差', very_poor: '很差' };

/**
 * A survey opens a follow-up case when the patient rated the visit poor or very poor and asked to be
 * contacted, or when its comment was read as a safety signal (`commentLevel`, whatever the rating, contact
 * or not). A possible signal opens none: it goes to the office's "please look now" list.
 */
export function surveyFollowUp(message: SurveyMessage, key: Buffer, commentLevel: SafetyLevel): ComplaintMessage | undefined {
  const { survey } = message;
  const comment = survey.comment?.trim() ?? '';
  const poorWithContact = POOR.has(survey.overall) && survey.contact !== undefined;
  const safety = comment !== '' && commentLevel === 'signal';
  if (!poorWithContact && !safety) return undefined;
  const rating = OVERALL_ZH[survey.overall];
  const summary = rating === undefined ? '满意度调查留言。' : `满意度调查总体评价“${rating}”${survey.contact === undefined ? '' : '，患者请求联系'}。`;
  return followUpMessage(
    { ...survey, receivedAt: message.receivedAt, siteId: message.siteId, departmentId: message.departmentId, timeZone: message.timeZone },
    comment === '' ? summary : `${summary}\n${comment}`,
    key,
    safety ? 'signal' : undefined,
  );
}
