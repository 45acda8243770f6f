import { randomUUID } from 'node:crypto';
import { InternalServerError, DynamoDBServiceException, ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { RequestThrottled, SQSServiceException } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { type LocalStack, TABLE_NAME } from '../../infra/local/stack.ts';
import { counterNames } from '../../shared/reporting/counters.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { keys } from '../../shared/storage/keys.ts';
import { codeOf, eventually, queueDepth } from './local-stack.ts';

// Faults in the stores (issue 9): the handlers' own DynamoDB and SQS clients (the singletons of
// shared/aws/) fail a share of their calls the ways AWS does: throttling, 500 and 503, timeouts and
// connection resets. The fault sits below the SDK's retry middleware, so it strikes each attempt and the
// SDK's own retries (3 attempts, standard mode) see it, as they would in AWS. Throttling refuses the
// request; any other fault strikes before the request reaches the store or after the store applied it
// and the answer was lost, at even odds, as a timeout or a reset can.

export type FaultKind = 'throttled' | 'server-error' | 'timeout' | 'reset';
const KINDS: readonly FaultKind[] = ['throttled', 'server-error', 'timeout', 'reset'];
const MIDDLEWARE = 'injectedStoreFaults';

export interface StoreFaults {
  /** Attempts that reached the fault injector, and the faults it injected, by kind. */
  readonly figures: () => { attempts: number; faults: Record<FaultKind, number>; afterApplied: number };
  /** Stops injecting: every call goes through again. */
  readonly stop: () => void;
}

interface Errors {
  readonly throttled: () => Error;
  readonly serverError: (status: 500 | 503) => Error;
}

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode }, message: 'injected fault' });

const dynamoErrors: Errors = {
  throttled: () => (Math.random() < 0.5 ? new ProvisionedThroughputExceededException(metadata(400)) : new ThrottlingException(metadata(400))),
  serverError: (status) => (status === 500 ? new InternalServerError(metadata(500)) : new DynamoDBServiceException({ name: 'ServiceUnavailable', $fault: 'server', ...metadata(503) })),
};

const sqsErrors: Errors = {
  throttled: () => new RequestThrottled(metadata(400)),
  serverError: (status) => new SQSServiceException({ name: status === 500 ? 'InternalFailure' : 'ServiceUnavailable', $fault: 'server', ...metadata(status) }),
};

/** Makes `rate` of the handlers' DynamoDB and SQS attempts fail. Call once the local stack runs (the clients read their endpoints at import). */
export async function injectStoreFaults(rate: number): Promise<StoreFaults> {
  const { dynamoDb } = await import('../../shared/aws/dynamodb.ts');
  const { sqs } = await import('../../shared/aws/sqs.ts');
  let attempts = 0;
  let afterApplied = 0;
  const faults: Record<FaultKind, number> = { throttled: 0, 'server-error': 0, timeout: 0, reset: 0 };

  async function attempt<T>(call: () => Promise<T>, errors: Errors): Promise<T> {
    attempts += 1;
    if (Math.random() >= rate) return call();
    const kind = KINDS[Math.floor(Math.random() * KINDS.length)] ?? 'reset';
    faults[kind] += 1;
    if (kind === 'throttled') throw errors.throttled();
    if (Math.random() < 0.5) {
      await call();
      afterApplied += 1;
    }
    if (kind === 'server-error') throw errors.serverError(Math.random() < 0.5 ? 500 : 503);
    // As @smithy/node-http-handler reports them.
    if (kind === 'timeout') throw Object.assign(new Error('Connection timed out'), { name: 'TimeoutError' });
    throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  }

  // Below the retry middleware (each attempt), above the deserializer: an answer lost after the store applied
  // the request is still read off its connection, which would otherwise never go back to the pool.
  const placement = { step: 'deserialize', priority: 'high', name: MIDDLEWARE } as const;
  dynamoDb.middlewareStack.add((next) => (args) => attempt(() => next(args), dynamoErrors), placement);
  sqs.middlewareStack.add((next) => (args) => attempt(() => next(args), sqsErrors), placement);
  return {
    figures: () => ({ attempts, faults: { ...faults }, afterApplied }),
    stop: () => {
      dynamoDb.middlewareStack.remove(MIDDLEWARE);
      sqs.middlewareStack.remove(MIDDLEWARE);
    },
  };
}

