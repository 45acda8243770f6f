import { validationFailed } from './http/problem.ts';
import type { SurveyMessage } from './schemas/intake-message.ts';
import { type SurveyAccepted, SurveySubmissionSchema } from './schemas/survey.ts';
import { enforceRateLimit } from './rate-limit.ts';
import { resolveSurveyCode, unknownSurveyCode } from './survey-codes.ts';

// The public intake path only checks and enqueues, so it answers in milliseconds and keeps working
// while the worker or the aggregates are down. A rejected request enqueues nothing.

export interface IntakeContext {
  readonly table: string;
  readonly key: Buffer;
  readonly sourceIp: string;
  readonly rateLimitPerMinute: number;
  readonly enqueue: (message: SurveyMessage) => Promise<unknown>;
  readonly now?: Date;
}

export async function acceptSurvey(body: unknown, context: IntakeContext): Promise<SurveyAccepted> {
  const now = context.now ?? new Date();
  await enforceRateLimit(context.table, context.key, context.sourceIp, context.rateLimitPerMinute, now);
  const parsed = SurveySubmissionSchema.safeParse(body);
  if (!parsed.success) throw validationFailed(parsed.error);
  const { code, ...survey } = parsed.data;
  const target = await resolveSurveyCode(context.table, context.key, code);
  if (target === undefined) throw unknownSurveyCode();
  await context.enqueue({
    kind: 'survey',
    receivedAt: now.toISOString(),
    siteId: target.site.siteId,
    departmentId: target.department.departmentId,
    timeZone: target.site.timeZone,
    survey,
  });
  // The same submissionId twice gets the same answer; the worker counts it once.
  return { id: survey.submissionId, status: 'accepted' };
}
