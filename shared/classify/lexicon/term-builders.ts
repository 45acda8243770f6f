import type { SafetyKind } from '../categories.ts';
import type { LexiconEntry, RoleOf, SafetyEntry, ScoredCategory, TermKind } from './lexicon-entry.ts';

// How lexicon entries are written: word lists (`zh`, `en`; `sz`, `se` for safety phrases) and single
// regular expressions (`re`, `sre`), and the regex fragments that several categories' patterns share.

interface Options { byRole?: boolean; byNurse?: boolean; byPrescriber?: boolean; staffConduct?: boolean; staffOnly?: boolean; unlessPraised?: boolean; roleOf?: RoleOf; harm?: boolean; thanks?: boolean }

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
 * A word's pattern, compiled the first time it is read. The lexicon has thousands of words and a comment
 * holds a few: matching reads a pattern only when the word's needle is in the text, so compiling them all
 * up front cost every classifying function tens of milliseconds of cold start for patterns never used.
 */
function compiledOnUse(compile: () => RegExp): () => RegExp {
  let pattern: RegExp | undefined;
  return () => (pattern ??= compile());
}

export function zh(list: string, kind: TermKind, category: ScoredCategory | undefined, weight: number, options: Options = {}): LexiconEntry[] {
  return words(list).map((w) => {
    const pattern = compiledOnUse(() => zhPattern(w));
    return { label: w, get pattern() { return pattern(); }, lang: 'zh', kind, category, weight, needle: w, ...options };
  });
}

export function en(list: string, kind: TermKind, category: ScoredCategory | undefined, weight: number, options: Options = {}): LexiconEntry[] {
  return words(list).map((w) => {
    const pattern = compiledOnUse(() => enPattern(w));
    return { label: w, get pattern() { return pattern(); }, lang: 'en', kind, category, weight, needle: enNeedle(w), ...options };
  });
}

export function re(label: string, pattern: RegExp, lang: 'zh' | 'en', kind: TermKind, category: ScoredCategory | undefined, weight: number, options: Options = {}): LexiconEntry {
  return { label, pattern: new RegExp(pattern.source, 'g'), lang, kind, category, weight, ...options };
}

/** Chinese number words for durations. */
export const NUM = '[0-9一二两三四五六七八九十几半多]';
/** Characters of one clause (no clause punctuation). */
export const C = '[^，。！？；,.!?;\\n]';
/** A verb of waiting: 等, 排, 候 (not 时候, 安排, 问候). */
export const WAIT = '(?:等|(?<!安)排|(?<![时问])候)';

export function sz(list: string, kind: SafetyKind | undefined): SafetyEntry[] {
  return words(list).map((w) => {
    const pattern = compiledOnUse(() => zhPattern(w));
    return { label: w, get pattern() { return pattern(); }, lang: 'zh', kind, needle: w };
  });
}
export function se(list: string, kind: SafetyKind | undefined): SafetyEntry[] {
  return words(list).map((w) => {
    const pattern = compiledOnUse(() => enPattern(w));
    return { label: w, get pattern() { return pattern(); }, lang: 'en', kind, needle: enNeedle(w) };
  });
}
export function sre(label: string, pattern: RegExp, lang: 'zh' | 'en', kind: SafetyKind | undefined): SafetyEntry {
  return { label, pattern: new RegExp(pattern.source, 'g'), lang, kind };
}

export const FAMILY = '胎儿|婴儿|新生儿|小孩|亲人|家人|父母|爹|娘|媳妇|闺女|大爷|爸|妈|父亲|母亲|老人|奶奶|爷爷|外婆|外公|姥姥|姥爷|老公|丈夫|妻子|老婆|孩子|儿子|女儿|宝宝|哥|姐|弟|妹|老伴|老太太|老爷子|老头|舅|叔|伯|姑|姨|婆婆|公公|岳父|岳母';
export const PEOPLE = '我|他|她|人|我们|他们|患者|病人|家属|护士|医生|老人|孩子|小孩|我妈|我爸|老婆|老公';
export const EN_FAMILY = '(?:mum|mom|mother|dad|father|husband|wife|son|daughter|baby|brother|sister|grandmother|grandfather|grandma|grandpa|gran|granddad|nan|aunt|uncle|boy|girl|child|friend|partner|dad|little one)';
export const EN_PERSON = `(?:he|she|they|mum|mom|mother|dad|father|husband|wife|son|daughter|baby|brother|sister|grandmother|grandfather|grandma|grandpa|gran|granddad|nan|aunt|uncle|partner|friend|the patient)`;
