import type { Attribution } from './attribution.ts';
import { type Category, SAFETY_KINDS, type SafetyKind, type Severity } from './categories.ts';
import type { LexiconEntry, SafetyEntry, ScoredCategory } from './lexicon/lexicon-entry.ts';
import type { Hit, Matches } from './match-terms.ts';
import type { Reading } from './negation.ts';

// Steps 5 to 7 of the classifier (classifier.ts):
// 5. Score: live topic and problem words add their weight to their category, each matched text once
//    (repeating 预约 is not more evidence). Topic words inside a safety phrase ("从窗户跳下去", "take all
//    her pills") describe the act, not a complaint, and score nothing. A clause whose only evaluation is
//    praise, or that only asks a question, or that supposes (如果, if), routes nothing. A whole comment
//    whose evaluation is only praise and that ends on it routes nothing unless a word that alone names a
//    complaint (weight ≥ 4) is in it; a quoted remark (说"…") is a retort only in a comment without praise.
//    A person's name scores only beside a live word, or when nothing else scored at all (then the
//    complaint is about that person: 护士 → nursing, 医生 → clinical, at least 2 points).
//    A death that happened (not one supposed, not in a comment that only asks a question) adds 2 to
//    clinical: a death in care is first a question about the care (the death term carries that weight).
//    Abuse (the first act, not a word of fear such as 不敢说) adds 3 to the area of whoever did it: nursing
//    for a nurse or carer, conduct for a doctor or other staff, nothing for a relative, stranger or no one.
// 6. Choose the highest score of at least 2; on a tie the earlier category in TIE_BREAK; `other` when
//    nothing reached 2. A comment led by a safety signal that is not about the care needs more: 4 for a
//    suicide or self-harm signal when no member of staff is an actor (someone only asked or told, 问护士 /
//    told the surgeon, is not), 3 for violence with no member of staff named: the words around such a
//    signal (化疗, 窗户, 太久) describe the scene, not a complaint.
// 7. Severity (gradeSeverity): critical for any safety signal, whatever the category; high when a word of
//    clinical harm is live (误诊, 医疗事故, 发错药, 院内感染, wrong medication...); medium when the category is conduct or
//    privacy (verified attitude complaints lead to accountability; privacy is a legal duty); low otherwise.

/**
 * Ties go to the more specific, more consequential area: privacy and infection control name a duty that a
 * general topic word around them should not hide; conduct before the window or ward it happened at;
 * clinical and facilities last because their words (医生, 病房, 环境) are the backdrop of most comments.
 */
export const TIE_BREAK: readonly ScoredCategory[] = [
  'privacy', 'infection-control', 'pharmacy', 'conduct', 'billing', 'appointments-it', 'waiting', 'nursing', 'clinical', 'facilities',
];

/** The least score that makes a category: one context word (钱, 药, 饭) is not a complaint. */
const MIN_SCORE = 2;
/** A word this strong names a complaint on its own, even in a comment that otherwise only praises. */
const STRONG_TOPIC = 4;
/** What a death adds to clinical. */
const DEATH_CLINICAL = 2;
/** What abuse adds to the area of whoever did it. */
const ABUSE_WEIGHT = 3;
/** The least score that makes a category in a comment led by a safety signal that is not about the care. */
const SAFETY_LED_MIN_SCORE = 4;
/** The same for violence with no member of staff as its actor (a security failure beside it still routes). */
const VIOLENCE_LED_MIN_SCORE = 3;
/** Stands for an abuse signal when its actor is looked up. */
const ABUSE_ENTRY: LexiconEntry = { label: 'abuse', pattern: /$^/g, lang: 'zh', kind: 'problem', weight: ABUSE_WEIGHT };

export interface ClassifiedTerm {
  /** The text as matched (normalised). */
  term: string;
  /** The category it scored for (after role attribution); absent for evaluation words and safety signals (but a death scores for clinical). */
  category?: Category;
  /** What it added to that category's score: 0 for a negated complaint word or in a praise-only clause; a negated praise word ("没耐心") is a complaint and scores. */
  weight: number;
  negated: boolean;
  safetyKind?: SafetyKind;
}

export interface Classification {
  category: Category;
  severity: Severity;
  safetySignal: boolean;
  safetyKinds: SafetyKind[];
  terms: ClassifiedTerm[];
  scores: Record<Category, number>;
  /** A word of clinical harm is live (误诊, 发错药, wrong medication): the severity is high at least. */
  harm: boolean;
}

/**
 * Step 7 (also the combined classifier's, with its own category and safety level): critical for a safety
 * signal, high for a possible one or a live word of clinical harm, medium for conduct and privacy.
 */
