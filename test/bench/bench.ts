import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { esbuildOptionsFor, shipModelCommand } from '../../infra/bundling.ts';
import { classifierFigures, modelFigures } from './classifier-bench.ts';
import { callbackBenchFigures } from './callback-bench.ts';
import { fuzzRequests, sendFuzz, storedSubmissions } from '../support/fuzz-bodies.ts';
import { startLocalStack, TABLE_NAME } from '../../infra/local/stack.ts';
import { functions } from '../../infra/topology.ts';
import { counterNames } from '../../shared/reporting/counters.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { runFaultScenario } from '../support/store-faults.ts';

// `npm run bench`: one run against the local stack, printing the figures the closing notes quote.
// Numbers from DynamoDB Local on a 2-core machine describe this pipeline relative to that emulator (hence
// the raw PutItem rate beside them), not what AWS would do.

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const E2E_SAMPLES = Number(process.env.BENCH_E2E_SAMPLES ?? 40);
const ALERT_SAMPLES = Number(process.env.BENCH_ALERT_SAMPLES ?? 10);
const FAULT_SUBMISSIONS = Number(process.env.BENCH_FAULT_SUBMISSIONS ?? 5000);
const FUZZ_BODIES = Number(process.env.BENCH_FUZZ_BODIES ?? 10_000);
const ROOT = join(import.meta.dirname, '..', '..');

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  }));
  return results;
}

