import { CATEGORY_IDS, type Category } from '../categories.ts';
import { ngrams } from './features.ts';
import type { Model, QuantizedLayer } from './model.ts';

// Training: two logistic regressions over the n-grams of features.ts, one multinomial over the categories
// and one binary for safety, fitted by stochastic gradient descent with AdaGrad steps and an L2 penalty.
// Deterministic by construction: the vocabulary is sorted, examples are visited in an order drawn from a
// seeded generator, every sum runs in the same order, and the weights are rounded to 8-bit integers with
// one scale per class, so the same examples and options always give the same bytes.

/** A labelled comment; a correction may label only its category or only its safety. */
export interface TrainingExample {
  readonly text: string;
  readonly category?: Category;
  readonly safety?: boolean;
}

export interface TrainingOptions {
  /** An n-gram seen in fewer comments than this is left out. */
  readonly minCount: number;
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty per step of the category model. */
  readonly categoryL2: number;
  /** L2 penalty per step of the safety model: stronger, so that no single word decides a safety signal. */
  readonly safetyL2: number;
  readonly seed: number;
}

/** Chosen by leave-one-set-out cross-validation on the training sets (README, "The learned model"). */
export const TRAINING_OPTIONS: TrainingOptions = { minCount: 2, epochs: 15, learningRate: 0.5, categoryL2: 1e-4, safetyL2: 5e-3, seed: 12 };

/** A small seeded generator (mulberry32): the visiting order is the same on every machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}

interface Encoded { readonly rows: Int32Array; readonly label: number }

/** The vocabulary: every n-gram in at least `minCount` comments, sorted so its order does not depend on the examples' order. */
function vocabulary(grams: readonly (readonly string[])[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const list of grams) for (const gram of list) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  return [...counts].filter(([, count]) => count >= minCount).map(([gram]) => gram).sort();
}

/** A binary feature vector scaled to unit length: a long comment does not outweigh a short one. */
const valueOf = (rows: Int32Array) => (rows.length === 0 ? 0 : 1 / Math.sqrt(rows.length));

/** Softmax regression with `classes` outputs (2 for the binary safety model: class 1 is "safety"). */
function fit(examples: readonly Encoded[], features: number, classes: number, l2: number, options: TrainingOptions): { weights: Float64Array; bias: Float64Array } {
  const weights = new Float64Array(features * classes);
  const bias = new Float64Array(classes);
  const squared = new Float64Array(features * classes).fill(1e-8);
  const biasSquared = new Float64Array(classes).fill(1e-8);
  const random = generator(options.seed);
  const z = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  const rate = options.learningRate;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const index of shuffled(examples.length, random)) {
      const example = examples[index];
      if (example === undefined) continue;
      const { rows } = example;
      const value = valueOf(rows);
      z.set(bias);
      for (const row of rows) {
        for (let c = 0; c < classes; c++) z[c] = (z[c] ?? 0) + (weights[row * classes + c] ?? 0) * value;
      }
      const max = Math.max(...z);
      let total = 0;
      for (let c = 0; c < classes; c++) {
        z[c] = Math.exp((z[c] ?? 0) - max);
        total += z[c] ?? 0;
      }
      for (let c = 0; c < classes; c++) {
        const g = (z[c] ?? 0) / total - (c === example.label ? 1 : 0);
        gradient[c] = g;
        biasSquared[c] = (biasSquared[c] ?? 0) + g * g;
        bias[c] = (bias[c] ?? 0) - (rate * g) / Math.sqrt(biasSquared[c] ?? 1);
      }
      for (const row of rows) {
        for (let c = 0; c < classes; c++) {
          const at = row * classes + c;
          const w = weights[at] ?? 0;
          const g = (gradient[c] ?? 0) * value + l2 * w;
          const s = (squared[at] ?? 0) + g * g;
          squared[at] = s;
          weights[at] = w - (rate * g) / Math.sqrt(s);
        }
      }
    }
  }
  return { weights, bias };
}

/** 8-bit weights with one scale per class; the bias is kept to 6 decimals. */
function quantize(weights: Float64Array, bias: Float64Array, classes: number): QuantizedLayer {
  const scale = Array.from({ length: classes }, (_, c) => {
    let max = 0;
    for (let at = c; at < weights.length; at += classes) max = Math.max(max, Math.abs(weights[at] ?? 0));
    return max === 0 ? 1 : Number((max / 127).toPrecision(8));
  });
  const q = new Int8Array(weights.length);
  weights.forEach((w, at) => { q[at] = Math.round(w / (scale[at % classes] ?? 1)); });
  return { classes, scale, bias: [...bias].map((b) => Number(b.toFixed(6))), weights: q };
}

export function train(examples: readonly TrainingExample[], options: TrainingOptions = TRAINING_OPTIONS): Model {
  const grams = examples.map((e) => ngrams(e.text));
  const features = vocabulary(grams, options.minCount);
  const rowOf = new Map(features.map((gram, row) => [gram, row]));
  const rows = grams.map((list) => Int32Array.from(list.map((g) => rowOf.get(g) ?? -1).filter((row) => row >= 0).sort((a, b) => a - b)));
  const categorised: Encoded[] = [];
  const safety: Encoded[] = [];
  examples.forEach((example, i) => {
    const encoded = rows[i] ?? new Int32Array();
    if (example.category !== undefined) categorised.push({ rows: encoded, label: CATEGORY_IDS.indexOf(example.category) });
    if (example.safety !== undefined) safety.push({ rows: encoded, label: example.safety ? 1 : 0 });
  });
  const category = fit(categorised, features.length, CATEGORY_IDS.length, options.categoryL2, options);
  const safe = fit(safety, features.length, 2, options.safetyL2, options);
  // Two softmax outputs are one logistic regression on their difference: half the bytes.
  const safetyWeights = new Float64Array(features.length).map((_, row) => (safe.weights[row * 2 + 1] ?? 0) - (safe.weights[row * 2] ?? 0));
  const safetyBias = Float64Array.of((safe.bias[1] ?? 0) - (safe.bias[0] ?? 0));
  return {
    features,
    category: quantize(category.weights, category.bias, CATEGORY_IDS.length),
    safety: quantize(safetyWeights, safetyBias, 1),
  };
}
