import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS, CATEGORY_NAMES } from '../../../shared/classify/categories.ts';
import { type Classification, classifyByLexicon } from '../../../shared/classify/classifier.ts';
import { evaluate, type LabelledComment, LabelledSetSchema, perCategoryRows } from '../../../shared/classify/evaluate.ts';

const term = (result: Classification, text: string) => result.terms.find((t) => t.term === text);

describe('classify: negation', () => {
  it('reads 不满意 as one word, never leaving a 满意 behind', () => {
    const result = classifyByLexicon('不满意。');

    expect(term(result, '不满意')).toMatchObject({ negated: false });
    expect(term(result, '满意')).toBeUndefined();
    expect(result.category).toBe('other');
  });

  it('negates a Chinese complaint word after 不 / 没有 / 不是 within the window, and records it as negated with no weight', () => {
    expect(term(classifyByLexicon('医生没有态度不好'), '态度不好')).toEqual({ term: '态度不好', category: 'conduct', weight: 0, negated: true });
    expect(term(classifyByLexicon('护士一点都不凶'), '凶')).toMatchObject({ negated: true, weight: 0 });
    expect(term(classifyByLexicon('饭菜不是很差'), '差')).toMatchObject({ negated: true });
  });

  it('does not carry a negation across a clause break', () => {
    const result = classifyByLexicon('护士没来，态度恶劣');

    expect(term(result, '态度恶劣')).toMatchObject({ negated: false, weight: 3 });
  });

  it('negates English complaint words after not / n\'t / never / no within three words', () => {
    expect(term(classifyByLexicon('The nurse was not rude'), 'rude')).toMatchObject({ negated: true, weight: 0 });
    expect(term(classifyByLexicon("The doctor wasn't rude to us"), 'rude')).toMatchObject({ negated: true });
    expect(term(classifyByLexicon('No one was rude'), 'rude')).toMatchObject({ negated: true });
    expect(term(classifyByLexicon('The doctor was rude, not kind'), 'rude')).toMatchObject({ negated: false });
  });

  it('still routes on a negated topic: "no hand washing" is about hand hygiene', () => {
    expect(classifyByLexicon('医生检查前没洗手').category).toBe('infection-control');
    expect(classifyByLexicon('The doctor did not wash his hands').category).toBe('infection-control');
  });

  it('reads a double negative with the main complaint that follows it', () => {
    const result = classifyByLexicon('护士态度不是不好，就是太忙了，换药老是拖');

    expect(term(result, '不好')).toMatchObject({ negated: true });
    expect(result.category).toBe('nursing');
  });
});

describe('classify: longest match first', () => {
  it('takes complaint words that contain 不 whole, before negation is looked for', () => {
    for (const [text, word] of [['护工很不耐烦', '不耐烦'], ['导诊台的人不理人', '不理人'], ['抽血的护士很不专业', '不专业'], ['值班医生不负责', '不负责']] as const) {
      const result = classifyByLexicon(text);
      expect(term(result, word), text).toMatchObject({ negated: false });
      expect(result.terms.some((t) => t.negated), text).toBe(false);
    }
  });

  it('prefers the longer word: 洗手间 is a toilet, not hand washing; waiting room is a place, not a wait', () => {
    expect(classifyByLexicon('洗手间太脏了').category).toBe('facilities');
    expect(classifyByLexicon('My results were read out loud in the waiting room').category).toBe('privacy');
  });

  it('finds being helped to the toilet in Chinese as in English (a nursing topic)', () => {
    expect(classifyByLexicon('没人扶我妈上厕所').terms.map((t) => t.term)).toContain('扶我妈上厕所');
    expect(classifyByLexicon('没人扶我妈上厕所').category).toBe('nursing');
    expect(classifyByLexicon('Nobody helped my mother to the toilet at night').category).toBe('nursing');
  });

  it('matches English on word boundaries only', () => {
    expect(classifyByLexicon('happy with the application form').terms.some((t) => t.term === 'app')).toBe(false);
    expect(classifyByLexicon('The app keeps crashing').category).toBe('appointments-it');
  });
});

