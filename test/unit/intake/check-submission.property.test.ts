import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { fc, test } from '@fast-check/vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect } from 'vitest';
import * as z from 'zod';
import { OVERALL_OPTIONS, RATING_ASPECTS } from '../../../shared/schemas/survey.ts';
import { formPost, httpEvent, jsonPost } from '../../support/http-events.ts';
import { stubIntakeEnv } from '../../support/intake-env.ts';
import { lambdaContext } from '../../support/lambda-context.ts';
import { genuineCode, serveDemoSite } from '../../support/survey-target.ts';

// Whatever the public sends, the intake answers with a 4xx it can explain, never a 5xx, and a refused
// request puts nothing on the queue (api.md: "A rejected request changes nothing").

stubIntakeEnv();
const { handler } = await import('../../../functions/survey-intake/handler.ts');

const dynamoMock = mockClient(DynamoDBDocumentClient);
const sqsMock = mockClient(SQSClient);
const RUNS = { numRuns: 200 };

beforeAll(() => {
  serveDemoSite(dynamoMock);
  dynamoMock.on(UpdateCommand).resolves({});
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'never-expected' });
});

async function assertRefused(event: APIGatewayProxyEventV2, allowed: readonly number[]): Promise<void> {
  const result = await handler(event, lambdaContext('survey-intake'));
  expect(allowed).toContain(result.statusCode);
  // Cumulative over every run of every property in this file: one message anywhere fails it.
  expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
}

const KNOWN_FIELDS = ['submissionId', 'code', 'overall', 'ratings', 'waitMinutes', 'comment', 'locale', 'contact'];
const isUuid = (text: string) => z.uuid().safeParse(text).success;
const nonInteger = fc.double({ noInteger: true });

/** A survey that the schema would accept, before corruption. */
const validSurvey = fc.record({
  submissionId: fc.uuid({ version: 4 }),
  code: fc.constantFrom(genuineCode('cardiology-ward'), genuineCode('registration-billing'), genuineCode('emergency')),
  overall: fc.constantFrom(...OVERALL_OPTIONS),
  ratings: fc.record(Object.fromEntries(RATING_ASPECTS.map((a) => [a, fc.integer({ min: 1, max: 5 })])), { requiredKeys: [] }),
  waitMinutes: fc.integer({ min: 0, max: 600 }),
  comment: fc.string({ maxLength: 200 }),
  locale: fc.constantFrom('zh-CN', 'en'),
  contact: fc.record({ phone: fc.constant('13800138000'), consent: fc.constant(true) }),
}, { requiredKeys: ['submissionId', 'code', 'overall'] });

interface Corruption {
  readonly path: readonly string[];
  readonly value: unknown;
}

/** One value the schema must refuse, at a path where a patient's answer belongs. */
const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ path: fc.constant(['overall']), value: fc.oneof(fc.string().filter((s) => !(OVERALL_OPTIONS as readonly string[]).includes(s)), fc.integer(), fc.constant(null)) }),
  fc.record({ path: fc.constantFrom(...RATING_ASPECTS.map((a) => ['ratings', a])), value: fc.oneof(fc.integer().filter((n) => n < 1 || n > 5), nonInteger, fc.string(), fc.boolean()) }),
  fc.record({ path: fc.constant(['ratings']), value: fc.oneof(fc.string(), fc.integer(), fc.array(fc.integer())) }),
  fc.record({ path: fc.constant(['waitMinutes']), value: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 601 }), nonInteger, fc.string()) }),
  fc.record({ path: fc.constant(['comment']), value: fc.oneof(fc.string({ minLength: 2001, maxLength: 2200 }), fc.integer(), fc.array(fc.string())) }),
  fc.record({ path: fc.constant(['submissionId']), value: fc.oneof(fc.string().filter((s) => !isUuid(s)), fc.integer()) }),
  fc.record({ path: fc.constant(['locale']), value: fc.string().filter((s) => s !== 'zh-CN' && s !== 'en') }),
  fc.record({ path: fc.constant(['contact', 'consent']), value: fc.oneof(fc.constant(false), fc.string(), fc.constant(null)) }),
  fc.record({ path: fc.constant(['contact']), value: fc.oneof(fc.constant({ consent: true }), fc.constant({ name: '王', consent: true }), fc.constant({ phone: '13800138000' }), fc.string()) }),
  fc.record({ path: fc.constantFrom(['contact', 'phone'], ['contact', 'email']), value: fc.oneof(fc.constant('not a number'), fc.integer(), fc.constant('')) }),
  fc.record({ path: fc.string().filter((k) => !KNOWN_FIELDS.includes(k)).map((k) => [k]), value: fc.jsonValue() }),
  fc.record({ path: fc.string().filter((k) => !(RATING_ASPECTS as readonly string[]).includes(k)).map((k) => ['ratings', k]), value: fc.integer({ min: 1, max: 5 }) }),
);

/** A copy of `target` with `value` at `path`, creating objects on the way as a client would. */
function withValue(target: Record<string, unknown>, [key, ...rest]: readonly string[], value: unknown): Record<string, unknown> {
  if (key === undefined) return target;
  const copy: Record<string, unknown> = { ...target };
  const child = copy[key];
  const next = typeof child === 'object' && child !== null && !Array.isArray(child) ? { ...child } : {};
  // defineProperty, so a key such as "__proto__" is an own field of the body, as JSON.parse makes it.
  Object.defineProperty(copy, key, { value: rest.length === 0 ? value : withValue(next, rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

const corruptedSurvey = fc.tuple(validSurvey, fc.array(corruption, { minLength: 1, maxLength: 3 }))
  .map(([survey, corruptions]) => corruptions.reduce<Record<string, unknown>>((body, c) => withValue(body, c.path, c.value), survey));

/**
 * Form field names: the survey's own, anything, and names that collide with what every JavaScript
 * object inherits (a classic way for a form parser or a label lookup to go wrong).
 */
const formFieldName = fc.oneof(
  fc.constantFrom(...KNOWN_FIELDS, 'ratings.waiting', 'contact.consent', 'contact.phone'),
  fc.constantFrom('toString', 'valueOf', 'constructor', 'hasOwnProperty', '__proto__', 'ratings.constructor'),
  fc.string(),
);

describe('the survey intake, whatever it is sent', () => {
  test.prop([fc.anything()], RUNS)('refuses any JSON value that is not a survey with a 4xx, and enqueues nothing', async (value) => {
    await assertRefused(jsonPost(JSON.stringify(value) ?? ''), [400, 422]);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 500 })], RUNS)('refuses any string sent as JSON with a 4xx', async (text) => {
    await assertRefused(jsonPost(text), [400, 422]);
  });

  test.prop([corruptedSurvey], RUNS)('refuses a survey-shaped body with any wrong value with 422, and enqueues nothing', async (body) => {
    await assertRefused(jsonPost(body), [422]);
  });

  test.prop([fc.dictionary(formFieldName, fc.string(), { maxKeys: 8 })], RUNS)(
    'answers any plain form post that is not a survey with an HTML page and a 4xx',
    async (fields) => {
      await assertRefused(formPost(fields), [422]);
    },
  );

  test.prop([fc.string({ maxLength: 40 }), fc.option(fc.string({ unit: 'binary', maxLength: 500 }), { nil: undefined })], RUNS)(
    'refuses any content type and body with a 4xx',
    async (contentType, body) => {
      await assertRefused(httpEvent({ headers: { 'content-type': contentType }, ...(body === undefined ? {} : { body }) }), [400, 415, 422]);
    },
  );
});
