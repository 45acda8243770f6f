import { writeFileSync } from 'node:fs';
import { fail, parseCommandLine, useCliEnvironment } from './cli-env.ts';

// `npm run classifier:export -- --site ID --out FILE.json`: the labels the site's staff gave (category
// corrections, confirmed or dismissed possible signals), without contact details, for
// `npm run classifier:train -- --with-corrections FILE.json`. Refused unless the site consented.

const USAGE = 'usage: npm run classifier:export -- --site ID --out FILE.json';

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, { options: { site: { type: 'string' }, out: { type: 'string' } } });
  const { site, out } = values;
  if (site === undefined || out === undefined) fail(USAGE);
  useCliEnvironment();
  // Imported after the environment is set: storage modules create their clients at import.
  const { requireEnv } = await import('../../shared/platform/config.ts');
  const { env } = await import('../../shared/platform/resource-env.ts');
  const { exportCorrections } = await import('../../shared/comments/corrections-export.ts');
  const { DomainError } = await import('../../shared/platform/domain-errors.ts');
  try {
    const file = await exportCorrections(requireEnv(env.tableName), site, new Date());
    // Owner-only: the words are a patient's.
    writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    process.stdout.write(`wrote ${out}: ${file.corrections.length} label(s) of site ${site}; delete it once the model is retrained\n`);
  } catch (error) {
    if (error instanceof DomainError) fail(error.message, 1);
    throw error;
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
