import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safetyEntries, termEntries } from '../../../shared/classify/lexicon/expand-groups.ts';
import { SAFETY_GROUPS, TERM_GROUPS } from '../../../shared/classify/lexicon/lexicon.ts';
import { decodeLexicon, encodeLexicon, LexiconFileSchema } from '../../../shared/classify/lexicon/lexicon-file.ts';
import { classifierLexicon, LEXICON_URL } from '../../../shared/classify/lexicon/load-lexicon.ts';

// The lexicon the functions read (classifier-lexicon.json) is the one written in TypeScript: committed
// together, read alike.

const committed = readFileSync(LEXICON_URL, 'utf8');
const view = (entry: { label: string; pattern: RegExp; needle?: string }) => ({ ...entry, pattern: `${entry.pattern.source}/${entry.pattern.flags}` });

describe('the lexicon file', () => {
  it('is what the lexicon\'s TypeScript writes: after changing a word, run npm run classifier:train', () => {
    expect(encodeLexicon(TERM_GROUPS, SAFETY_GROUPS) === committed).toBe(true);
  });

  it('gives the matcher the entries the TypeScript makes, in the same order, each word its own entry', () => {
    const { terms, safety } = classifierLexicon();
    expect(terms.map(view)).toEqual(termEntries(TERM_GROUPS).map(view));
    expect(safety.map(view)).toEqual(safetyEntries(SAFETY_GROUPS).map(view));
    expect(terms.length).toBeGreaterThan(TERM_GROUPS.length);
    expect(terms.find((t) => t.label === '护士站')).toMatchObject({ lang: 'zh', kind: 'role', category: 'nursing', weight: 0, roleOf: 'nursing', needle: '护士站' });
    expect(safety.find((s) => s.label === '自杀')?.pattern.test('他想自杀')).toBe(true);
  });

  it('holds no expression with an uninterpolated ${…}: a regex literal does not fill in the clause class C', () => {
    const sources = [...TERM_GROUPS, ...SAFETY_GROUPS].flatMap((group) => ('source' in group.match ? [`${group.match.label}: ${group.match.source}`] : []));
    expect(sources.filter((source) => source.includes('${'))).toEqual([]);
  });

  it('refuses a damaged file, naming what is wrong', () => {
    const file = LexiconFileSchema.parse(JSON.parse(committed));
    const [first, ...rest] = file.terms;
    expect(() => decodeLexicon(JSON.stringify({ ...file, terms: [{ ...first, kind: 'rumour' }, ...rest] }))).toThrow(/kind/);
    expect(() => decodeLexicon(JSON.stringify({ ...file, format: 'classifier-lexicon/0' }))).toThrow(/format/);
  });
});
