import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { counterNames } from '../../shared/reporting/counters.ts';
import type { SurveyMessage } from '../../shared/schemas/intake-message.ts';
import { OVERALL_OPTIONS } from '../../shared/schemas/survey.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { codeOf, eventually, postJson, surveyBody, useLocalStack } from '../support/local-stack.ts';

// The survey pipeline against the real emulators: gateway → intake → SQS → worker → DynamoDB Local.
// Visibility is 1 s here so redelivery and the dead-letter path take seconds, not minutes.
const stack = useLocalStack({ visibilityTimeoutSeconds: 1, rateLimitPerMinute: 10_000 });

const TZ = 'Asia/Shanghai';

async function storage() {
  const { sumAggregates } = await import('../../shared/storage/aggregates.ts');
  return { sumAggregates };
}

async function counters(departmentId: string, day: string) {
  const { sumAggregates } = await storage();
  return (await sumAggregates(TABLE_NAME, 'demo', departmentId, day, day)).counters;
}

function sqs() {
  return new SQSClient({ endpoint: stack().endpoints.sqs });
}

async function depth(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

async function drained(): Promise<true | undefined> {
  return (await depth(stack().queueUrls.intake.url)) === 0 ? true : undefined;
}

function message(departmentId: string, overall: SurveyMessage['survey']['overall'], receivedAt: string): SurveyMessage {
  return { kind: 'survey', receivedAt, siteId: 'demo', departmentId, timeZone: TZ, survey: { submissionId: randomUUID(), overall, ratings: { waiting: 4 }, waitMinutes: 12 } };
}

async function sendAll(bodies: readonly string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    await sqs().send(new SendMessageBatchCommand({
      QueueUrl: stack().queueUrls.intake.url,
      Entries: bodies.slice(i, i + 10).map((MessageBody, index) => ({ Id: String(index), MessageBody })),
    }));
  }
}

