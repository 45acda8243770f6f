import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as z from 'zod';
import { classifierWith, classifyByLexicon } from '../../shared/classify/classifier.ts';
import { type Evaluation, evaluate, type LabelledComment, LabelledSetSchema, perCategoryRows, type Scored, wilson } from '../../shared/classify/evaluate.ts';
import { safetyLevelOf } from '../../shared/classify/model/ensemble.ts';
import { type Loaded, loadModel, MODEL_URL } from '../../shared/classify/model/load-model.ts';
import { read } from '../../shared/classify/model/model.ts';
import { bundleFunction } from '../../infra/bundling.ts';

// `npx tsx test/bench/classifier-bench.ts`: the complaint classifier on its sets, three ways: the lexicon
// alone, the learned model alone, and the two combined (what `classify` returns). For each set it prints
// one row per way, then one JSON line with the figures the closing notes quote; then the model's size,
// load time and milliseconds per comment. Every proportion carries its 95 % Wilson interval. Set VERBOSE=1
// to list every misclassified comment, every safety signal missed at both levels and every false alarm of
// the combined classifier on the training sets. `--after FILE` prints the blind sets with the committed
// model and with a retrained one (`npm run classifier:train -- --with-corrections C.json --out FILE`).
//
// - labelled: the first 295 comments, tuned on;
// - development: comments written to find where the lexicon failed to generalise, tuned on as well;
// - holdout: written blind after round 1 was frozen, then tuned on in round 2 (it counts as development now);
// - holdout-2: written blind before round 2 changed any code, then tuned on in round 3;
// - training-2: written for issue 12 by someone who read neither the rules nor the other sets; the model
//   trains on it and the combination rule is chosen on it, the lexicon was never tuned on it;
// - training-3: 1,350 more written the same way (labelling-brief.md), used like training-2;
// - holdout-3, holdout-4: written blind (holdout-3 during round 3, holdout-4 for issue 12) and never used
//   to train or tune anything. Their figures are the honest ones; the bench prints no text from them (not
//   with VERBOSE=1, not in `missed`) so that they stay blind, and skips a set whose file does not exist.
// The model alone raises a signal at the rule's `signal` threshold and a possible signal at `possible`;
// the lexicon alone has one level.

export const CLASSIFIER_SETS = ['labelled', 'development', 'holdout', 'holdout-2', 'training-2', 'training-3', 'holdout-3', 'holdout-4'] as const;
export type ClassifierSet = (typeof CLASSIFIER_SETS)[number];
/** Sets whose texts the bench never prints. */
export const BLIND_SETS: readonly ClassifierSet[] = ['holdout-3', 'holdout-4'];
const isBlind = (name: ClassifierSet) => BLIND_SETS.includes(name);

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'complaints');

export function hasSet(name: ClassifierSet): boolean {
  return existsSync(join(FIXTURES, `${name}.json`));
}

