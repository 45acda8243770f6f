import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { fc, test } from '@fast-check/vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect } from 'vitest';
import { FORM_BODY_LIMIT_BYTES, PUBLIC_BODY_LIMIT_BYTES } from '../../../shared/http/request.ts';
import { processIntakeBatch } from '../../../shared/intake/store-batch.ts';
import { DEFAULT_RETENTION } from '../../../shared/platform/retention.ts';
import { COMPLAINT_TEXT_LIMITS } from '../../../shared/schemas/complaint.ts';
import { ComplaintMessageSchema } from '../../../shared/schemas/intake-message.ts';
import { SURVEY_TEXT_LIMITS } from '../../../shared/schemas/survey.ts';
import { characterCount, nonTextCharacter } from '../../../shared/schemas/text.ts';
import { httpEvent, jsonPost, ProblemSchema } from '../../support/http-events.ts';
import { stubIntakeEnv } from '../../support/intake-env.ts';
import { lambdaContext } from '../../support/lambda-context.ts';
import { sqsRecord } from '../../support/sqs-records.ts';
import { genuineCode, serveCommentStores, serveIntakeStores, TEST_TABLE } from '../../support/survey-target.ts';

// Whatever text a patient sends, in whatever characters: a valid survey or complaint is queued in a form
// SQS and its emulator both take, and the worker stores its text exactly as sent; text that holds a
// character that is never text, or is over its limit, is refused with 422 on its field. Never a 5xx.

stubIntakeEnv();
const survey = (await import('../../../functions/survey-intake/handler.ts')).handler;
const complaint = (await import('../../../functions/complaint-intake/handler.ts')).handler;

const dynamoMock = mockClient(DynamoDBDocumentClient);
const sqsMock = mockClient(SQSClient);
// A random comment the classifier reads as a possible signal mails the officers on duty.
mockClient(SESv2Client).on(SendEmailCommand).resolves({});
const RUNS = { numRuns: 100 };
const TIMEOUT_MS = 60_000;
// What SQS takes in a body, minus what the local emulator refuses (everything outside the BMP): printable ASCII passes both.
const QUEUEABLE = /^[\x20-\x7e]*$/;

beforeEach(() => {
  serveIntakeStores(dynamoMock, sqsMock);
  serveCommentStores(dynamoMock);
  dynamoMock.on(TransactWriteCommand).resolves({});
});

/** Any text: every code point (lone surrogates, U+0000, U+FFFF included), whole graphemes (emoji, 𠮷, RTL, combining marks), and long runs near the limits. */
const anyText = (limit: number) => fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.integer({ min: limit - 3, max: limit + 2 })).map(([character, times]) => character.repeat(times)),
);

/** Form posts carry well-formed text only (a browser, and URLSearchParams, send a lone surrogate as U+FFFD). */
const wellFormed = (limit: number) => anyText(limit).filter((text) => !/\p{Cs}/u.test(text));

const isValid = (text: string, limit: number, required: boolean) =>
  nonTextCharacter(text) === undefined && characterCount(text) <= limit && (!required || text.trim() !== '');

/** The handler's answer to `body`; a body over its limit must be refused with 413 (and the property has nothing more to check). */
async function invoke(handler: typeof survey, event: APIGatewayProxyEventV2, limitBytes: number) {
  const result = await handler(event, lambdaContext('intake'));
  expect(result.statusCode).toBeLessThan(500);
  const tooLarge = Buffer.byteLength(event.body ?? '') > limitBytes;
  expect(result.statusCode === 413).toBe(tooLarge);
  return tooLarge ? undefined : result;
}

/** The one message queued, checked as SQS and its emulator would, and as the worker reads it. */
function queuedBody(): string {
  const calls = sqsMock.commandCalls(SendMessageCommand);
  expect(calls).toHaveLength(1);
  const body = calls[0]?.args[0].input.MessageBody ?? '';
  expect(body).toMatch(QUEUEABLE);
  return body;
}

function expectRefusedOn(result: Awaited<ReturnType<typeof survey>>, path: string): void {
  expect(result.statusCode).toBe(422);
  if ((result.headers?.['content-type'] ?? '') === 'application/problem+json') {
    expect(ProblemSchema.parse(JSON.parse(result.body ?? '')).errors?.map((e) => e.path)).toContain(path);
  }
  expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 0);
}

