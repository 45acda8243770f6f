import { type SurveyMessage, SurveyMessageSchema } from '../../shared/schemas/intake-message.ts';

/** A deterministic, valid (RFC 9562 version 4) uuid per number, so failures name the same ids every run. */
export function uuidFor(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export interface SurveyMessageOverrides extends Partial<Omit<SurveyMessage, 'survey'>> {
  readonly survey?: Partial<SurveyMessage['survey']>;
}

/**
 * An intake message as the survey-intake function enqueues it. Parsed with the real schema, so a test
 * can never start from a message the worker would refuse.
 */
export function surveyMessage(n: number, overrides: SurveyMessageOverrides = {}): SurveyMessage {
  const { survey, ...envelope } = overrides;
  return SurveyMessageSchema.parse({
    kind: 'survey',
    receivedAt: '2026-11-22T16:30:00.000+00:00',
    siteId: 'demo',
    departmentId: 'cardiology-ward',
    timeZone: 'Asia/Shanghai',
    ...envelope,
    survey: { submissionId: uuidFor(n), overall: 'good', ...survey },
  });
}