describe('classify: categories', () => {
  it('gives attitude words to nursing when a nurse is named, to conduct for other staff', () => {
    expect(classifyByLexicon('护士态度很差，问一下就凶人').category).toBe('nursing');
    expect(classifyByLexicon('医生态度很差，问一下就吼人').category).toBe('conduct');
    expect(classifyByLexicon('The nurse was rude').category).toBe('nursing');
    expect(classifyByLexicon('The doctor was rude').category).toBe('conduct');
  });

  it('routes the complaint, not the praise, when a comment has both', () => {
    expect(classifyByLexicon('护士很好，就是住院费太贵了').category).toBe('billing');
    expect(classifyByLexicon('The nurses were kind but the food was cold').category).toBe('facilities');
  });

  it('puts praise, questions and empty or unrelated text in other', () => {
    for (const text of ['', '   ', '测试', '还行吧', '医生护士都很辛苦，谢谢你们。', 'hello', '请问周末可以办理出院吗？']) {
      expect(classifyByLexicon(text).category, JSON.stringify(text)).toBe('other');
    }
    expect(classifyByLexicon('').scores).toEqual(Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])));
  });

  it('records the terms that decided it, and the scores add up to them', () => {
    const result = classifyByLexicon('药房发错了药，药师也没交代用法');

    expect(result.category).toBe('pharmacy');
    expect(result.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['药房', '发错了药', '药师', '用法']));
    for (const category of CATEGORY_IDS) {
      const sum = result.terms.filter((t) => t.category === category).reduce((total, t) => total + t.weight, 0);
      expect(result.scores[category], category).toBe(sum);
    }
  });

  it('has a Chinese and an English name for every category', () => {
    for (const category of CATEGORY_IDS) {
      expect(CATEGORY_NAMES[category].zh.length).toBeGreaterThan(0);
      expect(CATEGORY_NAMES[category].en.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic', () => {
    const text = '医生看了两分钟就开单，护士态度也不好，排队等了两个小时';
    const first = classifyByLexicon(text);

    for (let i = 0; i < 5; i++) expect(classifyByLexicon(text)).toEqual(first);
  });
});

describe('classify: severity and safety signals', () => {
  it.each([
    ['我真的不想活了', 'suicide'],
    ['晚上一个人偷偷割腕', 'self-harm'],
    ['I have been thinking about ending my life', 'suicide'],
    ['She has been cutting her arms again', 'self-harm'],
    ['保安动手打人', 'violence'],
    ['He threatened to come back with a knife', 'violence'],
    ['护工虐待老人', 'abuse'],
    ['It was sexual harassment', 'abuse'],
    ['我父亲手术后第二天就去世了', 'death'],
    ['My grandmother passed away on the ward', 'death'],
    ['第二天早上人就没了', 'death'],
  ] as const)('flags %s as %s, severity critical', (text, kind) => {
    const result = classifyByLexicon(text);

    expect(result.safetySignal).toBe(true);
    expect(result.safetyKinds).toContain(kind);
    expect(result.severity).toBe('critical');
    expect(result.terms.some((t) => t.safetyKind === kind)).toBe(true);
  });

  it('never lets a negation hide a safety word', () => {
    expect(classifyByLexicon('我没有想自杀，只是很难受').safetyKinds).toEqual(['suicide']);
  });

  it('keeps the category of a critical comment', () => {
    const result = classifyByLexicon('医生误诊，我妈在急诊死亡');

    expect(result).toMatchObject({ category: 'clinical', severity: 'critical', safetySignal: true, safetyKinds: ['death'] });
  });

  it('does not flag idioms that only contain a safety word', () => {
    for (const text of ['病房空调坏了，热死了', '笑死，挂个号要填五张表', '医生太死板了', '自助机一直死机', '开刀以后刀口一直疼', '医生动手术前没见家属', '老是接到骚扰电话', '卫生死角太多', 'I was dead tired after the wait']) {
      expect(classifyByLexicon(text).safetySignal, text).toBe(false);
    }
  });

  it('rates clinical harm high, conduct and privacy medium, the rest low', () => {
    expect(classifyByLexicon('我妈被误诊了').severity).toBe('high');
    expect(classifyByLexicon('The pharmacy gave me the wrong medication').severity).toBe('high');
    expect(classifyByLexicon('主任暗示要给红包').severity).toBe('medium');
    expect(classifyByLexicon('我的病情被别人听到了，一点隐私都没有').severity).toBe('medium');
    expect(classifyByLexicon('厕所太脏了').severity).toBe('low');
  });
});

