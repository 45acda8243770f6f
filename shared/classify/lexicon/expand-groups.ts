import type { GroupMatch, LexiconEntry, SafetyEntry, SafetyGroup, TermGroup } from './lexicon-entry.ts';

// From the lexicon as written and shipped (groups: a list of words, or one regular expression) to the
// entries the matcher reads: each word its own entry, with its pattern and the needle that lets the
// matcher skip it when the text cannot hold it.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function zhPattern(word: string): RegExp {
  return new RegExp(escape(word), 'g');
}

function enPattern(word: string): RegExp {
  const body = word.split(' ').map((part) => escape(part.replace(/\*$/, '')) + (part.endsWith('*') ? '[a-z]*' : '')).join('\\s+');
  // a plural is the same word: "lift" also finds "lifts", "bill" "bills"
  const plural = /[a-z]$/.test(word) ? '(?:s|es)?' : '';
  return new RegExp(`(?<![a-z0-9])${body}${plural}(?![a-z0-9])`, 'g');
}

const words = (list: string) => list.split('|').map((w) => w.trim()).filter((w) => w.length > 0);
/** The longest literal piece of an English word pattern ("wrong diagnosis" → "diagnosis", "misdiagnos*" → "misdiagnos"). */
const enNeedle = (word: string) => word.replace(/\*/g, '').split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');

/**
 * Each word of a group as its own entry (with the group's other fields), or the group's one expression.
 * Each pattern is compiled the first time it is read. The lexicon has thousands of words and a comment
 * holds a few: matching reads a pattern only when the word's needle is in the text, so compiling them all
 * up front cost every classifying function tens of milliseconds of cold start for patterns never used.
 * One object literal per entry: a second copy of each (to add the getter) cost a cold worker 5–10 ms.
 */
function expand<F extends { readonly lang: 'zh' | 'en' }>({ match, ...fields }: F & { readonly match: GroupMatch }): (Omit<F, 'match'> & { readonly label: string; readonly pattern: RegExp; readonly needle?: string })[] {
  if ('source' in match) {
    let compiled: RegExp | undefined;
    return [{ ...fields, label: match.label, get pattern() { return (compiled ??= new RegExp(match.source, 'g')); } }];
  }
  const english = fields.lang === 'en';
  return words(match.words).map((word) => {
    let compiled: RegExp | undefined;
    return { ...fields, label: word, needle: english ? enNeedle(word) : word, get pattern() { return (compiled ??= english ? enPattern(word) : zhPattern(word)); } };
  });
}

export const termEntries = (groups: readonly TermGroup[]): LexiconEntry[] => groups.flatMap(expand);

export const safetyEntries = (groups: readonly SafetyGroup[]): SafetyEntry[] => groups.flatMap(expand);
