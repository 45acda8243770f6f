import * as z from 'zod';
import { IdSchema } from './site.ts';
import { LocaleSchema, OverallSchema, RatingsSchema } from './survey.ts';
import { textField } from './text.ts';

// Post-discharge callbacks (api.md, "POST /v1/discharges" and "POST /v1/callbacks"): the HIS's list of
// discharged patients, and the outcome of each call made to one of them (or to the complainant of a key
// complaint, for its follow-up call).

/** The HIS's id of a stay: no `#`, so it is safe inside keys; unique per site. */
export const DischargeIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits and . _ - (at most 64)');

const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

export const SERVICE_TYPES = ['inpatient', 'day-surgery', 'counselling', 'treatment', 'outpatient', 'maternity', 'emergency'] as const;

export const DischargePatientSchema = z.strictObject({
  name: textField({ max: 100, required: 'give the patient\'s name' }),
  phone: z.string().trim().regex(PHONE, 'must be a phone number'),
  language: LocaleSchema.optional(),
});
export type DischargePatient = z.infer<typeof DischargePatientSchema>;

/** One discharged patient due a call. `correction: true` updates one sent before (a new phone, doNotCall); otherwise a repeat changes nothing. */
export const DischargeSchema = z.strictObject({
  dischargeId: DischargeIdSchema,
  departmentId: IdSchema,
  dischargedAt: z.iso.datetime({ offset: true }),
  patient: DischargePatientSchema,
  serviceType: z.string().trim().regex(/^[a-z][a-z-]{0,39}$/, 'a service type such as inpatient, day-surgery, counselling, treatment').optional(),
  doNotCall: z.boolean().optional(),
  correction: z.literal(true).optional(),
});
export type Discharge = z.infer<typeof DischargeSchema>;

export const MAX_DISCHARGES_PER_BATCH = 500;

/** The body of `POST /v1/discharges`. Rows are checked one by one afterwards: good rows are taken, bad ones named. */
export const DischargeBatchSchema = z.strictObject({
  batchId: z.uuid(),
  siteId: IdSchema,
  discharges: z.array(z.unknown()).min(1).max(MAX_DISCHARGES_PER_BATCH),
});

export const RefusedRowSchema = z.object({ index: z.number().int(), errors: z.array(z.object({ path: z.string(), message: z.string() })) });
export type RefusedRow = z.infer<typeof RefusedRowSchema>;

export const DischargesAcceptedSchema = z.object({ batchId: z.uuid(), accepted: z.number().int(), refused: z.array(RefusedRowSchema) });
export type DischargesAccepted = z.infer<typeof DischargesAcceptedSchema>;

export const CALL_OUTCOMES = ['reached', 'no_answer', 'busy', 'wrong_number', 'declined', 'patient_deceased'] as const;
export const CallOutcomeSchema = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

export const FOLLOW_UP_RESULTS = ['satisfied', 'not_satisfied'] as const;
export const FollowUpResultSchema = z.enum(FOLLOW_UP_RESULTS);
export type FollowUpResult = z.infer<typeof FollowUpResultSchema>;

export const CALLBACK_TEXT_LIMITS = { comment: 2000, issue: 4000 } as const;
export const MAX_ISSUES_PER_CALL = 10;

export const CallIssueSchema = z.strictObject({
  description: textField({ max: CALLBACK_TEXT_LIMITS.issue, required: 'say what the patient raised' }),
  departmentId: IdSchema.optional(),
});
export type CallIssue = z.infer<typeof CallIssueSchema>;

/** The body of `POST /v1/callbacks`: one attempt's outcome, idempotent on submissionId. */
export const CallbackSubmissionSchema = z.strictObject({
  submissionId: z.uuid(),
  siteId: IdSchema,
  dischargeId: DischargeIdSchema.optional(),
  /** Instead of dischargeId: the follow-up call of a key complaint. */
  complaintId: z.string().min(1).max(64).optional(),
  calledAt: z.iso.datetime({ offset: true }),
  outcome: CallOutcomeSchema,
  overall: OverallSchema.optional(),
  ratings: RatingsSchema.optional(),
  comment: textField({ max: CALLBACK_TEXT_LIMITS.comment }).optional(),
  issues: z.array(CallIssueSchema).max(MAX_ISSUES_PER_CALL).optional(),
  /** A key complaint's follow-up: was the patient satisfied with how it was handled? */
  followUp: FollowUpResultSchema.optional(),
}).superRefine((c, context) => {
  if ((c.dischargeId === undefined) === (c.complaintId === undefined)) context.addIssue({ code: 'custom', path: ['dischargeId'], message: 'give either dischargeId or complaintId' });
  if (c.outcome !== 'reached') {
    for (const field of ['overall', 'ratings', 'issues', 'followUp'] as const) {
      if (c[field] !== undefined) context.addIssue({ code: 'custom', path: [field], message: 'only when the patient was reached' });
    }
  }
  if (c.complaintId !== undefined && c.outcome === 'reached' && c.followUp === undefined) context.addIssue({ code: 'custom', path: ['followUp'], message: 'say whether the patient is satisfied with how the complaint was handled' });
  if (c.dischargeId !== undefined && c.followUp !== undefined) context.addIssue({ code: 'custom', path: ['followUp'], message: 'only for the follow-up call of a complaint' });
});
export type CallbackSubmission = z.infer<typeof CallbackSubmissionSchema>;

export const CallbackAcceptedSchema = z.object({ id: z.uuid() });

export const CALL_STATUSES = ['due', 'attempted', 'done'] as const;
export const CallStatusSchema = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof CallStatusSchema>;

/** How a call ended: `unreachable` after the last attempt (or a wrong number), `do_not_call` never listed (counted declined). */
export const CALL_RESULTS = ['reached', 'declined', 'unreachable', 'deceased', 'do_not_call'] as const;
export const CallResultSchema = z.enum(CALL_RESULTS);
export type CallResult = z.infer<typeof CallResultSchema>;

export const AttemptSchema = z.object({ submissionId: z.string(), at: z.string(), outcome: CallOutcomeSchema, by: z.string() });
export type Attempt = z.infer<typeof AttemptSchema>;

/**
 * A call as stored: one per discharge (`discharge:<id>`) or per closed key complaint (`complaint:<id>`).
 * No name or phone: those are in the call's personal item, which expires.
 */
export const CallRecordSchema = z.object({
  callId: z.string(),
  kind: z.enum(['discharge', 'follow-up']),
  siteId: z.string(),
  departmentId: z.string(),
  timeZone: z.string(),
  dischargeId: z.string().optional(),
  complaintId: z.string().optional(),
  /** The discharge day (or the day the complaint closed): the callback counters count on it. */
  cohortDay: z.string(),
  dischargedAt: z.string().optional(),
  serviceType: z.string().optional(),
  language: LocaleSchema.optional(),
  status: CallStatusSchema,
  result: CallResultSchema.optional(),
  attempts: z.array(AttemptSchema),
  /** The day the next attempt is due, in the site's zone. */
  dueDay: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  claimedBy: z.string().optional(),
  claimedUntil: z.string().optional(),
  complaintIds: z.array(z.string()),
  followUp: FollowUpResultSchema.optional(),
  closedAt: z.string().optional(),
  version: z.number().int().min(1),
});
export type CallRecord = z.infer<typeof CallRecordSchema>;

export const PersonSchema = z.object({ name: z.string(), phone: z.string() });
export type Person = z.infer<typeof PersonSchema>;
