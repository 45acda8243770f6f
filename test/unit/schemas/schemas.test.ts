import { describe, expect, it } from 'vitest';
import { type FieldError, fieldErrors } from '../../../shared/platform/domain-errors.ts';
import { SurveyMessageSchema } from '../../../shared/schemas/intake-message.ts';
import { SurveySubmissionSchema } from '../../../shared/schemas/survey.ts';
import { uuidFor } from '../../support/survey-messages.ts';

const minimal = { submissionId: uuidFor(1), code: 'ZGVtbzpjYXJkaW9sb2d5LXdhcmQ6MQ.xJbR33WMrocTEstz', overall: 'good' };
const full = {
  ...minimal,
  overall: 'very_good',
  ratings: { registration: 5, waiting: 1, environment: 3, communication: 4, privacy: 2 },
  waitMinutes: 600,
  comment: 'x'.repeat(2000),
  locale: 'en',
  contact: { name: 'Li Wei', phone: '+86 138-0013-8000', email: 'li.wei@example.cn', consent: true },
};

/** The field errors of a refused body, as the API reports them (api.md, "Errors"). */
function refusal(body: unknown): FieldError[] {
  const result = SurveySubmissionSchema.safeParse(body);
  if (result.success) throw new Error(`the schema accepted a body it must refuse: ${JSON.stringify(body)}`);
  return fieldErrors(result.error);
}

const refusedPaths = (body: unknown): string[] => refusal(body).map((e) => e.path);

describe('SurveySubmissionSchema', () => {
  it('accepts a full valid body unchanged', () => {
    // Act
    const parsed = SurveySubmissionSchema.parse(full);

    // Assess
    expect(parsed).toEqual(full);
  });

  it('accepts a minimal body, with every optional field absent', () => {
    const parsed = SurveySubmissionSchema.parse(minimal);

    expect(parsed).toEqual(minimal);
    expect(Object.keys(parsed).sort()).toEqual(['code', 'overall', 'submissionId']);
  });

  it('accepts the boundaries: waits of 0 and 600 minutes, ratings of 1 and 5, a comment of 2000 characters', () => {
    for (const body of [
      { ...minimal, waitMinutes: 0 },
      { ...minimal, waitMinutes: 600 },
      { ...minimal, ratings: { waiting: 1, privacy: 5 } },
      { ...minimal, comment: '好'.repeat(2000) },
      { ...minimal, contact: { email: 'a@example.cn', consent: true } },
    ]) expect(SurveySubmissionSchema.safeParse(body).success).toBe(true);
  });

  it.each([
    ['an unknown top-level field', { ...minimal, bedNumber: '12' }, ['bedNumber']],
    ['an unknown rating aspect', { ...minimal, ratings: { waiting: 3, parking: 2 } }, ['ratings.parking']],
    ['an unknown contact field', { ...minimal, contact: { phone: '13800138000', consent: true, idNumber: '110101' } }, ['contact.idNumber']],
    ['a rating of 0', { ...minimal, ratings: { waiting: 0 } }, ['ratings.waiting']],
    ['a rating of 6', { ...minimal, ratings: { privacy: 6 } }, ['ratings.privacy']],
    ['a rating of 2.5', { ...minimal, ratings: { environment: 2.5 } }, ['ratings.environment']],
    ['a rating sent as a string', { ...minimal, ratings: { environment: '4' } }, ['ratings.environment']],
    ['a wait of -1 minutes', { ...minimal, waitMinutes: -1 }, ['waitMinutes']],
    ['a wait of 601 minutes', { ...minimal, waitMinutes: 601 }, ['waitMinutes']],
    ['a wait of 7.5 minutes', { ...minimal, waitMinutes: 7.5 }, ['waitMinutes']],
    ['a comment of 2001 characters', { ...minimal, comment: 'x'.repeat(2001) }, ['comment']],
    ['contact without consent', { ...minimal, contact: { phone: '13800138000' } }, ['contact.consent']],
    ['contact with consent false', { ...minimal, contact: { phone: '13800138000', consent: false } }, ['contact.consent']],
    ['contact without phone or e-mail', { ...minimal, contact: { name: 'Li Wei', consent: true } }, ['contact.phone']],
    ['a phone number that is not one', { ...minimal, contact: { phone: 'call me', consent: true } }, ['contact.phone']],
    ['an e-mail address that is not one', { ...minimal, contact: { email: 'li.wei', consent: true } }, ['contact.email']],
    ['a submissionId that is not a uuid', { ...minimal, submissionId: 'not-a-uuid' }, ['submissionId']],
    ['an overall answer not on the list', { ...minimal, overall: 'excellent' }, ['overall']],
    ['an unknown locale', { ...minimal, locale: 'fr' }, ['locale']],
    ['an empty code', { ...minimal, code: '' }, ['code']],
    ['a code over 200 characters', { ...minimal, code: 'a'.repeat(201) }, ['code']],
  ])('refuses %s, naming the field', (_, body, paths) => {
    expect(refusedPaths(body)).toEqual(paths);
  });

  it('names every missing required field', () => {
    expect(refusedPaths({}).sort()).toEqual(['code', 'overall', 'submissionId']);
  });

  it('refuses a body that is not an object at all, on the body as a whole', () => {
    for (const body of [null, [], 'good', 42]) expect(refusedPaths(body)).toEqual(['(body)']);
  });

  it('reports each unknown field on its own path, with the message "unknown field"', () => {
    expect(refusal({ ...minimal, a: 1, b: 2 })).toEqual([
      { path: 'a', message: 'unknown field' },
      { path: 'b', message: 'unknown field' },
    ]);
  });
});

describe('SurveyMessageSchema', () => {
  const message = { kind: 'survey', receivedAt: '2026-11-22T16:30:00.000Z', siteId: 'demo', departmentId: 'emergency', timeZone: 'Asia/Shanghai', survey: { submissionId: uuidFor(2), overall: 'poor' } };

  it('accepts what the intake function enqueues', () => {
    expect(SurveyMessageSchema.parse(message)).toEqual(message);
  });

  it('refuses a survey that still carries its code, or a source address', () => {
    expect(SurveyMessageSchema.safeParse({ ...message, survey: { ...message.survey, code: minimal.code } }).success).toBe(false);
    expect(SurveyMessageSchema.safeParse({ ...message, sourceIp: '203.0.113.77' }).success).toBe(false);
  });
});