export function gradeSeverity(category: Category, safety: 'signal' | 'possible' | 'none', harm: boolean): Severity {
  if (safety === 'signal') return 'critical';
  if (safety === 'possible' || harm) return 'high';
  return category === 'conduct' || category === 'privacy' ? 'medium' : 'low';
}

function emptyScores(): Record<Category, number> {
  return { clinical: 0, nursing: 0, billing: 0, pharmacy: 0, facilities: 0, 'infection-control': 0, 'appointments-it': 0, conduct: 0, privacy: 0, waiting: 0, other: 0 };
}

/** Safety phrases as terms: they score nothing themselves (a death or abuse may score below). */
export function safetyTerms(safety: readonly Hit<SafetyEntry>[]): ClassifiedTerm[] {
  return safety.map((h) => ({ term: h.text, weight: 0, negated: false, safetyKind: h.entry.kind }));
}

/** The kinds of safety signal found, in SAFETY_KINDS order. */
export function safetyKindsOf(safety: readonly Hit<SafetyEntry>[]): SafetyKind[] {
  return SAFETY_KINDS.filter((kind) => safety.some((h) => h.entry.kind === kind));
}

export function scoreCategories(matches: Matches, reading: Reading, attribution: Attribution): Classification {
  const { clauseOf, hits, safety, inSafety, clauseOfHit } = matches;
  const { negated, kindOf, live } = reading;
  const { victims, namedRole, categoryOf, staffActor } = attribution;

  const silent = new Set<number>();
  const hypothetical = new Set<number>();
  const clauseIds = new Set(hits.map(clauseOfHit));
  for (const clause of clauseIds) {
    const inClause = hits.map((h, i) => ({ h, i })).filter(({ h }) => clauseOfHit(h) === clause);
    const praised = inClause.some(({ i }) => kindOf(i) === 'praise' && live(i));
    const asked = inClause.some(({ i }) => kindOf(i) === 'question');
    const supposed = inClause.some(({ i }) => kindOf(i) === 'condition');
    const complained = inClause.some(({ i }) => kindOf(i) === 'problem' && live(i));
    if (supposed) hypothetical.add(clause);
    if ((praised || asked || supposed) && !complained) silent.add(clause);
  }
  const praisedAnywhere = hits.some((_, i) => kindOf(i) === 'praise' && live(i));
  const complainedAnywhere = hits.some((_, i) => kindOf(i) === 'problem' && live(i));
  const onlyAsks = hits.some((_, i) => kindOf(i) === 'question') && !complainedAnywhere;
  const strongTopic = hits.some((h) => h.entry.kind === 'topic' && h.entry.weight >= STRONG_TOPIC && inSafety[h.start] !== true);
  // A comment that only praises (no complaint word, no word that names a complaint alone) and ends on its
  // praise is praise, whatever it mentions on the way: "打针的时候护士一直哄他…给你们点赞". One that ends on
  // something else ("医生说一切顺利，结果当晚就转ICU了…没人说") turns from the praise to a complaint.
  const evaluated = hits.map((h, i) => ({ h, i })).filter(({ i }) => ['topic', 'problem', 'praise'].includes(kindOf(i)));
  const lastEvaluated = evaluated[evaluated.length - 1];
  const lastClause = lastEvaluated === undefined ? -1 : clauseOfHit(lastEvaluated.h);
  const endsOnPraise = evaluated.some(({ h, i }) => clauseOfHit(h) === lastClause && kindOf(i) === 'praise' && live(i));
  // Thanks at the close outweigh a service named on the way ("第一次用线上问诊，很方便…点个赞"), unless a word
  // that is itself a complaint (weight 5: 红包, 发错药, 院内感染) or a word of harm is there.
  const closesWithThanks = evaluated.some(({ h, i }) => clauseOfHit(h) === lastClause && h.entry.thanks === true && live(i));
  const complaintTopic = hits.some((h, i) => h.entry.kind === 'topic' && live(i) && inSafety[h.start] !== true && (h.entry.weight >= 5 || h.entry.harm === true));
  const onlyPraises = praisedAnywhere && !complainedAnywhere && endsOnPraise && (!strongTopic || (closesWithThanks && !complaintTopic));

  const scores = emptyScores();
  const terms: ClassifiedTerm[] = [];
  const counted = new Set<string>();
  const weights = hits.map((h, i) => {
    const category = categoryOf(h);
    if (category === undefined || !live(i) || silent.has(clauseOfHit(h)) || onlyPraises) return 0;
    const kind = kindOf(i);
    if (kind === 'topic' && inSafety[h.start] === true) return 0;
    if (kind !== 'topic' && kind !== 'problem') return 0;
    const key = `${category}:${h.text}`;
    if (counted.has(key)) return 0;
    counted.add(key);
    return h.entry.weight;
  });
  hits.forEach((h, i) => {
    if (h.entry.kind !== 'role' || victims.has(h) || silent.has(clauseOfHit(h)) || categoryOf(h) === undefined) return;
    const beside = hits.some((other, j) => j !== i && clauseOfHit(other) === clauseOfHit(h) && other.entry.kind !== 'role' && (weights[j] ?? 0) > 0);
    // a person named twice is one person: the second mention adds nothing
    const key = `role:${h.text}`;
    if (beside && !counted.has(key)) {
      counted.add(key);
      weights[i] = h.entry.weight;
    }
  });
  // A complaint that names only a person (留置针肿了跟护士说了两次都没来看) goes to that person's area;
  // a comment whose only evaluation is praise or a negated complaint ("医生没有态度不好…整体满意") does not.
  if (!weights.some((w) => w !== 0) && !onlyPraises && !onlyAsks && (complainedAnywhere || !praisedAnywhere)) {
    hits.forEach((h, i) => {
      if (h.entry.kind === 'role' && h.entry.weight > 0 && !victims.has(h) && !silent.has(clauseOfHit(h)) && categoryOf(h) !== undefined) weights[i] = Math.max(h.entry.weight, MIN_SCORE);
    });
  }
  hits.forEach((h, i) => {
    if (h.entry.kind === 'neutral') return;
    const category = categoryOf(h);
    const weight = weights[i] ?? 0;
    if (category !== undefined) scores[category] += weight;
    terms.push({ term: h.text, ...(category === undefined ? {} : { category }), weight, negated: negated[i] === true });
  });

  const signalTerms = safetyTerms(safety);
  const kinds = safetyKindsOf(safety);
  const death = signalTerms.find((t, i) => t.safetyKind === 'death' && !hypothetical.has(clauseOf[safety[i]?.start ?? 0] ?? 0));
  if (death !== undefined && !onlyAsks) {
    death.category = 'clinical';
    death.weight = DEATH_CLINICAL;
    scores.clinical += DEATH_CLINICAL;
  }

  // Abuse (touching, restraint, insults) is a complaint about whoever did it: a nurse or carer's is nursing,
  // other staff's conduct, a relative's or stranger's nobody's; when nobody is named it scores nothing.
  // Fear (不敢说, scared of) names the victim's state, not an act: the first act decides.
  const abuseAt = safety.findIndex((s) => s.entry.kind === 'abuse' && !/^(?:不敢|害怕|怕|too scared|scared|afraid|terrified|flinch)/.test(s.text));
  const abuseHit = safety[abuseAt];
  if (abuseHit !== undefined && !onlyAsks) {
    const probe: Hit<LexiconEntry> = { start: abuseHit.start, end: abuseHit.end, text: abuseHit.text, entry: ABUSE_ENTRY, order: -1 };
    const role = namedRole(probe);
    const category: ScoredCategory | undefined = role === 'nursing' ? 'nursing' : role === 'doctor' || role === 'staff' ? 'conduct' : undefined;
    const term = signalTerms[abuseAt];
    if (category !== undefined && term !== undefined) {
      term.category = category;
      term.weight = ABUSE_WEIGHT;
      scores[category] += ABUSE_WEIGHT;
    }
  }

  // A comment led by a safety signal that is not about the care (a patient at risk of suicide or self-harm;
  // violence with no member of staff as its actor) is about the signal: what is mentioned around it (化疗,
  // 窗户, the doctor threatened) is the scene. A category then needs the weight of a real complaint.
  const selfRisk = kinds.includes('suicide') || kinds.includes('self-harm');
  const minScore = selfRisk && !staffActor ? SAFETY_LED_MIN_SCORE : kinds.includes('violence') && !staffActor && !selfRisk ? VIOLENCE_LED_MIN_SCORE : MIN_SCORE;
  let category: Category = 'other';
  let best = minScore - 1;
  for (const candidate of TIE_BREAK) {
    if (scores[candidate] > best) {
      best = scores[candidate];
      category = candidate;
    }
  }

  const harm = hits.some((h, i) => h.entry.harm === true && live(i));
  const severity = gradeSeverity(category, kinds.length > 0 ? 'signal' : 'none', harm);
  return { category, severity, safetySignal: kinds.length > 0, safetyKinds: kinds, terms: [...terms, ...signalTerms], scores, harm };
}