/** What the worker writes for the queued survey: its comment, and the contact's name. */
async function storedSurvey(body: string): Promise<{ comment: unknown; name: unknown }> {
  const outcome = await processIntakeBatch({ table: TEST_TABLE, retention: DEFAULT_RETENTION, key: Buffer.alloc(32), notify: () => Promise.resolve() }, [sqsRecord('m-1', body)]);
  expect(outcome.response.batchItemFailures).toEqual([]);
  const items = dynamoMock.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
  const item = (sk: string) => items.find((entry) => entry.Put?.Item?.sk === sk)?.Put?.Item;
  return { comment: item('SURVEY')?.comment, name: item('CONTACT')?.name };
}

describe('any Unicode text in a survey', () => {
  const limit = SURVEY_TEXT_LIMITS.comment;

  test.prop([fc.uuid({ version: 4 }), anyText(limit), anyText(SURVEY_TEXT_LIMITS['contact.name'])], RUNS)('sent as JSON: stored exactly when valid, refused on its field when not', async (submissionId, comment, name) => {
    const result = await invoke(survey, jsonPost({ submissionId, code: genuineCode(), overall: 'good', comment, contact: { name, phone: '13800138000', consent: true } }), PUBLIC_BODY_LIMIT_BYTES);
    if (result === undefined) return;

    const commentValid = isValid(comment, limit, false);
    const nameValid = isValid(name, SURVEY_TEXT_LIMITS['contact.name'], true);
    if (!commentValid) return expectRefusedOn(result, 'comment');
    if (!nameValid) return expectRefusedOn(result, 'contact.name');
    expect(result.statusCode).toBe(202);
    expect(await storedSurvey(queuedBody())).toEqual({ comment, name });
  }, TIMEOUT_MS);

  test.prop([fc.uuid({ version: 4 }), wellFormed(limit)], RUNS)('sent by a browser without JavaScript: stored exactly when valid, the form again when not', async (submissionId, comment) => {
    const body = new URLSearchParams({ submissionId, code: genuineCode(), overall: 'good', comment }).toString();
    const result = await invoke(survey, httpEvent({ headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body }), FORM_BODY_LIMIT_BYTES);
    if (result === undefined) return;

    // A field left empty (or only spaces) is a question not answered.
    const answered = comment.trim() === '' ? undefined : comment;
    if (answered !== undefined && !isValid(answered, limit, false)) return expectRefusedOn(result, 'comment');
    expect(result.statusCode).toBe(200);
    expect((await storedSurvey(queuedBody())).comment).toBe(answered);
  }, TIMEOUT_MS);
});

describe('any Unicode text in a complaint', () => {
  const limit = COMPLAINT_TEXT_LIMITS.description;

  test.prop([fc.uuid({ version: 4 }), anyText(limit), anyText(COMPLAINT_TEXT_LIMITS.staffInvolved)], RUNS)('sent as JSON: queued exactly when valid, refused on its field when not', async (submissionId, description, staffInvolved) => {
    const result = await invoke(complaint, jsonPost({ submissionId, code: genuineCode(), description, staffInvolved }), PUBLIC_BODY_LIMIT_BYTES);
    if (result === undefined) return;

    if (!isValid(description, limit, true)) return expectRefusedOn(result, 'description');
    if (!isValid(staffInvolved, COMPLAINT_TEXT_LIMITS.staffInvolved, false)) return expectRefusedOn(result, 'staffInvolved');
    expect(result.statusCode).toBe(202);
    expect(ComplaintMessageSchema.parse(JSON.parse(queuedBody())).complaint).toMatchObject({ description, staffInvolved });
  }, TIMEOUT_MS);

  test.prop([fc.uuid({ version: 4 }), wellFormed(limit)], RUNS)('sent by a browser without JavaScript: queued exactly when valid, the form again when not', async (submissionId, description) => {
    const body = new URLSearchParams({ submissionId, code: genuineCode(), description }).toString();
    const result = await invoke(complaint, httpEvent({ path: '/v1/complaints', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body }), FORM_BODY_LIMIT_BYTES);
    if (result === undefined) return;

    if (!isValid(description, limit, true)) return expectRefusedOn(result, 'description');
    expect(result.statusCode).toBe(200);
    expect(ComplaintMessageSchema.parse(JSON.parse(queuedBody())).complaint.description).toBe(description);
  }, TIMEOUT_MS);
});
