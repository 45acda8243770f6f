import * as z from '../schemas/zod.ts';

// A site's callback settings (issue 10): the window a discharged patient is called in, the retry schedule,
// how long the patient's name and phone number are kept once the call closes, and the coverage target.
// Absent, the defaults apply: from the day after discharge to 30 days after, up to 3 attempts on
// different days, 30 days, 50% (domain.md: at least half of discharged patients are phoned).

export const CallbackSettingsSchema = z.strictObject({
  /** Working days after the discharge day the window opens (1: the first working day after). */
  windowStartWorkingDays: z.int().check(z.minimum(0), z.maximum(30)),
  /** Calendar days after the discharge day the window closes (moved back to a working day). */
  windowEndDays: z.int().check(z.minimum(1), z.maximum(180)),
  maxAttempts: z.int().check(z.minimum(1), z.maximum(10)),
  /** Days the name and phone number are kept after the call closes. */
  personalDataDays: z.int().check(z.minimum(1), z.maximum(365)),
  coverageTarget: z.number().check(z.minimum(0), z.maximum(1)),
}).check(z.refine((s) => s.windowStartWorkingDays <= s.windowEndDays, { message: 'the window must open before it closes', path: ['windowEndDays'] }));
export type CallbackSettings = z.infer<typeof CallbackSettingsSchema>;

export const DEFAULT_CALLBACK_SETTINGS: CallbackSettings = Object.freeze({
  windowStartWorkingDays: 1,
  windowEndDays: 30,
  maxAttempts: 3,
  personalDataDays: 30,
  coverageTarget: 0.5,
});
