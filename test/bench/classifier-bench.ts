import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, LabelledSetSchema, perCategoryRows } from '../../shared/classify/evaluate.ts';

// `npx tsx test/bench/classifier-bench.ts`: the complaint classifier on its labelled set. Prints the
// per-category table, then one JSON line with the figures the closing notes quote. Set VERBOSE=1 to list
// every misclassified comment and every false safety alarm.

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'complaints', 'labelled.json');

export function classifierFigures() {
  const set = LabelledSetSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  const started = performance.now();
  const evaluation = evaluate(set);
  const elapsedMs = performance.now() - started;
  return { evaluation, elapsedMs };
}

function main(): void {
  const { evaluation, elapsedMs } = classifierFigures();
  console.table(perCategoryRows(evaluation));
  if (process.env.VERBOSE === '1') {
    for (const c of evaluation.confusions) console.log(`${c.expected} → ${c.predicted}: ${c.text}`);
    for (const t of evaluation.safety.falseAlarmTexts) console.log(`false alarm: ${t}`);
  }
  const figures = {
    classifier: {
      comments: evaluation.n,
      accuracy: Number(evaluation.accuracy.toFixed(4)),
      perCategory: Object.fromEntries(perCategoryRows(evaluation).map((row) => [row.category, { n: row.n, correct: row.correct, accuracy: Number(row.accuracy), precision: Number(row.precision) }])),
      safety: {
        n: evaluation.safety.n,
        detected: evaluation.safety.detected,
        recall: evaluation.safety.recall,
        missed: evaluation.safety.missed,
        falseAlarms: evaluation.safety.falseAlarms,
      },
      topConfusions: evaluation.confusionPairs.slice(0, 5),
      msPerComment: Number((elapsedMs / evaluation.n).toFixed(3)),
    },
  };
  console.log(JSON.stringify(figures, null, 2));
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) main();
