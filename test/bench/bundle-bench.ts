import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleFunction, esbuildOptionsFor, ROOT, SHIPPED_DATA } from '../../infra/bundling.ts';
import { functions } from '../../infra/topology.ts';
import { MODEL_FILE_NAME } from '../../shared/classify/model/model-file.ts';

// Each function's bundle, built with the CDK's own esbuild options (infra/bundling.ts), so a function
// another engineer adds to the topology is measured with no change here: its minified size, the three
// inputs that put the most bytes in it (esbuild's metafile), the data shipped beside it, and its cold
// import (median of 5 fresh Node processes). A bundle that ships the classifier's weights is also timed
// with them loaded, as the first complaint of a cold worker does: the same bundle, built once more with
// the classifier's entry exported beside the handler's, imported and asked to classify one comment.

const IMPORTS = 5;

export interface BundleFigures {
  readonly bytes: number;
  readonly importMs: string;
  readonly largestInputs: readonly string[];
  readonly dataFiles?: Record<string, number>;
  readonly importWithDataMs?: string;
}

const HANDLER_ENV = {
  TABLE_NAME: 't', INTAKE_QUEUE_URL: 'http://127.0.0.1:1/q', INTAKE_DLQ_URL: 'http://127.0.0.1:1/d', SIGNING_KEY: 'a2V5', MAIL_FROM: 'a@b.c',
  OPERATOR_EMAIL: 'a@b.c', PUBLIC_BASE_URL: 'http://127.0.0.1', AWS_REGION: 'cn-north-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Milliseconds of a fresh Node process running `script` (an ES module that prints its own timing). */
function timed(script: string): number {
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...HANDLER_ENV }, encoding: 'utf8' }));
}

/** Where an input's bytes come from: its package, or its path in the repository. */
function inputName(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  return match === null ? path : `${match[1] ?? ''}/${match[2] ?? ''}`;
}

/** One entry's bundle (a path in the repository) in `dir`: built as the CDK builds it, its data shipped beside it, then measured. */
async function measureBundle(entry: string, dir: string): Promise<BundleFigures> {
  const { file: outfile, metafile } = await bundleFunction(entry, dir);
  const output = Object.values(metafile.outputs)[0];
  const largestInputs = Object.entries(output?.inputs ?? {})
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput).slice(0, 3)
    .map(([path, input]) => `${inputName(path)} ${(input.bytesInOutput / 1024).toFixed(0)} KB`);
  const importMs = median(Array.from({ length: IMPORTS }, () => timed(`const t = performance.now(); await import(${JSON.stringify(outfile)}); process.stdout.write(String(performance.now() - t));`)));
  const model = join(dir, MODEL_FILE_NAME);
  const shipped = SHIPPED_DATA.map(({ file }) => file).filter((file) => existsSync(join(dir, file)));
  let data: Pick<BundleFigures, 'dataFiles' | 'importWithDataMs'> = shipped.length === 0 ? {} : { dataFiles: Object.fromEntries(shipped.map((file) => [file, statSync(join(dir, file)).size])) };
  if (existsSync(model)) {
    // One bundle, so the classifier's code is compiled once, as in the function (until 5 December a
    // second bundle of the classifier alone was imported beside it, which compiled that code twice).
    const probe = join(dir, 'with-classifier.ts');
    writeFileSync(probe, `export * from ${JSON.stringify(join(ROOT, entry))};\nexport { classify } from ${JSON.stringify(join(ROOT, 'shared', 'classify', 'classifier.ts'))};\n`);
    const probeBundle = join(dir, 'with-classifier.mjs');
    await build(esbuildOptionsFor(probe, probeBundle));
    const withData = median(Array.from({ length: IMPORTS }, () => timed(`const t = performance.now(); const c = await import(${JSON.stringify(probeBundle)}); c.classify('护士态度很差'); process.stdout.write(String(performance.now() - t));`)));
    data = { ...data, importWithDataMs: `${withData.toFixed(1)} ms` };
  }
  return { bytes: statSync(outfile).size, importMs: `${importMs.toFixed(1)} ms`, largestInputs, ...data };
}

/**
 * Every function's bundle, and `stackFloor`: a handler that only parses its event with zod, logs and
 * counts with Powertools and reads one DynamoDB item (test/bench/stack-floor.ts), the least any function
 * on stack.md's packages carries, measured the same way as the yardstick for the others.
 */
export async function bundleFigures(): Promise<{ functions: Record<string, BundleFigures>; stackFloor: BundleFigures }> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  try {
    const figures: Record<string, BundleFigures> = {};
    for (const [name, spec] of Object.entries(functions)) figures[name] = await measureBundle(spec.entry, join(outDir, name));
    const stackFloor = await measureBundle('test/bench/stack-floor.ts', join(outDir, 'stack-floor'));
    return { functions: figures, stackFloor };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
