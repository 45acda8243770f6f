import { byCategory, CATEGORY_IDS, type Category } from '../categories.ts';
import { ngrams, shownGram } from './features.ts';

// The learned model in memory, and what it reads of one comment: the probability of each category, the
// probability that the comment carries a safety signal, and the n-grams that weighed most in both.

/** One layer of 8-bit weights: `weights[row * classes + c] * scale[c]` is n-gram `row`'s weight for class c. */
export interface QuantizedLayer {
  readonly classes: number;
  readonly scale: readonly number[];
  readonly bias: readonly number[];
  readonly weights: Int8Array;
}

export interface Model {
  /** The vocabulary, sorted: row i of every layer is n-gram features[i]. */
  readonly features: readonly string[];
  /** Softmax over CATEGORY_IDS. */
  readonly category: QuantizedLayer;
  /** One logistic output: the probability of a safety signal. */
  readonly safety: QuantizedLayer;
}

/** An n-gram and what it added to the decision (in logits). */
export interface WeighedGram {
  readonly gram: string;
  readonly weight: number;
}

export interface ModelReading {
  readonly category: Category;
  readonly probabilities: Readonly<Record<Category, number>>;
  /** The probability that the comment carries a safety signal. */
  readonly safety: number;
  /** The n-grams that weighed most for the category chosen over the runner-up, heaviest first. */
  readonly categoryGrams: readonly WeighedGram[];
  /** The n-grams that weighed most towards a safety signal, heaviest first. */
  readonly safetyGrams: readonly WeighedGram[];
}

/** How many n-grams an explanation lists. */
const EXPLAINED = 5;

const round = (value: number) => Number(value.toFixed(3));

/** Ready to score: an n-gram's row, or undefined when the vocabulary has none. */
export interface LoadedModel {
  readonly model: Model;
  readonly rowOf: (gram: string) => number | undefined;
}

/**
 * The vocabulary is sorted (model-file.ts refuses a file whose is not), so a row is found by halving it:
 * about 14 comparisons for each of a comment's few hundred n-grams. A Map of the 17,000 n-grams cost a
 * cold worker 10–20 ms to build before its first classification.
 */
export function prepare(model: Model): LoadedModel {
  const { features } = model;
  const rowOf = (gram: string): number | undefined => {
    let low = 0;
    let high = features.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const feature = features[middle];
      if (feature === undefined) return undefined;
      if (feature === gram) return middle;
      if (feature < gram) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  };
  return { model, rowOf };
}

function logits(layer: QuantizedLayer, rows: readonly number[], value: number): number[] {
  return Array.from({ length: layer.classes }, (_, c) => {
    let sum = 0;
    for (const row of rows) sum += layer.weights[row * layer.classes + c] ?? 0;
    return (layer.bias[c] ?? 0) + sum * (layer.scale[c] ?? 0) * value;
  });
}

/** The n-grams with the largest positive `weightOf`, heaviest first (a word's character 4-grams add up as that word; ties in text order). */
function heaviest(model: Model, text: string, rows: readonly number[], weightOf: (row: number) => number): WeighedGram[] {
  const shown = new Map<string, number>();
  for (const row of rows) {
    const gram = shownGram(model.features[row] ?? '', text);
    shown.set(gram, (shown.get(gram) ?? 0) + weightOf(row));
  }
  return [...shown]
    .map(([gram, weight]) => ({ gram, weight }))
    .filter((g) => g.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, EXPLAINED)
    .map((g) => ({ gram: g.gram, weight: round(g.weight) }));
}

export function read(loaded: LoadedModel, text: string): ModelReading {
  const { model, rowOf } = loaded;
  const grams = ngrams(text);
  const rows = grams.map(rowOf).filter((row) => row !== undefined).sort((a, b) => a - b);
  // The explanation lists n-grams in the order they appear in the comment when they weigh the same.
  const inTextOrder = grams.map(rowOf).filter((row) => row !== undefined);
  const value = rows.length === 0 ? 0 : 1 / Math.sqrt(rows.length);

  const z = logits(model.category, rows, value);
  const max = Math.max(...z);
  const exp = z.map((v) => Math.exp(v - max));
  const total = exp.reduce((sum, v) => sum + v, 0);
  const ranked = CATEGORY_IDS.map((category, c) => ({ category, c, p: (exp[c] ?? 0) / total })).sort((a, b) => b.p - a.p || a.c - b.c);
  const [first, second] = ranked;
  if (first === undefined || second === undefined) throw new Error('the category model has fewer than two categories');
  const { classes, weights, scale } = model.category;
  const categoryGrams = heaviest(model, text, inTextOrder, (row) => value * ((weights[row * classes + first.c] ?? 0) * (scale[first.c] ?? 0) - (weights[row * classes + second.c] ?? 0) * (scale[second.c] ?? 0)));

  const [safetyLogit = 0] = logits(model.safety, rows, value);
  const safetyScale = model.safety.scale[0] ?? 0;
  const safetyGrams = heaviest(model, text, inTextOrder, (row) => value * (model.safety.weights[row] ?? 0) * safetyScale);

  const probabilities = byCategory((category) => (exp[CATEGORY_IDS.indexOf(category)] ?? 0) / total);
  return { category: first.category, probabilities, safety: 1 / (1 + Math.exp(-safetyLogit)), categoryGrams, safetyGrams };
}
