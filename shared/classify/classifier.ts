import { attribute } from './attribution.ts';
import type { SafetyKind } from './categories.ts';
import { matchTerms, safetyHits } from './match-terms.ts';
import { readNegation } from './negation.ts';
import { normalise } from './normalise-text.ts';
import { type Classification, type ClassifiedTerm, safetyKindsOf, safetyTerms, scoreCategories } from './score-categories.ts';

export type { LexiconEntry, RoleOf, SafetyEntry, ScoredCategory, TermKind } from './lexicon/lexicon-entry.ts';
export { LEXICON, SAFETY_LEXICON } from './lexicon/lexicon.ts';
export { type Classification, type ClassifiedTerm, TIE_BREAK } from './score-categories.ts';
export { normalise };

// The classifier. Deterministic and explainable: the same text always gives the same result, and every
// point of every score comes from a term listed in `terms`. The lexicon is plain data (lexicon/); each step
// below is one module, whose opening comment gives its rules:
//
// 1. Normalise (normalise-text.ts): NFKC, lower case, curly apostrophes plain.
// 2. Match (match-terms.ts): lexicon terms and safety phrases, longest first; clauses and quotations.
// 3. Negate (negation.ts): problem and praise words; a negated or quoted praise word is a complaint.
// 4. Attribute (attribution.ts): words follow the person they describe; victims are not actors.
// 5–7. Score, choose and grade (score-categories.ts): category scores, the tie-break, the severity.

/** Which safety signals a text carries. Never negated: "我没想自杀" still reaches a person who can ask. */
export function safetySignals(text: string): { kinds: SafetyKind[]; terms: ClassifiedTerm[] } {
  const hits = safetyHits(normalise(text));
  return { kinds: safetyKindsOf(hits), terms: safetyTerms(hits) };
}

export function classify(text: string): Classification {
  const matches = matchTerms(normalise(text));
  return scoreCategories(matches, readNegation(matches), attribute(matches));
}
