import { type Category, SAFETY_KINDS, type SafetyKind, type Severity } from './categories.ts';

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
export type TermKind = 'topic' | 'problem' | 'praise' | 'role' | 'question' | 'condition' | 'neutral';
/**
 * Whose behaviour a word describes: nurses' attitude goes to nursing, doctors' prescribing to clinical,
 * other staff's to the term's own category, the public's to nobody.
 */
export type RoleOf = 'nursing' | 'doctor' | 'staff' | 'public';

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

function zh(list: string, kind: TermKind, category: ScoredCategory | undefined, weight: number, options: Options = {}): LexiconEntry[] {
  return words(list).map((w) => ({ label: w, pattern: zhPattern(w), lang: 'zh', kind, category, weight, needle: w, ...options }));
}

function en(list: string, kind: TermKind, category: ScoredCategory | undefined, weight: number, options: Options = {}): LexiconEntry[] {
  return words(list).map((w) => ({ label: w, pattern: enPattern(w), lang: 'en', kind, category, weight, needle: enNeedle(w), ...options }));
}

function re(label: string, pattern: RegExp, lang: 'zh' | 'en', kind: TermKind, category: ScoredCategory | undefined, weight: number, options: Options = {}): LexiconEntry {
  return { label, pattern: new RegExp(pattern.source, 'g'), lang, kind, category, weight, ...options };
}

/** Chinese number words for durations. */
const NUM = '[0-9一二两三四五六七八九十几半多]';
/** Characters of one clause (no clause punctuation). */
const C = '[^，。！？；,.!?;\\n]';
/** A verb of waiting: 等, 排, 候 (not 时候, 安排, 问候). */
const WAIT = '(?:等|(?<!安)排|(?<![时问])候)';

