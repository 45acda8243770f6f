import * as z from './zod.ts';
import { CallbackSubmissionSchema, DischargeSchema } from './callback.ts';
import { ChannelSchema, StoredContactSchema } from './complaint.ts';
import { CaseNoticeMessageSchema } from './notify-message.ts';
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
 * A case notice on the intake queue was queued there on 5 December, before notices had their own queue;
 * the worker passes it on to the notify queue, so one still waiting at the upgrade is mailed, not
 * dead-lettered.
 */
export const IntakeMessageSchema = z.discriminatedUnion('kind', [SurveyMessageSchema, ComplaintMessageSchema, DischargesMessageSchema, CallbackMessageSchema, CaseNoticeMessageSchema]);
export type IntakeMessage = z.infer<typeof IntakeMessageSchema>;
