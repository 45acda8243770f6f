import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_DIR, RUNTIME_FILE, type RuntimeFile } from '../cli/cli-env.ts';
import { complaintPageUrl } from '../../shared/complaints/page/complaint-paths.ts';
import { keepPrivate } from './private-files.ts';
import { startLocalStack } from './stack.ts';

// `npm start`: the whole system on this machine. Data and the signing key persist under .local/, readable
// by their owner only, so a restart keeps every record and every printed QR code stays valid.

/** A secret generated on the first start and kept under .local/, so it survives restarts. */
function persistentSecret(name: string, make: () => string): string {
  const file = join(LOCAL_DIR, name);
  if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function pollersPerQueue(value: string): number {
  if (!/^\d{1,2}$/.test(value)) throw new Error(`PATIENT_FEEDBACK_LOCAL_POLLERS must be a whole number of pollers per queue, not ${value}`);
  return Number(value);
}

function demoDays(value: string): number {
  if (!/^\d{1,4}$/.test(value)) throw new Error(`PATIENT_FEEDBACK_DEMO_DAYS must be a whole number of days, not ${value}`);
  return Number(value);
}

async function main(): Promise<void> {
  keepPrivate(LOCAL_DIR);
  const startedAt = Date.now();
  const port = Number(process.env.PORT ?? 3000);
  const stack = await startLocalStack({
    port,
    dataDir: join(LOCAL_DIR, 'dynamodb'),
    signingKey: persistentSecret('signing-key', () => randomBytes(32).toString('base64')),
    machineClientSecret: persistentSecret('machine-client-secret', () => randomBytes(24).toString('base64url')),
    ...(process.env.PUBLIC_BASE_URL === undefined ? {} : { publicBaseUrl: process.env.PUBLIC_BASE_URL }),
    // 0 stalls the worker (messages stay queued): how the crash test holds messages in flight.
    ...(process.env.PATIENT_FEEDBACK_LOCAL_POLLERS === undefined ? {} : { pollersPerQueue: pollersPerQueue(process.env.PATIENT_FEEDBACK_LOCAL_POLLERS) }),
    log: (line) => process.stdout.write(`  ${line}\n`),
    // A week of demo discharges, some called (PATIENT_FEEDBACK_DEMO_CALLBACKS=0: none; tests that start npm start as a process).
    demoCallbacks: process.env.PATIENT_FEEDBACK_DEMO_CALLBACKS !== '0',
    // A fortnight of complaints and comments in the office's inbox (PATIENT_FEEDBACK_DEMO_CASES=0: none).
    demoCases: process.env.PATIENT_FEEDBACK_DEMO_CASES !== '0',
    // Eight weeks of demo history on the first start, so the dashboard has trends (PATIENT_FEEDBACK_DEMO_DAYS=0: none).
    demoHistoryDays: demoDays(process.env.PATIENT_FEEDBACK_DEMO_DAYS ?? '56'),
  });
  const runtime: RuntimeFile = { pid: process.pid, baseUrl: stack.baseUrl, env: stack.env };
  writeFileSync(RUNTIME_FILE, JSON.stringify(runtime, null, 2), { mode: 0o600 });

  const example = await stack.surveyUrl('registration-billing');
  process.stdout.write([
    '',
    `Patient feedback is running (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s).`,
    `  Health            ${stack.baseUrl}/v1/health`,
    `  A survey page     ${example}`,
    `  Complaint page    ${complaintPageUrl(stack.baseUrl, example.slice(example.lastIndexOf('/') + 1))}`,
    `  Complaint inbox   ${stack.baseUrl}/admin/complaints`,
    `  Callbacks         ${stack.baseUrl}/admin/callbacks (discharges: POST /v1/discharges, npm run discharges)`,
    `  Sent mail         ${stack.endpoints.ses}/ (safety alerts, notices, SLA reminders)`,
    `  Staff pages       ${stack.baseUrl}/admin (local accounts: README, "Local staff accounts")`,
    `  Machine client    ${stack.issuer.machineClient.clientId}, token at ${stack.issuer.url}/oauth2/token (secret in ${join(LOCAL_DIR, 'machine-client-secret')})`,
    '  Every department  npm run qr -- --list',
    '  Figures           npm run metrics -- --site demo --from <YYYY-MM-DD> --to <YYYY-MM-DD>',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    rmSync(RUNTIME_FILE, { force: true });
    stack.stop().then(() => {
      process.stdout.write('Stopped.\n');
      process.exit(0);
    }, (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
