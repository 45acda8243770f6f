import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SurveyMessageSchema } from '../../../shared/schemas/intake-message.ts';
import { SurveyAcceptedSchema, SurveySubmissionSchema } from '../../../shared/schemas/survey.ts';
import { eventBody, loadEvent } from '../../support/events.ts';
import { formPost, httpEvent, jsonPost, ProblemSchema, responseHeader, TEST_SOURCE_IP } from '../../support/http-events.ts';
import { stubIntakeEnv } from '../../support/intake-env.ts';
import { lambdaContext } from '../../support/lambda-context.ts';
import { uuidFor } from '../../support/survey-messages.ts';
import { demoDepartment, genuineCode, serveDemoSite, serveIntakeStores, TEST_QUEUE_URL, TEST_TABLE } from '../../support/survey-target.ts';

stubIntakeEnv();
const { handler } = await import('../../../functions/survey-intake/handler.ts');

const dynamoMock = mockClient(DynamoDBDocumentClient);
const sqsMock = mockClient(SQSClient);

const invoke = (event: APIGatewayProxyEventV2) => handler(event, lambdaContext('survey-intake'));

/** The one message the handler enqueued, parsed with the worker's schema. */
function enqueuedMessage() {
  const calls = sqsMock.commandCalls(SendMessageCommand);
  expect(calls).toHaveLength(1);
  const input = calls[0]?.args[0].input;
  expect(input?.QueueUrl).toBe(TEST_QUEUE_URL);
  return { raw: input?.MessageBody ?? '', message: SurveyMessageSchema.parse(JSON.parse(input?.MessageBody ?? '')) };
}

function problemOf(result: Awaited<ReturnType<typeof invoke>>) {
  expect(responseHeader(result, 'content-type')).toBe('application/problem+json');
  return ProblemSchema.parse(JSON.parse(result.body ?? ''));
}

beforeEach(() => {
  serveIntakeStores(dynamoMock, sqsMock, 'b6f0c7a4-5e2d-4f7e-9a51-7d2e8c1f0a33');
});