const ProblemBodySchema = z.strictObject({ type: z.string(), title: z.string(), status: z.number(), detail: z.string() });

/** What one refusal looked like, when it was not a clean 500 or 503 problem. */
interface Unclean {
  readonly status: number | 'no answer';
  readonly contentType: string;
  readonly body: string;
}

export interface FaultScenarioFigures {
  readonly sent: number;
  readonly accepted: number;
  readonly posts: number;
  readonly refusals: Record<string, number>;
  readonly unclean: readonly Unclean[];
  /** The most posts one submission needed (the page's retry, same submissionId). */
  readonly mostPostsForOne: number;
  readonly stored: number;
  readonly counted: number;
  readonly lost: number;
  readonly deadLettered: number;
  readonly injected: ReturnType<StoreFaults['figures']>;
  readonly seconds: number;
}

/**
 * `submissions` surveys through POST /v1/surveys with `rate` of the store attempts failing. A refused one
 * is posted again with the same submissionId, as the page does, until it is accepted. Then the faults
 * stop, the worker drains, and the figures say what was accepted, stored, counted and lost. Every fault
 * that outlasts the SDK's retries is logged as an error: start the stack with POWERTOOLS_LOG_LEVEL=SILENT.
 */
export async function runFaultScenario(stack: LocalStack, options: { submissions: number; concurrency: number; rate: number; departmentId: string }): Promise<FaultScenarioFigures> {
  const started = performance.now();
  const code = codeOf(await stack.surveyUrl(options.departmentId));
  const day = () => dayIn('Asia/Shanghai', new Date());
  const firstDay = day();
  const { sumAggregates } = await import('../../shared/storage/aggregates.ts');
  const { getItems } = await import('../../shared/storage/items.ts');
  const countNow = async () => (await sumAggregates(TABLE_NAME, 'demo', options.departmentId, firstDay, day())).counters[counterNames.surveys] ?? 0;
  const before = await countNow();

  const faults = await injectStoreFaults(options.rate);
  const accepted: string[] = [];
  const refusals: Record<string, number> = {};
  const unclean: Unclean[] = [];
  let posts = 0;
  let mostPostsForOne = 0;
  let next = 0;
  try {
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      while (next < options.submissions) {
        next += 1;
        const body = JSON.stringify({ submissionId: randomUUID(), code, overall: 'good', ratings: { waiting: 4 } });
        for (let attempt = 1; ; attempt++) {
          if (attempt > 20) throw new Error('a submission was refused 20 times');
          posts += 1;
          let response: Response;
          try {
            response = await fetch(`${stack.baseUrl}/v1/surveys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(30_000) });
          } catch {
            unclean.push({ status: 'no answer', contentType: '', body: '' });
            continue;
          }
          const text = await response.text();
          if (response.status === 202) {
            accepted.push(z.object({ id: z.string() }).parse(JSON.parse(text)).id);
            mostPostsForOne = Math.max(mostPostsForOne, attempt);
            break;
          }
          refusals[response.status] = (refusals[response.status] ?? 0) + 1;
          const contentType = response.headers.get('content-type') ?? '';
          const problem = contentType === 'application/problem+json' ? ProblemBodySchema.safeParse(JSON.parse(text)) : undefined;
          if (![500, 503].includes(response.status) || problem?.success !== true || problem.data.status !== response.status) unclean.push({ status: response.status, contentType, body: text });
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
        }
      }
    }));
  } finally {
    faults.stop();
  }

  const distinct = new Set(accepted);
  await eventually('every accepted survey counted and the queue empty', async () => {
    return (await countNow()) - before >= distinct.size && (await queueDepth(stack, stack.queueUrls.intake.url)) === 0 ? true : undefined;
  }, 120_000);
  const ids = [...distinct];
  const stored = (await getItems(TABLE_NAME, ids.map((id) => keys.survey(id)), { attributes: ['pk'] })).items.length;
  return {
    sent: options.submissions,
    accepted: distinct.size,
    posts,
    refusals,
    unclean,
    mostPostsForOne,
    stored,
    counted: (await countNow()) - before,
    lost: distinct.size - stored,
    deadLettered: await queueDepth(stack, stack.queueUrls.intake.deadLetterUrl),
    injected: faults.figures(),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
