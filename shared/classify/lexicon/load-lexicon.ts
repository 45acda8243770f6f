import { readFileSync } from 'node:fs';
import { decodeLexicon, type Lexicon, LEXICON_FILE_NAME } from './lexicon-file.ts';

// The committed lexicon file, read once, on the first comment classified. It sits beside this module in
// the repository (tsx, vitest) and beside the bundle in a Lambda (infra/bundling.ts copies it there), so
// one relative URL finds it in both, as the model's weights are found (model/load-model.ts).

export const LEXICON_URL = new URL(LEXICON_FILE_NAME, import.meta.url);

let loaded: Lexicon | undefined;

export function classifierLexicon(): Lexicon {
  loaded ??= decodeLexicon(readFileSync(LEXICON_URL, 'utf8'));
  return loaded;
}
