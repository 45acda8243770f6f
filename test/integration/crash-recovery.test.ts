import { execFile } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BatchGetItemCommand, type BatchGetItemCommandOutput, DynamoDBClient, type KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { RuntimeFileSchema } from '../../infra/cli/cli-env.ts';
import { freePort } from '../../infra/local/ports.ts';
import { pendingMessages } from '../../infra/local/queue-journal.ts';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { env as resourceEnv } from '../../shared/platform/resource-env.ts';
import { keys } from '../../shared/storage/keys.ts';
import { killLocalProcess, type LocalProcess, startLocalProcess } from '../support/local-process.ts';
import { codeOf, eventually, postJson, surveyBody, useLocalStack } from '../support/local-stack.ts';

// Issue 9: SIGKILL of the whole local stack at any moment loses nothing that got a 202. The stack runs as
// `npm start` does, in its own process group. First crash: the worker is stalled (no pollers), so every
// accepted message is only in the SQS emulator's memory and the journal. Second crash: the worker is
// draining, so messages are queued, received and being stored, or deleted. Then a clean start drains,
// and every accepted submission is stored and counted exactly once.

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const DEPARTMENT = 'registration-billing';
const localDir = mkdtempSync(join(tmpdir(), 'feedback-crash-'));
const baseEnv = { PATIENT_FEEDBACK_LOCAL_DIR: localDir, POWERTOOLS_LOG_LEVEL: 'ERROR', RATE_LIMIT_PER_MINUTE: '1000000' };
const running: LocalProcess[] = [];

afterAll(async () => {
  for (const stack of running) await killLocalProcess(stack);
  rmSync(localDir, { recursive: true, force: true });
});

async function start(extraEnv: Record<string, string> = {}): Promise<LocalProcess> {
  const stack = await startLocalProcess(await freePort(), { ...baseEnv, ...extraEnv });
  running.push(stack);
  return stack;
}

interface Burst {
  readonly attempted: string[];
  readonly accepted: string[];
}

/** Posts `count` surveys, a few at a time, and SIGKILLs the stack right after the `killAfter`-th 202, with requests still in flight. */
async function postUntilKilled(stack: LocalProcess, count: number, killAfter: number): Promise<Burst> {
  const code = codeOf(stack.surveyUrl);
  const burst: Burst = { attempted: [], accepted: [] };
  let killed: Promise<void> | undefined;
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < count && killed === undefined) {
      next += 1;
      const submissionId = randomUUID();
      burst.attempted.push(submissionId);
      try {
        const response = await postJson(`${stack.baseUrl}/v1/surveys`, { submissionId, code, overall: 'good' });
        if (response.status === 202) burst.accepted.push(submissionId);
      } catch {
        // The connection died with the stack: not accepted.
      }
      if (burst.accepted.length >= killAfter) killed ??= killLocalProcess(stack);
    }
  }));
  await (killed ?? killLocalProcess(stack));
  return burst;
}

function runtime() {
  return RuntimeFileSchema.parse(JSON.parse(readFileSync(join(localDir, 'runtime.json'), 'utf8')));
}

/** Which of `ids` have a stored survey response. */
async function stored(ids: readonly string[]): Promise<Set<string>> {
  const client = new DynamoDBClient({ endpoint: runtime().env.AWS_ENDPOINT_URL_DYNAMODB });
  const found = new Set<string>();
  try {
    for (let i = 0; i < ids.length; i += 100) {
      let request: Record<string, KeysAndAttributes> | undefined = {
        [TABLE_NAME]: { Keys: ids.slice(i, i + 100).map((id) => ({ pk: { S: keys.survey(id).pk }, sk: { S: keys.survey(id).sk } })), ProjectionExpression: 'pk' },
      };
      while (request !== undefined && Object.keys(request).length > 0) {
        const result: BatchGetItemCommandOutput = await client.send(new BatchGetItemCommand({ RequestItems: request }));
        for (const item of result.Responses?.[TABLE_NAME] ?? []) found.add((item.pk?.S ?? '').slice('SURVEY#'.length));
        request = result.UnprocessedKeys;
      }
    }
  } finally {
    client.destroy();
  }
  return found;
}

