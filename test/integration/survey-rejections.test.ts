import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { SurveySubmissionSchema } from '../../shared/schemas/survey.ts';
import { codeOf, postJson, surveyBody, useLocalStack } from '../support/local-stack.ts';

// Every kind of bad input gets its problem+json answer and enqueues nothing. No pollers run here, so
// whatever was enqueued is still in the queue to be counted.
const stack = useLocalStack({ pollersPerQueue: 0, rateLimitPerMinute: 100_000 });

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

async function queued(): Promise<number> {
  const sqs = new SQSClient({ endpoint: stack().endpoints.sqs });
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: stack().queueUrls.intake.url, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes.ApproximateNumberOfMessages ?? 0);
}

async function expectProblem(response: Response, status: number, path?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = ProblemSchema.parse(await response.json());
  expect(problem.status).toBe(status);
  if (path !== undefined) expect(problem.errors?.map((e) => e.path)).toContain(path);
  return problem;
}

describe('rejected survey submissions', () => {
  const url = () => `${stack().baseUrl}/v1/surveys`;
  const code = async () => codeOf(await stack().surveyUrl('registration-billing'));

  it('refuses each kind of bad input with its problem and enqueues nothing', async () => {
    const valid = surveyBody(await code());
    await expectProblem(await postJson(url(), '{"submissionId": '), 400);
    await expectProblem(await postJson(url(), { ...valid, ipAddress: '1.2.3.4' }), 422, 'ipAddress');
    await expectProblem(await postJson(url(), { ...valid, ratings: { waiting: 3, speed: 5 } }), 422, 'ratings.speed');
    await expectProblem(await postJson(url(), { ...valid, overall: 'excellent' }), 422, 'overall');
    await expectProblem(await postJson(url(), { ...valid, ratings: { privacy: 6 } }), 422, 'ratings.privacy');
    await expectProblem(await postJson(url(), { ...valid, waitMinutes: -3 }), 422, 'waitMinutes');
    await expectProblem(await postJson(url(), { ...valid, submissionId: 'not-a-uuid' }), 422, 'submissionId');
    await expectProblem(await postJson(url(), { ...valid, contact: { phone: '13800138000' } }), 422, 'contact.consent');
    await expectProblem(await postJson(url(), { ...valid, comment: '很'.repeat(6000) }), 413);
    await expectProblem(await postJson(url(), { ...valid, code: `${String(valid.code).slice(0, -2)}AA` }), 422, 'code');
    await expectProblem(await postJson(url(), { ...valid, code: 'forged.code' }), 422, 'code');
    await expectProblem(await fetch(url(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(valid) }), 415);
    expect(await queued()).toBe(0);

    const accepted = await postJson(url(), valid);
    expect(accepted.status).toBe(202);
    expect(await queued()).toBe(1);
  });

  it('refuses a rating of an item the department does not ask, on its field, and enqueues nothing', async () => {
    // A ward asks environment, communication and privacy: not the registration windows, not the wait.
    const ward = codeOf(await stack().surveyUrl('cardiology-ward'));
    const before = await queued();
    const problem = await expectProblem(await postJson(url(), surveyBody(ward, { ratings: { registration: 1, communication: 4 }, locale: 'en' })), 422, 'ratings.registration');
    expect(problem.errors).toEqual([{ path: 'ratings.registration', message: 'this department does not ask this item; the form no longer has it, please send again' }]);
    await expectProblem(await postJson(url(), surveyBody(ward, { ratings: { waiting: 5 }, locale: 'zh-CN' })), 422, 'ratings.waiting');
    expect(await queued()).toBe(before);
    expect((await postJson(url(), surveyBody(ward, { ratings: { communication: 4, privacy: 5 } }))).status).toBe(202);
    expect(await queued()).toBe(before + 1);
  });

  it('refuses a revoked code once the department has a new one', async () => {
    const oldCode = codeOf(await stack().surveyUrl('emergency'));
    const before = await queued();
    const { bumpCodeGeneration } = await import('../../shared/storage/sites.ts');
    await bumpCodeGeneration(TABLE_NAME, 'demo', 'emergency');
    await expectProblem(await postJson(url(), surveyBody(oldCode)), 422, 'code');
    expect((await fetch(`${stack().baseUrl}/s/${oldCode}`)).status).toBe(404);
    expect(await queued()).toBe(before);
    const newCode = codeOf(await stack().surveyUrl('emergency'));
    expect((await postJson(url(), surveyBody(newCode))).status).toBe(202);
    expect(await queued()).toBe(before + 1);
  });

  it('never answers 5xx and never enqueues for random bodies', async () => {
    const validCode = await code();
    const body = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'status', 'siteId', 'overall', 'code', 'x'), fc.jsonValue()),
      fc.record({
        submissionId: fc.oneof(fc.uuid({ version: 4 }), fc.string()),
        code: fc.constantFrom(validCode, 'bogus', ''),
        overall: fc.oneof(fc.constantFrom('good', 'bad'), fc.integer()),
        waitMinutes: fc.oneof(fc.integer({ min: -10, max: 700 }), fc.string()),
      }, { requiredKeys: ['code'] }),
    );
    await fc.assert(fc.asyncProperty(body, async (candidate) => {
      const before = await queued();
      const response = await postJson(url(), JSON.stringify(candidate));
      expect(response.status).toBeLessThan(500);
      const valid = SurveySubmissionSchema.safeParse(candidate).success && z.object({ code: z.literal(validCode) }).safeParse(candidate).success;
      expect(await queued()).toBe(valid ? before + 1 : before);
      expect(response.status).toBe(valid ? 202 : response.status);
    }), { numRuns: 150, seed: 4242 });
  });
});
