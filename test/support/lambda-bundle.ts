import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { esbuildOptionsFor, shipDataCommand } from '../../infra/bundling.ts';

// A module bundled as the CDK bundles a function (infra/bundling.ts), with the data it names shipped beside
// it: what the tests and the bench load to see what a Lambda loads.

const ROOT = join(import.meta.dirname, '..', '..');

/** `entry` (a path in the repository) bundled to `outDir/index.mjs` with its data beside it: the bundle's path and metafile. */
export async function bundleAsDeployed(entry: string, outDir: string): Promise<{ file: string; metafile: Metafile }> {
  const file = join(outDir, 'index.mjs');
  const { metafile } = await build({ ...esbuildOptionsFor(join(ROOT, entry), file), metafile: true });
  execFileSync('bash', ['-c', shipDataCommand(ROOT, outDir)]);
  return { file, metafile };
}
