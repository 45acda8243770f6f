import * as z from './zod.ts';
import { IdSchema } from './site.ts';
import { LocaleSchema, OverallSchema, RatingsSchema } from './survey.ts';
import { textField } from './text.ts';

// Post-discharge callbacks (api.md, "POST /v1/discharges" and "POST /v1/callbacks"): the HIS's list of
// discharged patients, and the outcome of each call made to one of them (or to the complainant of a key
// complaint, for its follow-up call).

/** The HIS's id of a stay: no `#`, so it is safe inside keys; unique per site. */
export const DischargeIdSchema = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits and . _ - (at most 64)'));

const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

export const SERVICE_TYPES = ['inpatient', 'day-surgery', 'counselling', 'treatment', 'outpatient', 'maternity', 'emergency'] as const;

export const DischargePatientSchema = z.strictObject({
  name: textField({ max: 100, required: 'give the patient\'s name' }),
  phone: z.string().check(z.trim(), z.regex(PHONE, 'must be a phone number')),
  language: z.optional(LocaleSchema),
});
export type DischargePatient = z.infer<typeof DischargePatientSchema>;

/** One discharged patient due a call. `correction: true` updates one sent before (a new phone, doNotCall); otherwise a repeat changes nothing. */
export const DischargeSchema = z.strictObject({
  dischargeId: DischargeIdSchema,
  departmentId: IdSchema,
  dischargedAt: z.iso.datetime({ offset: true }),
  patient: DischargePatientSchema,
  serviceType: z.optional(z.string().check(z.trim(), z.regex(/^[a-z][a-z-]{0,39}$/, 'a service type such as inpatient, day-surgery, counselling, treatment'))),
  doNotCall: z.optional(z.boolean()),
  correction: z.optional(z.literal(true)),
});
export type Discharge = z.infer<typeof DischargeSchema>;

export const MAX_DISCHARGES_PER_BATCH = 500;

/** The body of `POST /v1/discharges`. Rows are checked one by one afterwards: good rows are taken, bad ones named. */
export const DischargeBatchSchema = z.strictObject({
  batchId: z.uuid(),
  siteId: IdSchema,
  discharges: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_DISCHARGES_PER_BATCH)),
});

export const RefusedRowSchema = z.object({ index: z.int(), errors: z.array(z.object({ path: z.string(), message: z.string() })) });
export type RefusedRow = z.infer<typeof RefusedRowSchema>;

export const DischargesAcceptedSchema = z.object({ batchId: z.uuid(), accepted: z.int(), refused: z.array(RefusedRowSchema) });
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
  departmentId: z.optional(IdSchema),
});
export type CallIssue = z.infer<typeof CallIssueSchema>;

/** The body of `POST /v1/callbacks`: one attempt's outcome, idempotent on submissionId. */
export const CallbackSubmissionSchema = z.strictObject({
  submissionId: z.uuid(),
  siteId: IdSchema,
  dischargeId: z.optional(DischargeIdSchema),
  /** Instead of dischargeId: the follow-up call of a key complaint. */
  complaintId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  calledAt: z.iso.datetime({ offset: true }),
  outcome: CallOutcomeSchema,
  overall: z.optional(OverallSchema),
  ratings: z.optional(RatingsSchema),
  comment: z.optional(textField({ max: CALLBACK_TEXT_LIMITS.comment })),
  issues: z.optional(z.array(CallIssueSchema).check(z.maxLength(MAX_ISSUES_PER_CALL))),
  /** A key complaint's follow-up: was the patient satisfied with how it was handled? */
  followUp: z.optional(FollowUpResultSchema),
}).check(z.superRefine((c, context) => {
  if ((c.dischargeId === undefined) === (c.complaintId === undefined)) context.addIssue({ code: 'custom', path: ['dischargeId'], message: 'give either dischargeId or complaintId' });
  if (c.outcome !== 'reached') {
    for (const field of ['overall', 'ratings', 'issues', 'followUp'] as const) {
      if (c[field] !== undefined) context.addIssue({ code: 'custom', path: [field], message: 'only when the patient was reached' });
    }
  }
  if (c.complaintId !== undefined && c.outcome === 'reached' && c.followUp === undefined) context.addIssue({ code: 'custom', path: ['followUp'], message: 'say whether the patient is satisfied with how the complaint was handled' });
  if (c.dischargeId !== undefined && c.followUp !== undefined) context.addIssue({ code: 'custom', path: ['followUp'], message: 'only for the follow-up call of a complaint' });
}));
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
  dischargeId: z.optional(z.string()),
  complaintId: z.optional(z.string()),
  /** The discharge day (or the day the complaint closed): the callback counters count on it. */
  cohortDay: z.string(),
  dischargedAt: z.optional(z.string()),
  serviceType: z.optional(z.string()),
  language: z.optional(LocaleSchema),
  status: CallStatusSchema,
  result: z.optional(CallResultSchema),
  attempts: z.array(AttemptSchema),
  /** The day the next attempt is due, in the site's zone. */
  dueDay: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  claimedBy: z.optional(z.string()),
  claimedUntil: z.optional(z.string()),
  complaintIds: z.array(z.string()),
  followUp: z.optional(FollowUpResultSchema),
  closedAt: z.optional(z.string()),
  version: z.int().check(z.minimum(1)),
});
export type CallRecord = z.infer<typeof CallRecordSchema>;

export const PersonSchema = z.object({ name: z.string(), phone: z.string() });
export type Person = z.infer<typeof PersonSchema>;
