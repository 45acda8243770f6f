import type { Category, SafetyKind } from '../categories.ts';

// The classifier's lexicon: plain data, read top to bottom. Each entry is a list of words (simplified
// Chinese, matched as substrings; English, matched lower-cased on word boundaries, `*` = any word ending,
// a space = any run of spaces) or one regular expression, with what a match means.
//
// Kinds:
// - topic: names what the comment is about (厕所, 医保, pharmacy). Scores whether or not it is negated:
//   "没洗手" and "no hot water" are still about hand hygiene and hot water.
// - problem: says something is wrong (脏, 贵, 凶, rude). Negatable: "不凶", "not rude" does not score.
// - praise: says something is right (耐心, 满意, kind). Negatable, and a negated or sarcastically quoted
//   praise word is a complaint ("没耐心", 真"负责"); a clause whose only evaluation is praise does not route
//   its topics ("护士很好，就是住院费太贵了" is about the fees).
// - role: a person (护士, 医生, guard). Scores only when a topic or live problem sits in the same clause
//   (mentioning a doctor is not a complaint), and decides who an attitude word is about (see `byRole`).
// - question: asks for information (请问, how do I): a clause that only asks routes nothing.
// - condition: opens a hypothetical (如果, 要是, if): what might happen is not what did, so the clause
//   routes nothing and a death in it is not a death that happened (the safety signal still stands).
// - neutral: blocks a shorter word inside it ("waiting room" is a place, not a wait; "洗手间" is a toilet).
//
// Weights: 4–5 a word that alone names the area (红包, 药房, 叫号); 3 a strong word; 2 a usual one;
// 1 context that only tips a balance (医生, 检查, 费). A category needs 2 points to win: one context word
// ("钱", "药", "饭") is not a complaint.

export type ScoredCategory = Exclude<Category, 'other'>;
export const TERM_KINDS = ['topic', 'problem', 'praise', 'role', 'question', 'condition', 'neutral'] as const;
export type TermKind = (typeof TERM_KINDS)[number];
/**
 * Whose behaviour a word describes: nurses' attitude goes to nursing, doctors' prescribing to clinical,
 * other staff's to the term's own category, the public's to nobody.
 */
export const ROLES_OF = ['nursing', 'doctor', 'staff', 'public'] as const;
export type RoleOf = (typeof ROLES_OF)[number];

export interface LexiconEntry {
  readonly label: string;
  readonly pattern: RegExp;
  readonly lang: 'zh' | 'en';
  readonly kind: TermKind;
  readonly category?: ScoredCategory;
  readonly weight: number;
  /** Attitude-like words whose category follows the person they describe (routing table: nursing attitude → Nursing). */
  readonly byRole?: boolean;
  /** Words (noise, 吵) that are nursing when a nurse causes them, their own category otherwise. */
  readonly byNurse?: boolean;
  /** Medication-advice words (副作用, dose) that are clinical when a doctor prescribed, pharmacy otherwise. */
  readonly byPrescriber?: boolean;
  /** With byRole: conduct when a member of staff other than a doctor or nurse is named (看都不看 from a doctor is a rushed consultation, from a window clerk rudeness). */
  readonly staffConduct?: boolean;
  /** A blow or threat that is a conduct complaint only when a member of staff is named: a husband hitting his wife at home is not. */
  readonly staffOnly?: boolean;
  /** A sign of complaint only in a comment that praises nothing (a quoted remark is a retort unless the comment is thanks). */
  readonly unlessPraised?: boolean;
  readonly roleOf?: RoleOf;
  /** A word of clinical harm: raises severity to high. */
  readonly harm?: boolean;
  /** Thanks that close a message (谢谢, 点赞, thank you): a comment ending on them is praise even when it names a service. */
  readonly thanks?: boolean;
  /** Text every match contains (plain words only): the matcher skips the entry when it is absent, which keeps it fast. */
  readonly needle?: string;
}

export interface SafetyEntry {
  readonly label: string;
  readonly pattern: RegExp;
  readonly lang: 'zh' | 'en';
  /** Undefined for an idiom that only blocks a shorter safety word inside it (热死了, 死机, 开刀). */
  readonly kind?: SafetyKind;
  readonly needle?: string;
}

/** What a term says beyond its kind, category and weight (see LexiconEntry). */
export type TermOptions = Pick<LexiconEntry, 'byRole' | 'byNurse' | 'byPrescriber' | 'staffConduct' | 'staffOnly' | 'unlessPraised' | 'roleOf' | 'harm' | 'thanks'>;

/**
 * What a group of the lexicon matches: a list of words that mean the same (`|`-separated; each becomes
 * an entry, see expand-groups.ts), or one regular expression's source.
 */
export type GroupMatch = { readonly words: string } | { readonly label: string; readonly source: string };

/** How the lexicon is written (term-builders.ts) and shipped (lexicon-file.ts): what a group matches, and what that means. */
export interface TermGroup extends TermOptions {
  readonly match: GroupMatch;
  readonly lang: 'zh' | 'en';
  readonly kind: TermKind;
  readonly category?: ScoredCategory;
  readonly weight: number;
}

export interface SafetyGroup {
  readonly match: GroupMatch;
  readonly lang: 'zh' | 'en';
  readonly kind?: SafetyKind;
}
