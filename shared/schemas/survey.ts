import * as z from './zod.ts';
import { textField } from './text.ts';

export const OVERALL_OPTIONS = ['very_good', 'good', 'neither', 'poor', 'very_poor', 'dont_know'] as const;
export const OverallSchema = z.enum(OVERALL_OPTIONS);
export type Overall = z.infer<typeof OverallSchema>;

export const RATING_ASPECTS = ['registration', 'waiting', 'environment', 'communication', 'privacy'] as const;
export type RatingAspect = (typeof RATING_ASPECTS)[number];

export const LocaleSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

const Rating = z.int().check(z.minimum(1), z.maximum(5));

export const RatingsSchema = z.strictObject({
  registration: z.optional(Rating),
  waiting: z.optional(Rating),
  environment: z.optional(Rating),
  communication: z.optional(Rating),
  privacy: z.optional(Rating),
});
export type Ratings = z.infer<typeof RatingsSchema>;

// Mainland mobile and landline numbers, with or without +86; spaces and dashes are tolerated.
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

/** The free-text fields' limits, in characters as a patient counts them (the page promises them). */
export const SURVEY_TEXT_LIMITS = { comment: 2000, 'contact.name': 100 } as const;

export const SurveyContactSchema = z.strictObject({
  name: z.optional(textField({ max: SURVEY_TEXT_LIMITS['contact.name'], required: 'a name cannot be blank' })),
  phone: z.optional(z.string().check(z.trim(), z.regex(PHONE, 'must be a phone number'))),
  email: z.optional(z.email().check(z.maxLength(254))),
  consent: z.literal(true, 'the patient must consent to be contacted'),
}).check(z.refine((c) => c.phone !== undefined || c.email !== undefined, {
  message: 'a phone number or an e-mail address is needed to contact the patient',
  path: ['phone'],
}));
export type SurveyContact = z.infer<typeof SurveyContactSchema>;

export const SURVEY_CODE_MAX_LENGTH = 200;

/** The body of `POST /v1/surveys` (api.md): unknown fields are refused. */
export const SurveySubmissionSchema = z.strictObject({
  submissionId: z.uuid(),
  code: z.string().check(z.minLength(1), z.maxLength(SURVEY_CODE_MAX_LENGTH)),
  overall: OverallSchema,
  ratings: z.optional(RatingsSchema),
  waitMinutes: z.optional(z.int().check(z.minimum(0), z.maximum(600))),
  comment: z.optional(textField({ max: SURVEY_TEXT_LIMITS.comment })),
  locale: z.optional(LocaleSchema),
  contact: z.optional(SurveyContactSchema),
});
export type SurveySubmission = z.infer<typeof SurveySubmissionSchema>;

export const SurveyAcceptedSchema = z.object({ id: z.uuid(), status: z.literal('accepted') });
export type SurveyAccepted = z.infer<typeof SurveyAcceptedSchema>;
