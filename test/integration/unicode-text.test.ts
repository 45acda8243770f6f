import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { dynamoDb } from '../../shared/aws/dynamodb.ts';
import { readComplaintContact } from '../../shared/storage/complaint-contact.ts';
import { getComplaint } from '../../shared/storage/complaints.ts';
import { keys } from '../../shared/storage/keys.ts';
import { characterCount, nonTextCharacter } from '../../shared/schemas/text.ts';
import { codeOf, eventually, postJson, useLocalStack } from '../support/local-stack.ts';

// Every character a phone can type, through the real path: the gateway, the intake, the SQS emulator
// (which refuses everything outside the Basic Multilingual Plane), the worker and DynamoDB Local, read
// back from the store exactly as sent. Characters that are never text are refused on their field.

const stack = useLocalStack({ rateLimitPerMinute: 100_000 });
const AcceptedSchema = z.object({ id: z.string() });
const ProblemSchema = z.object({ status: z.number(), errors: z.array(z.object({ path: z.string() })).optional() });

const FIXED = ['很好 👍', '𠮷野家的饭 🍚', 'שלום, مرحبا', 'e\u0301 a\u0308 ñ', '👨‍👩‍👧 🏳️‍🌈 👍🏽', '第一行\r\n第二行\n第三行', '\uFFFD\u00A0\u3000全角　空格', 'Z\u0351\u0363\u0313a\u0354l\u0357g\u0347o'];
const isStorable = (text: string, max: number) => nonTextCharacter(text) === undefined && characterCount(text) <= max && text.trim() !== '';
// Generated text: whole graphemes (emoji sequences, CJK extensions, scripts, combining marks) and any code point.
const GENERATED = fc.sample(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 60 })).filter((text) => isStorable(text, 100)), { numRuns: 52, seed: 9009 });
const TEXTS = [...FIXED, ...GENERATED];

async function storedSurvey(id: string) {
  return eventually(`survey ${id} stored`, async () => {
    const { Item } = await dynamoDb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.survey(id), ConsistentRead: true }));
    if (Item === undefined) return undefined;
    const contact = await dynamoDb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.surveyContact(id), ConsistentRead: true }));
    return { comment: Item.comment as unknown, name: contact.Item?.name as unknown };
  }, 60_000);
}

async function storedComplaint(id: string) {
  return eventually(`complaint ${id} stored`, async () => {
    const record = await getComplaint(TABLE_NAME, id);
    if (record === undefined) return undefined;
    const contact = await readComplaintContact(TABLE_NAME, id, record.hasContact, new Date());
    return { description: record.description, desiredOutcome: record.desiredOutcome, name: contact.state === 'present' ? contact.contact.name : undefined };
  }, 60_000);
}

/** Runs `task` over `items`, a few at a time, as phones would. */
async function inParallel<T, R>(items: readonly T[], task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += 6) results.push(...await Promise.all(items.slice(i, i + 6).map((item, j) => task(item, i + j))));
  return results;
}

describe('any text a phone can type', () => {
  it(`is stored byte for byte in surveys and complaints, by JSON and by plain form post (${TEXTS.length} texts)`, async () => {
    const code = codeOf(await stack().surveyUrl('cardiology-ward'));
    const surveys = await inParallel(TEXTS, async (text) => {
      const submissionId = randomUUID();
      const response = await postJson(`${stack().baseUrl}/v1/surveys`, { submissionId, code, overall: 'good', comment: text, contact: { name: text, phone: '13800138000', consent: true } });
      expect(response.status).toBe(202);
      return { submissionId, text };
    });
    const complaints = await inParallel(TEXTS, async (text, index) => {
      const submissionId = randomUUID();
      const fields = { submissionId, code, description: text, desiredOutcome: text, 'contact.name': text, 'contact.relation': 'patient', 'contact.phone': '13800138000', 'contact.consent': 'true' };
      // Half as the page's plain form post without JavaScript, half as JSON.
      const response = index % 2 === 0
        ? await fetch(`${stack().baseUrl}/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: new URLSearchParams(fields).toString() })
        : await postJson(`${stack().baseUrl}/v1/complaints`, { submissionId, code, description: text, desiredOutcome: text, contact: { name: text, relation: 'patient', phone: '13800138000', consent: true } });
      expect(response.status).toBe(index % 2 === 0 ? 200 : 202);
      if (index % 2 === 1) expect(AcceptedSchema.parse(await response.json()).id).toBe(submissionId);
      return { submissionId, text };
    });

    for (const { submissionId, text } of surveys) expect(await storedSurvey(submissionId)).toEqual({ comment: text, name: text });
    for (const { submissionId, text } of complaints) expect(await storedComplaint(submissionId)).toEqual({ description: text, desiredOutcome: text, name: text });
  });

  it.each([
    ['U+0000', '{"comment":"a\\u0000b"}'],
    ['a lone surrogate', '{"comment":"a\\ud800b"}'],
    ['U+FFFE', '{"comment":"a\\ufffeb"}'],
    ['U+FFFF', '{"comment":"\\uffff"}'],
  ])('refuses %s with 422 on the field that holds it, never a 500', async (_, fragment) => {
    const code = codeOf(await stack().surveyUrl('cardiology-ward'));
    const body = `{"submissionId":"${randomUUID()}","code":"${code}","overall":"good",${fragment.slice(1)}`;

    const response = await postJson(`${stack().baseUrl}/v1/surveys`, body);

    expect(response.status).toBe(422);
    expect(ProblemSchema.parse(await response.json()).errors?.map((e) => e.path)).toEqual(['comment']);
  });
});
