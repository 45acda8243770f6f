import type { LexiconEntry, TermKind } from './lexicon/lexicon-entry.ts';
import type { Hit, Matches } from './match-terms.ts';

// Step 3 of the classifier (classifier.ts). Negate problem and praise words (never topics, roles or safety
// words): in Chinese when a negator (不 没 没有 无 未 别 并非 不是 毫无) sits within 4 characters before the
// word in the same clause, not reaching past another matched term ("没有态度不好", "不是很差"), or, for
// praise, when 都没有 / 也不 follows it ("一点耐心都没有"); in English when not / no / never / nobody /
// without / a word ending in n't is among the 3 words before it in the same clause. A negated praise word,
// or one in quotation marks (真"负责"), is a complaint: it counts as a live problem, with its category when
// it has one.

const ZH_NEGATOR = /不|没|无|未|别|并非|毫无/;
const ZH_AFTER_NEGATOR = /^[^，。！？；]{0,2}?(?:都|也)(?:没有|没|不)/;
const EN_NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'none', 'without', 'neither', 'nor', 'hardly', 'cannot']);
const ZH_WINDOW = 4;
const EN_WINDOW = 3;

function isNegated(text: string, hit: Hit<LexiconEntry>, clauseOf: readonly number[], covered: readonly boolean[]): boolean {
  const clause = clauseOf[hit.start];
  if (hit.entry.lang === 'zh') {
    let window = '';
    for (let i = hit.start - 1; i >= 0 && i >= hit.start - ZH_WINDOW; i--) {
      if (clauseOf[i] !== clause || covered[i] === true) break;
      window = (text[i] ?? '') + window;
    }
    if (ZH_NEGATOR.test(window)) return true;
    return hit.entry.kind === 'praise' && ZH_AFTER_NEGATOR.test(text.slice(hit.end, hit.end + 6));
  }
  let from = hit.start;
  while (from > 0 && clauseOf[from - 1] === clause) from--;
  const before = text.slice(from, hit.start).split(/[^a-z']+/).filter((w) => w.length > 0).slice(-EN_WINDOW);
  return before.some((w) => EN_NEGATORS.has(w) || w.endsWith("n't") || /^(?:is|was|were|are|did|do|does|could|would|had|has|have)nt$/.test(w));
}

/** How each term reads once negation and quotation are known. */
export interface Reading {
  readonly negated: readonly boolean[];
  /** A term's kind as read: a complaint praise word is a problem, a retort in a comment that praises is neutral. */
  readonly kindOf: (i: number) => TermKind;
  /** Whether a term counts: not negated, or a praise word read as a complaint. */
  readonly live: (i: number) => boolean;
}

export function readNegation({ text, clauseOf, inQuotes, hits, covered }: Matches): Reading {
  const negated = hits.map((h) => (h.entry.kind === 'problem' || h.entry.kind === 'praise') && isNegated(text, h, clauseOf, covered));
  // A praise word negated or in quotation marks is a complaint; from here on it is treated as a problem.
  const complaintPraise = hits.map((h, i) => h.entry.kind === 'praise' && (negated[i] === true || inQuotes[h.start] === true));
  const praiseWords = hits.some((h, i) => h.entry.kind === 'praise' && complaintPraise[i] !== true);
  const kindOf = (i: number): TermKind => {
    if (complaintPraise[i] === true) return 'problem';
    const entry = hits[i]?.entry;
    if (entry === undefined) return 'neutral';
    return entry.unlessPraised === true && praiseWords ? 'neutral' : entry.kind;
  };
  const live = (i: number) => complaintPraise[i] === true || negated[i] !== true;
  return { negated, kindOf, live };
}