async function queueDepth(queueUrl: string): Promise<number> {
  const client = new SQSClient({ endpoint: runtime().env.AWS_ENDPOINT_URL_SQS });
  try {
    const { Attributes = {} } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  } finally {
    client.destroy();
  }
}

const MetricsSchema = z.object({ surveys: z.object({ n: z.number() }) });

/** `npm run metrics`: the department's survey count from the aggregates, yesterday to tomorrow (the test may cross midnight in Shanghai). */
async function counted(): Promise<number> {
  const day = (offset: number) => dayIn('Asia/Shanghai', new Date(Date.now() + offset * 86_400_000));
  const { stdout } = await promisify(execFile)(TSX, ['infra/cli/metrics.ts', '--site', 'demo', '--department', DEPARTMENT, '--from', day(-1), '--to', day(1), '--json'], {
    cwd: ROOT, env: { ...process.env, ...baseEnv },
  });
  return MetricsSchema.parse(JSON.parse(stdout)).surveys.n;
}

describe('a crash of the local runtime', () => {
  it('loses no accepted survey and counts each exactly once, with the worker stalled and while it drains', async () => {
    const stalled = await start({ PATIENT_FEEDBACK_LOCAL_POLLERS: '0' });
    const first = await postUntilKilled(stalled, 240, randomInt(120, 200));

    const draining = await start();
    const requeuedAt = (stack: LocalProcess) => Number(/(\d+) message\(s\) not yet stored/.exec(stack.output())?.[1] ?? 0);
    const requeued = requeuedAt(draining);
    expect(requeued).toBeGreaterThanOrEqual(first.accepted.length);
    const second = await postUntilKilled(draining, 200, randomInt(60, 160));

    const last = await start();
    const accepted = [...first.accepted, ...second.accepted];
    const attempted = [...first.attempted, ...second.attempted];
    const { env } = runtime();
    await eventually('every accepted survey stored and the queue empty', async () => {
      const found = await stored(accepted);
      return found.size === accepted.length && (await queueDepth(env[resourceEnv.intakeQueueUrl] ?? '')) === 0 ? true : undefined;
    }, 60_000).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the stack said: ${last.output().slice(-3000)}`);
    });

    const storedAll = await stored(attempted);
    const n = await counted();
    expect(accepted.filter((id) => !storedAll.has(id))).toEqual([]);
    // Exactly once: the aggregates count each stored response once, and nothing else.
    expect(n).toBe(storedAll.size);
    expect(await queueDepth(env[resourceEnv.intakeDeadLetterQueueUrl] ?? '')).toBe(0);
    expect(statSync(join(localDir, 'dynamodb', 'queue-journal.jsonl')).mode & 0o777).toBe(0o600);
    console.info(`crash test: first crash (worker stalled) ${first.attempted.length} sent, ${first.accepted.length} accepted, ${requeued} queued again at restart; second crash (worker draining) ${second.attempted.length} sent, ${second.accepted.length} accepted, ${requeuedAt(last)} queued again at restart; after restart ${storedAll.size} stored, ${n} counted, ${accepted.filter((id) => !storedAll.has(id)).length} accepted lost`);
  }, 300_000);
});

describe('the queue journal of a running stack', () => {
  const dataDir = join(localDir, 'in-process');
  const journal = join(dataDir, 'queue-journal.jsonl');
  const stack = useLocalStack({ dataDir, visibilityTimeoutSeconds: 1, pollersPerQueue: 1, rateLimitPerMinute: 1000 });

  it('marks a stored message deleted and keeps a dead-lettered one, in the DLQ, for the next start', async () => {
    const code = codeOf(await stack().surveyUrl(DEPARTMENT));
    expect((await postJson(`${stack().baseUrl}/v1/surveys`, surveyBody(code))).status).toBe(202);
    const { sendMessage } = await import('../../shared/aws/sqs.ts');
    const poison = { kind: 'not-a-submission' };
    await sendMessage(stack().queueUrls.intake.url, poison);

    const pending = await eventually('the survey marked deleted and the poison message dead-lettered', () => {
      const now = pendingMessages(readFileSync(journal, 'utf8'));
      return Promise.resolve(now.length === 1 && now[0]?.queue === 'intake-dlq' ? now : undefined);
    }, 60_000);
    expect(pending).toEqual([{ queue: 'intake-dlq', body: JSON.stringify(poison) }]);
  });
});
