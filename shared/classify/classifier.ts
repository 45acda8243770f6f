import { attribute } from './attribution.ts';
import type { SafetyKind } from './categories.ts';
import { matchTerms, safetyHits } from './match-terms.ts';
import { combine, explain, type ModelExplanation, type SafetyLevel } from './model/ensemble.ts';
import { complaintModel, type Loaded } from './model/load-model.ts';
import { read } from './model/model.ts';
import { readNegation } from './negation.ts';
import { normalise } from './normalise-text.ts';
import { type Classification, type ClassifiedTerm, gradeSeverity, safetyKindsOf, safetyTerms, scoreCategories } from './score-categories.ts';

export type { LexiconEntry, RoleOf, SafetyEntry, ScoredCategory, TermKind } from './lexicon/lexicon-entry.ts';
export type { ModelExplanation, SafetyLevel } from './model/ensemble.ts';
export { type Classification, type ClassifiedTerm, TIE_BREAK } from './score-categories.ts';
export { normalise };

// The classifier: a hand-written lexicon and a learned model, combined (model/ensemble.ts). Both are
// deterministic and explainable: the same text always gives the same result; every point of the lexicon's
// scores comes from a term listed in `terms`, and the model names the n-grams that weighed most.
//
// The lexicon is plain data (lexicon/); each of its steps is one module, whose opening comment gives its rules:
// 1. Normalise (normalise-text.ts): NFKC, lower case, curly apostrophes plain.
// 2. Match (match-terms.ts): lexicon terms and safety phrases, longest first; clauses and quotations.
// 3. Negate (negation.ts): problem and praise words; a negated or quoted praise word is a complaint.
// 4. Attribute (attribution.ts): words follow the person they describe; victims are not actors.
// 5–7. Score, choose and grade (score-categories.ts): category scores, the tie-break, the severity.
// The model (model/): n-grams (features.ts), two logistic regressions (model.ts) trained by
// `npm run classifier:train` (train.ts) into complaint-model.json, read on first use (load-model.ts).

/** Which safety phrases of the lexicon a text carries. Never negated: "我没想自杀" still reaches a person who can ask. */
export function safetySignals(text: string): { kinds: SafetyKind[]; terms: ClassifiedTerm[] } {
  const hits = safetyHits(normalise(text));
  return { kinds: safetyKindsOf(hits), terms: safetyTerms(hits) };
}

/** The lexicon alone. */
export function classifyByLexicon(text: string): Classification {
  const matches = matchTerms(normalise(text));
  return scoreCategories(matches, readNegation(matches), attribute(matches));
}

export interface ComplaintClassification extends Classification {
  /** signal: alert at once (then `safetySignal` is true and the severity critical); possible: a person looks now. */
  safetyLevel: SafetyLevel;
  /** Whose category it is: both agreed, or the lexicon's evidence or the model's outweighed the other's. */
  decidedBy: 'both' | 'lexicon' | 'model';
  /** The lexicon's own category; `terms` and `scores` are its reasons. */
  lexiconCategory: Classification['category'];
  /** The model's reading and reasons, and which model read it (complaint-model.json's id). */
  model: ModelExplanation & { id: string };
}

/**
 * The lexicon and the model combined: `category`, `severity`, `safetySignal` and `safetyLevel` are the
 * combination's; `terms`, `scores` and `safetyKinds` are the lexicon's (a signal only the model saw has no kind).
 */
export function classify(text: string): ComplaintClassification {
  return classifierWith(complaintModel())(text);
}

/** The same with another model than the committed one (retraining compares the two). */
export const classifierWith = (loaded: Loaded) => (text: string): ComplaintClassification => {
  const lexicon = classifyByLexicon(text);
  const reading = read(loaded, text);
  const { category, decidedBy, safetyLevel } = combine(lexicon, reading, loaded.file.rule);
  return {
    ...lexicon,
    category,
    severity: gradeSeverity(category, safetyLevel, lexicon.harm),
    safetySignal: safetyLevel === 'signal',
    safetyLevel,
    decidedBy,
    lexiconCategory: lexicon.category,
    model: { ...explain(reading), id: loaded.file.id },
  };
};
