import { UnknownDepartmentCodeError, ValidationError } from '../platform/domain-errors.ts';
import type { SurveyMessage } from '../schemas/intake-message.ts';
import { type SurveyAccepted, SurveySubmissionSchema } from '../schemas/survey.ts';
import { limitSubmission, type RequestSource } from './rate-limit.ts';
import type * as z from 'zod';
import { resolveSurveyCode, type SurveyTarget } from '../sites/department-codes.ts';

// The public intake path only checks and enqueues, so it answers in milliseconds and keeps working
// while the worker or the aggregates are down. A rejected request enqueues nothing.

export interface PublicIntakeContext extends RequestSource {
  readonly now?: Date;
}

export interface IntakeContext extends PublicIntakeContext {
  readonly enqueue: (message: SurveyMessage) => Promise<unknown>;
}

/**
 * What every public submission (a survey, a patient's complaint) passes before it is queued: its schema,
 * a genuine, current department code, and the rate limit's budget for what it turned out to be.
 */
export async function checkPublicSubmission<T extends { readonly code: string }>(schema: z.ZodType<T>, body: unknown, context: PublicIntakeContext): Promise<{ data: T; target: SurveyTarget; now: Date }> {
  const now = context.now ?? new Date();
  // Checked first, so that a refused body is charged to its own budget, not to the patients'.
  return limitSubmission(context, now, async () => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw ValidationError.fromZod(parsed.error);
    const target = await resolveSurveyCode(context.table, context.key, parsed.data.code);
    if (target === undefined) throw new UnknownDepartmentCodeError();
    return { data: parsed.data, target, now };
  });
}

export async function acceptSurvey(body: unknown, context: IntakeContext): Promise<SurveyAccepted> {
  const { data, target, now } = await checkPublicSubmission(SurveySubmissionSchema, body, context);
  const { code: _code, ...survey } = data;
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