async function main(): Promise<void> {
  const figures: Record<string, unknown> = {};
  // The injected store faults below would log thousands of expected errors (their figures count them); a
  // message the worker fails under them comes back after 10 s, not 3 min.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const stack = await startLocalStack({ rateLimitPerMinute: 1_000_000, visibilityTimeoutSeconds: 10 });
  try {
    const { dynamoDb } = await import('../../shared/aws/dynamodb.ts');
    const { sumAggregates } = await import('../../shared/storage/aggregates.ts');
    const department = 'registration-billing';
    const surveyUrl = await stack.surveyUrl(department);
    const code = surveyUrl.slice(surveyUrl.lastIndexOf('/') + 1);
    const countNow = async () => (await sumAggregates(TABLE_NAME, 'demo', department, dayIn('Asia/Shanghai', new Date()), dayIn('Asia/Shanghai', new Date()))).counters[counterNames.surveys] ?? 0;

    // The public submission routes fuzzed with bodies that must all be refused (test/support/fuzz-bodies.ts,
    // whose CI-sized run is test/integration/public-fuzz.test.ts): no 5xx, no 2xx, nothing stored.
    const storedBefore = await storedSubmissions(stack.endpoints.dynamodb, TABLE_NAME);
    const fuzz = await sendFuzz(stack.baseUrl, fuzzRequests(code, FUZZ_BODIES, 20_261_203), CONCURRENCY);
    const answers = Object.entries(fuzz.statuses).map(([status, count]) => ({ status: Number(status), count }));
    const countOf = (wanted: (status: number) => boolean) => answers.filter(({ status }) => wanted(status)).reduce((sum, { count }) => sum + count, 0);
    figures.fuzz = {
      bodies: FUZZ_BODIES,
      seconds: Number(fuzz.seconds.toFixed(1)),
      perSecond: Math.round(FUZZ_BODIES / fuzz.seconds),
      statuses: fuzz.statuses,
      fiveXx: countOf((status) => status >= 500),
      accepted: countOf((status) => status < 400),
      stored: (await storedSubmissions(stack.endpoints.dynamodb, TABLE_NAME)) - storedBefore,
    };

    // Raw PutItem rate of this DynamoDB Local, at the same concurrency.
    const raw = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb });
    const putStart = performance.now();
    await pool(REQUESTS, CONCURRENCY, (i) => raw.send(new PutItemCommand({ TableName: TABLE_NAME, Item: { pk: { S: `BENCH#${i}` }, sk: { S: 'RAW' }, n: { N: String(i) } } })));
    const putSeconds = (performance.now() - putStart) / 1000;
    figures.rawPutItemPerSecond = Math.round(REQUESTS / putSeconds);

    // Count what the worker writes: items in its transactions per response stored.
    let transactionItems = 0;
    dynamoDb.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && typeof args.input === 'object' && args.input !== null && 'TransactItems' in args.input && Array.isArray(args.input.TransactItems)) {
        transactionItems += args.input.TransactItems.length;
      }
      return next(args);
    }, { step: 'initialize', name: 'bench-count' });

    // Intake: accepted submissions per second and latency at a fixed concurrency.
    const before = await countNow();
    const intakeStart = performance.now();
    const latencies = await pool(REQUESTS, CONCURRENCY, async (i) => {
      const started = performance.now();
      const response = await fetch(`${stack.baseUrl}/v1/surveys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: randomUUID(), code, overall: i % 7 === 0 ? 'poor' : 'very_good', ratings: { waiting: 1 + (i % 5) }, waitMinutes: i % 30, locale: 'zh-CN' }),
      });
      await response.arrayBuffer();
      if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
      return performance.now() - started;
    });
    const intakeSeconds = (performance.now() - intakeStart) / 1000;
    latencies.sort((a, b) => a - b);
    figures.intake = {
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      acceptedPerSecond: Math.round(REQUESTS / intakeSeconds),
      p50: ms(percentile(latencies, 50)),
      p95: ms(percentile(latencies, 95)),
      p99: ms(percentile(latencies, 99)),
    };

    // The worker draining that backlog into the aggregates.
    while ((await countNow()) < before + REQUESTS) await new Promise((resolve) => setTimeout(resolve, 50));
    const drainSeconds = (performance.now() - intakeStart) / 1000;
    figures.pipeline = { storedPerSecond: Math.round(REQUESTS / drainSeconds), backlogClearedAfter: `${drainSeconds.toFixed(1)} s` };
    figures.dynamoItemsWrittenPerResponse = {
      worker: Number((transactionItems / REQUESTS).toFixed(2)),
      note: '1 response item + 2 aggregate items (department, site) before coalescing; plus 1 rate-limit window update per request at intake',
    };

    // End to end, one at a time: from POST to the response being in the aggregates.
    const delays: number[] = [];
    for (let i = 0; i < E2E_SAMPLES; i++) {
      const target = (await countNow()) + 1;
      const started = performance.now();
      const response = await fetch(`${stack.baseUrl}/v1/surveys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ submissionId: randomUUID(), code, overall: 'good' }) });
      if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
      while ((await countNow()) < target) await new Promise((resolve) => setTimeout(resolve, 5));
      delays.push(performance.now() - started);
    }
    delays.sort((a, b) => a - b);
    figures.endToEnd = { samples: E2E_SAMPLES, p50: ms(percentile(delays, 50)), p95: ms(percentile(delays, 95)), max: ms(delays[delays.length - 1] ?? NaN) };

    // The survey page over the wire, as phones receive it: brotli, gzip, or neither. Headers count too.
    const { request } = await import('node:http');
    const fetchRaw = (encoding: string) => new Promise<{ status: number; body: number; headers: number }>((resolve, reject) => {
      request(surveyUrl, { headers: { 'accept-encoding': encoding, 'accept-language': 'zh-CN' } }, (res) => {
        let body = 0;
        res.on('data', (chunk: Buffer) => { body += chunk.byteLength; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.rawHeaders.reduce((sum, h) => sum + Buffer.byteLength(h) + 2, 0) }));
      }).on('error', reject).end();
    });
    const [identity, gzip, brotli] = [await fetchRaw('identity'), await fetchRaw('gzip'), await fetchRaw('br, gzip')];
    figures.surveyPage = { status: identity.status, htmlBytes: identity.body, gzipBytes: gzip.body, brotliBytes: brotli.body, responseHeaderBytes: brotli.headers };

    // A critical complaint from the page to the safety alert in the SES emulator's mailbox, one at a time.
    const alertDelays: number[] = [];
    const mailbox = async () => {
      const store: unknown = await (await fetch(`${stack.endpoints.ses}/store`)).json();
      return JSON.stringify(store);
    };
    for (let i = 0; i < ALERT_SAMPLES; i++) {
      const started = performance.now();
      const response = await fetch(`${stack.baseUrl}/v1/complaints`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: randomUUID(), code, description: '收费员说再来闹就找人打我，我现在很害怕。' }),
      });
      const accepted: unknown = await response.json();
      const trackingCode = typeof accepted === 'object' && accepted !== null && 'trackingCode' in accepted ? String(accepted.trackingCode) : '';
      if (response.status !== 202 || trackingCode === '') throw new Error(`complaint intake answered ${response.status}`);
      while (!(await mailbox()).includes(`Tracking code: ${trackingCode}`)) await new Promise((resolve) => setTimeout(resolve, 20));
      alertDelays.push(performance.now() - started);
    }
    alertDelays.sort((a, b) => a - b);
    figures.safetyAlert = { samples: ALERT_SAMPLES, p50: ms(percentile(alertDelays, 50)), max: ms(alertDelays[alertDelays.length - 1] ?? NaN), note: 'POST /v1/complaints to the alert mail in the SES emulator (queue batching window 1 s)' };

    // Faults in the stores (issue 9): a fifth of the handlers' DynamoDB and SQS attempts fail (throttling,
    // 500/503, timeouts, resets) while surveys come in; a refused one is posted again with its submissionId.
    figures.storeFaults = await runFaultScenario(stack, { submissions: FAULT_SUBMISSIONS, concurrency: CONCURRENCY, rate: 0.2, departmentId: 'outpatient-pharmacy' });

    // Callbacks (issue 10), a section of their own: the discharge import rate, the worklist over 10,000 open calls.
    figures.callbacks = await callbackBenchFigures(stack);
  } finally {
    await stack.stop();
  }

  // Each function's bundle, built with the CDK's own bundling options, and its cold import time.
  const outDir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const bundles: Record<string, { bytes: number; importMs: string }> = {};
  for (const [name, spec] of Object.entries(functions)) {
    const outfile = join(outDir, name, 'index.mjs');
    mkdirSync(join(outDir, name), { recursive: true });
    await build(esbuildOptionsFor(join(ROOT, spec.entry), outfile));
    execFileSync('bash', ['-c', shipModelCommand(ROOT, join(outDir, name))]);
    const script = `const t = performance.now(); await import(${JSON.stringify(outfile)}); process.stdout.write(String(performance.now() - t));`;
    const times = Array.from({ length: 3 }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TABLE_NAME: 't', INTAKE_QUEUE_URL: 'http://127.0.0.1:1/q', INTAKE_DLQ_URL: 'http://127.0.0.1:1/d', SIGNING_KEY: 'a2V5', MAIL_FROM: 'a@b.c', OPERATOR_EMAIL: 'a@b.c', PUBLIC_BASE_URL: 'http://127.0.0.1', AWS_REGION: 'cn-north-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      encoding: 'utf8',
    }))).sort((a, b) => a - b);
    bundles[name] = { bytes: statSync(outfile).size, importMs: ms(times[1] ?? NaN) };
  }
  figures.bundles = bundles;
  // The complaint classifier on every labelled set, the lexicon, the model and both combined; holdout-3
  // and holdout-4 are the blind ones (README, "The classifier"). Then the model's size and load time.
  figures.classifier = classifierFigures();
  figures.classifierModel = await modelFigures();
  figures.node = process.version;

  mkdirSync(join(ROOT, 'test', 'output'), { recursive: true });
  writeFileSync(join(ROOT, 'test', 'output', 'bench.json'), JSON.stringify(figures, null, 2));
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
