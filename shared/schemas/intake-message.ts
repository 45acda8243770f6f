import { z } from 'zod';
import { SurveySubmissionSchema } from './survey.ts';

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

export const IntakeMessageSchema = z.discriminatedUnion('kind', [SurveyMessageSchema]);
export type IntakeMessage = z.infer<typeof IntakeMessageSchema>;