describe('survey intake end to end', () => {
  it('answers health with every part up', async () => {
    const response = await fetch(`${stack().baseUrl}/v1/health`);
    expect(response.status).toBe(200);
    const body = await response.json() as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['intake-queue', 'notify-queue', 'pollers', 'scheduler', 'ses-emulator', 'table']);
  });

  it('counts a survey posted through the API once, with its options and ratings', async () => {
    const code = codeOf(await stack().surveyUrl('outpatient-pharmacy'));
    const body = surveyBody(code, { overall: 'very_good', ratings: { waiting: 5, privacy: 4 }, waitMinutes: 8, comment: '取药很快，药师讲解清楚', locale: 'zh-CN' });
    const first = await postJson(`${stack().baseUrl}/v1/surveys`, body);
    const again = await postJson(`${stack().baseUrl}/v1/surveys`, body);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ id: body.submissionId, status: 'accepted' });
    expect(again.status).toBe(202);
    const day = dayIn(TZ, new Date());
    const counted = await eventually('survey counted', async () => {
      const c = await counters('outpatient-pharmacy', day);
      return c[counterNames.surveys] === 1 && (await drained()) ? c : undefined;
    });
    expect(counted).toMatchObject({
      [counterNames.surveys]: 1,
      [counterNames.overall('very_good')]: 1,
      [counterNames.rating('waiting', 5)]: 1,
      [counterNames.rating('privacy', 4)]: 1,
      [counterNames.waitAnswered]: 1,
      [counterNames.waitWithinTarget]: 1,
      [counterNames.waitMinutesSum]: 8,
      [counterNames.comments]: 1,
    });
    const site = await counters('ALL', day);
    expect(site[counterNames.surveys]).toBeGreaterThanOrEqual(1);
  });

  it('counts every response exactly once when each message is delivered twice, in shuffled batches', async () => {
    const departments = ['emergency', 'cardiology-ward', 'paediatrics-clinic'];
    const receivedAt = '2026-03-10T04:00:00.000Z';
    const day = dayIn(TZ, receivedAt);
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom(...departments), fc.constantFrom(...OVERALL_OPTIONS)), { minLength: 5, maxLength: 40 }),
      fc.integer(),
      async (picks, seed) => {
        const before = await Promise.all(departments.map((d) => counters(d, day)));
        const messages = picks.map(([department, overall]) => message(department, overall, receivedAt));
        const bodies = [...messages, ...messages].map((m) => JSON.stringify(m));
        // A seeded shuffle, so a failure can be replayed.
        let state = seed;
        const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
        for (let i = bodies.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [bodies[i], bodies[j]] = [bodies[j] ?? '', bodies[i] ?? ''];
        }
        await sendAll(bodies);
        await eventually('queue drained', drained, 60_000);
        const after = await Promise.all(departments.map((d) => counters(d, day)));
        departments.forEach((department, index) => {
          const expected = messages.filter((m) => m.departmentId === department);
          const delta = (name: string) => (after[index]?.[name] ?? 0) - (before[index]?.[name] ?? 0);
          expect(delta(counterNames.surveys)).toBe(expected.length);
          for (const option of OVERALL_OPTIONS) expect(delta(counterNames.overall(option))).toBe(expected.filter((m) => m.survey.overall === option).length);
        });
      },
    ), { numRuns: 5, seed: 20261122 });
  });

  it('sends a poison message to the dead-letter queue after 5 receives while the rest of its batch is counted once', async () => {
    const receivedAt = '2026-04-01T02:00:00.000Z';
    const day = dayIn(TZ, receivedAt);
    const good = Array.from({ length: 9 }, () => message('orthopaedics-ward', 'good', receivedAt));
    const poison = JSON.stringify({ kind: 'survey', note: 'not a valid intake message' });
    await sendAll([poison, ...good.map((m) => JSON.stringify(m))]);
    const dead = await eventually('poison dead-lettered', async () => {
      const { Messages = [] } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: stack().queueUrls.intake.deadLetterUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], VisibilityTimeout: 30 }));
      return Messages.length > 0 ? Messages : undefined;
    }, 60_000);
    expect(dead.map((m) => m.Body)).toEqual([poison]);
    expect(Number(dead[0]?.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(5);
    expect((await counters('orthopaedics-ward', day))[counterNames.surveys]).toBe(9);
  });

  it('changes nothing when the worker dies before or after its write, and counts once on redelivery', async () => {
    const { dynamoDb } = await import('../../shared/aws/dynamodb.ts');
    const receivedAt = '2026-05-05T03:00:00.000Z';
    const day = dayIn(TZ, receivedAt);
    for (const when of ['before', 'after'] as const) {
      // From the injected crash on, the dying invocation can write nothing more (its record-by-record
      // fallback included) until the message comes back after the visibility timeout.
      let deadUntil = 0;
      let crashes = 0;
      let writesAfterCrash = 0;
      const name = `crash-${when}-write`;
      dynamoDb.middlewareStack.add((next, context) => async (args) => {
        if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
        if (Date.now() < deadUntil) throw new Error('the invocation is dead');
        if (crashes === 0) {
          crashes += 1;
          deadUntil = Date.now() + 500;
          if (when === 'after') await next(args);
          throw new Error(`injected crash ${when} the write`);
        }
        writesAfterCrash += 1;
        return next(args);
      }, { step: 'initialize', name });
      try {
        const before = (await counters('maternity-ward', day))[counterNames.surveys] ?? 0;
        await sendAll([JSON.stringify(message('maternity-ward', 'very_good', receivedAt))]);
        await eventually(`redelivered after a crash ${when} the write`, async () => ((await drained()) && writesAfterCrash > 0 ? true : undefined), 30_000);
        expect(crashes).toBe(1);
        expect((await counters('maternity-ward', day))[counterNames.surveys]).toBe(before + 1);
      } finally {
        dynamoDb.middlewareStack.remove(name);
      }
    }
  });

  it('writes 2 aggregate items and 1 response item per survey, none with an IP address', async () => {
    const scan = await new DynamoDBClient({ endpoint: stack().endpoints.dynamodb }).send(new ScanCommand({ TableName: TABLE_NAME }));
    const items = scan.Items ?? [];
    const text = JSON.stringify(items);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('sourceIp');
    const responses = items.filter((item) => item.sk?.S === 'SURVEY');
    expect(responses.length).toBeGreaterThan(0);
    for (const item of responses) expect(Number(item.expiresAt?.N)).toBeGreaterThan(Date.now() / 1000);
  });
});
