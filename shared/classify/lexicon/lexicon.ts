import { APPOINTMENTS_IT_TERMS } from './appointments-it-terms.ts';
import { BILLING_TERMS } from './billing-terms.ts';
import { CLINICAL_TERMS } from './clinical-terms.ts';
import { CONDUCT_TERMS } from './conduct-terms.ts';
import { FACILITIES_TERMS } from './facilities-terms.ts';
import { INFECTION_CONTROL_TERMS } from './infection-control-terms.ts';
import type { TermGroup } from './lexicon-entry.ts';
import { NURSING_TERMS } from './nursing-terms.ts';
import { PEOPLE_PRAISE_QUESTIONS } from './people-praise-questions.ts';
import { PHARMACY_TERMS } from './pharmacy-terms.ts';
import { PRIVACY_TERMS } from './privacy-terms.ts';
import { WAITING_TERMS } from './waiting-terms.ts';

export { SAFETY_GROUPS } from './safety-phrases.ts';

// The whole lexicon as written, in the order the matcher relies on: when two matches are as long and
// start at the same place, the earlier entry wins (see match-terms.ts), so keep this order when adding a
// category. The functions read it from classifier-lexicon.json, which `npm run classifier:train` writes
// from this (lexicon-file.ts).
export const TERM_GROUPS: readonly TermGroup[] = [
  ...CLINICAL_TERMS,
  ...NURSING_TERMS,
  ...BILLING_TERMS,
  ...PHARMACY_TERMS,
  ...FACILITIES_TERMS,
  ...INFECTION_CONTROL_TERMS,
  ...APPOINTMENTS_IT_TERMS,
  ...CONDUCT_TERMS,
  ...PRIVACY_TERMS,
  ...WAITING_TERMS,
  ...PEOPLE_PRAISE_QUESTIONS,
];
