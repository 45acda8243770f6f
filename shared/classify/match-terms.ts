import type { LexiconEntry, SafetyEntry } from './lexicon/lexicon-entry.ts';
import { classifierLexicon } from './lexicon/load-lexicon.ts';

// Step 2 of the classifier (classifier.ts). Match: every entry's matches are collected, then accepted
// longest first (ties: earlier, then lexicon order), so a match never overlaps an accepted one. Compounds
// that contain a negator as part of the complaint word (不耐烦, 不理人, 不专业, 不负责, 不满意, 没人管) are
// whole terms and win over their parts, before any negation is looked for; "不满意" never leaves a "满意"
// behind.

export interface Hit<E> { start: number; end: number; text: string; entry: E; order: number }

function acceptLongestFirst<E extends { readonly pattern: RegExp; readonly needle?: string; readonly lang: 'zh' | 'en' }>(text: string, entries: readonly E[]): Hit<E>[] {
  const candidates: Hit<E>[] = [];
  const latin = /[a-z]/.test(text);
  entries.forEach((entry, order) => {
    if (entry.lang === 'en' && !latin) return;
    if (entry.needle !== undefined && !text.includes(entry.needle)) return;
    for (const match of text.matchAll(entry.pattern)) {
      if (match[0].length > 0) candidates.push({ start: match.index, end: match.index + match[0].length, text: match[0], entry, order });
    }
  });
  candidates.sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start || a.order - b.order);
  const taken = new Array<boolean>(text.length).fill(false);
  const accepted: Hit<E>[] = [];
  for (const candidate of candidates) {
    if (taken.slice(candidate.start, candidate.end).some(Boolean)) continue;
    taken.fill(true, candidate.start, candidate.end);
    accepted.push(candidate);
  }
  return accepted.sort((a, b) => a.start - b.start || a.order - b.order);
}

const CLAUSE_BREAK = /[，。！？；、,.!?;:：\n()（）]|但是|可是|不过|就是|只是|(?<![a-z])but(?![a-z])/g;

/** The clause number of every character. */
function clauses(text: string): number[] {
  const of = new Array<number>(text.length).fill(0);
  const breaks = [...text.matchAll(CLAUSE_BREAK)];
  let clause = 0;
  let next = 0;
  for (let i = 0; i < text.length; i++) {
    const b = breaks[next];
    if (b !== undefined && i === b.index) {
      clause++;
      next++;
      for (let j = i; j < i + b[0].length && j < text.length; j++) of[j] = -1;
      i += b[0].length - 1;
      clause++;
      continue;
    }
    of[i] = clause;
  }
  return of;
}

/** Whether each character sits inside a short quotation: a praise word quoted is meant the other way. */
function quoted(text: string): boolean[] {
  const inside = new Array<boolean>(text.length).fill(false);
  for (const m of text.matchAll(/[“"「『]([^“”"「」『』]{1,8})[”"」』]/g)) inside.fill(true, m.index + 1, m.index + m[0].length - 1);
  return inside;
}

/** The safety phrases of a normalised text; idioms that only block a shorter phrase are dropped. */
export function safetyHits(normalised: string): Hit<SafetyEntry>[] {
  return acceptLongestFirst(normalised, classifierLexicon().safety).filter((h) => h.entry.kind !== undefined);
}

/** A normalised text's terms and safety phrases, and what the later steps need to know about its characters. */
export interface Matches {
  readonly text: string;
  /** The clause number of every character (-1 for a clause break). */
  readonly clauseOf: readonly number[];
  readonly inQuotes: readonly boolean[];
  /** Lexicon terms in text order, none inside a clause break. */
  readonly hits: readonly Hit<LexiconEntry>[];
  /** Characters inside a term: a negator does not reach past one. */
  readonly covered: readonly boolean[];
  readonly safety: readonly Hit<SafetyEntry>[];
  /** Characters inside a safety phrase. */
  readonly inSafety: readonly boolean[];
  readonly clauseOfHit: (hit: Hit<LexiconEntry>) => number;
}

export function matchTerms(normalised: string): Matches {
  const clauseOf = clauses(normalised);
  const inQuotes = quoted(normalised);
  const hits = acceptLongestFirst(normalised, classifierLexicon().terms).filter((h) => clauseOf[h.start] !== -1);
  const covered = new Array<boolean>(normalised.length).fill(false);
  for (const h of hits) covered.fill(true, h.start, h.end);
  const safety = safetyHits(normalised);
  const inSafety = new Array<boolean>(normalised.length).fill(false);
  for (const s of safety) inSafety.fill(true, s.start, s.end);
  return { text: normalised, clauseOf, inQuotes, hits, covered, safety, inSafety, clauseOfHit: (h) => clauseOf[h.start] ?? 0 };
}