export function loadSet(name: ClassifierSet): LabelledComment[] {
  return LabelledSetSchema.parse(JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')));
}

export const WAYS = ['lexicon', 'model', 'combined'] as const;
export type Way = (typeof WAYS)[number];

/** The three classifiers, the model ones with the given model. */
export function classifiers(loaded: Loaded): Record<Way, (text: string) => Scored> {
  const { rule } = loaded.file;
  return {
    lexicon: classifyByLexicon,
    model: (text) => {
      const reading = read(loaded, text);
      const safetyLevel = safetyLevelOf(false, reading.safety, rule);
      return { category: reading.category, safetySignal: safetyLevel === 'signal', safetyLevel };
    },
    combined: classifierWith(loaded),
  };
}

const fraction = (part: number, whole: number) => {
  const [low, high] = wilson(part, whole);
  return { count: part, of: whole, rate: Number((whole === 0 ? 0 : part / whole).toFixed(4)), ci95: [Number(low.toFixed(4)), Number(high.toFixed(4))] };
};

/** The figures the closing notes quote for one set and one way (for a blind set, counts only: `missed` is left empty). */
export function setFigures(evaluation: Evaluation, elapsedMs: number, blind = false) {
  const { safety } = evaluation;
  const others = evaluation.n - safety.n;
  return {
    comments: evaluation.n,
    categories: fraction(evaluation.n - evaluation.confusions.length, evaluation.n),
    perCategory: Object.fromEntries(perCategoryRows(evaluation).map((row) => [row.category, { n: row.n, correct: row.correct, accuracy: Number(row.accuracy), precision: Number(row.precision) }])),
    safety: {
      foundAtSignal: fraction(safety.detected, safety.n),
      foundAtSignalOrPossible: fraction(safety.foundAtPossible, safety.n),
      falseAlarmsAtSignal: fraction(safety.falseAlarms, others),
      falseAlarmsAtSignalOrPossible: fraction(safety.falseAlarmsAtPossible, others),
      missed: blind ? [] : safety.missedAtPossible,
    },
    topConfusions: evaluation.confusionPairs.slice(0, 5),
    msPerComment: Number((elapsedMs / evaluation.n).toFixed(3)),
  };
}
export type SetFigures = ReturnType<typeof setFigures>;

function run(set: readonly LabelledComment[], classifier: (text: string) => Scored): { evaluation: Evaluation; elapsedMs: number } {
  const started = performance.now();
  const evaluation = evaluate(set, classifier);
  return { evaluation, elapsedMs: performance.now() - started };
}

const BundleTimesSchema = z.object({ importMs: z.number(), firstMs: z.number(), nextMs: z.number() });
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * The model file's size, and the time to load it: in this process (read, parse, index), and in a bundle
 * built as the CDK builds the worker's, shipped with the same command, in a fresh Node: the first
 * comment classified pays for the load, the second does not.
 */
export async function modelFigures() {
  const text = readFileSync(MODEL_URL, 'utf8');
  const loadMs = median(Array.from({ length: 5 }, () => {
    const started = performance.now();
    loadModel(readFileSync(MODEL_URL, 'utf8'));
    return performance.now() - started;
  }));
  const { file, model } = loadModel(text);
  const outDir = mkdtempSync(join(tmpdir(), 'classifier-bundle-'));
  try {
    const { file: outfile } = await bundleFunction('shared/classify/classifier.ts', outDir);
    const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(outfile)}); const t1 = performance.now();
      m.classify('护士态度很差'); const t2 = performance.now(); m.classify('医生态度很差'); const t3 = performance.now();
      process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, nextMs: t3 - t2 }));`;
    const runs = Array.from({ length: 3 }, () => BundleTimesSchema.parse(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))));
    return {
      id: file.id,
      trainedOn: file.trainedOn.map((s) => `${s.name} (${s.comments})`),
      rule: file.rule,
      features: model.features.length,
      bytes: Buffer.byteLength(text),
      gzipBytes: gzipSync(text, { level: 9 }).length,
      loadMs: Number(loadMs.toFixed(1)),
      bundle: {
        classifierImportMs: Number(median(runs.map((r) => r.importMs)).toFixed(1)),
        firstCommentMs: Number(median(runs.map((r) => r.firstMs)).toFixed(1)),
        nextCommentMs: Number(median(runs.map((r) => r.nextMs)).toFixed(2)),
      },
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Figures for every set present and every way, keyed by set (test/bench/bench.ts records them in bench.json). */
export function classifierFigures(loaded: Loaded = loadModel(readFileSync(MODEL_URL, 'utf8'))): Partial<Record<ClassifierSet, Record<Way, SetFigures>>> {
  const ways = classifiers(loaded);
  const figures: Partial<Record<ClassifierSet, Record<Way, SetFigures>>> = {};
  for (const name of CLASSIFIER_SETS) {
    if (!hasSet(name)) continue;
    const set = loadSet(name);
    const of = (way: Way) => {
      const { evaluation, elapsedMs } = run(set, ways[way]);
      return setFigures(evaluation, elapsedMs, isBlind(name));
    };
    figures[name] = { lexicon: of('lexicon'), model: of('model'), combined: of('combined') };
  }
  return figures;
}

/**
 * The blind sets as the combination reads them with the committed model and with a retrained one (the
 * file `npm run classifier:train -- --with-corrections FILE --out AFTER` wrote): did retraining help?
 */
export function beforeAfter(afterText: string): Partial<Record<ClassifierSet, { before: SetFigures; after: SetFigures }>> {
  const models = { before: loadModel(readFileSync(MODEL_URL, 'utf8')), after: loadModel(afterText) };
  const figures: Partial<Record<ClassifierSet, { before: SetFigures; after: SetFigures }>> = {};
  for (const name of BLIND_SETS) {
    if (!hasSet(name)) continue;
    const set = loadSet(name);
    const of = (loaded: Loaded) => {
      const { evaluation, elapsedMs } = run(set, classifierWith(loaded));
      return setFigures(evaluation, elapsedMs, true);
    };
    figures[name] = { before: of(models.before), after: of(models.after) };
  }
  return figures;
}

const shown = (f: { count: number; of: number; rate: number; ci95: number[] }) => `${f.count}/${f.of} ${(100 * f.rate).toFixed(1)}% [${f.ci95.map((x) => (100 * x).toFixed(1)).join('–')}]`;

function printBeforeAfter(afterFile: string): void {
  for (const [name, { before, after }] of Object.entries(beforeAfter(readFileSync(afterFile, 'utf8')))) {
    console.log(`\n${name} (blind), the committed model against ${afterFile}`);
    console.table(Object.fromEntries(Object.entries({ before, after }).map(([when, f]) => [when, {
      categories: shown(f.categories),
      'signals at signal': shown(f.safety.foundAtSignal),
      'at signal or possible': shown(f.safety.foundAtSignalOrPossible),
      'false alarms at signal': shown(f.safety.falseAlarmsAtSignal),
      'at signal or possible ': shown(f.safety.falseAlarmsAtSignalOrPossible),
    }])));
    console.log(JSON.stringify({ set: name, before, after }));
  }
}

async function main(): Promise<void> {
  // `--after FILE`: only the blind sets, before and after retraining.
  const at = process.argv.indexOf('--after');
  const afterFile = at < 0 ? undefined : process.argv[at + 1];
  if (afterFile !== undefined) {
    printBeforeAfter(afterFile);
    return;
  }
  const loaded = loadModel(readFileSync(MODEL_URL, 'utf8'));
  const ways = classifiers(loaded);
  const all = classifierFigures(loaded);
  for (const name of CLASSIFIER_SETS) {
    const figures = all[name];
    if (figures === undefined) continue;
    console.log(`\n${name} (${figures.combined.comments} comments${isBlind(name) ? ', blind: no texts printed' : ''})`);
    console.table(Object.fromEntries(WAYS.map((way) => {
      const f = figures[way];
      return [way, {
        categories: shown(f.categories),
        'signals at signal': shown(f.safety.foundAtSignal),
        'at signal or possible': shown(f.safety.foundAtSignalOrPossible),
        'false alarms at signal': shown(f.safety.falseAlarmsAtSignal),
        'at signal or possible ': shown(f.safety.falseAlarmsAtSignalOrPossible),
        'ms/comment': f.msPerComment,
      }];
    })));
    if (process.env.VERBOSE === '1' && !isBlind(name)) {
      const evaluation = evaluate(loadSet(name), ways.combined);
      for (const c of evaluation.confusions) console.log(`${c.expected} → ${c.predicted}: ${c.text}`);
      for (const t of evaluation.safety.missedAtPossible) console.log(`missed safety signal: ${t}`);
      for (const t of evaluation.safety.falseAlarmTexts) console.log(`false alarm: ${t}`);
    }
    console.log(JSON.stringify({ set: name, classifier: figures }));
  }
  console.log(JSON.stringify({ model: await modelFigures() }));
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await main();
