import * as z from './zod.ts';
import { CallbackSubmissionSchema, DischargeSchema } from './callback.ts';
import { ChannelSchema, StoredContactSchema } from './complaint.ts';
import { LocaleSchema, SurveySubmissionSchema } from './survey.ts';

/**
 * What the intake Lambda puts on the intake queue: the validated submission plus what the edge resolved
 * (which department the code belongs to, when it was accepted). The code itself is dropped: it is
 * not needed past the edge.
 */
export const SurveyMessageSchema = z.strictObject({
  kind: z.literal('survey'),
  receivedAt: z.iso.datetime({ offset: true }),
  siteId: z.string().check(z.minLength(1)),
  departmentId: z.string().check(z.minLength(1)),
  timeZone: z.string().check(z.minLength(1)),
  survey: z.omit(SurveySubmissionSchema, { code: true }),
});
export type SurveyMessage = z.infer<typeof SurveyMessageSchema>;

/** A complaint on its way to the worker, from the page or typed in by the complaint office. */
export const ComplaintMessageSchema = z.strictObject({
  kind: z.literal('complaint'),
  receivedAt: z.iso.datetime({ offset: true }),
  siteId: z.string().check(z.minLength(1)),
  departmentId: z.string().check(z.minLength(1)),
  timeZone: z.string().check(z.minLength(1)),
  trackingCode: z.string().check(z.minLength(1)),
  channel: ChannelSchema,
  /** Who typed it in (`user:<name>`), or `patient` for the page. */
  enteredBy: z.string().check(z.minLength(1)),
  firstReceiver: z.optional(z.strictObject({ departmentId: z.string(), name: z.string() })),
  settledOnSpot: z.boolean(),
  settlement: z.optional(z.string()),
  handedToOfficeAt: z.optional(z.iso.datetime({ offset: true })),
  multiDepartment: z.boolean(),
  /** The call it was raised on (channel callback): the case links back to it. */
  callId: z.optional(z.string()),
  /** The comment it comes from was read as a safety signal (a survey's own triage, or the office confirming a possible one): it alerts whatever its words score. */
  safety: z.optional(z.literal('signal')),
  complaint: z.strictObject({
    submissionId: z.uuid(),
    description: z.string().check(z.minLength(1)),
    incidentDate: z.optional(z.string()),
    desiredOutcome: z.optional(z.string()),
    staffInvolved: z.optional(z.string()),
    locale: z.optional(LocaleSchema),
    contact: z.optional(StoredContactSchema),
  }),
});
export type ComplaintMessage = z.infer<typeof ComplaintMessageSchema>;

/** Up to DISCHARGES_PER_MESSAGE rows of one batch, checked at the edge; each stored once by (site, dischargeId). */
export const DischargesMessageSchema = z.strictObject({
  kind: z.literal('discharges'),
  receivedAt: z.iso.datetime({ offset: true }),
  siteId: z.string().check(z.minLength(1)),
  timeZone: z.string().check(z.minLength(1)),
  batchId: z.uuid(),
  enteredBy: z.string().check(z.minLength(1)),
  discharges: z.array(DischargeSchema).check(z.minLength(1), z.maxLength(25)),
});
export type DischargesMessage = z.infer<typeof DischargesMessageSchema>;
export const DISCHARGES_PER_MESSAGE = 25;

/** One call attempt's outcome, on the call the edge found and checked. */
export const CallbackMessageSchema = z.strictObject({
  kind: z.literal('callback'),
  receivedAt: z.iso.datetime({ offset: true }),
  siteId: z.string().check(z.minLength(1)),
  departmentId: z.string().check(z.minLength(1)),
  timeZone: z.string().check(z.minLength(1)),
  callId: z.string().check(z.minLength(1)),
  /** Who recorded it (`user:<name>` or `client:<id>`): owner of the complaints it raises. */
  recordedBy: z.string().check(z.minLength(1)),
  callback: CallbackSubmissionSchema,
});
export type CallbackMessage = z.infer<typeof CallbackMessageSchema>;

/**
 * A change to a case that someone must hear of, queued by the change (shared/complaints/change-case.ts) so
 * the worker mails it: a mail SES fails to take is retried with the message, and dead-lettered with the
 * operator alerted after the last try, rather than lost beside a change that stands. Each notice is sent
 * only while it still holds when the worker reads the case (see changeMails).
 */
export const CaseNoticeMessageSchema = z.strictObject({
  kind: z.literal('case-notice'),
  complaintId: z.string().check(z.minLength(1)),
  /** Raised to critical by staff: the owner and the safety contact are alerted. */
  raisedToCritical: z.boolean(),
  /** A new owner, told the case is theirs. */
  owner: z.optional(z.string()),
  /** A new handler department, told to investigate. */
  handlerDepartmentId: z.optional(z.string()),
});
export type CaseNoticeMessage = z.infer<typeof CaseNoticeMessageSchema>;

export const IntakeMessageSchema = z.discriminatedUnion('kind', [SurveyMessageSchema, ComplaintMessageSchema, DischargesMessageSchema, CallbackMessageSchema, CaseNoticeMessageSchema]);
export type IntakeMessage = z.infer<typeof IntakeMessageSchema>;

/**
 * The part of the worker's SQS event it reads: each record's id and body (the body is checked record by
 * record), from SQS. Ours rather than Powertools' SqsSchema, whose `import { z }` form keeps all of zod, locales
 * included, in the bundle (350 KB).
 */
export const IntakeEventSchema = z.object({
  Records: z.array(z.object({ eventSource: z.literal('aws:sqs'), messageId: z.string().check(z.minLength(1)), body: z.string() })),
});
