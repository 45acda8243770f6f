import * as z from '../../schemas/zod.ts';
import { CATEGORY_IDS, SAFETY_KINDS } from '../categories.ts';
import { safetyEntries, termEntries } from './expand-groups.ts';
import { type LexiconEntry, ROLES_OF, type SafetyEntry, type SafetyGroup, TERM_KINDS, type TermGroup } from './lexicon-entry.ts';

// The lexicon as the functions read it: classifier-lexicon.json, written by `npm run classifier:train`
// from the lexicon's TypeScript (lexicon.ts and the files it gathers, where the words are written,
// reviewed and commented), and committed. Word lists and expressions are data, not code: the file ships
// beside the worker's bundle as the model's weights do, and its 334 groups become the matcher's 2,876
// entries when the first comment is classified, not when the function starts.

export const LEXICON_FORMAT = 'classifier-lexicon/1';

/** The file's name, beside the module that loads it here and beside the bundle in a Lambda. */
export const LEXICON_FILE_NAME = 'classifier-lexicon.json';

const nonEmpty = () => z.string().check(z.minLength(1));
const MatchSchema = z.union([z.strictObject({ words: nonEmpty() }), z.strictObject({ label: nonEmpty(), source: nonEmpty() })]);
const Lang = z.enum(['zh', 'en']);

const TermGroupSchema = z.strictObject({
  match: MatchSchema,
  lang: Lang,
  kind: z.enum(TERM_KINDS),
  category: z.optional(z.enum(CATEGORY_IDS.filter((id) => id !== 'other'))),
  weight: z.number(),
  byRole: z.optional(z.boolean()),
  byNurse: z.optional(z.boolean()),
  byPrescriber: z.optional(z.boolean()),
  staffConduct: z.optional(z.boolean()),
  staffOnly: z.optional(z.boolean()),
  unlessPraised: z.optional(z.boolean()),
  roleOf: z.optional(z.enum(ROLES_OF)),
  harm: z.optional(z.boolean()),
  thanks: z.optional(z.boolean()),
});

const SafetyGroupSchema = z.strictObject({ match: MatchSchema, lang: Lang, kind: z.optional(z.enum(SAFETY_KINDS)) });

export const LexiconFileSchema = z.strictObject({
  format: z.literal(LEXICON_FORMAT),
  /** In the matcher's order: of two matches as long and starting at the same place, the earlier entry wins. */
  terms: z.array(TermGroupSchema),
  safety: z.array(SafetyGroupSchema),
});

export interface Lexicon {
  readonly terms: readonly LexiconEntry[];
  readonly safety: readonly SafetyEntry[];
}

/** The file's text: the same lexicon always gives the same bytes. */
export function encodeLexicon(terms: readonly TermGroup[], safety: readonly SafetyGroup[]): string {
  return `${JSON.stringify({ format: LEXICON_FORMAT, terms, safety })}\n`;
}

export function decodeLexicon(text: string): Lexicon {
  const file = LexiconFileSchema.parse(JSON.parse(text));
  return { terms: termEntries(file.terms), safety: safetyEntries(file.safety) };
}
