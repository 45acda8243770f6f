import * as z from 'zod';
import { CategorySchema, SafetyKindSchema, SeveritySchema } from '../classify/categories.ts';
import { SafetyLevelSchema } from './comment.ts';
import { IdSchema } from './site.ts';
import { LocaleSchema } from './survey.ts';
import { textField } from './text.ts';

// Complaints (api.md): from patients and families on the page (POST /v1/complaints), and from the
// complaint office for every other channel (POST /v1/admin/complaints).

export const CHANNELS = ['qr-page', 'hotline', 'letter', 'opinion-box', 'walk-in', 'email', 'supervisor', 'callback', 'survey-follow-up'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

/** The free-text fields' limits, in characters as a patient counts them (the pages promise them). */
export const COMPLAINT_TEXT_LIMITS = { description: 4000, desiredOutcome: 1000, staffInvolved: 200, settlement: 2000, name: 100 } as const;

const Name = textField({ max: COMPLAINT_TEXT_LIMITS.name, required: 'give a name' });

export const ComplaintContactSchema = z.strictObject({
  name: Name,
  relation: z.enum(['patient', 'family', 'other']),
  phone: z.string().trim().regex(PHONE, 'must be a phone number').optional(),
  email: z.email().max(254).optional(),
  consent: z.literal(true, 'the patient must consent to be contacted'),
});
export type ComplaintContact = z.infer<typeof ComplaintContactSchema>;

/**
 * Contact details as kept with a case: the office may record them without the patient's written consent
 * (a hotline caller), and a survey follow-up may carry no name.
 */
export const StoredContactSchema = ComplaintContactSchema.omit({ consent: true }).partial({ name: true }).extend({ consent: z.boolean() });
export type StoredContact = z.infer<typeof StoredContactSchema>;

const Description = textField({ max: COMPLAINT_TEXT_LIMITS.description, required: 'say what happened' });
const DesiredOutcome = textField({ max: COMPLAINT_TEXT_LIMITS.desiredOutcome });
const StaffInvolved = textField({ max: COMPLAINT_TEXT_LIMITS.staffInvolved });
const Day = z.iso.date();

/** The body of `POST /v1/complaints`: a patient or family member, from the page. */
export const PatientComplaintSchema = z.strictObject({
  submissionId: z.uuid(),
  code: z.string().min(1).max(200),
  description: Description,
  incidentDate: Day.optional(),
  desiredOutcome: DesiredOutcome.optional(),
  staffInvolved: StaffInvolved.optional(),
  locale: LocaleSchema.optional(),
  contact: ComplaintContactSchema.optional(),
});
export type PatientComplaint = z.infer<typeof PatientComplaintSchema>;

/** The body of `POST /v1/admin/complaints`: the complaint office types in what came by another channel. */
export const StaffComplaintSchema = z.strictObject({
  submissionId: z.uuid(),
  siteId: IdSchema,
  /** The department the complaint is about. */
  departmentId: IdSchema,
  channel: ChannelSchema.exclude(['qr-page']),
  receivedAt: z.iso.datetime({ offset: true }),
  /** First-complaint responsibility: who first received it, and whether they settled it on the spot. */
  firstReceiver: z.strictObject({ departmentId: IdSchema, name: Name }),
  settledOnSpot: z.boolean(),
  settlement: textField({ max: COMPLAINT_TEXT_LIMITS.settlement }).optional(),
  handedToOfficeAt: z.iso.datetime({ offset: true }).optional(),
  multiDepartment: z.boolean().default(false),
  description: Description,
  incidentDate: Day.optional(),
  desiredOutcome: DesiredOutcome.optional(),
  staffInvolved: StaffInvolved.optional(),
  contact: StoredContactSchema.required({ name: true }).optional(),
}).refine((c) => !c.settledOnSpot || (c.settlement ?? '') !== '', { message: 'say how it was settled', path: ['settlement'] });
export type StaffComplaint = z.infer<typeof StaffComplaintSchema>;

export const ComplaintAcceptedSchema = z.object({ id: z.string(), trackingCode: z.string() });
export type ComplaintAccepted = z.infer<typeof ComplaintAcceptedSchema>;

export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'investigating', 'responded', 'closed', 'withdrawn'] as const;
export const ComplaintStatusSchema = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof ComplaintStatusSchema>;

