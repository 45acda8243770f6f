import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { BatchWriteCommand, type BatchWriteCommandOutput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LocalStack, startLocalStack, TABLE_NAME } from '../../infra/local/stack.ts';
import { addDays, dayIn } from '../../shared/platform/time.ts';
import { machineToken } from '../support/local-stack.ts';
import type { CallRecord } from '../../shared/schemas/callback.ts';

// The callbacks' part of `npm run bench` (issue 10), also runnable alone (`npx tsx test/bench/callback-bench.ts`):
// - the discharge import rate: batches of 500 posted by the HIS's machine client to POST /v1/discharges,
//   timed until the worker has stored every one (counted in the aggregates);
// - the worklist query time with 10,000 open calls in the table: GET /v1/admin/callbacks for the office
//   (every department and the follow-ups, merged) and for a callback nurse (two wards), 25 a page.

const DISCHARGES = Number(process.env.BENCH_DISCHARGES ?? 2000);
const OPEN_CALLS = Number(process.env.BENCH_OPEN_CALLS ?? 10_000);
const QUERIES = Number(process.env.BENCH_WORKLIST_QUERIES ?? 30);
const TZ = 'Asia/Shanghai';
const WARDS = ['cardiology-ward', 'respiratory-ward', 'orthopaedics-ward', 'general-surgery-ward', 'maternity-ward', 'paediatrics-ward'];

const ms = (value: number) => Number(value.toFixed(1));
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function timedQueries(url: string, token: string): Promise<{ p50: number; p95: number; items: number }> {
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < QUERIES; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body: unknown = await response.json();
    if (response.status !== 200) throw new Error(`worklist answered ${response.status}`);
    times.push(performance.now() - started);
    items = typeof body === 'object' && body !== null && 'items' in body && Array.isArray(body.items) ? body.items.length : 0;
  }
  times.sort((a, b) => a - b);
  return { p50: ms(percentile(times, 50)), p95: ms(percentile(times, 95)), items };
}

