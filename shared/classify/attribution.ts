import type { LexiconEntry, RoleOf, SafetyEntry, ScoredCategory } from './lexicon/lexicon-entry.ts';
import type { Hit, Matches } from './match-terms.ts';

// Step 4 of the classifier (classifier.ts). Attribute words by the person they describe: the first person
// named in their clause (or, if none, the nearest earlier clause naming someone), skipping people who are
// the target of violence ("扬言要捅死医生", "kicked the nurse": the doctor and the nurse are victims, not the
// subject). Attitude words (凶, 不耐烦, rude) go to nursing for a nurse, carer, guidance desk or escort, to
// nobody for a patient, relative or stranger, to conduct otherwise; noise (吵, 大声) to nursing for a nurse;
// medication advice (副作用, dose) to clinical for a doctor (what a doctor prescribed is clinical). A blow
// (踢了他, hit) is a conduct complaint only when staff are named: a husband hitting his wife is not.
// A person inside a phrase of violence is its target ("找那个医生算账", "朝护士扔", "waiting for the
// doctor in the car park"), as is one quarrelled with (跟护士吵); in a comment of violence that names no
// member of staff, blows and threats are nobody's to answer for. Words whose meaning follows the person
// (才发现, 查房, 看都不看) go to nursing for a nurse, to conduct for a window clerk, to clinical otherwise.

/** A person asked or told something (the addressee, not the actor). */
const ADDRESSEE_BEFORE = /(?:问|跟|和|告诉|问了问|打听)(?:一下|了)?(?:值班|那个|这个|当班)?$|(?<![a-z])(?:asked|told|warned|tell|ask)\s+(?:the|a|our|my)?\s*$/;

// A person is the target, not the actor, when a blow or threat comes just before them ("捅死医生",
// "追着护士", "kicked the nurse"), or when they are taken (把) or suffer (被) one just after.
const ZH_VICTIM_BEFORE = /(?:打|揍|踢|踹|砍|捅|砸|推|追着|弄死|杀|骂|威胁|袭击|攻击|冲着|朝)(?:死|伤|了|着|倒)?(?:值班|那个|这个|当班|一个|我们的|的)?$/;
const ZH_TAKEN_BY = /^[^，。！？；]{0,4}(?:打|揍|踢|推倒|砸|砍|捅)/;
const ZH_SUFFERS = /^[^，。！？；]{0,2}被[^，。！？；]{0,6}(?:打|揍|踢|砸|推|骂|咬|抓)/;
const EN_VICTIM_BEFORE = /(?:follow\w*|hit|punch\w*|kick\w*|stab\w*|slap\w*|attack\w*|threaten\w*|assault\w*|shov\w*|push\w*|grabb\w*|spat at|abus\w*|(?:shout|yell|scream|swear|swore)\w*\s+at)\s+(?:the|a|an|one|our|my|his|her)?\s*(?:\w+\s+)?$/;

const ZH_QUARREL_WITH = /^[^，。！？；]{0,2}(?:吵|闹|动手|打起来|吵起来)/;

function isVictim(text: string, hit: Hit<LexiconEntry>, violence: readonly Hit<SafetyEntry>[]): boolean {
  // a person inside a phrase of violence is its target ("找那个医生算账", "朝护士扔", "waiting for the doctor
  // in the car park"), unless the phrase is a passive whose agent they are ("被护工推倒")
  if (violence.some((v) => v.start <= hit.start && hit.end <= v.end && !/^被|(?:被|by\s+(?:the|a)?\s*)$/.test(text.slice(v.start, hit.start)))) return true;
  const before = text.slice(Math.max(0, hit.start - 8), hit.start);
  const after = text.slice(hit.end, hit.end + 10);
  if (hit.entry.lang === 'zh') return ZH_VICTIM_BEFORE.test(before) || (before.endsWith('把') && ZH_TAKEN_BY.test(after)) || ZH_SUFFERS.test(after) || (/(?:跟|和|同)(?:值班|那个|这个|当班)?$/.test(before) && ZH_QUARREL_WITH.test(after));
  return EN_VICTIM_BEFORE.test(text.slice(Math.max(0, hit.start - 30), hit.start));
}

const OUTSIDE_CARE = /养老院|敬老院|福利院|护理院|(?<![a-z])(?:care|nursing|residential)\s+home/;

