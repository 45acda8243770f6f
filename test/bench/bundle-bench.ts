import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleFunction, loadedAtImport, ROOT, SHIPPED_DATA } from '../../infra/bundling.ts';
import { functions } from '../../infra/topology.ts';
import { MODEL_FILE_NAME } from '../../shared/classify/model/model-file.ts';

// Each function's bundle, built with the CDK's own esbuild options (infra/bundling.ts), so a function
// another engineer adds to the topology is measured with no change here: its minified size (every file of
// JavaScript it ships: the entry and its chunks), what of it loads at cold start (the entry and the chunks
// it imports statically) and what only when a rare path first runs (each chunk behind an `import()`, by
// the module that starts it), the three inputs that put the most bytes in it (esbuild's metafile), the
// data shipped beside it, and its cold import (median of 5 fresh Node processes). A bundle that ships the
// classifier's weights is also timed with them loaded, as the first complaint of a cold worker does: the
// same bundle, built once more with the classifier's entry exported beside the handler's, imported and
// asked to classify one comment. That figure is the function's cold start when its classifier loads at
// import (the worker, today the only function shipping it); were the classifier behind an `import()`, it
// would be the cost of that path's first run instead, and the cold start the import alone.

const IMPORTS = 5;

/** The floor's name among the bundles (not a function's: those are camelCase). */
const STACK_FLOOR = 'stack-floor';

export interface BundleFigures {
  /** Every JavaScript file of the function: the goal's measure. */
  readonly bytes: number;
  /** What of it a cold start loads: the entry and the chunks it imports statically. */
  readonly bytesAtImport: number;
  /** Each `import()` of a rare path: the module it starts, and what it loads that a cold start has not. */
  readonly loadedOnFirstUse: readonly string[];
  readonly importMs: string;
  readonly largestInputs: readonly string[];
  readonly dataFiles?: Record<string, number>;
  readonly importWithDataMs?: string;
  /** Whether the classifier's weights are read by the code a cold start loads: then `importWithDataMs` is its cold start. */
  readonly dataAtImport?: boolean;
}

