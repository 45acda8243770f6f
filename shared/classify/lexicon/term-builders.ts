import type { SafetyKind } from '../categories.ts';
import type { SafetyGroup, ScoredCategory, TermGroup, TermKind, TermOptions } from './lexicon-entry.ts';

// How the lexicon is written: word lists (`zh`, `en`; `sz`, `se` for safety phrases) and single regular
// expressions (`re`, `sre`), and the regex fragments that several categories' patterns share. Each call
// is one group, data that `npm run classifier:train` writes to classifier-lexicon.json (lexicon-file.ts);
// expand-groups.ts turns a group into the entries the matcher reads.

export function zh(list: string, kind: TermKind, category: ScoredCategory | undefined, weight: number, options: TermOptions = {}): TermGroup {
  return { match: { words: list }, lang: 'zh', kind, category, weight, ...options };
}

export function en(list: string, kind: TermKind, category: ScoredCategory | undefined, weight: number, options: TermOptions = {}): TermGroup {
  return { match: { words: list }, lang: 'en', kind, category, weight, ...options };
}

export function re(label: string, pattern: RegExp, lang: 'zh' | 'en', kind: TermKind, category: ScoredCategory | undefined, weight: number, options: TermOptions = {}): TermGroup {
  return { match: { label, source: pattern.source }, lang, kind, category, weight, ...options };
}

/** Chinese number words for durations. */
export const NUM = '[0-9一二两三四五六七八九十几半多]';
/** Characters of one clause (no clause punctuation). */
export const C = '[^，。！？；,.!?;\\n]';
/** A verb of waiting: 等, 排, 候 (not 时候, 安排, 问候). */
export const WAIT = '(?:等|(?<!安)排|(?<![时问])候)';

export function sz(list: string, kind: SafetyKind | undefined): SafetyGroup {
  return { match: { words: list }, lang: 'zh', kind };
}
export function se(list: string, kind: SafetyKind | undefined): SafetyGroup {
  return { match: { words: list }, lang: 'en', kind };
}
export function sre(label: string, pattern: RegExp, lang: 'zh' | 'en', kind: SafetyKind | undefined): SafetyGroup {
  return { match: { label, source: pattern.source }, lang, kind };
}

export const FAMILY = '胎儿|婴儿|新生儿|小孩|亲人|家人|父母|爹|娘|媳妇|闺女|大爷|爸|妈|父亲|母亲|老人|奶奶|爷爷|外婆|外公|姥姥|姥爷|老公|丈夫|妻子|老婆|孩子|儿子|女儿|宝宝|哥|姐|弟|妹|老伴|老太太|老爷子|老头|舅|叔|伯|姑|姨|婆婆|公公|岳父|岳母';
export const PEOPLE = '我|他|她|人|我们|他们|患者|病人|家属|护士|医生|老人|孩子|小孩|我妈|我爸|老婆|老公';
export const EN_FAMILY = '(?:mum|mom|mother|dad|father|husband|wife|son|daughter|baby|brother|sister|grandmother|grandfather|grandma|grandpa|gran|granddad|nan|aunt|uncle|boy|girl|child|friend|partner|dad|little one)';
export const EN_PERSON = `(?:he|she|they|mum|mom|mother|dad|father|husband|wife|son|daughter|baby|brother|sister|grandmother|grandfather|grandma|grandpa|gran|granddad|nan|aunt|uncle|partner|friend|the patient)`;
