import { readFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { fail, parseCommandLine, useCliEnvironment } from './cli-env.ts';

// `npm run discharges -- --site ID --file FILE.csv [--json]` (api.md): imports the HIS's CSV export of
// discharges through the same checks and queue as POST /v1/discharges, in batches of 500, with a progress
// bar. The operator acts with the deployment's own credentials, recorded in the audit trail as
// `client:operator-cli`. Good rows are taken; bad rows are listed by row number and field.

const USAGE = 'usage: npm run discharges -- --site ID --file FILE.csv [--json]';

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, { options: { site: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const { site, file } = values;
  if (site === undefined || file === undefined) fail(USAGE);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    fail(`cannot read ${file} as UTF-8 text: ${error instanceof Error ? error.message : String(error)}`, 1);
  }

  useCliEnvironment();
  // Imported after the environment is set: storage and queue modules create their clients at import.
  const { requireEnv } = await import('../../shared/platform/config.ts');
  const { env } = await import('../../shared/platform/resource-env.ts');
  const { sendMessage } = await import('../../shared/aws/sqs.ts');
  const { MACHINE_SCOPES } = await import('../../shared/auth/identity.ts');
  const { acceptDischarges } = await import('../../shared/callbacks/discharges.ts');
  const { importDischargeRows, parseDischargeCsv } = await import('../../shared/callbacks/csv.ts');
  const table = requireEnv(env.tableName);
  const queueUrl = requireEnv(env.intakeQueueUrl);
  const parsed = parseDischargeCsv(text);
  if (!parsed.ok) fail(parsed.error, 1);
  const operator = { kind: 'machine' as const, clientId: 'operator-cli', scopes: [MACHINE_SCOPES.discharges], sites: [site] };
  const bar = values.json || !process.stderr.isTTY && parsed.rows.length < 2_000 ? undefined : new SingleBar({ format: 'Importing {bar} {percentage}% | {value}/{total} rows | {eta}s left', stream: process.stderr });
  bar?.start(parsed.rows.length, 0);
  const result = await importDischargeRows(parsed, text, site, (body) => acceptDischarges(() => body, operator, { table, enqueue: (message) => sendMessage(queueUrl, message) }), (done) => bar?.update(done));
  bar?.stop();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    process.stdout.write(`${result.total} rows: ${result.accepted} taken (queued; each discharge is stored once), ${result.refused.length} refused.\n`);
    for (const r of result.refused) process.stdout.write(`  row ${r.row}: ${r.errors.map((e) => `${e.path} — ${e.message}`).join('; ')}\n`);
  }
  if (result.refused.length > 0) process.exitCode = 3;
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