export async function callbackBenchFigures(stack: LocalStack): Promise<Record<string, unknown>> {
  const { sumAggregates } = await import('../../shared/storage/aggregates.ts');
  const { callItem } = await import('../../shared/storage/call-items.ts');
  const { keys } = await import('../../shared/storage/keys.ts');
  const { getUser } = await import('../../shared/storage/users.ts');
  const his = await machineToken(stack);
  const day = dayIn(TZ, addDays(new Date(), -2));
  const discharged = async () => (await sumAggregates(TABLE_NAME, 'demo', 'ALL', day, day)).counters.callback_discharged ?? 0;
  const before = await discharged();
  const run = randomUUID().slice(0, 8);

  const started = performance.now();
  const batches = Math.ceil(DISCHARGES / 500);
  await Promise.all(Array.from({ length: batches }, async (_, b) => {
    const discharges = Array.from({ length: Math.min(500, DISCHARGES - b * 500) }, (_, i) => ({
      dischargeId: `BENCH-${run}-${b}-${i}`, departmentId: WARDS[i % WARDS.length], dischargedAt: `${day}T10:00:00+08:00`, patient: { name: `患者${i}`, phone: `1390000${String(i).padStart(4, '0')}` }, serviceType: 'inpatient',
    }));
    const response = await fetch(`${stack.baseUrl}/v1/discharges`, { method: 'POST', headers: { authorization: `Bearer ${his}`, 'content-type': 'application/json' }, body: JSON.stringify({ batchId: randomUUID(), siteId: 'demo', discharges }) });
    if (response.status !== 202) throw new Error(`discharges answered ${response.status}: ${await response.text()}`);
  }));
  const acceptedSeconds = (performance.now() - started) / 1000;
  while ((await discharged()) - before < DISCHARGES) await new Promise((resolve) => setTimeout(resolve, 100));
  const storedSeconds = (performance.now() - started) / 1000;

  // 10,000 open calls written straight into the table (as the worker would leave them), across 20 departments.
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb }));
  const departments = [...WARDS, 'emergency', 'internal-medicine-clinic', 'surgery-clinic', 'paediatrics-clinic', 'obgyn-clinic', 'tcm-clinic', 'stomatology-clinic', 'medical-imaging', 'health-check', 'registration-billing', 'admission-discharge', 'blood-draw', 'outpatient-pharmacy', 'patient-relations'];
  const today = dayIn(TZ, new Date());
  const calls: Record<string, unknown>[] = [];
  for (let i = 0; i < OPEN_CALLS; i += 1) {
    const dischargeId = `OPEN-${run}-${i}`;
    const due = dayIn(TZ, addDays(new Date(), (i % 20) - 10));
    const call: CallRecord = { callId: `discharge:${dischargeId}`, kind: 'discharge', siteId: 'demo', departmentId: departments[i % departments.length] ?? 'emergency', timeZone: TZ, dischargeId, cohortDay: due, status: 'due', attempts: [], dueDay: due, windowStart: due, windowEnd: dayIn(TZ, addDays(new Date(), 20)), complaintIds: [], version: 1 };
    calls.push(callItem(TABLE_NAME, call).Put?.Item ?? {}, { ...keys.dischargePerson('demo', dischargeId), name: `患者${i}`, phone: `1390000${String(i % 10_000).padStart(4, '0')}` });
  }
  const chunks = Array.from({ length: Math.ceil(calls.length / 25) }, (_, i) => calls.slice(i * 25, i * 25 + 25));
  for (let i = 0; i < chunks.length; i += 8) {
    await Promise.all(chunks.slice(i, i + 8).map(async (chunk) => {
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = { [TABLE_NAME]: chunk.map((Item) => ({ PutRequest: { Item } })) };
      while (request !== undefined) {
        const result: BatchWriteCommandOutput = await db.send(new BatchWriteCommand({ RequestItems: request }));
        const left: NonNullable<BatchWriteCommandOutput['UnprocessedItems']>[string] | undefined = result.UnprocessedItems?.[TABLE_NAME];
        request = left === undefined || left.length === 0 ? undefined : { [TABLE_NAME]: left.map((w) => ({ PutRequest: { Item: w.PutRequest?.Item ?? {} } })) };
      }
    }));
  }
  db.destroy();
  const token = async (username: string) => {
    const user = await getUser(TABLE_NAME, username);
    if (user === undefined) throw new Error(username);
    return stack.issuer.idTokenFor(user);
  };
  return {
    dischargeImport: {
      discharges: DISCHARGES, batches, acceptedSeconds: Number(acceptedSeconds.toFixed(2)), storedSeconds: Number(storedSeconds.toFixed(2)),
      acceptedPerSecond: Math.round(DISCHARGES / acceptedSeconds), storedPerSecond: Math.round(DISCHARGES / storedSeconds),
      note: 'POST /v1/discharges in batches of 500 (4 at once) until the worker stored every discharge, its call, personal item and counters',
    },
    worklist: {
      openCalls: OPEN_CALLS + DISCHARGES, today,
      office: await timedQueries(`${stack.baseUrl}/v1/admin/callbacks?site=demo&limit=25`, await token('office')),
      callbackNurse: await timedQueries(`${stack.baseUrl}/v1/admin/callbacks?site=demo&limit=25`, await token('callback')),
      note: 'GET /v1/admin/callbacks, first page of 25: the office merges 28 department partitions and the follow-ups, a nurse 2',
    },
  };
}

// Alone: a stack of its own, only these figures.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const stack = await startLocalStack({ rateLimitPerMinute: 1_000_000 });
  try {
    process.stdout.write(`${JSON.stringify(await callbackBenchFigures(stack), null, 2)}\n`);
  } finally {
    await stack.stop();
  }
  process.exit(0);
}