export const LEXICON: readonly LexiconEntry[] = [
  // clinical: diagnosis, treatment, consent, what a doctor decided or explained
  ...zh('误诊|漏诊|医疗事故|耽误治疗|延误治疗|耽误病情|延误病情|拔错|开错刀|做错手术|大出血|治坏|越治越|二次手术|手术失败|医疗纠纷|医疗差错', 'topic', 'clinical', 4, { harm: true }),
  re('查出来是', new RegExp(`(?:别的|其他|另一家|另外一家|外|省|市|上级|大)医院${C}{0,8}(?:查出|确诊|诊断|发现)|才(?:查出|确诊)|查出来是|查不出|没查出|诊断出来是|原来是`), 'zh', 'topic', 'clinical', 3),
  re('N分钟就看完', new RegExp(`${NUM}+分钟(?:就|不到|都不到)?(?:看完|就完|打发|结束|开了|开单|就开|看了|就让)|看了?(?:不到|没有)?[一两三几1-5]分钟|(?:一两|两三|三两|几|一|两)句话?就(?:打发|让|开|完|结束|把)`), 'zh', 'topic', 'clinical', 3),
  ...zh('诊断|病情|治疗|手术|术前|术后|并发症|麻醉|接生|复查|复诊|开刀|刀口|主刀|动手术|告知|医术|过度检查|过度治疗|经验不足|治疗方案|出院小结|出血|解释|抢救|会诊|转院|确诊|医嘱|知情同意|同意书|手术同意|签字|沟通|病因|后遗症|恶化|加重|没效果|不见好|没好转|缝针|缝合|拆线|打石膏|石膏|手艺|拍片|微创|下不了床|下不了地|走不了路|片子|化验单|检查报告|听诊|把脉|问诊|没说完|没讲完|没听完|打断|说不清|讲不清|听不明白|术语|看病难|只看电脑|没人说|没人告诉|没人解释|没有人解释|不告诉我们|没跟我们说|转icu', 'topic', 'clinical', 2),
  ...zh('检查|病历|看病|开药|开单|效果|风险|症状|结果|水平|感染|听不懂|讲清楚|说清楚|讲明白|匆忙|不调整|仔细|b超|彩超|ct|核磁|胃镜|肠镜|孕检|产检|胎心|激素|处方|怎么回事|诊室|门诊|急诊|住院|发烧|高烧|咳嗽|疼|痛|伤口|治不好|icu|重症监护|牙|补牙|拔牙|过敏史', 'topic', 'clinical', 1),
  re('写的…是错的', new RegExp(`写(?:的|得)${C}{0,6}(?:是)?错|没人${C}{0,2}(?:解读|解释|说明)`), 'zh', 'topic', 'clinical', 3),
  re('…炎/癌/梗', /[\u4e00-\u9fff]{1,2}(?:炎|癌|瘤|梗|结核|结石|骨折)/, 'zh', 'topic', 'clinical', 1),
  re('开了…药', new RegExp(`开了${C}{0,6}?(?:的)?(?:药|激素|吊瓶|处方)|开(?!的)${C}{1,6}?(?:的)?(?:药|激素|吊瓶|处方)`), 'zh', 'topic', 'clinical', 2),
  ...zh('技术', 'topic', 'clinical', 2, { byRole: true }),
  ...zh('写错|写的是错的|记错|记录错|解读|没回答|不回答|答非所问|讲课|延误|没看好|看不好|疗效|不对症|诊错|判断错|查错|漏查|看漏|没发现|不重视|没重视|轻视', 'topic', 'clinical', 3),
  re('耽误了', /耽误(?!事|时间|工作|上班|功夫|大家|我们时间)/, 'zh', 'topic', 'clinical', 2),
  ...zh('拖着不给|拖着不|一直拖|不给药|不给用药|不给止痛|不给打', 'problem', 'clinical', 2, { byRole: true }),
  ...zh('不专业|不负责|不认真|敷衍|打发|应付|草率|马虎|想太多|想多了|正常现象|多喝水|再观察|观察观察|回家观察|说没事|个体差异', 'problem', 'clinical', 2, { byRole: true }),
  ...en('misdiagnos*|malpractice|wrong diagnosis|delayed treatment|missed the|missed a|botched', 'topic', 'clinical', 4, { harm: true }),
  ...en('diagnos*|surgery|surgeon|operation|complication*|treatment|examined|examine|explain*|risks|symptoms|never explained|second opinion|treatment plan|follow-up|follow up|discharged too|brushed off|dismissed|didn\'t listen|did not listen|rushed', 'topic', 'clinical', 2),
  ...en('no answers|no explanation|nobody explained|no one explained|readmitted|without telling|set wrong|another operation|take me seriously|taken seriously|ignored my symptoms|no one listened|nobody listened|wouldn\'t listen|refused to examine|didn\'t examine|never examined|wrong leg|wrong arm|wrong side|wrong eye|never told us|refer*|didn\'t read|never read|my notes', 'topic', 'clinical', 2),
  re('discharged too early', /(?<![a-z])discharg\w*\s+(?:\w+\s+){0,3}(?:too\s+(?:early|soon)|early)(?![a-z])/, 'en', 'topic', 'clinical', 3),
  // a treatment that did not work, a test not done, what it turned out to be
  ...zh('都没好|还没好|一直没好|也没好|不见效|没见效|换个药试|试试看|老毛病|没做检查|不给做检查|没给做检查', 'topic', 'clinical', 2),
  re('没给我做检查', /(?:没|不)(?:给|帮)(?:我|他|她|孩子|老人)?做(?:任何|什么)?检查|连检查都没/, 'zh', 'topic', 'clinical', 3),
  ...en('turned out|it was actually|cancer|tumour|tumor', 'topic', 'clinical', 2),
  // a course of treatment names the doctor who prescribed it: its side effects are clinical
  ...zh('化疗|放疗', 'topic', 'clinical', 3, { roleOf: 'doctor' }),
  ...en('chemo*|radiotherapy', 'topic', 'clinical', 3, { roleOf: 'doctor' }),
  ...en('results|scan|mri|x-ray|ct|admitted|sent home|stroke|pneumonia|barely|fracture|consultation|test result*|condition|plan|painkillers', 'topic', 'clinical', 1),
  // Round 3. Who found out late, who did the rounds, who never looked: the person named decides (a nurse
  // who found a death in the morning is nursing; a window clerk who never looked up is conduct).
  ...zh('才发现|查房', 'topic', 'clinical', 3, { byRole: true }),
  ...zh('看都不看|头都不抬|没看一眼|看都没看|正眼都不看', 'topic', 'clinical', 2, { byRole: true, staffConduct: true }),
  // tests piled on, a doctor who never came, sent home and back again
  re('一大堆检查', new RegExp(`(?:一大堆|一堆|好多|很多|各种|一系列|十几项|好几项|一大串)${C}{0,2}(?:检查|化验|单子)`), 'zh', 'topic', 'clinical', 4),
  re('一次都没来看过', new RegExp(`(?:一次|从来|始终|一直|几天)(?:都|也)?没(?:来)?(?:看|查|管)过|(?:全|都)是实习生|实习生在(?:弄|做|看|操作)`), 'zh', 'topic', 'clinical', 3, { byRole: true }),
  re('sent me home', /(?<![a-z])(?:sent|send|sending)\s+(?:me|him|her|us|them|my\s+\w+)\s+home|(?<![a-z])discharg\w*\s+(?:me|him|her|them|us|my\s+\w+)(?![a-z])/, 'en', 'topic', 'clinical', 3),
  ...en('just anxiety|only anxiety|in my head|nothing wrong|days later|getting worse|got worse|no one told|nobody told|no one had told|nobody had told', 'topic', 'clinical', 2),

  // nursing: nurses, carers, the guidance desk and escorts, and the bedside care they give
  ...zh('护士长|护工|导诊|陪检|分诊|预检分诊', 'topic', 'nursing', 3, { roleOf: 'nursing' }),
  ...zh('交接班|呼叫铃|呼叫器|按铃|床头铃|扎针|翻身|交班|宣教|护理不到位|巡视|巡房|喂饭|输液泵|留置针|跑针|鼓包|擦身|导尿|尿管|褥疮|压疮|不干活|不管不问|按了铃|核对|查对|三查七对|没人扶|扶我|扶她|扶他', 'topic', 'nursing', 3),
  re('helped to the toilet', /(?<![a-z])help\w*\s+(?:\w+\s+){0,3}(?:to|into|onto)\s+the\s+(?:toilet|bathroom|loo|commode)(?![a-z])|(?:扶|搀)${C}{0,3}(?:去|上)(?:厕所|卫生间)/, 'zh', 'topic', 'nursing', 5),
  // restraint is a ward decision; a problem word so that it still scores inside the safety phrase that flags it
  ...zh('绑在床上|约束带|被绑|绑着|捆着|捆在', 'problem', 'nursing', 3),
  ...zh('护理|打针|挂水|吊瓶|输液|换药|拔针|回血|没人管|不及时|针眼|量血压|测体温|拔管|不让进|不让家属|不让探视', 'topic', 'nursing', 2),
  ...zh('抽血|夜班|禁食|探视', 'topic', 'nursing', 1),
  re('按了三次铃', new RegExp(`按了?${NUM}*次?铃`), 'zh', 'topic', 'nursing', 3),
  ...zh('皮试', 'topic', 'nursing', 2),
  ...en('carer|caregiver|help desk|healthcare assistant|midwife|midwives|matron|porter*', 'topic', 'nursing', 3, { roleOf: 'nursing' }),
  ...en('call bell|nursing|vein|buzzer|cannula|bedpan|commode|bed sore*|pressure sore*', 'topic', 'nursing', 3),
  ...en('ignored|iv|drip|night shift|dressing|injection', 'topic', 'nursing', 2),
  // restraint and sedation are ward decisions; the bell and what is left out of reach are bedside care
  ...en('strapped|restrained|tied down|tied to the bed|sedated', 'problem', 'nursing', 4),
  ...en('bell|out of reach|couldn\'t reach|could not reach', 'topic', 'nursing', 3),

  // billing: registration and billing windows, fees, insurance
  ...zh('多收|乱收费|重复收费|收了钱|医保|报销|退费|发票|押金|结算|新农合|收费|费用|住院费|床位费|挂号费|药费|工本费|加急费|检查费|收费标准|明码标价|乱收|结账|清单|一日清单|退钱|退款', 'topic', 'billing', 3),
  re('X费', /(?:护理|护工|陪护|陪床|材料|耗材|手术|诊疗|治疗|化验|检验|诊查|诊金|床位|住院|挂号|检查|药|餐|伙食|停车|服务|麻醉|抢救|监护|空调|急诊|门诊|专家|输液|注射|换药|针|冷暖|取暖|押金)费/, 'zh', 'topic', 'billing', 3),
  re('收了N次', new RegExp(`收了(?:${NUM}+|好几)次|多(?:了|收了)${NUM}+(?:块|元|百|千)|(?:[0-9]+|[两三四五六七八九十百千几]${NUM}*)(?:块|元)(?:钱)?|一块钱|一元|(?:一|每)[\u4e00-\u9fff]{1,2}(?:一块|一元)|${NUM}+(?:万|千)(?:块|元)?`), 'zh', 'topic', 'billing', 2),
  ...zh('到账|没到账|套餐|加了好几项|多了好几项|加收|另收|额外收|多扣|扣错|重复扣|扣了两次|乱扣|隐形收费|预交金|预缴金|预存|分期|付不起|交不起|没钱|多算|便宜|差价|价格不一样|贵一倍|贵了', 'topic', 'billing', 3),
  re('退个费', new RegExp(`退${C}{0,2}(?:费|钱|款)`), 'zh', 'topic', 'billing', 3),
  ...zh('财务科|财务', 'topic', 'billing', 2),
  re('发票开错', new RegExp(`(?:发票|抬头|收据)${C}{0,4}(?:开错|写错|错了)|(?:单位|公司)?${C}{0,2}报不了|报销不了`), 'zh', 'topic', 'billing', 4),
  ...zh('收钱|收的是|收成|收我|缴费|交费|交钱|自费|收费员|余额|扣了|扣费|明细|算错|算账|价格|花了|账单|杀价|砍价|讨价还价|坑钱|宰人|被宰|抢钱|收据|划价', 'topic', 'billing', 2),
  ...zh('费|钱|挂号', 'topic', 'billing', 1),
  ...zh('贵|不合理|不透明', 'problem', 'billing', 2),
  ...en('billed|overcharg*|charged twice|double charged|hidden fee*|surprise bill|refund*|invoice*|insurance|cashier|billing|bill|fees|fee|rip-off|ripped off|price list|deposit|receipt*|copay', 'topic', 'billing', 3),
  ...en('charged|charge*|payment|price*|cost*|claim|yuan|paid', 'topic', 'billing', 2),
  ...en('expensive|overpriced', 'problem', 'billing', 2),

  // pharmacy: dispensing, stock and medication advice
  ...zh('发错药|拿错药|抓错药|配错药|发错了药|抓错了药|用错药|给错药|给错了药|配错了', 'topic', 'pharmacy', 5, { harm: true, byNurse: true }),
  ...zh('药房|药剂|药师|中药房|药学|缺药|缺货|过期|有效期|代煎|煎药|断货|没有这个药|外面买|外购', 'topic', 'pharmacy', 4),
  ...zh('用法|用量|剂量|副作用|不良反应|怎么吃|吃几次|饭前|饭后|空腹吃|忌口|禁忌', 'topic', 'pharmacy', 4, { byPrescriber: true }),
  ...zh('发药|给药', 'topic', 'pharmacy', 2, { byNurse: true }),
  ...zh('外配处方|外配', 'topic', 'pharmacy', 4),
  ...zh('少给|漏发|少发|多发|给少了|少了一盒|药不够', 'topic', 'pharmacy', 3),
  ...zh('颗粒|剂型|片剂|胶囊|口服液|糖浆|取药|拿药|配药|说明书|药片|药盒|药袋|口服|外用|怎么保存|药品|中药|西药|牌子', 'topic', 'pharmacy', 2),
  ...zh('药|药店|止痛药|止疼药|止痛针', 'topic', 'pharmacy', 1),
  ...en('wrong medication|wrong dose|wrong drug|wrong pills|wrong tablets|wrong strength', 'topic', 'pharmacy', 5, { harm: true }),
  ...en('pharmac*|dispens*|out of stock', 'topic', 'pharmacy', 4),
  ...en('dose|dosage|side effects', 'topic', 'pharmacy', 4, { byPrescriber: true }),
  ...en('pills|medication*|medicine*|prescription*|drug*|antibiotics|tablets|insulin', 'topic', 'pharmacy', 2, { byPrescriber: true }),
  ...en('label|inhaler', 'topic', 'pharmacy', 2),

  // facilities: meals, toilets and cleaning, smoking, parking, the building, security
  re('订的餐', new RegExp(`(?:订的)?(?:餐|饭)${C}{0,8}(?:没送|还没送|送晚|送错)|订的(?:餐|饭)`), 'zh', 'topic', 'facilities', 4),
  ...zh('订餐|抽烟|吸烟|烟味|停车|停车场|车位|蟑螂|老鼠|饭菜|食堂|饭堂', 'topic', 'facilities', 4),
  ...zh('wifi|网速|罚单|贴条|车停|不能停|地方停|停不了|没处停|挪车', 'topic', 'facilities', 4),
  ...en('wi-fi', 'topic', 'facilities', 4),
  ...zh('厕所|卫生间|洗手间|异味|空调|暖气|电梯|热水|开水|饮水机|充电|窗户|指示牌|标识|垃圾桶|保洁|打扫|扶手|无障碍|门锁|加床|陪护椅|陪护床|陪床|发霉|漏水|噪音|安保|外放|难吃|蚊子|卫生死角|马桶|卫生纸|纸巾|拖地|地滑|滑倒|警示牌|积水|地面|轮椅|平车|椅子|座位|坐的地方|休息的地方|小卖部|超市|外卖|开水房|路标|楼梯|施工|装修|床垫|枕头|被褥|信号|折叠椅|躺椅|折叠床|行军床|打呼噜|呼噜|淋浴|洗澡|洗澡间|杂物|病号饭|营养餐|太油|油腻|太咸|太淡|不新鲜|护栏|床栏|臭虫|虫子|霉味|漏雨|天花板|墙皮|插座|电视|窗帘|柜子|水龙头|下水道|堵了|冲不下去|没纸', 'topic', 'facilities', 3),
  re('半夜吵', new RegExp(`(?:半夜|深夜|晚上|夜里)(?:(?!护士|医生|护工)${C}){0,4}(?:吵|打电话|说话|大声|看视频|外放|聊天)`), 'zh', 'topic', 'facilities', 3),
  ...zh('环境|被子|床单|灯|坏了|送餐|吃的|餐|警察|找不到路|绕了', 'topic', 'facilities', 2),
  re('保安不管', new RegExp(`保安${C}{0,6}(?:躲|不管|没来|才到|才来|不在|没人|半天|也不|都不|看着|在旁边|站着|不拦|没拦)|安保`), 'zh', 'topic', 'facilities', 3),
  ...zh('睡不着|休息不好|饭|报警', 'topic', 'facilities', 1),
  ...zh('坏的|坏掉|损坏|失灵', 'topic', 'facilities', 2),
  ...zh('大声|声音太大|吵醒', 'problem', 'facilities', 2, { byNurse: true }),
  ...zh('脏|臭|吵|挤|冷|热|窄', 'problem', 'facilities', 2, { byNurse: true }),
  ...en('smok*|parking|car park|toilet*|cockroach*|food|meal*|cafe|cafeteria|canteen|vending machine*', 'topic', 'facilities', 4),
  ...en('bathroom*|restroom*|lift|elevator*|noise|air conditioning|heating|cleaning|toilet paper|signage|signs|wheelchair*|police|chair|fold-out|camp bed|pillow*|blanket*|shower*|soap', 'topic', 'facilities', 3),
  ...en('filthy|dirty|smell*|noisy|broken|freezing|cold', 'problem', 'facilities', 2),
  ...en('security', 'topic', 'facilities', 2),
  ...en('nowhere to sit|nowhere for|no seats|no chairs|stood for', 'topic', 'facilities', 4),
  ...en('out of order|stairs', 'topic', 'facilities', 3),
  // a queue for a facility is about the facility: "the queue for the lift", 等电梯
  re('queue for the lift', /(?<![a-z])(?:queue|queues|wait|waiting|waited)\s+for\s+(?:the\s+|a\s+)?(?:lifts?|elevators?|toilets?|showers?|microwave|kettle|parking|car\s+park)(?![a-z])|等电梯|排队上厕所/, 'zh', 'topic', 'facilities', 4),

  // infection control and hand hygiene
  ...zh('院内感染|交叉感染|院感|手卫生', 'topic', 'infection-control', 5, { harm: true }),
  ...zh('洗手|手套|消毒|口罩|洗手液|免洗|隔离|血迹|针头|重复使用|一次性|止血带|无菌|污染|传染|锐器|共用|混用|同一副|酒精', 'topic', 'infection-control', 4),
  re('同一个拖把', new RegExp(`(?:厕所|马桶)的?(?:拖把|抹布)|同一(?:个|块|把|副|根)?(?:拖把|抹布|毛巾|手套|针|止血带)|挨个(?:病人)?(?:用|擦)|轮流用|从来不擦|不擦|(?:给|帮)(?:好几个|几个|所有|每个)人`), 'zh', 'topic', 'infection-control', 5),
  re('拖完厕所拖病房', new RegExp(`拖(?:完|了)?(?:厕所|马桶|卫生间)${C}{0,6}(?:拖|擦)|拖把${C}{0,3}(?:没|不)换|(?:没|不)换拖把`), 'zh', 'topic', 'infection-control', 5),
  re('没用酒精擦', /(?:没|没有|不|未)(?:用|戴|换|做)?(?:酒精|消毒|洗手|手套|口罩)/, 'zh', 'topic', 'infection-control', 5),
  re('手没洗', new RegExp(`手${C}{0,2}(?:都|也)?(?:没|不)洗|不洗手`), 'zh', 'topic', 'infection-control', 5),
  ...zh('医疗垃圾|利器盒|紫外线|消毒液|没戴口罩|不戴口罩', 'topic', 'infection-control', 4),
  ...zh('发热病人|器械|抹布|隔开|没分开|不分开|听诊器|血压计|拖把|不卫生|棉签|发热门诊', 'topic', 'infection-control', 3),
  ...zh('混在一起|混在|棉球|镊子|敞着|敞开|换药车|治疗车', 'topic', 'infection-control', 3),
  ...zh('发热', 'topic', 'infection-control', 2),
  re('掉地上捡起来用', new RegExp(`(?:掉|落)(?:在|到)?地上${C}{0,6}(?:捡|接着用|继续用|又用|还用)|捡起来${C}{0,3}(?:接着|继续|又|还)用`), 'zh', 'topic', 'infection-control', 5),
  ...en('used dressings|open bin|clinical waste|sharps bin|used swabs', 'topic', 'infection-control', 4),
  ...en('hand hygiene|cross infection|cross-contamination|cross contamination', 'topic', 'infection-control', 5, { harm: true }),
  ...en('sanitizer|sanitiser|gloves|masks|mask|disinfect*|sterili*|sterile|isolation|reused|hand gel|alcohol gel|used needle*|needle*', 'topic', 'infection-control', 4),
  re('same cloth', /(?<![a-z])same\s+(?:cloth|gloves?|towel|mop|needle|cuff|tourniquet|swab|wipe)(?![a-z])/, 'en', 'topic', 'infection-control', 5),
  re('wash hands', /(?<![a-z])wash\w*\s+(?:\w+\s+)?hands(?![a-z])/, 'en', 'topic', 'infection-control', 5),
  ...en('infection*|contaminat*|coughing|fever|chickenpox|tb|tuberculosis', 'topic', 'infection-control', 2),
  ...en('used on everyone|between patients|every patient|cuff', 'topic', 'infection-control', 4),
  ...zh('水痘|结核|流感|新冠|传染病|麻疹|手足口|诺如', 'topic', 'infection-control', 2),

  // appointments, the hospital app and the queue-calling system
  ...zh('叫号|号源|放号|小程序|公众号|网上挂号|验证码|登录|死机|系统错误|电子健康卡|闪退|微信|支付宝|智慧医院|互联网医院|线上问诊|在线问诊|网上问诊|人脸识别|实名认证|挂号平台|预约平台|抢号|一号难求|未支付|支付失败|付款失败|没同步|不同步|打不进|打不通|取号机|医保电子凭证|电子凭证|挂号机|白屏|下载不了|下载不', 'topic', 'appointments-it', 4),
  re('缴费机', /(?:缴费|收费|挂号|打印|取号|自助|报告)机/, 'zh', 'topic', 'appointments-it', 4),
  ...zh('没有我的号|没我的号|号没了|查不到我的号|没有我的预约|没有预约记录|号作废|号被取消', 'topic', 'appointments-it', 4),
  ...zh('屏幕|显示屏|大屏|不更新|刷新不了|不找零|不能刷卡|电子发票|点不开|建档|没动过|一直不动|不动了|网络|断网|系统故障|系统坏了|系统崩了|扫不了|扫码失败|预约不上|约不上|约满|已约满|号被抢光|没号|挂不上号|挂不到号', 'topic', 'appointments-it', 3),
  re('电话没人接', new RegExp(`电话${C}{0,4}(?:没人接|打不通|打爆|占线|打不进)`), 'zh', 'topic', 'appointments-it', 3),
  ...zh('预约|网上|线上|绑卡|绑定|自助机|打印机|页面|扫码|二维码|短信|抢不到|健康卡|跳过|转圈|系统升级|网站|占线|客服电话|改约|退号|停诊|报错|卡死|卡住|卡顿|打不开|进不去|刷不出|加载|崩溃|注册|查不到|过号|不认|识别不了|不识别|机器', 'topic', 'appointments-it', 3),
  ...zh('系统|手机|通知|广播|电话预约', 'topic', 'appointments-it', 2),
  ...en('app|online|website|crash*|log in|login|queue display|reschedul*|text message|kiosk*|portal|wechat|alipay|qr', 'topic', 'appointments-it', 4),
  ...en('booked|booking*|book|system|skipped|cancel*|no record|confirmation|glitch*|error|check in|check-in|password|sms|slot*', 'topic', 'appointments-it', 3),
  ...en('appointment*', 'topic', 'appointments-it', 2),
  ...en('automated|text|texts|texted', 'topic', 'appointments-it', 2),

  // staff conduct and ethics: 生冷硬顶推, gifts and kickbacks, shirking
  ...zh('红包|回扣|送礼|收礼|购物卡|好处费|生冷硬顶推|推诿|踢皮球|推来推去|互相推|推三阻四|来回推|来回折腾|吃拿卡要|走后门|关系户|医德|医风', 'topic', 'conduct', 5),
  re('推来推去', new RegExp(`推到${C}{0,8}(?:又|再)推|推回${C}{0,2}(?:门诊|急诊|科)|没有一个科室|哪个科(?:室)?都不|不愿意接收|不接收|拒收`), 'zh', 'topic', 'conduct', 4),
  re('嫌我们烦', new RegExp(`嫌(?:我们|我|病人|家属|老人|她|他)?${C}{0,4}(?:问题多|事多|烦|麻烦|啰嗦|慢|脏|臭|笨)|(?:扔|摔|甩|丢)(?:在|到|给)${C}{0,3}(?:台|桌|窗口|地上|我)|说找${C}{1,5}[，,]${C}{0,5}说找|赶出去|轰出去|拖出去`), 'zh', 'problem', 'conduct', 3, { byRole: true }),
  re('说"…"', /(?:说|吼|骂|嚷|回|怼)(?:了一句|了句|道|着|我|他|她|我们|病人)?[:：]?[“"「]/, 'zh', 'problem', 'conduct', 2, { byRole: true, unlessPraised: true }),
  re('推销保健品', new RegExp(`推销${C}{0,3}(?:保健品|药|产品|器械|营养品)|卖(?:保健品|营养品)`), 'zh', 'topic', 'conduct', 5),
  re('朋友开的诊所', /(?:朋友|亲戚|熟人|家里人|他家|她家|自己)开的|私人诊所|介绍(?:我们|我)?去(?:外面|私人|他)/, 'zh', 'topic', 'conduct', 4),
  ...zh('医药代表|指定|推回给|推给|不归', 'topic', 'conduct', 3),
  ...zh('意思意思|表示表示|打点打点|打点一下', 'topic', 'conduct', 5),
  // passed on in a loop: 让我们找科室，科室又让我们找医务科
  re('让找A，A又让找B', new RegExp(`(?:让|叫)(?:我们|我)?(?:去)?找${C}{1,8}[，,]${C}{0,8}(?:又|再)(?:让|叫)(?:我们|我)?(?:去)?找`), 'zh', 'topic', 'conduct', 4),
  re('甩我脸上', /(?:扔|摔|甩|丢|砸)(?:在|到|给)?(?:我|人|病人|我们|老人)?的?(?:脸上|身上)/, 'zh', 'problem', 'conduct', 3, { byRole: true }),
  ...zh('态度恶劣|恶劣|吼|骂|嘲笑|翻白眼|白眼|不理人|爱答不理|爱理不理|大呼小叫|发火|难听|傲慢|当回事|刁难|训斥|呵斥|甩脸色|摆脸色|甩脸|脸拉得|拉着脸|拉着个脸|臭脸|玩手机|打游戏|死板|冷漠|冷淡|冷冰冰|不耐烦|嫌弃|嫌麻烦|瞧不起|看不起|歧视|讽刺|阴阳怪气|顶嘴|顶一句|怼|呛|说话很冲|说话冲|说话太冲|口气很冲|语气很冲|凶巴巴|聊天|聊私事|私事|闲聊|私人电话|接电话|叫不醒|脏话|爆粗口|骂骂咧咧|不搭理|装没听见|假装没看见|高高在上|官僚|打官腔|推脱|搪塞|不作为|睡大觉|在睡觉|暗示|找关系|托关系|靠关系|没有关系的话|没关系的话|瞪我|瞪着我|瞪人|白了我一眼|当我们不存在|当空气|威胁|恐吓|弄死|收拾你|收拾我们|收拾他|你好看', 'problem', 'conduct', 3, { byRole: true }),
  // hurtful words and humiliation in front of others
  ...zh('伤人|伤自尊|侮辱|羞辱|活该', 'problem', 'conduct', 3, { byRole: true }),
  re('说我们什么都不懂', new RegExp(`说(?:我们?|家属|病人|他|她)?${C}{0,3}(?:什么都不懂|啥都不懂|懂什么)`), 'zh', 'problem', 'conduct', 3, { byRole: true }),
  re('当着一屋子人', /当着(?:所有人|大家|一屋子人|一屋子的人|满屋子人|别人|其他人|那么多人|这么多人|全病房|病友)(?:的面)?/, 'zh', 'problem', 'conduct', 2, { byRole: true }),
  re('called her a …', /(?<![a-z])called\s+(?:me|her|him|us|them|my\s+\w+|our\s+\w+)\s+(?:a|an)\s+(?:[a-z]+\s+){0,2}[a-z]+/, 'en', 'problem', 'conduct', 3, { byRole: true }),
  // what staff are quoted as saying: the classic 生冷硬顶推 retorts
  ...zh('爱看不看|爱治不治|不看就走|不看拉倒|爱来不来|爱挂不挂|你问我我问谁|急什么|催什么|吵什么|嫌贵别看|没钱别看|没钱就别看|事儿多|事多|矫情|找别人去|不归我管|不关我事|自己看去|别在这看|别在这里看|不想看就|就去别的医院|那就去别的医院|你去别的医院', 'problem', 'conduct', 3, { byRole: true }),
  re('态度差', /态度(?:[很太真也极好超]|非常|特别|实在|超级)*(?:差劲|差|坏|不好|恶劣|生硬|蛮横|冷漠|横|凶)/, 'zh', 'problem', 'conduct', 3, { byRole: true }),
  re('说话冲', new RegExp(`(?:说话|口气|语气)${C}{0,3}(?:冲|横|凶|硬|难听|不客气)|(?:说|骂|凶|吼|训)哭了?|拍桌子|摔东西|甩东西|按在地上|摁在地上|按倒`), 'zh', 'problem', 'conduct', 3, { byRole: true }),
  re('踢了他', /(?:踢|踹|扇|掐|拽|拧|推|打)(?:了)?(?:我|他|她|人|我们|老人|病人)(?!们?(?:去|到|进|出|回|上|下)|电话|针)/, 'zh', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  re('盯着我看', /(?:摸|碰|蹭|揉|捏)(?:了)?(?:我|她|他|孩子|女儿)?的?(?:胸|胸口|胸部|屁股|臀|下身|隐私|大腿)|不是检查的位置|跟检查无关|与检查无关|盯着(?:我|她)(?:看|的)|(?:有没有|有无)(?:男|女)朋友|(?:加|要)(?:我|她)(?:的)?(?:微信|电话|手机号)|约(?:我|她)(?:出去|吃饭|见面)/, 'zh', 'problem', 'conduct', 4, { byRole: true }),
  ...zh('睡觉|打瞌睡|不开门|叫不开', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  re('as if she were stupid', /(?<![a-z])(?:as if|like)\s+(?:she|he|i|we|they)\s+(?:were|was|are|am)\s+(?:stupid|an idiot|a child|nothing|dirt)|treated (?:us|me|her|him) like|laughing and joking|joking around|messing around|gossiping/, 'en', 'problem', 'conduct', 3, { byRole: true }),
  ...en('laughed at|laughing at|threaten*', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  ...zh('凶|不理|看手机|不高兴|迟到|早退|离岗|脱岗', 'problem', 'conduct', 2, { byRole: true }),
  // a quarrel is staff conduct only when staff are named (走廊的人说话像吵架一样 is noise)
  ...zh('吵架|吵起来', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  ...zh('性骚扰|骚扰|猥亵|动手动脚|下流|打人|推搡|推推搡搡|推了我|不三不四|黄段子|荤段子|色眯眯|占便宜|揩油|衣服全脱|脱光', 'problem', 'conduct', 3, { byRole: true }),
  ...zh('服务态度|服务意识', 'topic', 'conduct', 2, { byRole: true }),
  ...zh('态度', 'topic', 'conduct', 1, { byRole: true }),
  ...en('bribe*|red envelope*|kickback*|pay extra|extra cash', 'topic', 'conduct', 5),
  re('from one to another', /(?<![a-z])from\s+one\s+(?!queue|line|window)\w+\s+to\s+another(?![a-z])/, 'en', 'topic', 'conduct', 4),
  re('shouted at', /(?<![a-z])(?:shout|yell|scream|snapp|swore|swear|bark)\w*\s+at(?![a-z])/, 'en', 'problem', 'conduct', 4, { byRole: true }),
  ...en('responsibility|refused', 'topic', 'conduct', 2),
  ...en('rude*|shout*|yell*|arrogant|impolite|disrespect*|insult*|mock*|unprofessional|dismissive|condescending|patronising|patronizing|sarcastic|eye roll*|rolled her eyes|rolled his eyes|unhelpful|ignored us|ignored me|refused to|swore|swearing|cursed|sneered|smirked|hostile|aggressive|couldn\'t care less|didn\'t care|uncaring|lazy|chatting|on her phone|on his phone|on their phones|go somewhere else|go elsewhere|take it or leave it|not my problem|not my job|deal with it|making a fuss|no chaperone|undress*|made fun|belittl*|talked down|threw my', 'problem', 'conduct', 3, { byRole: true }),
  ...en('attitude', 'topic', 'conduct', 1, { byRole: true }),
  ...en('hit|grabbed|pushed|shoved|slapped', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  ...en('harass*|molest*|inappropriate*|about my body|about her body|personal number|asked me out|touched me|touched her|flirt*|leer*|creepy|lewd', 'problem', 'conduct', 3, { byRole: true }),

  // privacy
  ...zh('隐私|泄露|泄漏|个人信息|骚扰电话|推销|身份证号|身份证号码|手机号|电话号码|家庭住址|偷拍|朋友圈', 'topic', 'privacy', 5),
  re('大声讲病情', new RegExp(`(?:大声|当众|当着${C}{1,8}的面|走廊里|大厅里|门口)${C}{0,6}(?:讲|说|念|问|喊|公布|议论|读)${C}{0,6}(?:病情|病(?![人房号床区友])|诊断|结果|检查|化验|报告|隐私|怀孕|流产|艾滋|hiv|性病|精神)`), 'zh', 'topic', 'privacy', 5),
  re('显示全名', new RegExp(`显示${C}{0,3}(?:全名|名字|姓名|诊断|病情|身份证)|谁(?:看到|听到|路过)都|贴在(?:走廊|门口|墙上)|一览表|公示`), 'zh', 'topic', 'privacy', 5),
  ...zh('别人的病历|别人的报告|抖音|直播|视频号|拍视频', 'topic', 'privacy', 4),
  re('短信里写诊断', new RegExp(`(?:短信|微信|电话|信封|快递|明信片)${C}{0,8}(?:诊断|病情|检查结果|化验结果|hiv|报告内容)|知道我${C}{0,4}(?:检查结果|病情|诊断|住院)|(?:别的|其他|还有)(?:病人|人)(?:在场|在旁边|在)`), 'zh', 'topic', 'privacy', 5),
  re('连我得什么病都知道', new RegExp(`(?:连|都)${C}{0,3}(?:得|生|有)(?:了)?(?:什么|啥)病(?:都)?知道|知道(?:我|他|她)(?:得|生)(?:了)?(?:什么|啥)病`), 'zh', 'topic', 'privacy', 5),
  re('接到推销电话', new RegExp(`接到${C}{0,10}(?:推销|卖|广告|保险|保健品|贷款|陌生)${C}{0,6}(?:电话|短信)`), 'zh', 'topic', 'privacy', 3),
  ...zh('脱衣服', 'topic', 'privacy', 2),
  ...zh('帘子|屏风|授权|围观|围着看|床头卡|单位领导|门没关|没关门|没拉帘|拍照|同事|领导', 'topic', 'privacy', 4),
  re('别人都能看到', new RegExp(`(?:谁都|别人|路过的人|旁人)(?:都)?能?(?:看到|看见|听到|听见)|(?:被别人|全被|都被)${C}{0,4}(?:看到|听到|听见|看见)|都听见了|都听到了|(?:人|谁|大家)${C}{0,6}都能?(?:看到|看见|听到|听见|翻看|翻|拿到)|周围(?:全是|都是)人|告诉了?${C}{0,3}(?:单位|同事|领导|邻居|老板|学校)|(?:什么病|哪个科|病情|的病)${C}{0,8}(?:跟|和|对|给)${C}{0,8}(?:说了|讲了|透露|说出去)|(?:的事|的事情|的情况|病情|结果)${C}{0,8}告诉(?:了)?${C}{0,3}(?:妈|爸|家里|家人|老公|老婆|父母|对象)`), 'zh', 'topic', 'privacy', 5),
  re('单位知道了', new RegExp(`(?:公司|单位|同事|领导|老板|人事|学校|老师|邻居|亲戚|村里)${C}{0,6}(?:都|也|居然|竟然|全)?知道了`), 'zh', 'topic', 'privacy', 5),
  ...zh('征求|同意|实习生|照片|全名|姓名|名字|信息|权利|单位', 'topic', 'privacy', 2),
  ...zh('邻居|亲戚', 'topic', 'privacy', 1),
  ...en('privacy|confidential*|leak*|personal information|personal details|curtain*|consent|out loud|employer|read out|read aloud|marketing|spam|shared my|sold my|data|overheard|in front of|wrong address|old address|opened by|sent to the wrong', 'topic', 'privacy', 4),
  ...en('called out|across the waiting room|full name|reason for my visit|ex-husband|ex-wife|ex-partner|my ex', 'topic', 'privacy', 4),
  re('given information about', /(?<![a-z])(?:given|gave|told|shared|passed|disclosed)\s+(?:\w+\s+){0,3}(?:information|details|results)\s+(?:about|on|of)\s+(?:my|her|his)(?![a-z])/, 'en', 'topic', 'privacy', 5),
  ...en('medical records|records|see everything|hiv|my number|my details|gave my number|gave my details|gave my address', 'topic', 'privacy', 2),

  // waiting times
  re('等了…小时', new RegExp(`${WAIT}${C}{0,8}?${NUM}+(?:个)?(?:多)?(?:小时|钟头|天|周|星期|礼拜|个月)|${WAIT}${C}{0,8}?(?:[3-9][0-9]|[三四五六七八九]十|一百)${NUM}*分钟`), 'zh', 'topic', 'waiting', 4),
  // a wait of minutes is not long in itself ("排队十分钟就好了")
  re('等了N分钟', new RegExp(`${WAIT}${C}{0,8}?${NUM}+分钟`), 'zh', 'topic', 'waiting', 2),
  re('…了N小时', new RegExp(`了${C}{0,3}?${NUM}+(?:个)?(?:多)?(?:小时|钟头)|${NUM}+个?多?(?:小时|钟头)`), 'zh', 'topic', 'waiting', 2),
  re('整整一天', new RegExp(`整整${NUM}*(?:一天|一上午|一下午|一晚上|天|个小时|小时)|从${C}{0,6}到${C}{0,6}(?:一天|一上午|一下午|半天|${NUM}+个?小时)|从(?:早上|上午|中午|一早|早)${C}{0,8}(?:到|办到|等到|排到)${C}{0,3}(?:下午|晚上|中午|天黑|${NUM}+点)|晾(?:在一边|着)|排${C}{0,4}长的?队|(?:只|就)(?:开了?|有)(?:一个|两个|1个|2个)窗口|(?:一个|两个)窗口(?:开着)?`), 'zh', 'topic', 'waiting', 4),
  re('到N点还没', new RegExp(`(?:到|等到|排到)${C}{0,3}${NUM}+点(?:半|多|钟)?${C}{0,2}(?:才|还|都)(?:没)?(?:叫到|轮到|排到|看上|看到|叫我)?`), 'zh', 'topic', 'waiting', 4),
  re('要两天', new RegExp(`要${NUM}+(?:天|周|个星期|个礼拜|个月)|(?:结果|报告)${C}{0,4}出来要|(?:一晚上|一夜|一上午|一下午|一整天)${C}{0,2}(?:都)?没人|天亮了?才|才(?:来|有)(?:个|一个)?(?:医生|护士|人)|(?:[0-9]{2,}|[一二两三四五六七八九]?十|几十|一百|上百|百)多?个号|人多|人太多|挤爆|人山人海`), 'zh', 'topic', 'waiting', 3),
  re('两周了还没出', new RegExp(`[0-9一二两三四五六七八九十几]${NUM}*(?:个)?(?:天|周|星期|礼拜|月|工作日)了?(?:都|还)(?:没|不)(?!人)`), 'zh', 'topic', 'waiting', 3),
  re('排到下个月', new RegExp(`(?:排|约|预约)(?:到了?|在)(?:下个?月|下周|下星期|下礼拜|${NUM}+(?:个月|周|天)(?:以后|后))`), 'zh', 'topic', 'waiting', 4),
  // a queue that moves slowly is a wait, even when the queue system is named
  re('叫号太慢', new RegExp(`(?:叫号|叫得|看得|排得|轮得|挪得|进度|队伍)${C}{0,3}慢|(?:小时|钟头|上午|下午)才(?:叫|看|轮)(?:了|到)?`), 'zh', 'topic', 'waiting', 5),
  re('还没轮到', /(?:才|还没|一直没|迟迟没|都没)(?:叫到|轮到|排到|看上|看到我|叫我)/, 'zh', 'topic', 'waiting', 3),
  ...zh('排长队|等太久|干等|等不起|候诊|排队|轮到|等待|等床|等床位|住不进|排不上|迟迟|一直等|磨蹭|等病房|等的时间|等候时间|躺了一个晚上|躺了一夜|耽误事|耽误时间|浪费时间|拖拖拉拉|效率低|效率太低|慢吞吞|等到天亮|等了一夜', 'topic', 'waiting', 3),
  ...zh('等了|等到|排到|太久|好久|很久|一上午|一下午|一整天|一个上午|从早上|要等|才看上|才轮到', 'topic', 'waiting', 2),
  ...zh('等|排|半天', 'topic', 'waiting', 1),
  ...zh('慢', 'problem', 'waiting', 2),
  ...en('waited|wait*|queue*|queuing|kept waiting|still waiting|took ages|forever|earliest|next month', 'topic', 'waiting', 3),
  re('n hours', /(?<![a-z0-9])(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many)(?:\s+and\s+a\s+half)?\s+hours?(?![a-z])/, 'en', 'topic', 'waiting', 2),
  ...en('only one window|one window|never ready|wasn\'t ready|not ready|before anyone|before anybody|before a doctor|before being seen|come back three times|come back twice|operation date|surgery date|nobody has called|no one has called|still no date|without seeing anyone|without being seen|left at', 'topic', 'waiting', 3),
  re('n minutes', /(?<![a-z0-9])(?:\d+|one|two|three|four|five|ten|twenty|thirty|forty|fifty|sixty|ninety)\s+minutes?(?![a-z])/, 'en', 'topic', 'waiting', 1),
  re('from 9 till 1', /(?<![a-z])from\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?\s+(?:till|until|to|til)\s+(?:nearly\s+|almost\s+|after\s+)?\d/, 'en', 'topic', 'waiting', 3),
  re('it took weeks', /(?<![a-z])(?:took|takes|take|taking|it's been|it has been|been waiting|waited)\s+(?:\w+\s+){0,2}?(?:weeks|months|days|hours)(?![a-z])/, 'en', 'topic', 'waiting', 4),
  re('seen until', /(?<![a-z])seen\s+(?:until|till|til|before|at)\s+(?:after\s+)?\d/, 'en', 'topic', 'waiting', 3),
  ...en('on hold|hold music', 'topic', 'waiting', 3),
  ...en('on a trolley|no beds|no bed', 'topic', 'waiting', 3),
  ...en('in the corridor|overnight', 'topic', 'waiting', 2),
  re("can't be seen for", /(?<![a-z])(?:can't|cannot|couldn't|won't|not)\s+(?:be\s+)?seen\s+for(?![a-z])/, 'en', 'topic', 'waiting', 4),
  ...en('whole morning|whole day|delay*|for hours|all day|all morning|all afternoon|sitting in the corridor', 'topic', 'waiting', 2),
  ...en('slow|late', 'problem', 'waiting', 2),

  // people
  ...zh('护士站', 'role', 'nursing', 0, { roleOf: 'nursing' }),
  ...zh('护士|护工|护士姐姐|小护士|陪护|陪护阿姨|护理员|助产士', 'role', 'nursing', 2, { roleOf: 'nursing' }),
  ...zh('医生|大夫|主任|医师|主治|专家|主刀医生', 'role', 'clinical', 1, { roleOf: 'doctor' }),
  re('窗口的人', /(?:窗口|门诊|收费处|挂号处|前台|服务台|办公室|住院处|医保办|入院处|出院处)的(?:人|工作人员|小姑娘|大姐|阿姨)/, 'zh', 'role', undefined, 0, { roleOf: 'staff' }),
  ...zh('工作人员|窗口|保安|师傅|保洁|收费员|志愿者|大姐|阿姨|大妈|小姑娘|小伙子|前台', 'role', undefined, 0, { roleOf: 'staff' }),
  ...zh('班主任|老师|校长|家属|病人|患者|隔壁床|有个男的|有个女的|一个男的|一个女的|前夫|陌生人|醉汉|喝醉的|同学|室友|路人', 'role', undefined, 0, { roleOf: 'public' }),
  ...en('nurse*|night staff|ward staff|nursing staff', 'role', 'nursing', 2, { roleOf: 'nursing' }),
  ...en('doctor*|physician*|consultant*|gp|registrar|specialist*', 'role', 'clinical', 1, { roleOf: 'doctor' }),
  ...en('staff|guard|security guard*|receptionist|clerk|front desk|reception desk', 'role', undefined, 0, { roleOf: 'staff' }),
  ...en('patients|patient|relatives|visitors|a man|a woman|someone|stranger', 'role', undefined, 0, { roleOf: 'public' }),

  // evaluation without a category
  ...zh('不满意|差|不好|太差|糟糕|失望|投诉|有问题|不行|错|离谱|过分|无语|服了|寒心|气愤|太坑|气得|气死|气人|生气|心寒|憋屈|委屈|受气|窝火|郁闷', 'problem', undefined, 0),
  // a result that went well, and slang praise (杀手级, killed it)
  ...zh('成功|康复|恢复得|一针就|一针见血|杀手级|神了|绝了|一绝|太牛|神医|已经能|又能|终于能|可以下地', 'praise', undefined, 0),
  ...en('killed it|smashed it|nailed it', 'praise', undefined, 0),
  re('can walk again', /(?<![a-z])(?:can|could|able\s+to)\s+(?:\w+\s+){1,4}again(?![a-z])/, 'en', 'praise', undefined, 0),
  ...zh('感谢|谢谢|点赞|点个赞|给个赞|好评|感恩|五星', 'praise', undefined, 0, { thanks: true }),
  ...en('thank*|well done|five stars|5 stars', 'praise', undefined, 0, { thanks: true }),
  ...zh('满意|很好|挺好|不错|辛苦|细心|认真|负责|专业|周到|很快|及时|给力|放心|省心|顺利|挺顺|顺畅|方便|贴心|暖心|感动|快多了|挺快|救了|救命|妙手回春|医术高明|尽心尽力|白担心|放心了|虚惊一场|和蔼|杠杠的|没得说|一流|高超|厉害|棒|好样的|靠谱|开心|高兴|啥事没有|没什么事|没事了|平安|感激|佩服|难得|白衣天使|天使|医者仁心|仁心|好人|称赞|表扬|锦旗|可爱|笑眯眯|笑容|微笑|亲切', 'praise', undefined, 0),
  ...zh('太好了|真好|特别好|非常好|好极了|热心|搞定|顺多了|很顺|比想象|比我想的|一点都不疼|一点也不疼|没怎么疼|不怎么疼|一点都没哭|都没哭|没哭', 'praise', undefined, 0),
  // attitude praise: negated ("没耐心", "一点耐心都没有") it is an attitude complaint
  ...zh('耐心|热情|礼貌|客气|友好|和气|温柔|尊重', 'praise', 'conduct', 2, { byRole: true }),
  ...zh('干净', 'praise', 'facilities', 2),
  ...en('bad|terrible|awful|poor|disappointed|wrong|ridiculous|unacceptable|appalling|disgrace*', 'problem', undefined, 0),
  ...en('great|wonderful|lovely|helpful|excellent|good|amazing|brilliant|fantastic|grateful|impressed|painless|quick|smooth|patient and|out of her way|out of his way|out of their way|above and beyond|just wanted to say|superb|outstanding|top notch|first class|faultless|couldn\'t fault|appreciat*|gratitude|compassion*|reassur*|professional', 'praise', undefined, 0),
  ...en('kind|friendly|polite|caring|respectful', 'praise', 'conduct', 2, { byRole: true }),
  ...en('clean', 'praise', 'facilities', 2),

  // asking rather than complaining
  ...zh('请问|想问|问一下|问问|咨询一下|怎么办|该怎么|该去哪|去哪里|在哪里|哪里可以|哪里能|需要什么|要带什么|什么手续|什么材料|需要转诊吗|建议|希望', 'question', undefined, 0),
  // a suggestion that opens the comment asks too ("能不能在公众号上加一个…功能"); after a complaint it asks
  // for a remedy ("…都没扎进去，能不能换个有经验的？") and the complaint stands
  re('能不能…（开头）', /^(?:能不能|可不可以|能否|可否|是否可以)/, 'zh', 'question', undefined, 0),
  ...zh('打听|想了解', 'question', undefined, 0),
  ...en('do i have to|do i need to|should i|can i|could i|is it possible|would it be possible|could you|it would be nice|it would be great|how do i|how can i|where can i|where do i|who can we|who can i|is there a way|can i get|could you tell|what should we do', 'question', undefined, 0),

  ...zh('如果|要是|万一|假如|假设', 'condition', undefined, 0),
  ...en('if|unless', 'condition', undefined, 0),

  // places and words that contain a shorter scoring word
  ...en('waiting room|waiting area|waiting list|heart attack|sexual health|life-threatening|life threatening', 'neutral', undefined, 0),
  ...zh('候诊区|候诊室|候诊大厅|候诊厅|等一下|等等|排在|特别|区别|别人|别的|吓坏|气坏|累坏|急坏|心脏|肝脏|肾脏|脾脏|内脏|脏器|热情|冷静|冷藏|冲奶粉|冲洗|好看病|收拾东西|等级|平等|一等|死亡线|医务科|护理部|医患办|院办|养老院|够呛', 'neutral', undefined, 0),
];

// Safety signals: matched on their own pass, never negated (a reviewer reads a false alarm in a minute;
// a missed one can cost a life). Idioms that contain a signal word are listed so that they block it
// (longest match first): 热死了 / 等得要死 / 笑死 / 死板 / 死机 / 卡死 are not deaths, 开刀 / 刀口 are surgery,
// 动手术 is an operation, 骚扰电话 is a sales call, 杀价 is haggling; "dead battery", "kill time" and "the
// pain is killing me" are English hyperbole. Everything else with 死 counts as a death: recall first.
// Indirect phrasings come in word families rather than one sentence each: a person then 走了 / 没了 /
// 不在了 (gone); 没保住 / 没能下手术台 / didn't make it (not survived); hopelessness (活着太累, 想不开,
// 一睡不醒, rather not wake up, said his goodbyes); marks on the body (划痕, 淤青, bruises); restraint and
// neglect (绑, 尿湿了半天没人换, left in his own mess); threats (让你好看, 扬言, going to end it).

function sz(list: string, kind: SafetyKind | undefined): SafetyEntry[] {
  return words(list).map((w) => ({ label: w, pattern: zhPattern(w), lang: 'zh', kind, needle: w }));
}
function se(list: string, kind: SafetyKind | undefined): SafetyEntry[] {
  return words(list).map((w) => ({ label: w, pattern: enPattern(w), lang: 'en', kind, needle: enNeedle(w) }));
}
function sre(label: string, pattern: RegExp, lang: 'zh' | 'en', kind: SafetyKind | undefined): SafetyEntry {
  return { label, pattern: new RegExp(pattern.source, 'g'), lang, kind };
}

const FAMILY = '胎儿|婴儿|新生儿|小孩|亲人|家人|父母|爹|娘|媳妇|闺女|大爷|爸|妈|父亲|母亲|老人|奶奶|爷爷|外婆|外公|姥姥|姥爷|老公|丈夫|妻子|老婆|孩子|儿子|女儿|宝宝|哥|姐|弟|妹|老伴|老太太|老爷子|老头|舅|叔|伯|姑|姨|婆婆|公公|岳父|岳母';
const PEOPLE = '我|他|她|人|我们|他们|患者|病人|家属|护士|医生|老人|孩子|小孩|我妈|我爸|老婆|老公';
const EN_FAMILY = '(?:mum|mom|mother|dad|father|husband|wife|son|daughter|baby|brother|sister|grandmother|grandfather|grandma|grandpa|gran|granddad|nan|aunt|uncle|boy|girl|child|friend|partner|dad|little one)';
const EN_PERSON = `(?:he|she|they|mum|mom|mother|dad|father|husband|wife|son|daughter|baby|brother|sister|grandmother|grandfather|grandma|grandpa|gran|granddad|nan|aunt|uncle|partner|friend|the patient)`;

export const SAFETY_LEXICON: readonly SafetyEntry[] = [
  ...sz('自杀|轻生|不想活|活不下去|活着没意思|活着没意义|想死|寻死|跳楼|跳河|跳江|跳海|跳桥|上吊|结束生命|结束自己|一了百了|不如死了|吞药|喝农药', 'suicide'),
  // indirect phrasings: hopelessness, jumping, "a burden", "better off gone", "not waking up"
  ...sz('活着没劲|没有活路|没活路|撑不下去|熬不下去|熬不住|扛不住了|坚持不下去|活够了|活腻|不想拖累|拖累家里|去死|死了算了|死了就好|离开这个世界|解脱|遗书|遗言|农药|敌敌畏|百草枯|老鼠药|煤气|烧炭|卧轨|跳下去|跳下来|从楼上|从窗户|从阳台|楼顶|天台|想不开|做傻事|傻事|寻短见|短见|走绝路|绝路|了结自己|了断|一睡不醒|不想醒来|不想再醒|另一个世界|那个世界|去天堂|结束这一切|绝食|绳子|藏药|东西都送人|东西全送人|累赘|没生下来|不该出生|不如没有我|救下来|被救下|救了下来', 'suicide'),
  sre('想好了怎么走', /想好了?怎么(?:走|死|结束|离开)|(?:网上|手机上|百度)?搜[^，。！？；]{0,4}["“]?(?:怎么|怎样|如何)[^，。！？；]{0,2}死|药[^，。！？；]{0,3}攒|攒(?:了|着|好)(?:药|安眠药)?|不想再?(?:给|替)?(?:家里|你们|大家|家人|孩子)?添麻烦|从(?:高楼|楼上|楼顶|高处)[^，。！？；]{0,3}(?:掉|跳|摔)下|把自己关在[^，。！？；]{0,4}|没有我[^，。！？；]{0,4}(?:会)?更好|不在了[^，。！？；]{0,6}(?:会)?(?:更好|过得好)/, 'zh', 'suicide'),
  sre('活着太累', /(?<![干生做])活(?:着|得)(?:真|太|好|很|实在)?(?:累|痛苦|没劲|辛苦|没盼头|煎熬|没希望)/, 'zh', 'suicide'),
  sre('去陪奶奶', new RegExp(`去陪(?:${FAMILY})|去找(?:去世的|走了的|死去的)?(?:${FAMILY})`), 'zh', 'suicide'),
  sre('划手腕', /(?:手腕|手臂|胳膊|大腿|小腿|皮肤|身上|手上)[^，。！？；]{0,4}(?:划|割|烫|刺|扎)|(?:划|割|烫)(?:了|破|伤)?(?:自己|手腕|手臂|胳膊)/, 'zh', 'self-harm'),
  sre('撞墙', /(?:把|拿|用)自己的?(?:头|手|手腕|胳膊|身体|脸|腿)[^，。！？；]{0,5}(?:撞|打|掐|咬|割|划|烫|烧|扎|刺|捶|砸)|往(?:墙|地|桌子|柜子)上撞/, 'zh', 'self-harm'),
  sre('胎心没了', /(?:胎心|心跳|呼吸|脉搏|生命体征)(?:都|也|就|已经)?(?:没了|没有了|停了|消失)|没(?:能)?留住|救不活|没救活|没抢救回来/, 'zh', 'death'),
  sre('没醒过来', /手术台上[^，。！？；]{0,4}没(?:能)?下来|没(?:能|有)?(?:活着)?下(?:了|来)?手术台|(?:没|没有|再也没|再没)(?:能)?(?:醒过来|醒来|挺过|熬过|撑过|挺住)|没(?:能)?保住|保不住了/, 'zh', 'death'),
  ...sz('自尽|生不如死|了此残生|想消失|消失算了|不想存在|活着是多余|多余的人|没人需要我|站在窗台|爬上窗台|坐在窗台|美工刀|交代后事|安排后事|不会再麻烦|再也不会麻烦|再也不给你们添麻烦|想离开这个世界|活一天算一天|药也不想吃|不想吃药了|洗胃|一整板|告别信|道别信|把自己锁在|撑不住|拖累|早点走|早点解脱|准备好了药|挂在门上|打了个结|勒死|吊死', 'suicide'),
  sre('手腕都是血', /(?:手腕|手臂|胳膊)[^，。！？；]{0,8}(?:血|缠着)/, 'zh', 'self-harm'),
  ...sz('烟头烫|自己弄的|自己割的|自己划的|划痕|刀痕|割痕|一道一道|一道道|刀片', 'self-harm'),
  ...sz('下葬|出殡|安葬|墓地|守灵|灵堂|临终|弥留|永远闭上|心脏骤停|心跳骤停|骤停|没有生命体征|没了生命体征|咽气|断气|没气了|没有了呼吸|胎停|流产|死胎|最后一面|送终|火化|殡仪馆|追悼会|骨灰|头七|白事|永远离开|撒手人寰|与世长辞|仙逝|归西|驾鹤|辞世|长眠|夭折|一尸两命|白发人送黑发人|亡|没了心跳|没有了心跳|心跳停|呼吸停', 'death'),
  sre('抽他', new RegExp(`(?:抽|拧|掐|扇|踢|踹|戳)(?:了)?(?:${PEOPLE}|${FAMILY})`), 'zh', 'violence'),
  sre('攒药', /(?:攒|吞|一把|一瓶|整瓶|一整瓶|半瓶|一整板|整板|一板|一盒|整盒|很多|好多|一大把)[^，。！？；]{0,3}(?:安眠药|药片|药)/, 'zh', 'suicide'),
  sre('不想…活', /不想(?:再)?(?:继续)?活|活不(?:成|了)了|活着(?:还)?有什么(?:意思|意义|用)|活着(?:真)?(?:没|没有)(?:意思|意义|盼头|劲)/, 'zh', 'suicide'),
  sre('勒自己', /(?:勒|掐|割|划|烫|打|咬|撞|捶|扎|刺|伤|烧)(?:了)?自己(?!的脸)/, 'zh', 'self-harm'),
  ...sz('割腕|自残|自伤|伤害自己|划伤自己|划自己|撞墙|割手|划手|烫自己|打自己|掐自己|咬自己|用头撞|拿头撞|撞头|划伤|割伤', 'self-harm'),
  ...sz('虐待|性骚扰|骚扰|猥亵|性侵|强奸|动手动脚|摸我|乱摸|摸她|摸他|偷摸|揩油|占便宜|家暴|绑在床上|绑起来|不三不四|黄段子|荤段子|色眯眯|衣服全脱|脱光|调戏|非礼|偷拍|老不死|约束带|勒痕|掐痕|抓痕|巴掌印|淤青|瘀青|青一块紫一块|不给饭|不给吃|不给喝|不给水|没人喂|不敢说|不敢讲|不敢告诉|不敢吭声|不敢按铃|不敢反抗|不敢回家|不敢回学校|捂嘴|捂住嘴|堵嘴|塞嘴|关小黑屋|锁在屋里|锁起来|侵犯|偷看|露阴|色情|打骂|冷暴力|霸凌|虐', 'abuse'),
  sre('欺负老人', /欺负(?:老人|孩子|病人|我妈|我爸|她|他|老太太|老爷子)/, 'zh', 'abuse'),
  sre('摸她的腿', /(?:摸|碰|蹭|揉|捏)(?:了)?(?:我|她|他|孩子|女儿|儿子)?的?(?:腿|大腿|胸|胸口|胸部|屁股|臀|下身|隐私部位|私处|腰)|不是检查的位置|跟检查无关|与检查无关/, 'zh', 'abuse'),
  sre('被绑', /(?:绑|捆)(?:在|着|住|起来|了)(?!卡|定)|被(?:绑|捆|约束)/, 'zh', 'abuse'),
  sre('拧紫了', /(?:拧|掐|捏|抓|打|勒|扇|踢)(?:得|了)?(?:都)?(?:紫|青|肿|红肿|破|出血|流血|淤)/, 'zh', 'abuse'),
  sre('拿走呼叫器', /(?:呼叫器|呼叫铃|床头铃|铃)[^，。！？；]{0,4}(?:拿走|收走|拔了|剪了|藏|拿开)|不让(?:她|他|老人|我妈|我爸|病人)?(?:按铃|按|叫人|喝水|吃饭|上厕所)/, 'zh', 'abuse'),
  sre('盯着我看', /盯着(?:我|她)(?:看|的)|(?:有没有|有无)(?:男|女)朋友|(?:加|要)(?:我|她)(?:的)?(?:微信|电话|手机号)|约(?:我|她)(?:出去|吃饭|见面)/, 'zh', 'abuse'),
  sre('身上好多伤', /身上[^，。！？；]{0,4}(?:伤(?!口)|疤|淤|青一|紫)/, 'zh', 'abuse'),
  sre('尿湿没人换', /(?:尿|屎|大便|小便|粪便)[^，。！？；]{0,8}(?:没人|不给|不管|半天|一晚上|一夜|一整夜|一整天|好几个小时)/, 'zh', 'abuse'),
  ...sz('捅死|砍死|打死|弄死|掐死|杀死|揍死|踹死|殴打|打人|打架|动手|推搡|推了我|威胁|恐吓|扬言|砍|捅|刀|杀|报复|弄死|掐|扇耳光|耳光|追着|揍|踹|拳头|挥拳|棍|砖头|砸|酒瓶|伤人|医闹|袭击|行凶|围攻|勒脖子|掐脖子|抓伤|咬人|同归于尽|不放过|要你好看|收拾你|收拾我|走着瞧|等着瞧|饶不了|动粗|施暴|暴力|体罚|拉扯|纠缠|围堵|肢体冲突|斗殴|闹事|伤医|袭医|拳打脚踢|勒索|敲诈|对你不客气|对我不客气|锤子|凳子砸|椅子砸|拿椅子|拿凳子|抄起', 'violence'),
  sre('泼人', /泼(?:向|到|在)?(?:我|他|她|人|脸|身上)|泼了(?:我|他|她)|泼(?:硫酸|开水|热水|汽油)|跟踪(?:我|她|他)|被跟踪/, 'zh', 'violence'),
  sre('就打', /(?:不给|不交|不听话|再闹|再哭)(?:钱)?就(?:要)?打|就(?:要)?打(?:死|残|断)/, 'zh', 'violence'),
  sre('一巴掌', /(?:一|两|几|好几|抬手就是一)(?:巴掌|拳|脚|耳光)|(?:拖|轰|拽|架)出去/, 'zh', 'violence'),
  sre('让你好看', /(?:让|叫|要|给)(?:你|我|他|她|你们|我们)(?:点)?(?:好看|颜色看)|找人(?:来)?(?:打|收拾|弄|教训)|堵(?:我|她|他)(?!车)/, 'zh', 'violence'),
  sre('推倒', /推(?:倒|翻|了一把|到墙上|到地上|在地上)|推下(?:了)?(?:楼梯|楼|床)|把[^，。！？；]{0,6}推(?:倒|到墙|到地|在地|下(?:了)?(?:楼梯|楼|床)?)/, 'zh', 'violence'),
  sre('打+人', new RegExp(`(?:打|揍|踢|扇)了?(?:${PEOPLE})(?!电话|的电话|招呼|针)`), 'zh', 'violence'),
  sre('被…打', /被[^，。！？；]{0,12}?(?:打|揍|踢|砸)(?!针|电话|扰|印|卡|车|折|包|开|听|扫|水|饭|点滴|吊瓶|石膏|麻药|招呼|疫苗|单|回)/, 'zh', 'violence'),
  sre('把…打了', /把[^，。！？；]{1,8}?(?:打|揍|踢)(?:了|伤|倒|死)(?!出|印)/, 'zh', 'violence'),
  // general shapes rather than phrases: a blow to a body part ("掐她大腿", "扇脸"); a person made to suffer
  // one (被…推倒/掐/绑); marks on a dependant's body; a means of suicide near a neck; saying one is a burden
  // or better gone; a plan or wish to die, jump or leave this world.
  sre('掐大腿', /(?:打|揍|踢|踹|扇|抽|掐|拧|咬|揪|撞|砸|捅|砍|勒|捶|锤|戳)(?:了|着|得)?(?:他|她|我|人|孩子|老人)?(?:的)?(?:头(?!发烧)|脸|嘴|脖子|胳膊|手腕|手臂|腿|大腿|脚|背|腰|胸|胸口|肚子|屁股|眼睛|耳朵|头发)/, 'zh', 'violence'),
  sre('被…掐', /被[^，。！？；]{0,10}?(?:揍|踢|踹|扇|掐|拧|推倒|咬|抓伤|捅|砍|勒|烫|泼|欺负|打骂|侵犯|猥亵|强奸|虐待|殴打)/, 'zh', 'violence'),
  sre('身上有印子', /(?:身上|胳膊|手臂|腿上|大腿|背上|脸上|脖子)[^，。！？；]{0,4}(?:青紫|发紫|紫了|淤|指印|牙印|巴掌印|掐痕|勒痕|烟头|烫伤)/, 'zh', 'abuse'),
  sre('皮带勒脖子', /(?:皮带|绳子|围巾|床单|电线|鞋带|数据线)[^，。！？；]{0,6}(?:脖子|勒|吊|挂)/, 'zh', 'suicide'),
  sre('我是累赘', /(?:我|自己)(?:就|真|只)?(?:是|成了)(?:个|一个)?(?:废物|废人|累赘|负担|多余的人|没用的人|拖油瓶)|没(?:有)?(?:活下去|活着)的?(?:意义|必要|理由|勇气)|还不如(?:死|走|不活|消失)|(?:死了|走了|不在了)(?:就|倒|也)?(?:好了|干净|解脱|省心)/, 'zh', 'suicide'),
  sre('想跳', /(?:想|要|准备|打算|计划)(?:去)?(?:跳楼|跳河|跳下|喝药|喝农药|割腕|上吊|自我了断|离开这个世界|一走了之)/, 'zh', 'suicide'),
  ...sz('一走了之|不想醒|活着干嘛|活着干什么|生无可恋|万念俱灰|心如死灰|看不到希望', 'suicide'),
  ...sz('去世|过世|病故|病逝|离世|逝世|身亡|猝死|死亡|死了|人没了|人就没了|没抢救过来|没救过来|救不回来|没救回来|抢救无效|太平间|遗体|尸体|后事|丧事|停止呼吸|没了呼吸|没有心跳|离开了我们|离开我们|死', 'death'),
  // 走了 / 没了 / 不在了 ("gone") are deaths only after a person in the same clause who is its subject:
  // 人就走了, 我妈昨天走了, 孩子没了, 老太太已经不在了. Not "把她一个人丢在走廊就走了" (she was left; the
  // escort went), not "我妈的药没有了" (a possession ran out).
  sre('人走了', new RegExp(`(?<!一个|把|把我|把他|把她|把我们)(?:人|${FAMILY})(?:(?!的|把|让|叫|带|陪|跟|和|给|可以|能|高|开心|欢|一起|一块)[^，。！？；]){0,8}?(?:就|已经|也|都|突然|昨天|昨晚|今天|凌晨|半夜)?走了(?![一几好半去到回出进开掉])|(?:人|${FAMILY})(?:(?!的)[^，。！？；]){0,10}?(?:就|已经|也|都|突然)?(?:没了|没有了|不在了)`), 'zh', 'death'),
  sre('走得突然', new RegExp(`(?:就这么|就这样|突然|这么)(?:走了|去了|没了)|走得(?:很|太|这么|那么|有点)?(?:突然|急|早|安详|痛苦|不明不白)|走的时候|(?:人|${FAMILY})[^，。！？；]{0,4}走(?:之前|以前|前|了以后|后)|(?:她|他|人)(?:已经|要是|如果)?不在了`), 'zh', 'death'),
  ...se('suicid*|kill myself|kill himself|kill herself|kill themselves|end my life|end his life|end her life|ending my life|ending his life|ending her life|take my own life|want to die|wants to die|wanted to die|don\'t want to live|overdose*', 'suicide'),
  ...se('no point going on|no point in living|no point living|can\'t go on|cannot go on|better off dead|better off without me|end it all|not want to be here|don\'t want to be here|not worth living|jump off|jump from|hang myself|hanged|sleeping pills|no reason to live|wish i was dead|wish i were dead|never wake up|better off without|on purpose|swallowed|took all|whole packet|whole bottle|not wake up|rather not wake|won\'t wake up|tired of living|tired of life|suicide note|left a note|what\'s the point|no point anymore|no point any more|nothing to live for|see no future|no future for|can\'t do this anymore|can\'t do this any more|want to disappear|wants to disappear|sleep forever|burden to|burden on|slit|hang himself|hang herself|od\'d|took too many|end things|ending things|ways to die|how many of|how to die|said his goodbyes|said her goodbyes|said goodbye to everyone|noose|can\'t take it anymore|can\'t take it any more|cannot take it anymore|stockpil*|give up on life|gave up on life|in front of a train', 'suicide'),
  sre('ready to go', /(?<![a-z])(?:he's|she's|i'm|he is|she is|i am)\s+["'“]?ready\s+to\s+(?:go|die|leave)(?![a-z])|(?:stop|stopped|stopping)\s+(?:all\s+)?(?:taking\s+)?(?:his|her|my)\s+(?:medication|meds|tablets|pills)|goodbye\s+(?:notes?|letters?)|locked\s+(?:herself|himself|themselves)\s+in(?:\s+(?:the|her|his|a)\s+[a-z]+)?/, 'en', 'suicide'),
  sre('see the point', /(?<![a-z])(?:doesn't|don't|didn't|can't|cannot|does not|do not|did not|no longer)\s+see\s+(?:the|any)\s+point(?![a-z])/, 'en', 'suicide'),
  sre('going to end it', /(?<![a-z])(?:going to|gonna|want(?:s|ed)? to|will|would|might|planning to|plans? to|thinking (?:of|about)|talk(?:s|ed|ing)? about|threaten(?:s|ed|ing)? to)\s+end(?:ing)?\s+it(?![a-z])/, 'en', 'suicide'),
  sre('giving away his things', /(?<![a-z])(?:giv(?:e|en|ing)|gave)\s+away\s+(?:all\s+)?(?:his|her|my|their)\s+(?:things|stuff|belongings|possessions)(?![a-z])/, 'en', 'suicide'),
  sre('take all her pills', /(?<![a-z])(?:take|taking|took|swallow\w*)\s+(?:all|a\s+whole|the\s+whole|an?\s+entire|a\s+bottle|a\s+handful|a\s+lot)\s+(?:of\s+)?(?:(?:her|his|my|their|the)\s+)?(?:pills|tablets|medication|meds|packet|bottle)(?:\s+of\s+(?:her|his|my|their)?\s*(?:pills|tablets|medication|meds))?(?![a-z])/, 'en', 'suicide'),
  sre('tried to end', /(?<![a-z])(?:want|wants|wanted|going|plan|plans|planning|planned|tried|trying|try|threatening|threatened|threatens)\s+to\s+(?:die|end\s+(?:it|his|her|my)|kill\s+(?:himself|herself|myself)|hurt\s+(?:himself|herself|myself)|harm\s+(?:himself|herself|myself)|disappear|jump|hang|overdose)(?![a-z])|(?<![a-z])attempt\w*\s+(?:on\s+(?:his|her|my)\s+life|suicide)|(?<![a-z])(?:another|second|third|previous|last)\s+attempt(?![a-z])/, 'en', 'suicide'),
  sre('talks about dying', /(?<![a-z])(?:talks?|talking|talked|keeps?\s+saying|kept\s+saying)\s+(?:about\s+)?(?:dying|death|being\s+dead|not\s+being\s+(?:here|around)|ending\s+(?:it|things|his\s+life|her\s+life))(?![a-z])|(?<![a-z])(?:everyone|everybody|the\s+family|we|you|they)\s+(?:would|will|'d)\s+be\s+(?:better|happier)\s+(?:off\s+)?(?:without|if)(?![a-z])|(?<![a-z])can't\s+(?:cope|carry\s+on)\s+any\s*more(?![a-z])/, 'en', 'suicide'),
  ...se('sleeping tablets|how many pills|how many tablets', 'suicide'),
  ...se('scared of the carer|scared of the nurse|afraid of the carer|terrified of the|scared of him|afraid of him|scared of her|afraid of her', 'abuse'),
  ...se('self-harm|self harm|self-harming|hurt myself|hurt himself|hurt herself|hurting himself|hurting herself|harm myself|harming herself|harming himself|harming myself|cut myself|cut himself|cut herself|cutting myself|cutting herself|cutting himself|burn myself|burning herself|burning himself|cutting again|been cutting|started cutting|banging his head|banging her head|bang his head|bang her head|hitting himself|hitting herself|scratching herself|scratching himself|razor*|blade*|self-injur*|her wrists|his wrists|my wrists', 'self-harm'),
  sre('cutting her arms', /(?<![a-z])(?:cut(?:s|ting)?|scars?|burns?|marks?)\s+(?:on\s+)?(?:my|his|her|their)\s+(?:arms?|wrists?|legs?|skin|thighs?)(?![a-z])/, 'en', 'self-harm'),
  ...se('abuse*|abusing|harass*|molest*|rape*|sexual*|groped|inappropriately|inappropriate|about my body|about her body|personal number|asked me out|asked her out|touched me|touched her|touching me|touching her|leer*|lewd|indecent*|own mess|own urine|own faeces|own feces|soiled|neglect*|mistreat*|ill-treat*|restrain*|strapped down|strapped to|tied to|tied down|too scared to|afraid to tell|scared to tell|flinch*|marks all over|marks on her|marks on his|took her call bell|took his call bell|took away her|took away his|out of reach|kept staring at|staring at my|asked for my number|asked for my phone|no chaperone|without a chaperone|undress completely|made her undress|made me undress|strip naked|fondl*|exposed himself|stalk*|followed me home|followed her home|bullied|bullying|locked in|locked up|sedated to|drugged|chemical restraint|keep her quiet|keep him quiet|manhandl*|rough with|dirty old man|dirty old woman', 'abuse'),
  sre('refused to change him', /(?<![a-z])(?:refus\w*|wouldn't|would not|didn't|did not|won't)\s+(?:to\s+)?(?:change|feed|wash|clean|turn|toilet)\s+(?:him|her|them|my\s+\w+)(?![a-z])(?!\s+(?:hands?|own|face|teeth|hair|gloves|equipment|instruments?|stethoscope|trolley))/, 'en', 'abuse'),
  ...se('assault*|attack*|threat*|violen*|knife|stab|stabs|stabbed|stabbing|punch*|slap*|kick|kicks|kicked|kicking|beat me|beat him|beat her|beaten|shoved|pushed me|strangl*|choked|weapon|pinch*|bruis*|scratched|bit her|bit him|screamed at|throttl*|spat at|brawl|fight broke out|watch your back|dragged her|dragged him|dragged me|dragged my|black eye|murder*|headbutt*|beat up|beat him up|beat her up|threw a chair|hurled|lunged|came at me|came at him|came at her|went for me|went for him|went for her|pinned me|pinned him|pinned her|held me down|held him down|held her down|you\'ll regret|you will regret|know where you live|gun|shot at|shooting', 'violence'),
  sre('twisted his wrist', /(?<![a-z])twist\w*\s+(?:his|her|my|their)\s+(?:arm|wrist|hand|finger|ear|neck)s?(?![a-z])/, 'en', 'violence'),
  sre('pushed him over', /(?<![a-z])(?:push(?:ed)?|knock(?:ed)?|threw|throw)\s+(?:me|him|her|them|us|my\s+\w+)\s+(?:over|down|to\s+the\s+(?:floor|ground)|against)(?![a-z])/, 'en', 'violence'),
  sre('hit someone', /(?<![a-z])hit(?:s|ting)?\s+(?:me|him|her|us|them|my|his|our)(?![a-z])/, 'en', 'violence'),
  sre('kill someone', /(?<![a-z])kill(?:s|ed|ing)?(?!\s+(?:myself|himself|herself|themselves))(?![a-z])/, 'en', 'violence'),
  ...se('died|dead|death|passed away|pass away|passed on|deceased|dying|morgue|stillborn|funeral|didn\'t make it|did not make it|lost my father|lost my mother|lost my husband|lost my wife|lost my son|lost my daughter|lost our baby|stopped breathing|no pulse|resuscitat*|cardiac arrest|lost the baby|lost our baby|lost her baby|miscarr*|stillbirth|no longer with us|slipped away|last breath|rest in peace|coroner|autopsy|post-mortem|post mortem|bereave*|condolences|didn\'t survive|did not survive|couldn\'t be saved|could not be saved|couldn\'t save him|couldn\'t save her|lost his battle|lost her battle|lost the fight|never came home|didn\'t wake up|never woke up|flatlined|fatal*|buried|burial|cremat*|late husband|late wife|late father|late mother|late son|late daughter|life support|switched off the|turned off the machine*|widow*', 'death'),
  // "passed" alone is a death when a person passed and nothing is passed on or by: "my mum passed on Tuesday"
  sre('mum passed', new RegExp(`(?<![a-z])${EN_PERSON}\\s+(?:has\\s+|had\\s+|just\\s+|sadly\\s+)?passed(?!\\s+(?:out|by|me|us|him|her|them|the|a|an|through|to|around|along|over|down|it|my|our|their|his|its|on\\s+(?:to|the|a|an|my|our|his|her|their|this|that|details|information|message)))(?![a-z])`), 'en', 'death'),
  sre('we lost him', new RegExp(`(?<![a-z])lost\\s+(?:him|them|(?:(?:my|our|his|her|their)\\s+)?${EN_FAMILY})(?!'s)(?![a-z])|(?<![a-z])lost\\s+her(?=\\s*(?:[.,;!?]|$|on|at|in|last|this|yesterday|after|before|during|when|while|and|to\\s+(?:cancer|covid|sepsis|an?\\s)))`), 'en', 'death'),
  sre("he's gone", new RegExp(`(?<![a-z])${EN_PERSON}(?:'s|\\s+is|\\s+was|\\s+has|\\s+had)\\s+(?:already\\s+|just\\s+)?gone(?!\\s+(?:home|out|to|back|for|up|down|missing|through|over|off|quiet|cold|on|into|in|away\\s+(?:for|on)))(?![a-z])`), 'en', 'death'),

  // Round 2: word families for what the first holdout missed, each written as a shape rather than the
  // sentence that showed it.
  // A death with no stated subject: "抢救了半小时，最后还是走了", "两个小时后就走了", "突然就不行了". Only in
  // a comment with a scene of acute care (抢救, 急诊, 送到, ICU...) so that "等了三个小时，最后还是走了"
  // (we gave up and left) stays quiet.
  sre('最后还是走了', /(?<=(?:抢救|急诊|icu|重症|送到|送来|送进|病危|手术|出生|生下来|还能说话|还有意识|心跳|呼吸)[^。！？]{0,40})(?:最后|最终|终究|到底|还是|没多久|没过多久|小时后|小时以后|天后|当天|当晚|第二天|半夜|凌晨|天亮|下午|晚上|早上)[^，。！？；]{0,6}?(?:就|还是|也|人)?(?:走了|没了|去了)(?![一几好半去到回出进开掉过])/, 'zh', 'death'),
  sre('突然不行了', /(?:突然|一下子|眼看|人)(?:就)?不行了|(?:是在|在)[^，。！？；]{1,8}没的|没能(?:留下|留住|救回|活下|挺过|撑过)|(?:赶到|赶来|送到|到的时候|来的时候)[^，。！？；]{0,6}(?:已经|都)(?:晚了|来不及了|没有?呼吸|没气|凉了)/, 'zh', 'death'),
  // giving things away, putting affairs in order, "won't be a burden much longer"
  sre('把喜欢的东西送人', /(?:最喜欢|心爱|宝贝|珍惜|所有|全部|攒|存)的[^，。！？；]{0,10}?(?:都|全|全部)?(?:送给|送人|送了|分给|留给|给了)|(?:东西|衣物|存款|积蓄|零花钱|压岁钱)[^，。！？；]{0,4}(?:都|全|全部)(?:送|给|留给|分)|说(?:他|她|我)?(?:以后)?(?:用不着|用不上)了/, 'zh', 'suicide'),
  sre('不会再拖累多久', /(?:不会|不用|用不了)(?:再)?(?:拖累|连累|麻烦|为难|牵连|让)[^，。！？；]{0,8}?(?:多久|太久|很久|几天)|活着(?:就是|只会|只是|也是)(?:给|拖累|浪费|受罪|连累|添)|(?:存折|银行卡|卡的?密码|遗嘱|保险单)[^，。！？；]{0,8}(?:记好|交给|留给|告诉我|写好|交代)/, 'zh', 'suicide'),
  sre('觉得自己没用', /(?:觉得|感觉|总说|老说)(?:我|自己)[^，。！？；]{0,8}(?:没用|多余|是个?废物|是负担|是累赘|是拖油瓶|是个?包袱)|(?:我|自己)[^，。！？；]{0,6}(?:是|成了)[^，。！？；]{0,5}(?:拖油瓶|累赘|负担|废物|包袱)|(?:不醒|醒不过来|醒不来|不用醒)(?:就好|多好|算了|也好|最好)|反正(?:也|都)?(?:快|要)?(?:死|走|不行|活不(?:长|久))了?|反正也快了|别(?:在我身上)?(?:浪费|花)(?:钱|冤枉钱)/, 'zh', 'suicide'),
  sre('饭也不吃药也不吃', /(?:饭|东西)(?:也|都)不(?:肯|想)?吃[^。！？]{0,4}药(?:也|都)不(?:肯|想)?吃|药(?:也|都)不(?:肯|想)?吃[^。！？]{0,4}(?:饭|东西)(?:也|都)不(?:肯|想)?吃/, 'zh', 'suicide'),
  // marks kept hidden and the excuses given for them
  sre('胳膊上全是疤', /(?:手腕|胳膊|手臂|大腿|腕)[^，。！？；]{0,8}(?:全是|都是|好多|很多|一条|一道|几条|几道|新的|旧的)[^，。！？；]{0,3}(?:疤|伤痕|伤疤|印子)|(?<=(?:护腕|长袖|袖子|手表|绷带|创可贴)[^。！？]{0,20})(?:疤|伤痕|伤疤|划痕|刀痕)/, 'zh', 'self-harm'),
  sre('说是自己碰的', /(?<=(?:伤|青|紫|淤|肿|疤|印子|烫|划痕)[^。！？]{0,20})(?:说是?|非说|硬说|解释说)(?:她|他|老人|孩子)?(?:自己)?(?:不小心)?(?:碰|磕|摔|撞|弄|抓|划|切菜切|猫抓)/, 'zh', 'abuse'),
  // abuse: denied water or food, restraint, fear of a carer, oblique touching, being alone behind a door
  sre('不给他水喝', /不(?:给|让)(?:他|她|老人|我妈|我爸|病人|孩子|老太太|老爷子)(?:喝水|水喝|吃饭|饭吃|吃东西|喝|吃|上厕所)/, 'zh', 'abuse'),
  sre('捆上', /(?:绑|捆)(?:上|住)|(?:手腕|脚踝|手上|脚上)[^，。！？；]{0,4}(?:红印|印子|勒痕|淤青)/, 'zh', 'abuse'),
  sre('见了护工就发抖', /(?:一见|见到|看到|看见|听到)[^，。！？；]{0,6}(?:护工|护士|医生|白大褂|白衣服|那个)[^，。！？；]{0,4}(?:就)?(?:发抖|哆嗦|害怕|躲|哭|不敢)|(?:怕|害怕)(?:那个|这个)(?:男)?(?:护工|护士|医生|阿姨|大夫)/, 'zh', 'abuse'),
  sre('手不老实', /手(?:不老实|不规矩|不干净)|不该(?:摸|碰|放|看)的地方|(?:趁|等)(?:我|她|他|孩子|病人)(?:睡着|麻药|迷糊|昏迷|不注意|没醒)[^，。！？；]{0,8}(?:摸|碰|亲|脱|解开|拍)|衣服被(?:解开|脱|掀开|撩)|(?:晚上|半夜|夜里)[^，。！？；]{0,8}(?:进|钻进|溜进)[^，。！？；]{0,4}(?:我|她|他|女儿|孩子|儿子)的?(?:房间|病房|被窝|床)|(?:找借口|总是|老是|经常)[^，。！？；]{0,8}单独(?:待|呆|相处|在一起|留下)|关(?:着|上|起)门[^，。！？；]{0,8}(?:待|呆)(?:了)?(?:很久|好久|半天)/, 'zh', 'abuse'),
  ...sz('老东西|老糊涂|老废物', 'abuse'),
  // threats against staff: 找医生算账, 带人来砸, 朝护士扔
  sre('找医生算账', /找[^，。！？；]{0,6}算账|(?:带人|叫人|找人)(?:来)?[^，。！？；]{0,6}(?:砸|打|闹|堵|收拾)|(?:朝|向|往)(?:护士|医生|人|我|他|她|大夫)[^，。！？；]{0,4}(?:扔|砸|泼|挥|冲过去)/, 'zh', 'violence'),
  sre('won\'t be a burden much longer', /(?<![a-z])(?:won't|will\s+not|not\s+going\s+to)\s+be\s+(?:a\s+burden|(?:around|here)\s+(?:much|for)\s+(?:longer|long))|(?<![a-z])(?:it|that|this|nothing)\s+won't\s+matter\s+(?:soon|much\s+longer|anyway|anymore)|(?<![a-z])(?:put|putting|getting|got)\s+(?:his|her|my|their)\s+affairs\s+in\s+order|(?<![a-z])(?:gave|giv(?:e|es|en|ing))\s+(?:away\s+)?(?:all\s+(?:of\s+)?)?(?:his|her|their)\s+(?!number|details|name|address|consent|permission|seat|bed|place|slot|appointment|blood|card|phone\s+number)(?:favou?rite\s+|prized\s+|precious\s+)?[a-z]+(?:\s+[a-z]+){0,4}?\s+(?:away|to\s+(?:his|her|their|a)\s+(?:friend|brother|sister|cousin|mate|neighbour|neighbor)|to\s+(?:friends|charity))/, 'en', 'suicide'),
  sre('comes into her room at night', /(?<![a-z])(?:comes?|came|coming|goes|went|gets)\s+into\s+(?:her|his|my|their)\s+(?:room|bed|cubicle)(?:\s+(?:at\s+night|when|while|after))?|(?<![a-z])told\s+(?:her|him|me|my\s+\w+)\s+to\s+shut\s+up|(?<![a-z])(?:squeez|grip|yank|jerk|wrench)\w*\s+(?:her|his|my|their)\s+(?:arm|wrist|hand|neck)s?|(?<![a-z])black\s+and\s+blue|(?<![a-z])(?:sedated|drugged)\s+so|(?<![a-z])keep\w*\s+(?:her|him|them|mum|mom|dad|\w+)\s+sedated|(?<![a-z])(?:so|very|too|really)\s+rough|(?<![a-z])roughly|(?<![a-z])old\s+(?:cow|bag|hag|witch)|(?<![a-z])left\s+(?:\w+\s+){0,2}(?:sitting|lying)\s+in\s+(?:a\s+)?(?:wet|soiled|dirty)|(?<![a-z])(?:wet|soiled)\s+(?:pad|nappy|nappies|sheets|bed)s?[^.!?]{0,30}(?:hours|all\s+night|overnight|all\s+day)/, 'en', 'abuse'),
  sre('waiting for her after her shift', /(?<![a-z])wait(?:ing)?\s+for\s+(?:her|him|the\s+\w+|that\s+\w+)\s+(?:\w+\s+){0,4}(?:outside|in\s+the\s+car\s+park|after\s+(?:her|his|their)\s+shift)|(?<![a-z])followed\s+(?:her|him|the\s+\w+|a\s+\w+|our\s+\w+)\s+(?:to\s+(?:her|his|their|the)\s+car|home|out\s+to)|(?<![a-z])make\s+sure\s+(?:he|she|you|they)\s+(?:never|won't)\s+\w+\s+again|(?<![a-z])(?:you'll|you\s+will|he'll|she'll|they'll)\s+pay\s+for\s+(?:this|it)|(?<![a-z])sort\s+(?:us|you|him|her|them|me)\s+out/, 'en', 'violence'),

  // Round 3. A death told as 是…走的 (外婆是半夜一个人走的); marks in rows (一条挨着一条, 那么整齐);
  // neglect that shows on the body (满背褥疮); touching that frightens (一直拉我的手, 往上面摸); restraint
  // to a bed in English (strapped my father to the bed).
  sre('外婆是半夜走的', new RegExp(`(?:${FAMILY})是[^，。！？；]{0,12}(?<!自己|走路|一起|先|后|着|坐车|打车|开车|轮椅|推着|扶着|出院)走的(?![路楼道])`), 'zh', 'death'),
  sre('一条挨着一条', /(?<=(?:伤|疤|痕|印|手腕|胳膊|手臂|腿)[^。！？]{0,20})(?:一条挨着一条|一道挨着一道)|(?:一条一条|一道一道|一条条|一道道)的?(?:疤|伤|痕|印)/, 'zh', 'self-harm'),
  sre('满背褥疮', /(?:都是|全是|长满|满是|一大片)(?:了)?(?:褥疮|压疮)|(?:褥疮|压疮)[^，。！？；]{0,4}(?:烂|流脓|见骨|好几个|一大片)/, 'zh', 'abuse'),
  sre('一直拉我的手', /(?:拉|摸|握|搂|抱|牵|拽)(?:着)?(?:我|她|他)?(?:孩子|女儿|儿子|老婆|妈)?的?(?:手|腰|肩|腿|胳膊)[^。！？]{0,12}(?:害怕|吓|不舒服|恶心|不敢)|往(?:上|下|里)(?:面|边)(?:摸|伸)/, 'zh', 'abuse'),
  sre('strapped him to the bed', /(?<![a-z])(?:strapp|tied|tying|tie|restrain|belt)\w*\s+(?:\w+\s+){0,3}?(?:to|down\s+to|onto)\s+(?:the|a|his|her|their)\s+(?:bed|chair|trolley|cot|wheelchair|bedframe|rails?)(?![a-z])/, 'en', 'abuse'),

  // idioms that block the words above (kind undefined)
  sre('医生一刀', /(?:医生|大夫|主任|主刀|医师)[^，。！？；]{0,2}一?刀/, 'zh', undefined),
  ...sz('不动手|没动手|挨了一刀|挨一刀|手术刀|杀熟|掐着点|掐点|掐时间|拳头大|报复性|亡羊补牢|死马当活马医|打脸|拍胸口|拍胸脯|撞到头|撞了头|碰到头|自己撞到|被推进|被推到|被推去|被推出|杀人不见血|泼冷水|侵犯隐私|侵犯了我的隐私|侵犯权益|侵犯了|死板|死机|死角|死活|死心|死贵|死等|笑死|要死不活|开刀|刀口|主刀|动刀|刀疤|动手术|骚扰电话|骚扰短信|杀菌|杀毒|消杀|杀价|砍价|鬼门关|走了一趟|走了好几|走了几|走了半天|就走了吧|跑了一趟|搞砸|砸了招牌|砸锅卖铁|追着问|追着医生问|追着护士问|打针|打自己的脸|卡死|堵死|锁死|死循环|死胡同|死心眼|死磕|死扛|死命|死沉|累死累活|太伤人|很伤人|真伤人|挺伤人|好伤人|伤人心|伤人自尊|伤人的话|威胁生命|威胁到生命|自己动手|抽血|刀子嘴|一刀切|大刀阔斧|动手能力|下手术台后|杀手锏|杀手级|死不了|不敢相信|不敢吃|不敢喝|不敢动', undefined),
  sre('X死了', /(?:苦|甜|咸|辣|难闻|恶心|丢人|尴尬|心疼|愁|馋|乐|美|爽|帅|穷|香|热|冷|饿|累|困|渴|吵|烦|气|急|挤|臭|闷|忙|慢|吓|疼|痛|难受|麻烦|丑|懒|笨|晒|冻|憋|痒|酸|卡|堵|贵|坑|难吃|难喝)死(?:了|人|我|啦)?/, 'zh', undefined),
  // hyperbole: 等得要死, 疼得半死; not after a blow (打得半死 is violence)
  sre('得要死', /(?<![打揍踢砸捅砍掐勒])得(?:要|快|半)死(?:了|人|我|啦)?|(?:差点|差一点|险些)(?:就)?死/, 'zh', undefined),
  sre('等死了', /(?<!回家|在家|只能|回去)等死(?:了|人)/, 'zh', undefined),
  sre('抽了我三管血', /抽了?(?:我|他|她|孩子)?[^，。！？；]{0,4}?血/, 'zh', undefined),
  sre('摸我的伤口', /摸(?:我|她|他)?(?:家)?(?:孩子|女儿|儿子|宝宝|妈|爸|老人)?的?(?:伤口|肚子|额头|头|脉|手腕|刀口|包|肿块)/, 'zh', undefined),
  // 特别伤人 (hurtful words), 砍什么价 (haggling), a knife one cannot buy: no violence
  sre('特别伤人', /(?:特别|非常|有点|太|很|真|挺|好|多|最|更|十分|蛮|真的|话|说话|这么|那么|这话)伤人|砍[^，。！？；]{1,3}价|杀[^，。！？；]{1,3}价|刀[^，。！？；]{0,3}(?:买不到|买不着|没得卖|不卖|没卖)|(?:买不到|买不着|不卖|没有卖|没卖)[^，。！？；]{0,3}刀/, 'zh', undefined),
  ...se('dead tired|dead end|deadline|bored to death|scared to death|dying to|to die for|sick to death|dead battery|phone died|battery died|battery was dead|phone was dead|dead phone|dying for|nearly died|almost died|heart attack|panic attack|asthma attack|anxiety attack|life-threatening|life threatening|stabbing pain|kicked out|kicked us out|kicked me out|sexual health|sexually transmitted|painkiller*|drop-dead|kill me now|attack of|dead on time|dead slow|dead easy|dead right|dead serious|dead quiet|dead silent|dead set|shooting pain*|slit lamp|buried in|under the knife|phone was dying|battery was dying|phone is dying|killed myself laughing|kill myself laughing|was murder|is murder|it\'s murder|shoulder blade*|fatal error|killed it|kills it|killing it|a killer|killer headache|flu shot|covid shot|booster shot|shot of|locked in the car|gunshot wound*', undefined),
  ...sz('死亡线|死神手里|起死回生', undefined),
  sre('dying of boredom', /(?<![a-z])(?:dying|died|die)\s+of\s+(?:boredom|thirst|hunger|embarrassment|shame|laughter|laughing|the heat|heat)(?![a-z])/, 'en', undefined),
  sre('kill time', /(?<![a-z])kill(?:ing)?\s+(?:time|the\s+time|an\s+hour|a\s+few|some\s+time|the\s+pain|pain|germs|bacteria|the\s+bacteria|the\s+infection)(?![a-z])/, 'en', undefined),
  sre('the wait is killing me', /(?<![a-z])(?:pain|wait|waits|waiting|noise|heat|cold|back|head|headache|queue|queues|this|it|that|bill|prices|stress|boredom|hunger|knee|leg|tooth|stomach)(?:'s|\s+is|\s+are|\s+was|\s+were)?\s+(?:literally\s+|absolutely\s+|just\s+)?killing\s+(?:me|us)(?![a-z])/, 'en', undefined),
];

// ---------------------------------------------------------------------------------------------------------
// The classifier. Deterministic and explainable: the same text always gives the same result, and every
// point of every score comes from a term listed in `terms`.
//
// 1. Normalise: NFKC (full-width letters and digits to half-width), lower case, curly apostrophes plain.
// 2. Match: every entry's matches are collected, then accepted longest first (ties: earlier, then lexicon
//    order), so a match never overlaps an accepted one. Compounds that contain a negator as part of the
//    complaint word (不耐烦, 不理人, 不专业, 不负责, 不满意, 没人管) are whole terms and win over their
//    parts, before any negation is looked for; "不满意" never leaves a "满意" behind.
// 3. Negate problem and praise words (never topics, roles or safety words): in Chinese when a negator
//    (不 没 没有 无 未 别 并非 不是 毫无) sits within 4 characters before the word in the same clause, not
//    reaching past another matched term ("没有态度不好", "不是很差"), or, for praise, when 都没有 / 也不
//    follows it ("一点耐心都没有"); in English when not / no / never / nobody / without / a word ending in
//    n't is among the 3 words before it in the same clause. A negated praise word, or one in quotation
//    marks (真"负责"), is a complaint: it counts as a live problem, with its category when it has one.
// 4. Attribute words by the person they describe: the first person named in their clause (or, if none,
//    the nearest earlier clause naming someone), skipping people who are the target of violence
//    ("扬言要捅死医生", "kicked the nurse": the doctor and the nurse are victims, not the subject). Attitude
//    words (凶, 不耐烦, rude) go to nursing for a nurse, carer, guidance desk or escort, to nobody for a
//    patient, relative or stranger, to conduct otherwise; noise (吵, 大声) to nursing for a nurse;
//    medication advice (副作用, dose) to clinical for a doctor (what a doctor prescribed is clinical). A blow
//    (踢了他, hit) is a conduct complaint only when staff are named: a husband hitting his wife is not.
//    A person inside a phrase of violence is its target ("找那个医生算账", "朝护士扔", "waiting for the
//    doctor in the car park"), as is one quarrelled with (跟护士吵); in a comment of violence that names no
//    member of staff, blows and threats are nobody's to answer for. Words whose meaning follows the person
//    (才发现, 查房, 看都不看) go to nursing for a nurse, to conduct for a window clerk, to clinical otherwise.
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
// 7. Severity: critical for any safety signal, whatever the category; high when a word of clinical harm is
//    live (误诊, 医疗事故, 发错药, 院内感染, wrong medication...); medium when the category is conduct or
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
/** A person asked or told something (the addressee, not the actor). */
const ADDRESSEE_BEFORE = /(?:问|跟|和|告诉|问了问|打听)(?:一下|了)?(?:值班|那个|这个|当班)?$|(?<![a-z])(?:asked|told|warned|tell|ask)\s+(?:the|a|our|my)?\s*$/;
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
}

interface Hit<E> { start: number; end: number; text: string; entry: E; order: number }

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

function emptyScores(): Record<Category, number> {
  return { clinical: 0, nursing: 0, billing: 0, pharmacy: 0, facilities: 0, 'infection-control': 0, 'appointments-it': 0, conduct: 0, privacy: 0, waiting: 0, other: 0 };
}

/** NFKC (full-width to half-width), lower case, and a phone keyboard's curly apostrophe as a plain one ("didn’t"). */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[‘’′]/g, "'");
}

function safetyHits(normalised: string): Hit<SafetyEntry>[] {
  return acceptLongestFirst(normalised, SAFETY_LEXICON).filter((h) => h.entry.kind !== undefined);
}

/** Which safety signals a text carries. Never negated: "我没想自杀" still reaches a person who can ask. */
export function safetySignals(text: string): { kinds: SafetyKind[]; terms: ClassifiedTerm[] } {
  const hits = safetyHits(normalise(text));
  const kinds = SAFETY_KINDS.filter((kind) => hits.some((h) => h.entry.kind === kind));
  return { kinds, terms: hits.map((h) => ({ term: h.text, weight: 0, negated: false, safetyKind: h.entry.kind })) };
}

export function classify(text: string): Classification {
  const normalised = normalise(text);
  const clauseOf = clauses(normalised);
  const inQuotes = quoted(normalised);
  const hits = acceptLongestFirst(normalised, LEXICON).filter((h) => clauseOf[h.start] !== -1);
  const covered = new Array<boolean>(normalised.length).fill(false);
  for (const h of hits) covered.fill(true, h.start, h.end);
  const safety = safetyHits(normalised);
  const inSafety = new Array<boolean>(normalised.length).fill(false);
  for (const s of safety) inSafety.fill(true, s.start, s.end);

  const negated = hits.map((h) => (h.entry.kind === 'problem' || h.entry.kind === 'praise') && isNegated(normalised, h, clauseOf, covered));
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
  const clauseOfHit = (h: Hit<LexiconEntry>) => clauseOf[h.start] ?? 0;

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

  const violence = safety.filter((s) => s.entry.kind === 'violence');
  const victims = new Set(hits.filter((h) => h.entry.kind === 'role' && isVictim(normalised, h, violence)));
  const roles = hits.filter((h) => h.entry.roleOf !== undefined && !victims.has(h));
  // A carer from a care home (养老院, nursing home) is not the hospital's: what they did is no ward's complaint.
  const outsideCare = OUTSIDE_CARE.test(normalised);
  const roleOfEntry = (hit: Hit<LexiconEntry>): RoleOf | undefined =>
    outsideCare && hit.entry.roleOf === 'nursing' && !/护士|nurse/.test(hit.text) ? 'public' : hit.entry.roleOf;
  // When the only people named are the targets ("shouting at the reception staff"), whoever acted was not staff.
  // In a comment of violence that names no member of staff, the blow or threat is a stranger's or a relative's.
  const violence0 = violence.length > 0;
  const noActor: RoleOf = roles.length === 0 && (victims.size > 0 || violence0) ? 'public' : 'staff';
  /** The person a word describes; undefined when nobody is named before it. */
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

  const safetyTerms: ClassifiedTerm[] = safety.map((h) => ({ term: h.text, weight: 0, negated: false, safetyKind: h.entry.kind }));
  const kindsFound = SAFETY_KINDS.filter((kind) => safety.some((h) => h.entry.kind === kind));
  const death = safetyTerms.find((t, i) => t.safetyKind === 'death' && !hypothetical.has(clauseOf[safety[i]?.start ?? 0] ?? 0));
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
    const term = safetyTerms[abuseAt];
    if (category !== undefined && term !== undefined) {
      term.category = category;
      term.weight = ABUSE_WEIGHT;
      scores[category] += ABUSE_WEIGHT;
    }
  }

  // A comment led by a safety signal that is not about the care (a patient at risk of suicide or self-harm;
  // violence with no member of staff as its actor) is about the signal: what is mentioned around it (化疗,
  // 窗户, the doctor threatened) is the scene. A category then needs the weight of a real complaint.
  // Someone only asked or told ("问护士窗户能不能打开", "told the surgeon") is not an actor.
  const staffActor = roles.some((r) => {
    // a person, not a treatment that names its prescriber (化疗)
    if (r.entry.kind !== 'role' && r.entry.roleOf !== 'nursing') return false;
    const role = roleOfEntry(r);
    return (role === 'nursing' || role === 'doctor' || role === 'staff') && !ADDRESSEE_BEFORE.test(normalised.slice(Math.max(0, r.start - 12), r.start));
  });
  const selfRisk = kindsFound.includes('suicide') || kindsFound.includes('self-harm');
  const minScore = selfRisk && !staffActor ? SAFETY_LED_MIN_SCORE : kindsFound.includes('violence') && !staffActor && !selfRisk ? VIOLENCE_LED_MIN_SCORE : MIN_SCORE;
  let category: Category = 'other';
  let best = minScore - 1;
  for (const candidate of TIE_BREAK) {
    if (scores[candidate] > best) {
      best = scores[candidate];
      category = candidate;
    }
  }

  const kinds = kindsFound;
  const harm = hits.some((h, i) => h.entry.harm === true && live(i));
  const severity: Severity = kinds.length > 0 ? 'critical'
    : harm ? 'high'
      : category === 'conduct' || category === 'privacy' ? 'medium'
        : 'low';

  return { category, severity, safetySignal: kinds.length > 0, safetyKinds: kinds, terms: [...terms, ...safetyTerms], scores };
}
