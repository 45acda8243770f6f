import * as z from './zod.ts';
import { CategorySchema, SafetyKindSchema, SeveritySchema } from '../classify/categories.ts';
import { SafetyLevelSchema } from './comment.ts';
import { IdSchema } from './site.ts';
import { LocaleSchema } from './survey.ts';
import { textField } from './text.ts';

// Complaints (api.md): from patients and families on the page (POST /v1/complaints), and from the
// complaint office for every other channel (POST /v1/admin/complaints).

/** The channels the complaint office types a complaint in from: every one but the page. */
const OFFICE_CHANNELS = ['hotline', 'letter', 'opinion-box', 'walk-in', 'email', 'supervisor', 'callback', 'survey-follow-up'] as const;
export const CHANNELS = ['qr-page', ...OFFICE_CHANNELS] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

/** The free-text fields' limits, in characters as a patient counts them (the pages promise them). */
export const COMPLAINT_TEXT_LIMITS = { description: 4000, desiredOutcome: 1000, staffInvolved: 200, settlement: 2000, name: 100 } as const;

const Name = textField({ max: COMPLAINT_TEXT_LIMITS.name, required: 'give a name' });

export const ComplaintContactSchema = z.strictObject({
  name: Name,
  relation: z.enum(['patient', 'family', 'other']),
  phone: z.optional(z.string().check(z.trim(), z.regex(PHONE, 'must be a phone number'))),
  email: z.optional(z.email().check(z.maxLength(254))),
  consent: z.literal(true, 'the patient must consent to be contacted'),
});
export type ComplaintContact = z.infer<typeof ComplaintContactSchema>;

/**
 * Contact details as kept with a case: the office may record them without the patient's written consent
 * (a hotline caller), and a survey follow-up may carry no name.
 */
export const StoredContactSchema = z.extend(
  z.partial(z.omit(ComplaintContactSchema, { consent: true }), { name: true }),
  { consent: z.boolean() },
);
export type StoredContact = z.infer<typeof StoredContactSchema>;

const Description = textField({ max: COMPLAINT_TEXT_LIMITS.description, required: 'say what happened' });
const DesiredOutcome = textField({ max: COMPLAINT_TEXT_LIMITS.desiredOutcome });
const StaffInvolved = textField({ max: COMPLAINT_TEXT_LIMITS.staffInvolved });
const Day = z.iso.date();

/** The body of `POST /v1/complaints`: a patient or family member, from the page. */
export const PatientComplaintSchema = z.strictObject({
  submissionId: z.uuid(),
  code: z.string().check(z.minLength(1), z.maxLength(200)),
  description: Description,
  incidentDate: z.optional(Day),
  desiredOutcome: z.optional(DesiredOutcome),
  staffInvolved: z.optional(StaffInvolved),
  locale: z.optional(LocaleSchema),
  contact: z.optional(ComplaintContactSchema),
});
export type PatientComplaint = z.infer<typeof PatientComplaintSchema>;

/** The body of `POST /v1/admin/complaints`: the complaint office types in what came by another channel. */
export const StaffComplaintSchema = z.strictObject({
  submissionId: z.uuid(),
  siteId: IdSchema,
  /** The department the complaint is about. */
  departmentId: IdSchema,
  channel: z.enum(OFFICE_CHANNELS),
  receivedAt: z.iso.datetime({ offset: true }),
  /** First-complaint responsibility: who first received it, and whether they settled it on the spot. */
  firstReceiver: z.strictObject({ departmentId: IdSchema, name: Name }),
  settledOnSpot: z.boolean(),
  settlement: z.optional(textField({ max: COMPLAINT_TEXT_LIMITS.settlement })),
  handedToOfficeAt: z.optional(z.iso.datetime({ offset: true })),
  multiDepartment: z._default(z.boolean(), false),
  description: Description,
  incidentDate: z.optional(Day),
  desiredOutcome: z.optional(DesiredOutcome),
  staffInvolved: z.optional(StaffInvolved),
  contact: z.optional(z.required(StoredContactSchema, { name: true })),
}).check(z.refine((c) => !c.settledOnSpot || (c.settlement ?? '') !== '', { message: 'say how it was settled', path: ['settlement'] }));
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
  firstReceiver: z.optional(z.object({ departmentId: z.string(), name: z.string() })),
  settledOnSpot: z.boolean(),
  settlement: z.optional(z.string()),
  handedToOfficeAt: z.optional(z.string()),
  multiDepartment: z.boolean(),
  receivedAt: z.string(),
  /** The site's zone: the day a complaint counts on, and the day its working-day limits start from. */
  timeZone: z.string(),
  description: z.string(),
  incidentDate: z.optional(z.string()),
  desiredOutcome: z.optional(z.string()),
  staffInvolved: z.optional(z.string()),
  locale: z.optional(LocaleSchema),
  status: ComplaintStatusSchema,
  category: CategorySchema,
  /** What the classifier said, kept when staff correct `category`: the classifier's accuracy in real use. */
  classifiedCategory: z.optional(CategorySchema),
  severity: SeveritySchema,
  safetyKinds: z.array(SafetyKindSchema),
  safetySignal: z.boolean(),
  /** The classifier's level (cases stored before it existed have none): `possible` sits on the office's "please look now" list. */
  safetyLevel: z.optional(SafetyLevelSchema),
  /** The words that decided the category and severity, so a reader can see why. */
  terms: z.array(z.string()),
  handlerDepartmentId: z.string(),
  owner: z.string(),
  acknowledgeBy: z.string(),
  dueAt: z.string(),
  /** The due date lies in a year whose national holidays are not known yet: it may move. */
  dueProvisional: z.optional(z.boolean()),
  hasContact: z.boolean(),
  outcome: z.optional(z.enum(['substantiated', 'partly-substantiated', 'not-substantiated'])),
  /** What the patient was told. */
  response: z.optional(z.string()),
  followUpDue: z.optional(z.boolean()),
  /** The follow-up call's answer: was the patient satisfied with how the complaint was handled? */
  followUpResult: z.optional(z.enum(['satisfied', 'not_satisfied'])),
  /** The callback it was raised on (channel callback), as the call's id. */
  callId: z.optional(z.string()),
  closedAt: z.optional(z.string()),
  /** Set until the case's first mails (the safety alert, the owner's and handler's notices) have gone out; the worker retries until they have. */
  mailPending: z.boolean(),
  /** When the sla-monitor warned the owner that 80% of the time to `dueAt` had passed (once per due date). */
  slaWarnedAt: z.optional(z.string()),
  /** When the sla-monitor told the owner that the case was still not acknowledged at `acknowledgeBy` (once). */
  ackRemindedAt: z.optional(z.string()),
  /** When the sla-monitor told the office head that `dueAt` had passed (once per due date). */
  slaEscalatedAt: z.optional(z.string()),
  version: z.int().check(z.minimum(1)),
});
export type ComplaintRecord = z.infer<typeof ComplaintRecordSchema>;

export const HistoryEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  change: z.enum(['received', 'owner', 'handler', 'status', 'category', 'severity', 'due', 'alert', 'sla-warning', 'sla-breach', 'acknowledge-late', 'follow-up']),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  reason: z.optional(z.string()),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
