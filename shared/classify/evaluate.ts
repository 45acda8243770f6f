import * as z from '../schemas/zod.ts';
import { byCategory, CATEGORY_IDS, type Category, CategorySchema } from './categories.ts';
import { classify } from './classifier.ts';
import type { SafetyLevel } from './model/ensemble.ts';

// Scores a classifier (the lexicon, the model, both combined) against a labelled set: accuracy overall and
// per category, safety recall and false alarms at each level, and the confusions that show where to look
// next. Pure: the unit tests assert on it and the bench prints it.

/** What is scored of a classifier's answer; without `safetyLevel`, `safetySignal` is the only level. */
export interface Scored {
  readonly category: Category;
  readonly safetySignal: boolean;
  readonly safetyLevel?: SafetyLevel;
}

export const LabelledCommentSchema = z.strictObject({
  text: z.string().check(z.minLength(1)),
  category: CategorySchema,
  safety: z.boolean(),
});
export type LabelledComment = z.infer<typeof LabelledCommentSchema>;
export const LabelledSetSchema = z.array(LabelledCommentSchema).check(z.minLength(1));

export interface CategoryFigures {
  /** Comments labelled with this category. */
  n: number;
  /** Of those, classified as this category. */
  correct: number;
  /** Of the comments classified as this category, the share labelled so (1 when none were). */
  precision: number;
  /** correct / n (1 when n is 0). */
  recall: number;
}

export interface Confusion { expected: Category; predicted: Category; text: string }

export interface Evaluation {
  n: number;
  accuracy: number;
  perCategory: Record<Category, CategoryFigures>;
  safety: {
    /** Comments labelled as carrying a safety signal. */
    n: number;
    detected: number;
    recall: number;
    /** Texts of labelled safety comments the classifier did not flag: must stay empty. */
    missed: string[];
    /** Comments flagged that were not labelled as safety. */
    falseAlarms: number;
    falseAlarmTexts: string[];
    /** Labelled safety comments raised at the signal or the possible level. */
    foundAtPossible: number;
    /** Texts of labelled safety comments raised at neither level. */
    missedAtPossible: string[];
    /** Comments raised at the signal or the possible level that were not labelled as safety. */
    falseAlarmsAtPossible: number;
  };
  confusions: Confusion[];
  /** Count of each (expected → predicted) pair that went wrong, most frequent first. */
  confusionPairs: { expected: Category; predicted: Category; count: number }[];
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

export function evaluate(set: readonly LabelledComment[], classifier: (text: string) => Scored = classify): Evaluation {
  const results = set.map((item) => ({ item, result: classifier(item.text) }));

  const perCategory = byCategory((category): CategoryFigures => {
    const labelled = results.filter((r) => r.item.category === category);
    const predicted = results.filter((r) => r.result.category === category);
    const correct = labelled.filter((r) => r.result.category === category).length;
    return { n: labelled.length, correct, precision: ratio(correct, predicted.length), recall: ratio(correct, labelled.length) };
  });

  const confusions: Confusion[] = results
    .filter((r) => r.result.category !== r.item.category)
    .map((r) => ({ expected: r.item.category, predicted: r.result.category, text: r.item.text }));
  const pairCounts = new Map<string, { expected: Category; predicted: Category; count: number }>();
  for (const c of confusions) {
    const key = `${c.expected}→${c.predicted}`;
    const pair = pairCounts.get(key) ?? { expected: c.expected, predicted: c.predicted, count: 0 };
    pair.count++;
    pairCounts.set(key, pair);
  }

  const labelledSafety = results.filter((r) => r.item.safety);
  const missed = labelledSafety.filter((r) => !r.result.safetySignal).map((r) => r.item.text);
  const falseAlarms = results.filter((r) => !r.item.safety && r.result.safetySignal).map((r) => r.item.text);
  const raised = (result: Scored) => result.safetySignal || result.safetyLevel === 'possible';
  const missedAtPossible = labelledSafety.filter((r) => !raised(r.result)).map((r) => r.item.text);

  return {
    n: set.length,
    accuracy: ratio(set.length - confusions.length, set.length),
    perCategory,
    safety: {
      n: labelledSafety.length,
      detected: labelledSafety.length - missed.length,
      recall: ratio(labelledSafety.length - missed.length, labelledSafety.length),
      missed,
      falseAlarms: falseAlarms.length,
      falseAlarmTexts: falseAlarms,
      foundAtPossible: labelledSafety.length - missedAtPossible.length,
      missedAtPossible,
      falseAlarmsAtPossible: results.filter((r) => !r.item.safety && raised(r.result)).length,
    },
    confusions,
    confusionPairs: [...pairCounts.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
  };
}

/** One row per category, for console.table and the bench. */
export function perCategoryRows(evaluation: Evaluation): { category: Category; n: number; correct: number; accuracy: string; precision: string }[] {
  return CATEGORY_IDS.map((category) => {
    const f = evaluation.perCategory[category];
    return { category, n: f.n, correct: f.correct, accuracy: f.recall.toFixed(3), precision: f.precision.toFixed(3) };
  });
}

/** The Wilson score interval of a proportion at 95 % confidence: the sets are small, so every figure carries one. */
export function wilson(successes: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959964;
  const p = successes / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denominator = 1 + (z * z) / n;
  return [Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator)];
}