describe('POST /v1/surveys with JSON', () => {
  it('accepts a valid survey: 202 {id, status}, and exactly one message on the intake queue, without code or address', async () => {
    // Prepare
    const event = loadEvent('http/post-survey-valid.json');
    const { code, ...submitted } = SurveySubmissionSchema.parse(eventBody(event));

    // Act
    const result = await invoke(event);

    // Assess
    expect(result.statusCode).toBe(202);
    expect(SurveyAcceptedSchema.parse(JSON.parse(result.body ?? ''))).toEqual({ id: submitted.submissionId, status: 'accepted' });
    const { raw, message } = enqueuedMessage();
    expect(message).toEqual({ kind: 'survey', receivedAt: expect.stringMatching(/Z$/) as unknown, siteId: 'demo', departmentId: 'registration-billing', timeZone: 'Asia/Shanghai', survey: submitted });
    expect(raw).not.toContain(TEST_SOURCE_IP);
    expect(raw).not.toContain(code);
    expect(dynamoMock).toHaveReceivedCommandWith(GetCommand, { TableName: TEST_TABLE, Key: { pk: 'SITE#demo', sk: 'DEPT#registration-billing' } });
    // One token from the device's bucket, one from the address's (test/unit/intake/rate-limit.test.ts).
    expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 2);
  });

  it('accepts a comment with emoji and a name outside the BMP, and queues them in ASCII that reads back exactly', async () => {
    const event = loadEvent('http/post-survey-emoji.json');
    const { code: _code, ...submitted } = SurveySubmissionSchema.parse(eventBody(event));

    const result = await invoke(event);

    expect(result.statusCode).toBe(202);
    const { raw, message } = enqueuedMessage();
    expect(raw).toMatch(/^[\x20-\x7e]+$/);
    expect(message.survey).toEqual(submitted);
    expect(message.survey.comment).toBe('很好 👍 护士吉田（𠮷田）讲得很清楚 🙏🏻');
  });

  it('refuses a character that is never text with 422 naming the field, and queues nothing', async () => {
    const result = await invoke(jsonPost('{"submissionId":"' + uuidFor(2) + '","code":"' + genuineCode() + '","overall":"good","comment":"\\uffff"}'));

    expect(result.statusCode).toBe(422);
    expect(problemOf(result).errors).toEqual([{ path: 'comment', message: 'contains U+FFFF, which is not a text character' }]);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('accepts a minimal survey', async () => {
    const event = loadEvent('http/post-survey-minimal.json');

    const result = await invoke(event);

    expect(result.statusCode).toBe(202);
    expect(enqueuedMessage().message).toMatchObject({ departmentId: 'cardiology-ward', survey: { submissionId: '0b7e3c1a-2d4f-4a6b-8c9d-0e1f2a3b4c5d', overall: 'good' } });
  });

  it('gives the same answer to the same submission sent twice (the worker counts it once)', async () => {
    const body = { submissionId: uuidFor(42), code: genuineCode(), overall: 'good' };

    const first = await invoke(jsonPost(body));
    const second = await invoke(jsonPost(body));

    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    expect(second.body).toBe(first.body);
  });

  it('takes a base64-encoded body as API Gateway may deliver it', async () => {
    const body = JSON.stringify({ submissionId: uuidFor(7), code: genuineCode(), overall: 'neither' });

    const result = await invoke(httpEvent({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(body).toString('base64'), isBase64Encoded: true }));

    expect(result.statusCode).toBe(202);
    expect(enqueuedMessage().message.survey.overall).toBe('neither');
  });

  it('refuses malformed JSON with 400 problem+json, and enqueues nothing', async () => {
    const result = await invoke(loadEvent('http/post-survey-malformed-json.json'));

    expect(result.statusCode).toBe(400);
    expect(problemOf(result)).toMatchObject({ status: 400, title: 'Malformed JSON' });
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('refuses unknown fields with 422, naming each one, and enqueues nothing', async () => {
    const result = await invoke(loadEvent('http/post-survey-unknown-field.json'));

    expect(result.statusCode).toBe(422);
    const problem = problemOf(result);
    expect(problem.status).toBe(422);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['bedNumber', 'ratings.parking']);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('refuses a field with a wrong value with 422 on that field', async () => {
    const result = await invoke(jsonPost({ submissionId: uuidFor(1), code: genuineCode(), overall: 'good', waitMinutes: 601, contact: { phone: '13800138000' } }));

    expect(result.statusCode).toBe(422);
    expect(problemOf(result).errors?.map((e) => e.path).sort()).toEqual(['contact.consent', 'waitMinutes']);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('refuses a body over 16 KiB with 413, and takes one of exactly 16 KiB', async () => {
    // Prepare: the same valid survey, padded with JSON whitespace to the limit and one byte past it.
    const json = JSON.stringify({ submissionId: uuidFor(3), code: genuineCode(), overall: 'good' });
    const atLimit = json.slice(0, -1) + ' '.repeat(16 * 1024 - Buffer.byteLength(json)) + '}';

    // Act
    const over = await invoke(jsonPost(`${atLimit} `));
    const overStatus = over.statusCode;
    const overProblem = problemOf(over);
    const sentWhenOver = sqsMock.commandCalls(SendMessageCommand).length;
    const at = await invoke(jsonPost(atLimit));

    // Assess
    expect(overStatus).toBe(413);
    expect(overProblem.status).toBe(413);
    expect(sentWhenOver).toBe(0);
    expect(at.statusCode).toBe(202);
  });

  it('refuses a content type other than JSON or a form with 415', async () => {
    const result = await invoke(loadEvent('http/post-survey-wrong-content-type.json'));

    expect(result.statusCode).toBe(415);
    expect(problemOf(result).detail).toContain('text/plain');
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('refuses a forged code with 422 on "code", and enqueues nothing', async () => {
    const result = await invoke(loadEvent('http/post-survey-forged-code.json'));

    expect(result.statusCode).toBe(422);
    expect(problemOf(result).errors).toEqual([{ path: 'code', message: 'unknown or withdrawn survey code' }]);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
    // A forged code never costs a read.
    expect(dynamoMock).toHaveReceivedCommandTimes(GetCommand, 0);
  });

  it.each([
    ['revoked (an earlier generation)', { ...demoDepartment('emergency'), codeGeneration: 2 }],
    ['switched off', { ...demoDepartment('emergency'), surveyEnabled: false }],
  ])('refuses a genuine code of a department whose codes are %s', async (_, department) => {
    serveDemoSite(dynamoMock, [department]);

    const result = await invoke(jsonPost({ submissionId: uuidFor(5), code: genuineCode('emergency', 1), overall: 'good' }));

    expect(result.statusCode).toBe(422);
    expect(problemOf(result).errors?.[0]?.path).toBe('code');
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('refuses a genuine code for a department that no longer exists', async () => {
    const result = await invoke(jsonPost({ submissionId: uuidFor(5), code: genuineCode('closed-ward'), overall: 'good' }));

    expect(result.statusCode).toBe(422);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('answers 429 problem+json with Retry-After once the source is over the limit, and enqueues nothing', async () => {
    dynamoMock.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    const result = await invoke(loadEvent('http/post-survey-valid.json'));

    expect(result.statusCode).toBe(429);
    expect(Number(responseHeader(result, 'retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(responseHeader(result, 'retry-after'))).toBeLessThanOrEqual(60);
    expect(problemOf(result).status).toBe(429);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('answers 500 without detail when the queue is unreachable, so the page can retry', async () => {
    sqsMock.on(SendMessageCommand).rejects(new Error('connect ECONNREFUSED 10.0.0.1:443'));

    const result = await invoke(loadEvent('http/post-survey-minimal.json'));

    expect(result.statusCode).toBe(500);
    const problem = problemOf(result);
    expect(problem.status).toBe(500);
    expect(result.body).not.toContain('ECONNREFUSED');
  });
});

describe('POST /v1/surveys as a plain HTML form (no JavaScript)', () => {
  afterEach(() => {
    // In case a test below finds the form parser polluting Object.prototype: do not let it leak into other tests.
    Reflect.deleteProperty(Object.prototype, 'polluted');
  });

  it('thanks the patient with a 200 HTML page in their language, and enqueues the coerced answers once', async () => {
    // Act
    const result = await invoke(loadEvent('http/post-survey-form-valid.json'));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(responseHeader(result, 'content-type')).toBe('text/html; charset=utf-8');
    expect(responseHeader(result, 'content-security-policy')).toContain("default-src 'none'");
    expect(result.body).toContain('Thank you!');
    expect(result.body).not.toContain('a member of staff will be in touch');
    // Empty fields are left out; digits become numbers where the schema wants them.
    expect(enqueuedMessage().message).toMatchObject({
      departmentId: 'registration-billing',
      survey: { submissionId: '3c4d5e6f-7a8b-4c3d-8e4f-5a6b7c8d9e0f', overall: 'good', waitMinutes: 15, ratings: { waiting: 4 }, locale: 'en' },
    });
    expect(enqueuedMessage().message.survey).not.toHaveProperty('comment');
    expect(enqueuedMessage().message.survey).not.toHaveProperty('contact');
  });

  it('tells a patient who left contact details that staff will be in touch (zh-CN by default)', async () => {
    const result = await invoke(formPost({ submissionId: uuidFor(8), code: genuineCode(), overall: 'poor', 'contact.consent': 'on', 'contact.phone': '13800138000' }));

    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('lang="zh-CN"');
    expect(enqueuedMessage().message.survey.contact).toEqual({ phone: '13800138000', consent: true });
  });

  it('answers a bad value with an HTML page (status 422) naming what to fix, and enqueues nothing', async () => {
    const result = await invoke(loadEvent('http/post-survey-form-invalid.json'));

    expect(result.statusCode).toBe(422);
    expect(responseHeader(result, 'content-type')).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('Some answers need a change:');
    expect(result.body).toContain('<li>Overall rating (required)</li>');
    expect(result.body).toContain('<li>Waiting time</li>');
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('answers a rate-limited form post with an HTML page, status 429 and Retry-After', async () => {
    dynamoMock.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    const result = await invoke(loadEvent('http/post-survey-form-valid.json'));

    expect(result.statusCode).toBe(429);
    expect(responseHeader(result, 'content-type')).toBe('text/html; charset=utf-8');
    expect(responseHeader(result, 'retry-after')).toMatch(/^\d+$/);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('answers the page script (a form post asking for JSON) with 202 JSON', async () => {
    const event = loadEvent('http/post-survey-form-valid.json');

    const result = await invoke({ ...event, headers: { ...event.headers, accept: 'application/json' } });

    expect(result.statusCode).toBe(202);
    expect(JSON.parse(result.body ?? '')).toEqual({ id: '3c4d5e6f-7a8b-4c3d-8e4f-5a6b7c8d9e0f', status: 'accepted' });
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 1);
  });

  it.each(['toString', 'valueOf', 'constructor', 'hasOwnProperty'])('answers an unknown form field named "%s" with the 422 page, not a 500', async (name) => {
    // Prepare: an otherwise valid post; the unknown field is the only thing wrong with it.
    const event = formPost({ submissionId: uuidFor(12), code: genuineCode(), overall: 'good', locale: 'en', [name]: 'x' });

    // Act
    const result = await invoke(event);

    // Assess
    expect(result.statusCode).toBe(422);
    expect(responseHeader(result, 'content-type')).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('Some answers need a change:');
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });

  it('does not let a field named "__proto__.x" change Object.prototype (one post would break every later submission in the container)', async () => {
    // Prepare
    const attack = formPost({ '__proto__.polluted': 'yes', submissionId: uuidFor(10), code: genuineCode(), overall: 'good' });

    // Act
    await invoke(attack);
    const fresh: Record<string, unknown> = {};
    const polluted = fresh.polluted;
    const next = await invoke(jsonPost({ submissionId: uuidFor(11), code: genuineCode(), overall: 'good' }));

    // Assess
    expect(polluted).toBeUndefined();
    expect(next.statusCode).toBe(202);
  });
});
