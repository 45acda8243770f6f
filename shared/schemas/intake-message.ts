import { z } from 'zod';
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
  siteId: z.string().min(1),
  departmentId: z.string().min(1),
  timeZone: z.string().min(1),
  survey: SurveySubmissionSchema.omit({ code: true }),
});
export type SurveyMessage = z.infer<typeof SurveyMessageSchema>;

/** A complaint on its way to the worker, from the page or typed in by the complaint office. */
export const ComplaintMessageSchema = z.strictObject({
  kind: z.literal('complaint'),
  receivedAt: z.iso.datetime({ offset: true }),
  siteId: z.string().min(1),
  departmentId: z.string().min(1),
  timeZone: z.string().min(1),
  trackingCode: z.string().min(1),
  channel: ChannelSchema,
  /** Who typed it in (`user:<name>`), or `patient` for the page. */
  enteredBy: z.string().min(1),
  firstReceiver: z.strictObject({ departmentId: z.string(), name: z.string() }).optional(),
  settledOnSpot: z.boolean(),
  settlement: z.string().optional(),
  handedToOfficeAt: z.iso.datetime({ offset: true }).optional(),
  multiDepartment: z.boolean(),
  /** The comment it comes from was read as a safety signal (a survey's own triage, or the office confirming a possible one): it alerts whatever its words score. */
  safety: z.literal('signal').optional(),
  complaint: z.strictObject({
    submissionId: z.uuid(),
    description: z.string().min(1),
    incidentDate: z.string().optional(),
    desiredOutcome: z.string().optional(),
    staffInvolved: z.string().optional(),
    locale: LocaleSchema.optional(),
    contact: StoredContactSchema.optional(),
  }),
});
export type ComplaintMessage = z.infer<typeof ComplaintMessageSchema>;

export const IntakeMessageSchema = z.discriminatedUnion('kind', [SurveyMessageSchema, ComplaintMessageSchema]);
export type IntakeMessage = z.infer<typeof IntakeMessageSchema>;