/** Still being worked on: not closed and not withdrawn. */
export const isOpen = (c: { readonly status: ComplaintStatus }): boolean => c.status !== 'closed' && c.status !== 'withdrawn';


/** A complaint as stored: the case the office works on. Contact details are kept apart (they expire). */
export const ComplaintRecordSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  departmentId: z.string(),
  trackingCode: z.string(),
  channel: ChannelSchema,
  enteredBy: z.string(),
  firstReceiver: z.object({ departmentId: z.string(), name: z.string() }).optional(),
  settledOnSpot: z.boolean(),
  settlement: z.string().optional(),
  handedToOfficeAt: z.string().optional(),
  multiDepartment: z.boolean(),
  receivedAt: z.string(),
  /** The site's zone: the day a complaint counts on, and the day its working-day limits start from. */
  timeZone: z.string(),
  description: z.string(),
  incidentDate: z.string().optional(),
  desiredOutcome: z.string().optional(),
  staffInvolved: z.string().optional(),
  locale: LocaleSchema.optional(),
  status: ComplaintStatusSchema,
  category: CategorySchema,
  /** What the classifier said, kept when staff correct `category`: the classifier's accuracy in real use. */
  classifiedCategory: CategorySchema.optional(),
  severity: SeveritySchema,
  safetyKinds: z.array(SafetyKindSchema),
  safetySignal: z.boolean(),
  /** The classifier's level (cases stored before it existed have none): `possible` sits on the office's "please look now" list. */
  safetyLevel: SafetyLevelSchema.optional(),
  /** The words that decided the category and severity, so a reader can see why. */
  terms: z.array(z.string()),
  handlerDepartmentId: z.string(),
  owner: z.string(),
  acknowledgeBy: z.string(),
  dueAt: z.string(),
  /** The due date lies in a year whose national holidays are not known yet: it may move. */
  dueProvisional: z.boolean().optional(),
  hasContact: z.boolean(),
  outcome: z.enum(['substantiated', 'partly-substantiated', 'not-substantiated']).optional(),
  /** What the patient was told. */
  response: z.string().optional(),
  followUpDue: z.boolean().optional(),
  /** The follow-up call's answer: was the patient satisfied with how the complaint was handled? */
  followUpResult: z.enum(['satisfied', 'not_satisfied']).optional(),
  /** The callback it was raised on (channel callback), as the call's id. */
  callId: z.string().optional(),
  closedAt: z.string().optional(),
  /** Set until the case's first mails (the safety alert, the owner's and handler's notices) have gone out; the worker retries until they have. */
  mailPending: z.boolean(),
  /** When the sla-monitor warned the owner that 80% of the time to `dueAt` had passed (once per due date). */
  slaWarnedAt: z.string().optional(),
  /** When the sla-monitor told the owner that the case was still not acknowledged at `acknowledgeBy` (once). */
  ackRemindedAt: z.string().optional(),
  /** When the sla-monitor told the office head that `dueAt` had passed (once per due date). */
  slaEscalatedAt: z.string().optional(),
  version: z.number().int().min(1),
});
export type ComplaintRecord = z.infer<typeof ComplaintRecordSchema>;

export const HistoryEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  change: z.enum(['received', 'owner', 'handler', 'status', 'category', 'severity', 'due', 'alert', 'sla-warning', 'sla-breach', 'acknowledge-late', 'follow-up']),
  from: z.string().optional(),
  to: z.string().optional(),
  reason: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