describe('classify: general rules that carry to unseen comments', () => {
  it.each([
    ['家属说人已经走了，医院还在说抢救', 'death'],
    ['老爷子做完搭桥没能下手术台', 'death'],
    ['七个月了，孩子还是没保住', 'death'],
    ['他最近总说活着没意思', 'suicide'],
    ['女儿手上有很多划痕，说是猫抓的', 'self-harm'],
    ['我爸被护工推倒了，头磕破了', 'violence'],
    ['那个家属威胁要捅人', 'violence'],
    ['护工晚上把老人绑在床上', 'abuse'],
    ['We lost him on Tuesday night', 'death'],
    ['My nan passed on Sunday', 'death'],
    ["She's been cutting again", 'self-harm'],
    ['He didn’t make it through the night', 'death'],
    ['The carer left him lying in his own mess', 'abuse'],
  ] as const)('flags the indirect phrasing %s as %s', (text, kind) => {
    expect(classifyByLexicon(text).safetyKinds).toContain(kind);
  });

  it('does not take hyperbole, idioms or everyday verbs for a safety signal', () => {
    for (const text of ['排队等得要死', '病房热死了', '笑死，医生说我吃撑了', '这个检查死贵', '护士打针很轻', '打电话问了三次', '跟护工杀价一样', '吓死我了，还好没事', 'The pain is killing me', 'My phone had a dead battery', 'I read a book to kill time', '手机都卡死了', '医生一刀下去干净利落']) {
      expect(classifyByLexicon(text).safetySignal, text).toBe(false);
    }
  });

  it('does not count the target of violence as the person complained about', () => {
    expect(classifyByLexicon('有个家属扬言要捅死值班医生').category).toBe('other');
    expect(classifyByLexicon("The patient's son kicked the nurse").category).toBe('other');
    expect(classifyByLexicon('保安打了我老公').category).toBe('conduct');
    expect(classifyByLexicon('我老公喝了酒就打我').category).toBe('other');
  });

  it('reads a negated or sarcastically quoted praise word as a complaint', () => {
    expect(classifyByLexicon('导诊的人一点耐心都没有').category).toBe('nursing');
    expect(classifyByLexicon('窗口的工作人员没有耐心').category).toBe('conduct');
    expect(classifyByLexicon('医生真"负责"，我话还没说完处方就打出来了').category).toBe('clinical');
  });

  it('routes nothing from a comment that only praises, only asks or only supposes', () => {
    expect(classifyByLexicon('小朋友打针的时候护士一直哄他，给你们点赞').category).toBe('other');
    expect(classifyByLexicon('请问复印病历要带什么材料？').category).toBe('other');
    const supposed = classifyByLexicon('如果再这样拖下去人就没了');
    expect(supposed.safetySignal).toBe(true);
    expect(supposed.category).toBe('other');
  });

  it('puts a death that happened in care with clinical, and records the death term with that weight', () => {
    const result = classifyByLexicon('我爸昨晚走了');

    expect(result.category).toBe('clinical');
    expect(result.terms.find((t) => t.safetyKind === 'death')).toMatchObject({ category: 'clinical', weight: 2 });
    expect(result.scores.clinical).toBe(result.terms.filter((t) => t.category === 'clinical').reduce((sum, t) => sum + t.weight, 0));
  });

  it('follows the person: a doctor prescribing is clinical, a nurse making noise is nursing', () => {
    expect(classifyByLexicon('医生开了一个月的激素也没说副作用').category).toBe('clinical');
    expect(classifyByLexicon('药师也没说副作用').category).toBe('pharmacy');
    expect(classifyByLexicon('夜里护士说话声音太大').category).toBe('nursing');
    expect(classifyByLexicon('隔壁床家属说话声音太大').category).toBe('facilities');
  });

  it('matches English plurals and curly apostrophes', () => {
    expect(classifyByLexicon('The lifts were out of order').category).toBe('facilities');
    expect(classifyByLexicon('Two bills for one visit').category).toBe('billing');
    expect(classifyByLexicon('He didn’t make it').safetyKinds).toEqual(['death']);
  });
});

describe('classify: round-2 word families', () => {
  it.each([
    ['抢救了两个多小时，凌晨还是走了', 'death'],
    ['他把最喜欢的吉他送给了同学', 'suicide'],
    ['我觉得自己就是个累赘', 'suicide'],
    ['她胳膊上全是一道一道的疤', 'self-harm'],
    ['老人身上有淤青，护工说是她自己磕的', 'abuse'],
    ["My dad said he won't be a burden much longer", 'suicide'],
    ['He has been giving away all his books to his friend', 'suicide'],
    ['The carer told her to shut up', 'abuse'],
  ] as const)('flags %s as %s', (text, kind) => {
    expect(classifyByLexicon(text).safetyKinds).toContain(kind);
  });

  it('keeps 走了 quiet when nobody died: a wait given up, a nurse who left', () => {
    for (const text of ['排队等了半天，最后还是走了', '护士看了一眼就走了', '医生说死不了，让我回家', '这家的烤鸭是杀手级的', 'The surgeon killed it']) {
      expect(classifyByLexicon(text).safetySignal, text).toBe(false);
    }
  });

  it('gives a care home carer to nobody, and thanks at the close outweigh a service named on the way', () => {
    expect(classifyByLexicon('老人从敬老院回来，护工说她一直不吃饭').category).toBe('other');
    expect(classifyByLexicon('第一次用你们的网上挂号，很方便，点个赞').category).toBe('other');
  });
});

