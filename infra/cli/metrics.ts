import { isValidDay } from '../../shared/platform/time.ts';
import { fail, parseCommandLine, useCliEnvironment } from './cli-env.ts';

// `npm run metrics -- --site ID [--department ID] --from DATE --to DATE [--json]` (api.md).

const USAGE = 'usage: npm run metrics -- --site ID [--department ID] --from YYYY-MM-DD --to YYYY-MM-DD [--json]';

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, {
    options: {
      site: { type: 'string' },
      department: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const { site, department, from, to } = values;
  if (site === undefined || from === undefined || to === undefined) fail(USAGE);
  for (const [name, day] of [['--from', from], ['--to', to]] as const) if (!isValidDay(day)) fail(`${name} must be a date YYYY-MM-DD, got "${day}"`);
  if (from > to) fail('--from must not be after --to');

  useCliEnvironment();
  // Imported after the environment is set: storage modules create their clients at import.
  const { requireEnv } = await import('../../shared/platform/config.ts');
  const { env } = await import('../../shared/platform/resource-env.ts');
  const { buildReport, formatReport, UnknownScopeError } = await import('../../shared/reporting/report.ts');
  try {
    const report = await buildReport(requireEnv(env.tableName), site, department, from, to);
    process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
  } catch (error) {
    if (error instanceof UnknownScopeError) fail(error.message, 1);
    throw error;
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
