import * as z from '../../schemas/zod.ts';
import { ValidationError } from '../../platform/domain-errors.ts';
import { CategorySchema } from '../categories.ts';
import type { TrainingExample } from './train.ts';

// The labels a hospital's staff give in use, exported for `npm run classifier:train -- --with-corrections
// FILE`: a category corrected on a case, a possible safety signal confirmed or dismissed. The file holds
// the comment's words and the label, never contact details, and says whether the site consented to its
// corrections training the model; without that consent it is refused.

export const CORRECTIONS_FORMAT = 'complaint-corrections/1';

export const CorrectionSchema = z.strictObject({
  text: z.string().check(z.trim(), z.minLength(1)),
  /** The category staff set, when they corrected it. */
  category: z.optional(CategorySchema),
  /** true when staff confirmed a possible signal (or raised a case to critical), false when they dismissed one. */
  safety: z.optional(z.boolean()),
}).check(z.refine((c) => c.category !== undefined || c.safety !== undefined, { message: 'a correction labels a category, safety, or both' }));
export type Correction = z.infer<typeof CorrectionSchema>;

export const CorrectionsFileSchema = z.strictObject({
  format: z.literal(CORRECTIONS_FORMAT),
  siteId: z.string().check(z.minLength(1)),
  exportedAt: z.iso.datetime(),
  /** The site's consent setting when it was exported. */
  trainingConsent: z.boolean(),
  corrections: z.array(CorrectionSchema),
});
export type CorrectionsFile = z.infer<typeof CorrectionsFileSchema>;

/** The training examples in an exported corrections file; throws ValidationError on a malformed file or one without consent. */
export function correctionExamples(json: unknown): TrainingExample[] {
  const parsed = CorrectionsFileSchema.safeParse(json);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  if (!parsed.data.trainingConsent) throw ValidationError.field('trainingConsent', `site ${parsed.data.siteId} has not consented to its corrections training the classifier`);
  return parsed.data.corrections;
}
