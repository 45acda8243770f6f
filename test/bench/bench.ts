import './bench-env.ts';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { bundleFigures } from './bundle-bench.ts';
import { classifierFigures, modelFigures } from './classifier-bench.ts';
import { callbackBenchFigures } from './callback-bench.ts';
import { pageFigures } from './page-bench.ts';
import { reportFigures } from './report-bench.ts';
import { fuzzRequests, sendFuzz, storedSubmissions } from '../support/fuzz-bodies.ts';
import { startLocalStack, TABLE_NAME } from '../../infra/local/stack.ts';
import { counterNames } from '../../shared/reporting/counters.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { runFaultScenario } from '../support/store-faults.ts';

// `npm run bench`: one run against the local stack, printing the figures the closing notes quote, then a
// table of each figure against its goal (issue 13). Numbers from DynamoDB Local on a 2-core machine
// describe this pipeline relative to that emulator (hence the raw PutItem rate beside them), not what AWS
// would do. `BENCH_ONLY=intake,worker` runs some sections only (fuzz, intake, worker, e2e, pages, alert,
// faults, callbacks, report, bundles, classifier); figures of the others are left out of bench.json.

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const E2E_SAMPLES = Number(process.env.BENCH_E2E_SAMPLES ?? 40);
const ALERT_SAMPLES = Number(process.env.BENCH_ALERT_SAMPLES ?? 10);
const FAULT_SUBMISSIONS = Number(process.env.BENCH_FAULT_SUBMISSIONS ?? 5000);
const FUZZ_BODIES = Number(process.env.BENCH_FUZZ_BODIES ?? 10_000);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 5000);
const SWEEP = [1, 4, 16, 32, 64, 128];
const SWEEP_REQUESTS = Number(process.env.BENCH_SWEEP_REQUESTS ?? 600);
const ROOT = join(import.meta.dirname, '..', '..');
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter((name) => name !== ''));
const runs = (section: string) => ONLY.size === 0 || ONLY.has(section);

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const loadAverage = () => loadavg().map((load) => load.toFixed(2)).join(' ');

/** One figure against its goal, for the table the bench ends with. */
interface Goal {
  readonly figure: string;
  readonly value: string;
  readonly goal: string;
  readonly met: boolean;
}

