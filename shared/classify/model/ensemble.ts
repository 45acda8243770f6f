import { CATEGORY_IDS, type Category } from '../categories.ts';
import type { Classification } from '../score-categories.ts';
import type { Rule } from './model-file.ts';
import type { ModelReading, WeighedGram } from './model.ts';

// The lexicon and the learned model together (how the rule was chosen: README, "The learned model").
// - Category: the model's log-probability of each category plus `lexiconWeight` for each point the lexicon
//   scored it, the highest wins. Where the lexicon's evidence is strong (its winner several points ahead)
//   its category stands unless the model is very sure of another; where it found little, the model decides.
// - Safety, two levels. Signal (alerts at once): a lexicon safety phrase the model does not contradict
//   (its safety probability at least `lexiconSignalFloor`), or the model at least `signal`. Possible (a
//   person looks now): any other lexicon safety phrase, or the model at least `possible`. A lexicon
//   safety phrase is never dropped: at worst it is a possible signal.

export type SafetyLevel = 'signal' | 'possible' | 'none';

/** Why the model read the comment as it did. */
export interface ModelExplanation {
  readonly category: Category;
  /** The model's probability for its category. */
  readonly probability: number;
  /** The n-grams that weighed most for its category over the runner-up. */
  readonly grams: readonly WeighedGram[];
  /** The model's probability of a safety signal. */
  readonly safety: number;
  readonly safetyGrams: readonly WeighedGram[];
}

export interface Combined {
  readonly category: Category;
  /** Whose category it is: both agreed, or one of them outweighed the other. */
  readonly decidedBy: 'both' | 'lexicon' | 'model';
  readonly safetyLevel: SafetyLevel;
}

/** The combined category alone (cross-validation tries it with several weights). */
export function combinedCategory(lexiconScores: Readonly<Record<Category, number>>, reading: ModelReading, lexiconWeight: number): Category {
  let best: Category = reading.category;
  let bestScore = -Infinity;
  // Ties go to the model's own ranking, so a lexicon that scored nothing leaves the model's category.
  const ranked = [...CATEGORY_IDS].sort((a, b) => reading.probabilities[b] - reading.probabilities[a]);
  for (const category of ranked) {
    const score = Math.log(Math.max(reading.probabilities[category], 1e-12)) + lexiconWeight * lexiconScores[category];
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}

export function safetyLevelOf(lexiconSignal: boolean, modelSafety: number, rule: Rule): SafetyLevel {
  if ((lexiconSignal && modelSafety >= rule.lexiconSignalFloor) || modelSafety >= rule.signal) return 'signal';
  return lexiconSignal || modelSafety >= rule.possible ? 'possible' : 'none';
}

export function combine(lexicon: Classification, reading: ModelReading, rule: Rule): Combined {
  const category = combinedCategory(lexicon.scores, reading, rule.lexiconWeight);
  const decidedBy = category === reading.category ? (category === lexicon.category ? 'both' : 'model') : 'lexicon';
  return { category, decidedBy, safetyLevel: safetyLevelOf(lexicon.safetySignal, reading.safety, rule) };
}

export function explain(reading: ModelReading): ModelExplanation {
  return {
    category: reading.category,
    probability: Number(reading.probabilities[reading.category].toFixed(3)),
    grams: reading.categoryGrams,
    safety: Number(reading.safety.toFixed(3)),
    safetyGrams: reading.safetyGrams,
  };
}
