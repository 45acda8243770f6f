import { SingleBar, Presets } from 'cli-progress';
import { fail, parseCommandLine, useCliEnvironment } from './cli-env.ts';

// `npm run demo -- --days N` (api.md): N days of demo history before today for the demo sites, written
// through the real survey writer and aggregate writer, with a progress bar. Running it again writes
// nothing twice.

const USAGE = 'usage: npm run demo -- --days N   (1 to 730)';

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, { options: { days: { type: 'string', default: '365' } } });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 730) fail(USAGE);
  useCliEnvironment();
  const { requireEnv } = await import('../../shared/platform/config.ts');
  const { env } = await import('../../shared/platform/resource-env.ts');
  const { dayIn } = await import('../../shared/platform/time.ts');
  const { writeDemoHistory } = await import('../local/demo-history.ts');
  const bar = new SingleBar({ format: 'demo history [{bar}] {value}/{total} days · {eta}s left' }, Presets.shades_classic);
  bar.start(days, 0);
  const result = await writeDemoHistory(requireEnv(env.tableName), days, dayIn('Asia/Shanghai', new Date()), (done) => bar.update(done));
  bar.stop();
  process.stdout.write(`${result.surveys} surveys stored (ones already there are not counted again), complaint counters for ${result.complaintDays} new site-days\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