function goalTable(goals: readonly Goal[]): string {
  const rows = [['figure', 'value', 'goal', ''], ...goals.map((g) => [g.figure, g.value, g.goal, g.met ? 'ok' : 'MISSED'])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

const msOf = (text: string) => Number.parseFloat(text);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

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

interface IntakeRun {
  readonly requests: number;
  readonly concurrency: number;
  readonly acceptedPerSecond: number;
  readonly p50: string;
  readonly p95: string;
  readonly p99: string;
  readonly seconds: number;
}

/** `requests` surveys posted `concurrency` at a time: accepted per second and latency. Throws on anything but 202. */
async function postSurveys(baseUrl: string, code: string, requests: number, concurrency: number): Promise<IntakeRun> {
  const started = performance.now();
  const latencies = await pool(requests, concurrency, async (i) => {
    const sent = performance.now();
    const response = await fetch(`${baseUrl}/v1/surveys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: randomUUID(), code, overall: i % 7 === 0 ? 'poor' : 'very_good', ratings: { communication: 1 + (i % 5) }, waitMinutes: i % 30, locale: 'zh-CN' }),
    });
    await response.arrayBuffer();
    if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
    return performance.now() - sent;
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests, concurrency, acceptedPerSecond: Math.round(requests / seconds), p50: ms(percentile(latencies, 50)), p95: ms(percentile(latencies, 95)), p99: ms(percentile(latencies, 99)), seconds };
}

async function main(): Promise<void> {
  const figures: Record<string, unknown> = {};
  const loadBefore = loadAverage();
  const goals: Goal[] = [];
  const againstRaw = (figure: string, perSecond: number, raw: number) => goals.push({ figure, value: `${perSecond}/s (${(perSecond / raw).toFixed(2)} of raw ${raw}/s)`, goal: '>= 0.5 of raw PutItem', met: perSecond >= 0.5 * raw });
  // A message the worker fails under the injected store faults comes back after 10 s, not 3 min. The
  // pollers start held, so the worker's backlog can be built before it runs.
  const stack = await startLocalStack({ rateLimitPerMinute: 1_000_000, visibilityTimeoutSeconds: 10, pollersHeld: true });
  let trackingCode: string | undefined;
  try {
    const { dynamoDb } = await import('../../shared/aws/dynamodb.ts');
    const { sumAggregates } = await import('../../shared/storage/aggregates.ts');
    const department = 'registration-billing';
    const surveyUrl = await stack.surveyUrl(department);
    const code = surveyUrl.slice(surveyUrl.lastIndexOf('/') + 1);
    const countIn = async (departmentId: string) => (await sumAggregates(TABLE_NAME, 'demo', departmentId, dayIn('Asia/Shanghai', new Date()), dayIn('Asia/Shanghai', new Date()))).counters[counterNames.surveys] ?? 0;
    const countNow = () => countIn(department);
    const waitForCount = async (departmentId: string, target: number) => {
      while ((await countIn(departmentId)) < target) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    // Raw PutItem rate of this DynamoDB Local, at the same concurrency, before anything else runs.
    const raw = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb });
    const putStart = performance.now();
    await pool(REQUESTS, CONCURRENCY, (i) => raw.send(new PutItemCommand({ TableName: TABLE_NAME, Item: { pk: { S: `BENCH#${i}` }, sk: { S: 'RAW' }, n: { N: String(i) } } })));
    const rawRate = Math.round(REQUESTS / ((performance.now() - putStart) / 1000));
    figures.rawPutItemPerSecond = rawRate;

    // Count what the worker writes: items in its transactions per response stored.
    let transactionItems = 0;
    dynamoDb.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && typeof args.input === 'object' && args.input !== null && 'TransactItems' in args.input && Array.isArray(args.input.TransactItems)) {
        transactionItems += args.input.TransactItems.length;
      }
      return next(args);
    }, { step: 'initialize', name: 'bench-count' });

    // The worker alone on a backlog: BACKLOG surveys accepted while it is held (that is intake with no
    // worker beside it), then stored. Exactly once: the count reaches the backlog and stays there.
    if (runs('worker')) {
      const backlogDepartment = 'cardiology-ward';
      const backlogUrl = await stack.surveyUrl(backlogDepartment);
      const before = await countIn(backlogDepartment);
      const fill = await postSurveys(stack.baseUrl, backlogUrl.slice(backlogUrl.lastIndexOf('/') + 1), BACKLOG, CONCURRENCY);
      const itemsBefore = transactionItems;
      const started = performance.now();
      stack.resumePollers();
      await waitForCount(backlogDepartment, before + BACKLOG);
      const seconds = (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      againstRaw(`worker, backlog of ${BACKLOG}: stored`, Math.round(BACKLOG / seconds), rawRate);
      const counted = (await countIn(backlogDepartment)) - before;
      goals.push({ figure: 'worker: counted exactly once', value: String(counted), goal: String(BACKLOG), met: counted === BACKLOG });
      figures.worker = {
        backlog: BACKLOG,
        storedPerSecond: Math.round(BACKLOG / seconds),
        seconds: Number(seconds.toFixed(1)),
        counted,
        itemsWrittenPerResponse: Number(((transactionItems - itemsBefore) / BACKLOG).toFixed(2)),
        intakeWithWorkerHeld: fill,
      };
    }
    stack.resumePollers();

    // The public submission routes fuzzed with bodies that must all be refused (test/support/fuzz-bodies.ts,
    // whose CI-sized run is test/integration/public-fuzz.test.ts): no 5xx, no 2xx, nothing stored.
    if (runs('fuzz')) {
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
    }

    if (runs('intake')) {
      // Intake: accepted submissions per second and latency at a fixed concurrency, the worker storing
      // them at the same time; then the same at 64, and a sweep (each after the worker caught up).
      const before = await countNow();
      const itemsBefore = transactionItems;
      const intakeStart = performance.now();
      const { seconds: _seconds, ...intake } = await postSurveys(stack.baseUrl, code, REQUESTS, CONCURRENCY);
      figures.intake = intake;
      againstRaw(`intake at concurrency ${CONCURRENCY}`, intake.acceptedPerSecond, rawRate);
      goals.push({ figure: `intake at concurrency ${CONCURRENCY}: p99 / p50`, value: `${intake.p99} / ${intake.p50}`, goal: '<= 3', met: msOf(intake.p99) <= 3 * msOf(intake.p50) });

      // The worker draining that backlog into the aggregates.
      await waitForCount(department, before + REQUESTS);
      const drainSeconds = (performance.now() - intakeStart) / 1000;
      figures.pipeline = { storedPerSecond: Math.round(REQUESTS / drainSeconds), backlogClearedAfter: `${drainSeconds.toFixed(1)} s` };
      figures.dynamoItemsWrittenPerResponse = {
        worker: Number(((transactionItems - itemsBefore) / REQUESTS).toFixed(2)),
        note: '1 response item + 2 aggregate items (department, site) before coalescing; at intake, rate-limit updates shared by the requests waiting on the same bucket (README, "Rate limits")',
      };

      const at64 = await countNow();
      const { seconds: _s64, ...intake64 } = await postSurveys(stack.baseUrl, code, REQUESTS, 64);
      figures.intake64 = intake64;
      againstRaw('intake at concurrency 64', intake64.acceptedPerSecond, rawRate);
      goals.push({ figure: 'intake at concurrency 64: p99 / p50', value: `${intake64.p99} / ${intake64.p50}`, goal: '<= 3', met: msOf(intake64.p99) <= 3 * msOf(intake64.p50) });
      await waitForCount(department, at64 + REQUESTS);
      const sweep: Omit<IntakeRun, 'seconds'>[] = [];
      for (const concurrency of SWEEP) {
        const at = await countNow();
        const { seconds: _s, ...run } = await postSurveys(stack.baseUrl, code, SWEEP_REQUESTS, concurrency);
        sweep.push(run);
        await waitForCount(department, at + SWEEP_REQUESTS);
      }
      // Saturated: the first concurrency within 10 % of the best rate of the sweep.
      const best = Math.max(...sweep.map((run) => run.acceptedPerSecond));
      figures.intakeSweep = { requestsEach: SWEEP_REQUESTS, runs: sweep, saturatesAtConcurrency: sweep.find((run) => run.acceptedPerSecond >= 0.9 * best)?.concurrency };
    }

    // End to end, one at a time: from POST to the response being in the aggregates.
    if (runs('e2e')) {
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
    }

    // A critical complaint from the page to the safety alert in the SES emulator's mailbox, one at a time.
    if (runs('alert') || runs('pages')) {
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
        trackingCode = typeof accepted === 'object' && accepted !== null && 'trackingCode' in accepted ? String(accepted.trackingCode) : '';
        if (response.status !== 202 || trackingCode === '') throw new Error(`complaint intake answered ${response.status}`);
        while (!(await mailbox()).includes(`Tracking code: ${trackingCode}`)) await new Promise((resolve) => setTimeout(resolve, 20));
        alertDelays.push(performance.now() - started);
      }
      alertDelays.sort((a, b) => a - b);
      figures.safetyAlert = { samples: ALERT_SAMPLES, p50: ms(percentile(alertDelays, 50)), max: ms(alertDelays[alertDelays.length - 1] ?? NaN), note: 'POST /v1/complaints to the alert mail in the SES emulator (queue batching window 1 s)' };
    }

    // Every page over the wire, as phones and desks receive it (test/bench/page-bench.ts); the complaints
    // just sent give the office's pages a case to show.
    if (runs('pages')) {
      const pages = await pageFigures(stack, code, trackingCode);
      figures.pages = pages;
      for (const [name, page] of Object.entries(pages.patient)) {
        if (name === 'survey' || name === 'complaint') {
          goals.push({ figure: `${name} page HTML`, value: kb(page.htmlBytes), goal: '< 16 KB', met: page.htmlBytes < 16 * 1024 });
          goals.push({ figure: `${name} page brotli`, value: kb(page.brotliBytes), goal: '< 5 KB', met: page.brotliBytes < 5 * 1024 });
        }
      }
      for (const [name, page] of Object.entries(pages.staff)) goals.push({ figure: `staff ${name} page brotli`, value: kb(page.brotliBytes), goal: '< 60 KB', met: page.status === 200 && page.brotliBytes < 60 * 1024 });
      for (const [name, page] of [...Object.entries(pages.patient), ...Object.entries(pages.staff)]) goals.push({ figure: `${name} page render p95`, value: page.renderP95, goal: '< 20 ms', met: msOf(page.renderP95) < 20 });
      const { survey } = pages.patient;
      if (survey !== undefined) figures.surveyPage = { status: survey.status, htmlBytes: survey.htmlBytes, gzipBytes: survey.gzipBytes, brotliBytes: survey.brotliBytes, responseHeaderBytes: survey.responseHeaderBytes };
    }

    // Faults in the stores (issue 9): a fifth of the handlers' DynamoDB and SQS attempts fail (throttling,
    // 500/503, timeouts, resets) while surveys come in; a refused one is posted again with its submissionId.
    if (runs('faults')) figures.storeFaults = await runFaultScenario(stack, { submissions: FAULT_SUBMISSIONS, concurrency: CONCURRENCY, rate: 0.2, departmentId: 'outpatient-pharmacy' });

    // Callbacks (issue 10), a section of their own: the discharge import rate, the worklist over 10,000 open calls.
    if (runs('callbacks')) figures.callbacks = await callbackBenchFigures(stack);

    // Report cost at 10,000 and 100,000 responses (test/bench/report-bench.ts), last: it fills two months.
    if (runs('report')) {
      const { listDepartments } = await import('../../shared/storage/sites.ts');
      const reports = await reportFigures((await listDepartments(TABLE_NAME, 'demo')).map((d) => d.departmentId));
      figures.reports = reports;
      for (const [name, report] of Object.entries(reports)) goals.push({ figure: `${name}: items read 100,000 / 10,000 responses`, value: String(report.itemsReadRatio), goal: '1 (flat)', met: report.itemsReadRatio <= 1 });
    }
  } finally {
    await stack.stop();
  }

  // Each function's bundle, built with the CDK's own bundling options: size, largest inputs, cold import.
  if (runs('bundles')) {
    const { functions: bundles, stackFloor } = await bundleFigures();
    figures.bundles = bundles;
    figures.stackFloor = stackFloor;
    console.log(`stack floor (zod, Powertools, one DynamoDB read): ${kb(stackFloor.bytes)}, cold import ${stackFloor.importMs}`);
    for (const [name, bundle] of Object.entries(bundles)) {
      const split = bundle.loadedOnFirstUse.length === 0 ? '' : ` (${kb(bundle.bytesAtImport)} at import)`;
      goals.push({ figure: `${name} bundle`, value: `${kb(bundle.bytes)}${split}`, goal: '< 400 KB', met: bundle.bytes < 400 * 1024 });
      const withData = bundle.dataAtImport === true;
      const importMs = withData ? bundle.importWithDataMs ?? bundle.importMs : bundle.importMs;
      goals.push({ figure: `${name} cold import${withData ? ' with its data' : ''}`, value: importMs, goal: '< 100 ms', met: msOf(importMs) < 100 });
      if (bundle.loadedOnFirstUse.length > 0) console.log(`${name}: loaded on first use ${bundle.loadedOnFirstUse.join(', ')}${!withData && bundle.importWithDataMs !== undefined ? `; with the classifier loaded and one classification ${bundle.importWithDataMs}` : ''}`);
    }
  }
  // The complaint classifier on every labelled set, the lexicon, the model and both combined; holdout-3
  // and holdout-4 are the blind ones (README, "The classifier"). Then the model's size and load time.
  if (runs('classifier')) {
    figures.classifier = classifierFigures();
    const model = await modelFigures();
    figures.classifierModel = model;
    goals.push({ figure: 'classifier model on disk', value: kb(model.bytes), goal: '< 1 MB', met: model.bytes < 1024 * 1024 });
  }
  figures.node = process.version;
  figures.load = { before: loadBefore, after: loadAverage() };

  mkdirSync(join(ROOT, 'test', 'output'), { recursive: true });
  writeFileSync(join(ROOT, 'test', 'output', 'bench.json'), JSON.stringify(figures, null, 2));
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`\n${goalTable(goals)}\nload average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAverage()}\n`);
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