describe('classify: round-3 general rules', () => {
  it.each([
    ['我爸是凌晨一个人在ICU走的', 'death'],
    ['We lost Mum in the night', 'death'],
    ['手臂上的印子一条挨着一条', 'self-harm'],
    ['老人背上全是压疮', 'abuse'],
    ['They strapped him to the trolley for hours', 'abuse'],
    ['他一直拉着我女儿的手，她很害怕', 'abuse'],
    ['My uncle gave his watch and his books away and says he has everything sorted', 'suicide'],
  ] as const)('flags %s as %s', (text, kind) => {
    expect(classifyByLexicon(text).safetyKinds).toContain(kind);
  });

  it('keeps leaving, explaining, comforting, shopping, hurtful words and haggling quiet', () => {
    for (const text of ['我妈是打车走的', '医生一条一条地给我们解释', '护士一直握着我的手安慰我，特别暖心', '超市连剪刀都不卖', '主任说话特别伤人', "She didn't wash her hands", '打完针孩子高高兴兴地走了', '价钱砍了半天价也没用']) {
      expect(classifyByLexicon(text).safetySignal, text).toBe(false);
    }
  });

  it('follows the person: who found out late, who never looked up, who touched', () => {
    expect(classifyByLexicon('护士第二天早上才发现输液管脱了').category).toBe('nursing');
    expect(classifyByLexicon('门诊的人把病历扔给我，头都不抬').category).toBe('conduct');
    expect(classifyByLexicon('医生头都不抬就开了药').category).toBe('clinical');
    expect(classifyByLexicon('那个男医生检查时一直摸我的腿，我很害怕').category).toBe('conduct');
    expect(classifyByLexicon('护工趁我妈睡着摸她').category).toBe('nursing');
    expect(classifyByLexicon('主任说话特别伤人').category).toBe('conduct');
  });

  it('does not route a threat by the person threatened', () => {
    const result = classifyByLexicon('有个家属拿刀说要找值班医生算账');

    expect(result.safetyKinds).toContain('violence');
    expect(result.category).toBe('other');
  });

  it('reads a suicide signal with nothing but scenery around it as other, one beside a care failure as that care', () => {
    expect(classifyByLexicon('他说活着太累，最近总是问窗户能不能打开').category).toBe('other');
    expect(classifyByLexicon('女儿说活着太累，心理科医生只开了药没多说').category).toBe('clinical');
  });

  it('reads a suggestion that opens a comment as a question, one after a complaint as a remedy asked for', () => {
    expect(classifyByLexicon('能不能在小程序上加个查报告的功能？').category).toBe('other');
    expect(classifyByLexicon('护士扎了三次都没扎进去，能不能换个人？').category).toBe('nursing');
    expect(classifyByLexicon('Can I get my scan results sent to my GP?').category).toBe('other');
  });

  it('knows the vocabulary of the rooms: a folding bed, a dirty dressing, a morning-long discharge', () => {
    expect(classifyByLexicon('陪护只有一张折叠床').category).toBe('facilities');
    expect(classifyByLexicon('Used dressings were piled on the windowsill').category).toBe('infection-control');
    expect(classifyByLexicon('出院手续从早上办到下午四点').category).toBe('waiting');
    expect(classifyByLexicon('The doctor sent him home with paracetamol and he was back two days later').category).toBe('clinical');
  });
});

