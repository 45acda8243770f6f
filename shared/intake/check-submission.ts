import { UnknownDepartmentCodeError, ValidationError } from '../platform/domain-errors.ts';
import type { SurveyMessage } from '../schemas/intake-message.ts';
import { type Department, ratingItemsOf } from '../schemas/site.ts';
import { type SurveyAccepted, type SurveySubmission, SurveySubmissionSchema } from '../schemas/survey.ts';
import { MESSAGES } from '../surveys/survey-labels.ts';
import { limitSubmission, type RequestSource } from './rate-limit.ts';
import type * as z from '../schemas/zod.ts';
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
 * a genuine, current department code, what the department itself asks (`fits` throws the refusal), and
 * the rate limit's budget for what it turned out to be.
 */
export async function checkPublicSubmission<T extends { readonly code: string }>(schema: z.ZodMiniType<T>, body: unknown, context: PublicIntakeContext, fits?: (data: T, target: SurveyTarget) => void): Promise<{ data: T; target: SurveyTarget; now: Date }> {
  const now = context.now ?? new Date();
  // Checked first, so that a refused body is charged to its own budget, not to the patients'.
  return limitSubmission(context, now, async () => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw ValidationError.fromZod(parsed.error);
    const target = await resolveSurveyCode(context.table, context.key, parsed.data.code);
    if (target === undefined) throw new UnknownDepartmentCodeError();
    fits?.(parsed.data, target);
    return { data: parsed.data, target, now };
  });
}

/**
 * A rating of an item the department does not ask (a page older than its settings, a hand-made post) is
 * refused on its field, in the submission's language (both without one), and so never counted.
 */
export function refuseUnaskedRatings(survey: Pick<SurveySubmission, 'ratings' | 'locale'>, department: Department): void {
  const asked = new Set<string>(ratingItemsOf(department));
  const unasked = Object.keys(survey.ratings ?? {}).filter((aspect) => !asked.has(aspect));
  if (unasked.length === 0) return;
  const message = survey.locale === undefined ? `${MESSAGES['zh-CN'].ratingNotAsked} · ${MESSAGES.en.ratingNotAsked}` : MESSAGES[survey.locale].ratingNotAsked;
  throw new ValidationError(`This department does not ask: ${unasked.join(', ')}.`, unasked.map((aspect) => ({ path: `ratings.${aspect}`, message })));
}

export async function acceptSurvey(body: unknown, context: IntakeContext): Promise<SurveyAccepted> {
  const { data, target, now } = await checkPublicSubmission(SurveySubmissionSchema, body, context, (survey, { department }) => refuseUnaskedRatings(survey, department));
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
