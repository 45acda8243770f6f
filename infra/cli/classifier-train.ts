import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { classifierWith } from '../../shared/classify/classifier.ts';
import { evaluate, LabelledSetSchema } from '../../shared/classify/evaluate.ts';
import { correctionExamples } from '../../shared/classify/model/corrections.ts';
import { type CrossValidated, FOLDS, type RecordedSource, trainModelFile } from '../../shared/classify/model/cross-validate.ts';
import { SAFETY_GROUPS, TERM_GROUPS } from '../../shared/classify/lexicon/lexicon.ts';
import { encodeLexicon } from '../../shared/classify/lexicon/lexicon-file.ts';
import { LEXICON_URL } from '../../shared/classify/lexicon/load-lexicon.ts';
import { loadModel, MODEL_URL } from '../../shared/classify/model/load-model.ts';
import { DomainError } from '../../shared/platform/domain-errors.ts';
import { parseCommandLine } from './cli-env.ts';

// `npm run classifier:train [-- --with-corrections FILE] [--out FILE]`: writes the lexicon as the functions
// read it (shared/classify/lexicon/classifier-lexicon.json, from its TypeScript), then trains the complaint
// classifier's model on the labelled sets in the repository (and a hospital's exported corrections) and
// writes shared/classify/model/complaint-model.json; both are committed and shipped beside the worker's bundle.
// Deterministic: the same sets give the same bytes. It never reads the blind sets to train or choose
// anything; with corrections it measures the blind sets before and after, so a hospital sees whether
// retraining helped.

const USAGE = 'usage: npm run classifier:train [-- --with-corrections FILE.json] [--out FILE.json]';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'complaints');

/** The labelled sets it trains on, in this order; the lexicon's rules were tuned on all but training-2 and training-3. */
export const TRAINING_SETS = [
  { name: 'labelled', lexiconTuned: true },
  { name: 'development', lexiconTuned: true },
  { name: 'holdout', lexiconTuned: true },
  { name: 'holdout-2', lexiconTuned: true },
  { name: 'training-2', lexiconTuned: false },
  { name: 'training-3', lexiconTuned: false },
] as const;

/** Written blind and never trained or tuned on: only measured. */
export const BLIND_SETS = ['holdout-3', 'holdout-4'] as const;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export function trainingSources(): RecordedSource[] {
  return TRAINING_SETS.map(({ name, lexiconTuned }) => {
    const bytes = readFileSync(join(FIXTURES, `${name}.json`));
    return { name, lexiconTuned, sha256: sha256(bytes), examples: LabelledSetSchema.parse(JSON.parse(bytes.toString('utf8'))) };
  });
}

export function correctionsSource(file: string): RecordedSource {
  const bytes = readFileSync(file);
  return { name: `corrections:${basename(file)}`, lexiconTuned: false, sha256: sha256(bytes), examples: correctionExamples(JSON.parse(bytes.toString('utf8'))) };
}

const percent = (part: number, whole: number) => `${part} / ${whole} (${((100 * part) / Math.max(whole, 1)).toFixed(1)} %)`;

function report(cv: CrossValidated): string {
  const { categories: c, safety: s, rule } = cv;
  return [
    `rule (chosen by ${FOLDS}-fold cross-validation on the sets the lexicon was not tuned on): ${JSON.stringify(rule)}`,
    `  categories: lexicon ${percent(c.lexicon, c.n)}, model ${percent(c.model, c.n)}, combined ${percent(c.combined, c.n)}`,
    `  safety signals found at signal level ${percent(s.foundAtSignal, s.signals)}, at signal or possible ${percent(s.foundAtPossible, s.signals)}`,
    `  false alarms at signal level ${percent(s.falseAlarmsAtSignal, s.others)}, at signal or possible ${percent(s.falseAlarmsAtPossible, s.others)}`,
  ].join('\n');
}

/** Counts only: the blind sets' texts are never printed. */
function blindFigures(modelText: string): string[] {
  const classifier = classifierWith(loadModel(modelText));
  return BLIND_SETS.map((name) => {
    const evaluation = evaluate(LabelledSetSchema.parse(JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'))), classifier);
    return `  ${name}: categories ${percent(Math.round(evaluation.accuracy * evaluation.n), evaluation.n)}, signals found ${evaluation.safety.detected} at signal level and ${evaluation.safety.foundAtPossible} at either of ${evaluation.safety.n}, false alarms ${evaluation.safety.falseAlarms} at signal level and ${evaluation.safety.falseAlarmsAtPossible} at either`;
  });
}

/** The lexicon file from the lexicon as written; first, so that training and the blind figures read this lexicon. */
function writeLexicon(): void {
  const text = encodeLexicon(TERM_GROUPS, SAFETY_GROUPS);
  writeFileSync(LEXICON_URL, text);
  process.stdout.write(`wrote ${LEXICON_URL.pathname} (${Buffer.byteLength(text)} bytes, ${TERM_GROUPS.length} term groups, ${SAFETY_GROUPS.length} safety groups)\n`);
}

function main(): void {
  const { values } = parseCommandLine(USAGE, { options: { 'with-corrections': { type: 'string' }, out: { type: 'string' } } });
  writeLexicon();
  const corrections = values['with-corrections'];
  const sources = [...trainingSources(), ...(corrections === undefined ? [] : [correctionsSource(corrections)])];
  const started = performance.now();
  const { text, crossValidated } = trainModelFile(sources);
  const out = values.out ?? MODEL_URL.pathname;
  process.stdout.write(`${report(crossValidated)}\n`);
  if (corrections !== undefined) {
    process.stdout.write(`blind sets before (the model in ${MODEL_URL.pathname}):\n${blindFigures(readFileSync(MODEL_URL, 'utf8')).join('\n')}\n`);
    process.stdout.write(`blind sets after:\n${blindFigures(text).join('\n')}\n`);
  }
  writeFileSync(out, text);
  process.stdout.write(`wrote ${out} (${Buffer.byteLength(text)} bytes, trained on ${sources.map((s) => `${s.name} ${s.examples.length}`).join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`${error instanceof DomainError ? `${error.message} ${JSON.stringify(error.errors ?? [])}` : error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(1);
  }
}
