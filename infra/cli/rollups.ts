import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { monthsFrom } from '../../shared/reporting/periods.ts';
import { fail, useCliEnvironment } from './cli-env.ts';

// `npm run rollups -- --site ID --from YYYY-MM --to YYYY-MM [--json]`: rebuilds a site's month roll-ups
// from its day aggregates, and the years those months are in from their months, for history written
// before the roll-ups existed (README, "Managers' figures").
// Running it again, or while surveys arrive, counts nothing twice.

const USAGE = 'usage: npm run rollups -- --site ID --from YYYY-MM --to YYYY-MM [--json]\n  用日汇总重建某院区各月的月汇总及所在年份的年汇总（可重复运行） · rebuilds the site\'s month roll-ups from its day aggregates, and their years\' roll-ups (safe to run again)';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/u;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { site: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } }, strict: true }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { site, from, to, json } = values;
  if (site === undefined || from === undefined || to === undefined) fail(USAGE);
  for (const [name, month] of [['--from', from], ['--to', to]] as const) if (!MONTH.test(month)) fail(`${name} 需要 YYYY-MM 形式的月份 · ${name} must be a month YYYY-MM, got "${month}"`);
  if (from > to) fail('--from 不能晚于 --to · --from must not be after --to');

  useCliEnvironment();
  // Imported after the environment is set: storage modules create their clients at import.
  const { requireEnv } = await import('../../shared/platform/config.ts');
  const { env } = await import('../../shared/platform/resource-env.ts');
  const { MAX_MONTHS, rebuildSiteMonths } = await import('../../shared/reporting/month-rollups.ts');
  const { UnknownScopeError } = await import('../../shared/reporting/report.ts');
  const months = monthsFrom(from, to);
  if (months.length > MAX_MONTHS) fail(`最多 ${MAX_MONTHS} 个月 · at most ${MAX_MONTHS} months at once`);
  // cli-progress draws on stderr, so --json output stays clean.
  const bar = new SingleBar({ format: 'roll-ups [{bar}] {value}/{total} partition-months and -years · {eta}s left' }, Presets.shades_classic);
  let started = false;
  try {
    const counts = await rebuildSiteMonths(requireEnv(env.tableName), site, months, new Date(), (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    });
    bar.stop();
    process.stdout.write(json
      ? `${JSON.stringify({ site, from, to, ...counts })}\n`
      : `${site} ${from} … ${to}: ${counts.rebuilt} month items rebuilt, ${counts.unchanged} already right, ${counts['no-days']} with no day items (left as they are); `
        + `${counts.years.rebuilt} year items rebuilt, ${counts.years.unchanged} already right, ${counts.years['no-days']} with no month items\n`);
  } catch (error) {
    bar.stop();
    if (error instanceof UnknownScopeError) fail(`没有这个院区 · unknown site "${site}"`, 1);
    throw error;
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