// The sets (see test/bench/classifier-bench.ts). Labelled, development and the first holdout were tuned on
// (the first holdout since round 2), so their floors check the tuning holds. Holdout-2 was written before
// round 2 changed any code and measured blind at 155 / 210 = 0.7381 of categories, 50 of 57 safety signals
// and 6 false alarms in 153; round 3 tuned on it (207 / 210, 57 of 57, no false alarm), so it is held like
// the others now, its category floor just under what round 3 reached. Holdout-3 was written blind during
// round 3: the bench measures it (without printing its texts) and no test floors it here.
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'complaints');
const load = (name: string): LabelledComment[] => LabelledSetSchema.parse(JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')));
const labelled = load('labelled');
const development = load('development');
const holdout = load('holdout');
const holdout2 = load('holdout-2');
const isEnglish = (c: LabelledComment) => !/[\u4e00-\u9fff]/.test(c.text);
const falseAlarmRate = (set: readonly LabelledComment[]) => evaluate(set, classifyByLexicon).safety.falseAlarms / set.filter((c) => !c.safety).length;

describe('the sets', () => {
  it('labelled: at least 220 comments covering every category', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(220);
    for (const category of CATEGORY_IDS) expect(labelled.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(12);
    expect(labelled.filter((c) => c.safety).length).toBeGreaterThanOrEqual(20);
  });

  it('development: at least 150 comments, every category, 30 safety signals, about a fifth in English', () => {
    expect(development.length).toBeGreaterThanOrEqual(150);
    for (const category of CATEGORY_IDS) expect(development.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(8);
    expect(development.filter((c) => c.safety).length).toBeGreaterThanOrEqual(30);
    const english = development.filter(isEnglish).length / development.length;
    expect(english).toBeGreaterThan(0.15);
    expect(english).toBeLessThan(0.3);
  });

  it('holdout: at least 100 comments, every category, 20 safety signals', () => {
    expect(holdout.length).toBeGreaterThanOrEqual(100);
    for (const category of CATEGORY_IDS) expect(holdout.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(5);
    expect(holdout.filter((c) => c.safety).length).toBeGreaterThanOrEqual(20);
  });

  it('holdout-2: at least 150 comments, every category, 30 safety signals, 20 harmless look-alikes, about a fifth in English', () => {
    expect(holdout2.length).toBeGreaterThanOrEqual(150);
    for (const category of CATEGORY_IDS) expect(holdout2.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(10);
    expect(holdout2.filter((c) => c.safety).length).toBeGreaterThanOrEqual(30);
    const lookAlike = /死|杀|打车|打印|砍价|刀|走了|没了|kill|dying|die|murder/i;
    expect(holdout2.filter((c) => !c.safety && lookAlike.test(c.text)).length).toBeGreaterThanOrEqual(20);
    const english = holdout2.filter(isEnglish).length / holdout2.length;
    expect(english).toBeGreaterThan(0.15);
    expect(english).toBeLessThan(0.3);
  });

  it('no comment is in two sets', () => {
    const seen = new Set<string>();
    for (const c of [...labelled, ...development, ...holdout, ...holdout2]) {
      expect(seen.has(c.text), c.text).toBe(false);
      seen.add(c.text);
    }
  });

  it('development holds the harmless uses of safety-looking words, and none of them is critical', () => {
    for (const phrase of ['等得要死', '热死了', '笑死', '死贵', '打针', '打电话', '杀价', '吓死我了', 'pain is killing me', 'dead battery', 'kill time']) {
      const harmless = development.filter((c) => !c.safety && c.text.toLowerCase().includes(phrase));
      expect(harmless.length, phrase).toBeGreaterThan(0);
      for (const c of harmless) expect(classifyByLexicon(c.text).severity, c.text).not.toBe('critical');
    }
  });
});

const TUNED = { labelled, development, holdout, 'holdout-2': holdout2 } as const;

describe('classifier on its sets', () => {
  it.each(['labelled', 'development', 'holdout', 'holdout-2'] as const)('%s (tuned on): at least 95 percent of categories, no missed safety signal, at most 1 percent false alarms', (name) => {
    const set = TUNED[name];
    const evaluation = evaluate(set, classifyByLexicon);
    console.log(JSON.stringify({ set: name, accuracy: evaluation.accuracy, safety: { n: evaluation.safety.n, recall: evaluation.safety.recall, falseAlarms: evaluation.safety.falseAlarms } }));

    expect(evaluation.safety.missed).toEqual([]);
    expect(evaluation.safety.recall).toBe(1);
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(falseAlarmRate(set)).toBeLessThanOrEqual(0.01);
  });

  it('holdout-2 (tuned on in round 3): stays at the figures round 3 reached', () => {
    const evaluation = evaluate(holdout2, classifyByLexicon);
    console.table(perCategoryRows(evaluation));

    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.98);
    expect(evaluation.safety.detected).toBe(evaluation.safety.n);
    expect(evaluation.safety.falseAlarms).toBe(0);
  });

  // Holdout-3 was written by someone who had read neither the rules nor the other sets, and nobody tunes on
  // it: these floors sit at what round 3 measured (81.4 %, 35 of 44 signals, 9 false alarms), so a change
  // that loses ground on unseen text fails here. Raise them only when a change gains on it untuned.
  it('holdout-3 (blind): does not lose ground on text its rules never saw', () => {
    const evaluation = evaluate(load('holdout-3'), classifyByLexicon);
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.81);
    expect(evaluation.safety.detected).toBeGreaterThanOrEqual(35);
    expect(evaluation.safety.falseAlarms).toBeLessThanOrEqual(9);
  });
});