/** Who the people in a comment are to the words around them. */
export interface Attribution {
  /** People named as the target of violence, not its actor. */
  readonly victims: ReadonlySet<Hit<LexiconEntry>>;
  /** The person a word describes; undefined when nobody is named before it. */
  readonly namedRole: (hit: Hit<LexiconEntry>) => RoleOf | undefined;
  /** The category a term scores for once its person is known; undefined when it is nobody's complaint. */
  readonly categoryOf: (hit: Hit<LexiconEntry>) => ScoredCategory | undefined;
  /** Whether a member of staff acts in the comment. */
  readonly staffActor: boolean;
}

export function attribute({ text, hits, safety, clauseOfHit }: Matches): Attribution {
  const violence = safety.filter((s) => s.entry.kind === 'violence');
  const victims = new Set(hits.filter((h) => h.entry.kind === 'role' && isVictim(text, h, violence)));
  const roles = hits.filter((h) => h.entry.roleOf !== undefined && !victims.has(h));
  // A carer from a care home (养老院, nursing home) is not the hospital's: what they did is no ward's complaint.
  const outsideCare = OUTSIDE_CARE.test(text);
  const roleOfEntry = (hit: Hit<LexiconEntry>): RoleOf | undefined =>
    outsideCare && hit.entry.roleOf === 'nursing' && !/护士|nurse/.test(hit.text) ? 'public' : hit.entry.roleOf;
  // When the only people named are the targets ("shouting at the reception staff"), whoever acted was not staff.
  // In a comment of violence that names no member of staff, the blow or threat is a stranger's or a relative's.
  const violence0 = violence.length > 0;
  const noActor: RoleOf = roles.length === 0 && (victims.size > 0 || violence0) ? 'public' : 'staff';
  const namedRole = (hit: Hit<LexiconEntry>): RoleOf | undefined => {
    const clause = clauseOfHit(hit);
    const inClause = roles.find((r) => clauseOfHit(r) === clause);
    if (inClause !== undefined) return roleOfEntry(inClause) ?? 'staff';
    const earlier = roles.filter((r) => r.start < hit.start);
    const last = earlier[earlier.length - 1];
    if (last === undefined) return undefined;
    const first = roles.find((r) => clauseOfHit(r) === clauseOfHit(last));
    return (first === undefined ? undefined : roleOfEntry(first)) ?? 'staff';
  };
  const roleFor = (hit: Hit<LexiconEntry>): RoleOf => namedRole(hit) ?? noActor;
  const pharmacyInClause = (hit: Hit<LexiconEntry>) =>
    hits.some((h) => h !== hit && clauseOfHit(h) === clauseOfHit(hit) && h.entry.category === 'pharmacy' && h.entry.weight >= 4 && h.entry.byPrescriber !== true);
  const categoryOf = (hit: Hit<LexiconEntry>): ScoredCategory | undefined => {
    if (hit.entry.roleOf !== undefined && roleOfEntry(hit) === 'public') return undefined;
    if (hit.entry.staffOnly === true && namedRole(hit) === undefined) return undefined;
    if (hit.entry.byRole === true) {
      const role = roleFor(hit);
      if (role === 'nursing') return 'nursing';
      if (role === 'public') return undefined;
      if (hit.entry.staffConduct === true && role === 'staff' && namedRole(hit) !== undefined) return 'conduct';
      return hit.entry.category;
    }
    if (hit.entry.byNurse === true && roleFor(hit) === 'nursing') return 'nursing';
    // what the pharmacy handed over is the pharmacy's, even when the doctor's dose is named beside it
    if (hit.entry.byPrescriber === true && roleFor(hit) === 'doctor' && !pharmacyInClause(hit)) return 'clinical';
    return hit.entry.category;
  };
  // Someone only asked or told ("问护士窗户能不能打开", "told the surgeon") is not an actor.
  const staffActor = roles.some((r) => {
    // a person, not a treatment that names its prescriber (化疗)
    if (r.entry.kind !== 'role' && r.entry.roleOf !== 'nursing') return false;
    const role = roleOfEntry(r);
    return (role === 'nursing' || role === 'doctor' || role === 'staff') && !ADDRESSEE_BEFORE.test(text.slice(Math.max(0, r.start - 12), r.start));
  });
  return { victims, namedRole, categoryOf, staffActor };
}