const HANDLER_ENV = {
  TABLE_NAME: 't', INTAKE_QUEUE_URL: 'http://127.0.0.1:1/q', INTAKE_DLQ_URL: 'http://127.0.0.1:1/d', NOTIFY_QUEUE_URL: 'http://127.0.0.1:1/n', NOTIFY_DLQ_URL: 'http://127.0.0.1:1/nd', SIGNING_KEY: 'a2V5', MAIL_FROM: 'a@b.c',
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

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** A script for a fresh process that imports `file` (and, for the worker, classifies one comment) and prints the milliseconds. */
const importScript = (file: string, classifyOne: boolean) =>
  `const t = performance.now(); const m = await import(${JSON.stringify(file)});${classifyOne ? " m.classify('护士态度很差');" : ''} process.stdout.write(String(performance.now() - t));`;

/** A bundle built and sized, with the scripts that time its cold import (and, with data, its first classification). */
interface BuiltBundle {
  readonly figures: Omit<BundleFigures, 'importMs' | 'importWithDataMs'>;
  readonly importScript: string;
  readonly withDataScript?: string;
}

/** One entry's bundle (a path in the repository) in `dir`: built as the CDK builds it, its data shipped beside it, then sized. */
async function buildBundle(entry: string, dir: string): Promise<BuiltBundle> {
  const { file: entryFile, metafile } = await bundleFunction(entry, dir);
  const outputs = Object.entries(metafile.outputs).filter(([path]) => path.endsWith('.mjs'));
  const atImport = loadedAtImport(metafile);
  const largestInputs = outputs.flatMap(([, output]) => Object.entries(output.inputs))
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput).slice(0, 3)
    .map(([path, input]) => `${inputName(path)} ${kb(input.bytesInOutput)}`);
  const bytesOf = (paths: Iterable<string>) => [...paths].reduce((sum, path) => sum + (metafile.outputs[path]?.bytes ?? 0), 0);
  // What each import() loads that a cold start has not: its chunk and the chunks it reaches (two imports may share some).
  const loadedOnFirstUse = outputs.filter(([path, output]) => !atImport.has(path) && output.entryPoint !== undefined)
    .map(([path, output]) => `${inputName(output.entryPoint ?? '')} ${kb(bytesOf([...loadedAtImport(metafile, path)].filter((loaded) => !atImport.has(loaded))))}`);
  const sized = { bytes: bytesOf(outputs.map(([path]) => path)), bytesAtImport: bytesOf(atImport), loadedOnFirstUse, largestInputs };
  const shipped = SHIPPED_DATA.map(({ file }) => file).filter((file) => existsSync(join(dir, file)));
  const dataFiles = shipped.length === 0 ? {} : { dataFiles: Object.fromEntries(shipped.map((file) => [file, statSync(join(dir, file)).size])) };
  if (!existsSync(join(dir, MODEL_FILE_NAME))) return { figures: { ...sized, ...dataFiles }, importScript: importScript(entryFile, false) };
  // One bundle, so the classifier's code is compiled once, as in the function (until 5 December a
  // second bundle of the classifier alone was imported beside it, which compiled that code twice).
  const probe = join(dir, 'with-classifier.ts');
  writeFileSync(probe, `export * from ${JSON.stringify(join(ROOT, entry))};\nexport { classify } from ${JSON.stringify(join(ROOT, 'shared', 'classify', 'classifier.ts'))};\n`);
  const { file: probeEntry } = await bundleFunction(relative(ROOT, probe), join(dir, 'with-classifier'));
  const dataAtImport = [...atImport].some((path) => readFileSync(path, 'utf8').includes(MODEL_FILE_NAME));
  return { figures: { ...sized, ...dataFiles, dataAtImport }, importScript: importScript(entryFile, false), withDataScript: importScript(probeEntry, true) };
}

/**
 * Every function's bundle, and `stackFloor`: a handler that only parses its event with zod, logs and
 * counts with Powertools and reads one DynamoDB item (test/bench/stack-floor.ts), the least any function
 * on stack.md's packages carries, measured the same way as the yardstick for the others.
 *
 * The imports are timed in rounds, each round every bundle once (the floor included), so a minute when
 * this machine runs slow lands on every function alike rather than on the five imports of one (until
 * 5 December each function's five ran back to back).
 */
export async function bundleFigures(): Promise<{ functions: Record<string, BundleFigures>; stackFloor: BundleFigures }> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  try {
    const entries: [string, string][] = [...Object.entries(functions).map(([name, spec]): [string, string] => [name, spec.entry]), [STACK_FLOOR, 'test/bench/stack-floor.ts']];
    const built = new Map<string, BuiltBundle>();
    for (const [name, entry] of entries) built.set(name, await buildBundle(entry, join(outDir, name)));
    const times = new Map<string, { imports: number[]; withData: number[] }>([...built.keys()].map((name) => [name, { imports: [], withData: [] }]));
    for (let round = 0; round < IMPORTS; round++) {
      for (const [name, bundle] of built) {
        const timing = times.get(name);
        timing?.imports.push(timed(bundle.importScript));
        if (bundle.withDataScript !== undefined) timing?.withData.push(timed(bundle.withDataScript));
      }
    }
    const figuresOf = (name: string): BundleFigures => {
      const bundle = built.get(name);
      const timing = times.get(name);
      if (bundle === undefined || timing === undefined) throw new Error(`no bundle ${name}`);
      const ms = (values: readonly number[]) => `${median(values).toFixed(1)} ms`;
      return { ...bundle.figures, importMs: ms(timing.imports), ...(timing.withData.length === 0 ? {} : { importWithDataMs: ms(timing.withData) }) };
    };
    return { functions: Object.fromEntries(Object.keys(functions).map((name) => [name, figuresOf(name)])), stackFloor: figuresOf(STACK_FLOOR) };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
