import { type Category, SAFETY_KINDS, type SafetyKind, type Severity } from './categories.ts';

// The classifier's lexicon: plain data, read top to bottom. Each entry is a list of words (simplified
// Chinese, matched as substrings; English, matched lower-cased on word boundaries, `*` = any word ending,
// a space = any run of spaces) or one regular expression, with what a match means.
//
// Kinds:
// - topic: names what the comment is about (厕所, 医保, pharmacy). Scores whether or not it is negated:
//   "没洗手" and "no hot water" are still about hand hygiene and hot water.
// - problem: says something is wrong (脏, 贵, 凶, rude). Negatable: "不凶", "not rude" does not score.
// - praise: says something is right (耐心, 满意, kind). Negatable; a clause whose only evaluation is
//   praise does not route its topics ("护士很好，就是住院费太贵了" is about the fees).
// - role: a person (护士, 医生, guard). Scores only when a topic or live problem sits in the same clause
//   (mentioning a doctor is not a complaint), and decides who an attitude word is about (see `byRole`).
// - neutral: blocks a shorter word inside it ("waiting room" is a place, not a wait; "洗手间" is a toilet).
//
// Weights: 4–5 a word that alone names the area (红包, 药房, 叫号); 3 a strong word; 2 a usual one;
// 1 context that only tips a balance (医生, 检查, 费).

export type ScoredCategory = Exclude<Category, 'other'>;
export type TermKind = 'topic' | 'problem' | 'praise' | 'role' | 'neutral';
/** Whose behaviour an attitude word describes: nurses' goes to nursing, other staff's to the term's own category, the public's to nobody. */
export type RoleOf = 'nursing' | 'staff' | 'public';

export interface LexiconEntry {
  readonly label: string;
  readonly pattern: RegExp;
  readonly lang: 'zh' | 'en';
  readonly kind: TermKind;
  readonly category?: ScoredCategory;
  readonly weight: number;
  /** Attitude-like words whose category follows the person they describe (routing table: nursing attitude → Nursing). */
  readonly byRole?: boolean;
  readonly roleOf?: RoleOf;
  /** A word of clinical harm: raises severity to high. */
  readonly harm?: boolean;
}

export interface SafetyEntry {
  readonly label: string;
  readonly pattern: RegExp;
  readonly lang: 'zh' | 'en';
  /** Undefined for an idiom that only blocks a shorter safety word inside it (热死了, 死机, 开刀). */
  readonly kind?: SafetyKind;
}

interface Options { byRole?: boolean; roleOf?: RoleOf; harm?: boolean }

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function zhPattern(word: string): RegExp {
  return new RegExp(escape(word), 'g');
}

function enPattern(word: string): RegExp {
  const body = word.split(' ').map((part) => escape(part.replace(/\*$/, '')) + (part.endsWith('*') ? '[a-z]*' : '')).join('\\s+');
  return new RegExp(`(?<![a-z0-9])${body}(?![a-z0-9])`, 'g');
}

const words = (list: string) => list.split('|').map((w) => w.trim()).filter((w) => w.length > 0);

function zh(list: string, kind: TermKind, category: ScoredCategory | undefined, weight: number, options: Options = {}): LexiconEntry[] {
  return words(list).map((w) => ({ label: w, pattern: zhPattern(w), lang: 'zh', kind, category, weight, ...options }));
}

function en(list: string, kind: TermKind, category: ScoredCategory | undefined, weight: number, options: Options = {}): LexiconEntry[] {
  return words(list).map((w) => ({ label: w, pattern: enPattern(w), lang: 'en', kind, category, weight, ...options }));
}

function re(label: string, pattern: RegExp, lang: 'zh' | 'en', kind: TermKind, category: ScoredCategory | undefined, weight: number, options: Options = {}): LexiconEntry {
  return { label, pattern: new RegExp(pattern.source, 'g'), lang, kind, category, weight, ...options };
}

/** Chinese number words for durations. */
const NUM = '[0-9一二两三四五六七八九十几半多]';

export const LEXICON: readonly LexiconEntry[] = [
  // clinical: diagnosis, treatment, consent, what a doctor decided or explained
  ...zh('误诊|漏诊|医疗事故|耽误治疗|延误治疗|耽误病情|延误病情|拔错|开错刀|做错手术|骨折|大出血', 'topic', 'clinical', 4, { harm: true }),
  ...zh('诊断|病情|治疗|手术|术前|术后|并发症|麻醉|接生|查房|复查|复诊|开刀|刀口|主刀|动手术|告知|医术|过度检查|过度治疗|经验不足|治疗方案|出院小结|出血|解释', 'topic', 'clinical', 2),
  ...zh('检查|病历|看病|问诊|开药|开单|效果|风险|症状|结果|水平|感染|听不懂|讲清楚|说清楚|讲明白|匆忙|不调整|仔细', 'topic', 'clinical', 1),
  ...zh('不专业|不负责|不认真', 'problem', 'clinical', 2, { byRole: true }),
  ...en('misdiagnos*|malpractice|wrong diagnosis|delayed treatment', 'topic', 'clinical', 4, { harm: true }),
  ...en('diagnos*|surgery|surgeon|operation|complication*|treatment|examined|examine|explain*|risks|symptoms', 'topic', 'clinical', 2),
  ...en('results|scan|admitted|sent home|stroke|pneumonia|barely', 'topic', 'clinical', 1),

  // nursing: nurses, carers, the guidance desk and escorts, and the bedside care they give
  ...zh('护士长|护工|导诊|陪检', 'topic', 'nursing', 3, { roleOf: 'nursing' }),
  ...zh('呼叫铃|呼叫器|按铃|扎针|翻身|交班|宣教|护理不到位|巡视|巡房|喂饭|输液泵', 'topic', 'nursing', 3),
  ...zh('护理|打针|挂水|吊瓶|输液|换药|拔针|回血|没人管|不及时', 'topic', 'nursing', 2),
  ...zh('抽血|夜班|禁食', 'topic', 'nursing', 1),
  ...en('carer|caregiver|help desk', 'topic', 'nursing', 3, { roleOf: 'nursing' }),
  ...en('call bell|nursing|vein', 'topic', 'nursing', 3),
  ...en('ignored|iv|drip|night shift', 'topic', 'nursing', 2),

  // billing: registration and billing windows, fees, insurance
  ...zh('多收|乱收费|重复收费|收了钱|医保|报销|退费|发票|押金|结算|新农合|收费|费用|住院费|床位费|挂号费|药费|工本费|加急费|检查费', 'topic', 'billing', 3),
  ...zh('缴费|交费|自费|收费员|余额|扣了|扣费|明细|算错|算账|价格|花了|账单', 'topic', 'billing', 2),
  ...zh('费|钱|挂号', 'topic', 'billing', 1),
  ...zh('贵|不合理|不透明', 'problem', 'billing', 2),
  ...en('overcharg*|charged twice|refund*|invoice*|insurance|cashier|billing|bill|fees|fee', 'topic', 'billing', 3),
  ...en('charged|charge*|payment|price*|cost*|claim', 'topic', 'billing', 2),
  ...en('expensive|overpriced', 'problem', 'billing', 2),

  // pharmacy: dispensing, stock and medication advice
  ...zh('发错药|拿错药|抓错药|配错药|发错了药|抓错了药|用错药', 'topic', 'pharmacy', 5, { harm: true }),
  ...zh('药房|药剂|药师|中药房|药学|缺药|缺货|用法|用量|剂量|副作用|过期|有效期', 'topic', 'pharmacy', 4),
  ...zh('取药|发药|说明书|药片|药盒|口服|外用|怎么吃|吃几次|怎么保存', 'topic', 'pharmacy', 2),
  ...zh('药|药店', 'topic', 'pharmacy', 1),
  ...en('wrong medication|wrong dose|wrong drug', 'topic', 'pharmacy', 5, { harm: true }),
  ...en('pharmac*|dose|dosage|side effects|out of stock', 'topic', 'pharmacy', 4),
  ...en('pills|medication*|medicine*|prescription*|drug*|antibiotics|tablets', 'topic', 'pharmacy', 2),

  // facilities: meals, toilets and cleaning, smoking, parking, the building
  ...zh('订餐|抽烟|吸烟|烟味|停车|车位|蟑螂|老鼠|饭菜|食堂', 'topic', 'facilities', 4),
  ...zh('厕所|卫生间|洗手间|异味|空调|暖气|电梯|热水|开水|饮水机|充电|窗户|指示牌|标识|垃圾桶|保洁|打扫|扶手|无障碍|门锁|加床|陪护椅|陪护床|发霉|漏水|噪音|安保|外放|难吃|蚊子|卫生死角', 'topic', 'facilities', 3),
  ...zh('环境|被子|床单|睡不着|休息不好|灯|坏了|送餐|吃的|饭|餐', 'topic', 'facilities', 2),
  ...zh('脏|臭|吵|挤|冷|热|窄', 'problem', 'facilities', 2),
  ...en('smok*|parking|car park|toilet*|cockroach*|food|meal*', 'topic', 'facilities', 4),
  ...en('bathroom*|restroom*|lift|elevator*|noise|air conditioning|heating|cleaning|canteen|toilet paper', 'topic', 'facilities', 3),
  ...en('filthy|dirty|smell*|noisy|broken', 'problem', 'facilities', 2),

  // infection control and hand hygiene
  ...zh('院内感染|交叉感染|院感|手卫生', 'topic', 'infection-control', 5, { harm: true }),
  ...zh('洗手|手套|消毒|口罩|洗手液|免洗|隔离|血迹|针头|重复使用|一次性', 'topic', 'infection-control', 4),
  ...zh('发热病人|器械|抹布|不卫生|棉签', 'topic', 'infection-control', 3),
  ...en('hand hygiene|cross infection', 'topic', 'infection-control', 5, { harm: true }),
  ...en('sanitizer|sanitiser|gloves|masks|mask|disinfect*|sterili*|isolation|reused', 'topic', 'infection-control', 4),
  re('wash hands', /(?<![a-z])wash\w*\s+(?:\w+\s+)?hands(?![a-z])/, 'en', 'topic', 'infection-control', 5),
  ...en('infection*|contaminat*|coughing|fever', 'topic', 'infection-control', 2),

  // appointments, the hospital app and the queue-calling system
  ...zh('叫号|号源|放号|小程序|公众号|网上挂号|验证码|登录|死机|系统错误|电子健康卡|闪退', 'topic', 'appointments-it', 4),
  ...zh('预约|网上|线上|绑卡|绑定|自助机|打印机|页面|扫码|短信|抢不到|健康卡|跳过|转圈|系统升级|网站|占线|客服电话|改约|退号', 'topic', 'appointments-it', 3),
  ...zh('系统|手机|通知|广播|查不到', 'topic', 'appointments-it', 2),
  ...en('app|online|website|crash*|log in|login|queue display|reschedul*|text message', 'topic', 'appointments-it', 4),
  ...en('booked|booking*|book|system|skipped|cancel', 'topic', 'appointments-it', 3),
  ...en('appointment*', 'topic', 'appointments-it', 2),

  // staff conduct and ethics: 生冷硬顶推, gifts and kickbacks, shirking
  ...zh('红包|回扣|送礼|收礼|购物卡|好处费|生冷硬顶推|推诿|踢皮球|推来推去', 'topic', 'conduct', 5),
  ...zh('医药代表|指定|推回|推给|不归', 'topic', 'conduct', 3),
  ...zh('态度恶劣|恶劣|吼|骂|嘲笑|翻白眼|不理人|爱答不理|大呼小叫|发火|难听|傲慢|当回事|刁难|训斥|呵斥|甩脸色|玩手机|打游戏|死板|冷漠|冷淡|不耐烦', 'problem', 'conduct', 3, { byRole: true }),
  re('态度差', /态度(?:[很太真也极好]|非常|特别|实在)*(?:差|坏|不好|恶劣|生硬|蛮横|冷漠)/, 'zh', 'problem', 'conduct', 3, { byRole: true }),
  ...zh('凶|不理|看手机|不高兴', 'problem', 'conduct', 2, { byRole: true }),
  ...zh('吵架|吵起来|性骚扰|骚扰|猥亵|动手动脚|下流|打人|推搡|推了我', 'problem', 'conduct', 3, { byRole: true }),
  ...zh('态度|服务态度', 'topic', 'conduct', 1, { byRole: true }),
  ...en('bribe*|red envelope*|kickback*|pay extra|extra cash', 'topic', 'conduct', 5),
  re('from one to another', /(?<![a-z])from\s+one\s+\w+\s+to\s+another(?![a-z])/, 'en', 'topic', 'conduct', 4),
  ...en('responsibility|refused', 'topic', 'conduct', 2),
  ...en('rude*|shout*|yell*|arrogant|impolite|disrespect*|insult*|mock*|unprofessional', 'problem', 'conduct', 3, { byRole: true }),
  ...en('attitude', 'topic', 'conduct', 1, { byRole: true }),
  ...en('harass*|molest*|inappropriately|hit|grabbed|pushed|shoved|slapped', 'problem', 'conduct', 2, { byRole: true }),

  // privacy
  ...zh('隐私|泄露|泄漏|个人信息|骚扰电话|推销', 'topic', 'privacy', 5),
  ...zh('帘子|屏风|授权|围观|围着看|床头卡|单位领导', 'topic', 'privacy', 4),
  re('别人都能看到', /(?:谁都|别人|路过的人|旁人)(?:都)?能?(?:看到|看见|听到|听见)|(?:被别人|全被|都被)[^，。！？]{0,4}(?:看到|听到|听见|看见)|都听见了|都听到了/, 'zh', 'topic', 'privacy', 4),
  ...zh('征求|同意|实习生|照片|全名|姓名|邻居|亲戚|信息', 'topic', 'privacy', 2),
  ...en('privacy|confidential*|leak*|personal information|curtain*|consent|out loud|employer', 'topic', 'privacy', 4),
  ...en('medical records|records|see everything', 'topic', 'privacy', 2),

  // waiting times
  re('等了…小时', new RegExp(`(?:等|排|候)[^，。！？；]{0,8}?${NUM}+(?:个)?(?:多)?(?:小时|钟头|分钟|天|周|星期|个月)`), 'zh', 'topic', 'waiting', 4),
  re('…了N小时', new RegExp(`了[^，。！？；]{0,3}?${NUM}+(?:个)?(?:多)?(?:小时|钟头)`), 'zh', 'topic', 'waiting', 2),
  ...zh('排长队|等太久|干等|等不起|候诊|排队|轮到|等待', 'topic', 'waiting', 3),
  ...zh('等了|等到|排到|太久|好久|很久|一上午|一整天|从早上|迟到|只开了', 'topic', 'waiting', 2),
  ...zh('等|排|半天', 'topic', 'waiting', 1),
  ...zh('慢', 'problem', 'waiting', 2),
  ...en('waited|wait|waiting|queue*|queuing', 'topic', 'waiting', 3),
  re('n hours', /(?<![a-z0-9])(?:\d+|an?|one|two|three|four|five|six|several)\s+(?:hours?|minutes?)(?![a-z])/, 'en', 'topic', 'waiting', 2),
  re('seen until', /(?<![a-z])seen\s+(?:until|at)\s+\d/, 'en', 'topic', 'waiting', 3),
  ...en('whole morning|whole day|delay*|for hours', 'topic', 'waiting', 2),
  ...en('slow', 'problem', 'waiting', 2),

  // people
  ...zh('护士|护工', 'role', 'nursing', 2, { roleOf: 'nursing' }),
  ...zh('医生|大夫|主任|医师|主治', 'role', 'clinical', 1, { roleOf: 'staff' }),
  ...zh('工作人员|窗口|保安|师傅|保洁', 'role', undefined, 0, { roleOf: 'staff' }),
  ...zh('家属|病人|患者|隔壁床', 'role', undefined, 0, { roleOf: 'public' }),
  ...en('nurse*', 'role', 'nursing', 2, { roleOf: 'nursing' }),
  ...en('doctor*|physician*', 'role', 'clinical', 1, { roleOf: 'staff' }),
  ...en('staff|guard|security|receptionist|clerk', 'role', undefined, 0, { roleOf: 'staff' }),
  ...en('patients|patient|relatives|visitors', 'role', undefined, 0, { roleOf: 'public' }),

  // evaluation without a category
  ...zh('不满意|差|不好|太差|糟糕|失望|投诉|有问题|不行|错', 'problem', undefined, 0),
  ...zh('满意|很好|挺好|不错|耐心|热情|感谢|谢谢|辛苦|细心|温柔|认真|负责|专业|周到|干净|很快|及时', 'praise', undefined, 0),
  ...en('bad|terrible|awful|poor|disappointed|wrong', 'problem', undefined, 0),
  ...en('great|wonderful|kind|thank*|lovely|helpful|friendly|excellent|good|patient and', 'praise', undefined, 0),

  // places that contain a shorter scoring word
  ...en('waiting room|waiting area', 'neutral', undefined, 0),
  ...zh('等一下|等等|排在|特别|区别|别人|别的|吓坏|气坏|累坏|急坏', 'neutral', undefined, 0),
];

// Safety signals: matched on their own pass, never negated (a reviewer reads a false alarm in a minute;
// a missed one can cost a life). Idioms that contain a signal word are listed so that they block it
// (longest match first): 热死了 / 笑死 / 死板 / 死机 are not deaths, 开刀 / 刀口 are surgery, 动手术 is an
// operation, 骚扰电话 is a sales call. Everything else with 死 counts as a death: recall first.

function sz(list: string, kind: SafetyKind | undefined): SafetyEntry[] {
  return words(list).map((w) => ({ label: w, pattern: zhPattern(w), lang: 'zh', kind }));
}
function se(list: string, kind: SafetyKind | undefined): SafetyEntry[] {
  return words(list).map((w) => ({ label: w, pattern: enPattern(w), lang: 'en', kind }));
}
function sre(label: string, pattern: RegExp, lang: 'zh' | 'en', kind: SafetyKind | undefined): SafetyEntry {
  return { label, pattern: new RegExp(pattern.source, 'g'), lang, kind };
}

const FAMILY = '爸|妈|父亲|母亲|老人|奶奶|爷爷|外婆|外公|姥姥|姥爷|老公|丈夫|妻子|老婆|孩子|儿子|女儿|宝宝|哥|姐|弟|妹';
const PEOPLE = '我|他|她|人|我们|他们|患者|病人|家属|护士|医生|老人|孩子|小孩|我妈|我爸|老婆|老公';

export const SAFETY_LEXICON: readonly SafetyEntry[] = [
  ...sz('自杀|轻生|不想活|活不下去|活着没意思|活着没意义|想死|寻死|跳楼|跳河|跳江|上吊|结束生命|结束自己|一了百了|不如死了|吞药|喝农药', 'suicide'),
  // indirect phrasings: hopelessness, jumping, "a burden", "better off gone"
  ...sz('活着没劲|没有活路|没活路|撑不下去|熬不下去|活够了|不想拖累|拖累家里|去死|死了算了|死了就好|离开这个世界|解脱|遗书|农药|煤气|烧炭|卧轨|跳下去|跳下来|从楼上|从窗户|从阳台|楼顶', 'suicide'),
  sre('划手腕', /(?:手腕|手臂|胳膊|大腿|小腿|皮肤|身上)[^，。！？；]{0,4}(?:划|割|烫|刺|扎)|(?:划|割|烫)(?:了|破|伤)?(?:自己|手腕|手臂|胳膊)/, 'zh', 'self-harm'),
  sre('没醒过来', /手术台上[^，。！？；]{0,4}没(?:能)?下来|(?:没|没有|再也没|再没)(?:能)?(?:醒过来|醒来|挺过|熬过|撑过)/, 'zh', 'death'),
  ...sz('撑不住|拖累|早点走|早点解脱|准备好了药|挂在门上|打了个结|勒死|吊死', 'suicide'),
  ...sz('烟头烫|自己弄的|自己割的|自己划的', 'self-harm'),
  ...sz('咽气|断气|没气了|没有了呼吸|胎停|流产|死胎', 'death'),
  sre('抽他', new RegExp(`(?:抽|拧|掐|扇|踢|踹|戳)(?:了)?(?:${PEOPLE}|${FAMILY})`), 'zh', 'violence'),
  sre('攒药', /(?:攒|吞|一把|一瓶|整瓶|一整瓶|很多|好多|一大把)[^，。！？；]{0,3}(?:安眠药|药片|药)/, 'zh', 'suicide'),
  sre('不想…活', /不想(?:再)?(?:继续)?活|活不(?:成|了)了|活着(?:还)?有什么(?:意思|意义|用)|活着(?:真)?(?:没|没有)(?:意思|意义|盼头|劲)/, 'zh', 'suicide'),
  ...sz('割腕|自残|自伤|伤害自己|划伤自己|划自己|撞墙|割手|划手|烫自己|打自己|掐自己|咬自己|用头撞|拿头撞|撞头|划伤|割伤', 'self-harm'),
  ...sz('虐待|性骚扰|骚扰|猥亵|性侵|强奸|动手动脚|摸我|乱摸|摸她|摸他|偷摸|揩油|占便宜|家暴|绑在床上|绑起来', 'abuse'),
  ...sz('殴打|打人|打架|动手|推搡|推了我|威胁|恐吓|砍|捅|刀|杀|报复|弄死|掐|扇耳光|耳光|追着|揍|踹|拳头|挥拳|棍|砖头|砸|酒瓶|伤人|医闹|袭击|行凶|围攻|勒脖子|掐脖子|抓伤|咬人|同归于尽|不放过|要你好看', 'violence'),
  sre('打+人', new RegExp(`(?:打|揍|踢|扇)了?(?:${PEOPLE})(?!电话|的电话|招呼|针)`), 'zh', 'violence'),
  sre('被…打', /被[^，。！？；]{0,8}?(?:打|揍|踢|砸)(?!针|电话|扰)/, 'zh', 'violence'),
  sre('把…打了', /把[^，。！？；]{1,8}?(?:打|揍|踢)(?:了|伤|倒|死)/, 'zh', 'violence'),
  ...sz('去世|过世|病故|病逝|离世|逝世|身亡|猝死|死亡|死了|人没了|人就没了|没抢救过来|没救过来|救不回来|没救回来|抢救无效|太平间|遗体|尸体|后事|丧事|停止呼吸|没了呼吸|没有心跳|离开了我们|离开我们|死', 'death'),
  // 走了 / 没了 ("gone") are deaths only after a person in the same clause: 人就走了, 我妈昨天走了, 孩子没了.
  // This also flags "我妈的药没有了": accepted, recall first.
  sre('人走了', new RegExp(`(?:人|${FAMILY})(?:[^，。！？；]{0,4}?)(?:就|已经|也|都)?走了|(?:人|${FAMILY})(?:[^，。！？；]{0,10}?)(?:就|已经|也|都)?(?:没了|没有了)`), 'zh', 'death'),
  ...se('suicid*|kill myself|kill himself|kill herself|kill themselves|end my life|end his life|end her life|ending my life|ending his life|ending her life|take my own life|want to die|wants to die|wanted to die|don\'t want to live|overdose*', 'suicide'),
  ...se('no point going on|no point in living|no point living|can\'t go on|cannot go on|better off dead|better off without me|end it all|not want to be here|don\'t want to be here|not worth living|jump off|jump from|hang myself|hanged|sleeping pills|no reason to live|wish i was dead|wish i were dead|never wake up|better off without|on purpose|swallowed|took all|whole packet|whole bottle', 'suicide'),
  ...se('self-harm|self harm|self-harming|hurt myself|hurt himself|hurt herself|harm myself|harming herself|harming himself|harming myself|cut myself|cut himself|cut herself|cutting myself|cutting herself|cutting himself|burn myself|burning herself|burning himself', 'self-harm'),
  sre('cutting her arms', /(?<![a-z])cut(?:s|ting)?\s+(?:my|his|her|their)\s+(?:arms?|wrists?|legs?|skin|thighs?)(?![a-z])/, 'en', 'self-harm'),
  ...se('abuse*|abusing|harass*|molest*|rape*|sexual*|groped|inappropriately', 'abuse'),
  ...se('assault*|attack*|threat*|violen*|knife|stab*|punch*|slap*|kick*|beat me|beat him|beat her|beaten|shoved|pushed me|strangl*|choked|weapon|pinch*|bruis*|scratched|bit her|bit him|screamed at', 'violence'),
  sre('hit someone', /(?<![a-z])hit(?:s|ting)?\s+(?:me|him|her|us|them|my|his|our)(?![a-z])/, 'en', 'violence'),
  sre('kill someone', /(?<![a-z])kill(?:s|ed|ing)?(?!\s+(?:myself|himself|herself|themselves))(?![a-z])/, 'en', 'violence'),
  ...se('died|dead|death|passed away|pass away|passed on|deceased|dying|morgue|stillborn|funeral|didn\'t make it|did not make it|lost my father|lost my mother|lost my husband|lost my wife|lost my son|lost my daughter|lost our baby|stopped breathing|no pulse|resuscitat*|cardiac arrest|lost the baby|lost our baby|lost her baby|miscarr*|stillbirth', 'death'),

  // idioms that block the words above (kind undefined)
  ...sz('死板|死机|死角|死活|死心|死贵|死等|笑死|要死不活|开刀|刀口|主刀|动刀|刀疤|动手术|骚扰电话|骚扰短信|杀菌|杀毒|消杀|鬼门关|走了一趟|走了好几|走了几|走了半天|就走了吧|跑了一趟|搞砸|砸了招牌|追着问|追着医生问|追着护士问|打针|打自己的脸', undefined),
  sre('X死了', /(?:热|冷|饿|累|困|渴|吵|烦|气|急|挤|臭|闷|忙|慢|吓|疼|痛|难受|麻烦|丑|懒|笨|晒|冻|憋|痒|酸)死(?:了|人|我|啦)?/, 'zh', undefined),
  ...se('dead tired|dead end|deadline|bored to death|scared to death|dying to|to die for|sick to death', undefined),
];

// ---------------------------------------------------------------------------------------------------------
// The classifier. Deterministic and explainable: the same text always gives the same result, and every
// point of every score comes from a term listed in `terms`.
//
// 1. Normalise: NFKC (full-width letters and digits to half-width) and lower case.
// 2. Match: every entry's matches are collected, then accepted longest first (ties: earlier, then lexicon
//    order), so a match never overlaps an accepted one. Compounds that contain a negator as part of the
//    complaint word (不耐烦, 不理人, 不专业, 不负责, 不满意, 没人管) are whole terms and win over their
//    parts, before any negation is looked for; "不满意" never leaves a "满意" behind.
// 3. Negate problem and praise words (never topics, roles or safety words): in Chinese when a negator
//    (不 没 没有 无 未 别 并非 不是 毫无) sits within 4 characters before the word in the same clause, not
//    reaching past another matched term ("没有态度不好", "不是很差"); in English when not / no / never /
//    nobody / without / a word ending in n't is among the 3 words before it in the same clause.
// 4. Attribute attitude words (凶, 不耐烦, rude) by role: to nursing when the first person named in their
//    clause (or, if none, the nearest earlier clause naming someone) is a nurse, carer, guidance-desk or
//    escort; to nobody when it is a patient or relative; otherwise to their own category (conduct).
// 5. Score: live (not negated) topic and problem words add their weight to their category. A clause whose
//    only evaluation is praise routes nothing; a person's name scores only beside a live word, or when
//    nothing else scored at all (then the complaint is about that person: 护士 → nursing, 医生 → clinical).
// 6. Choose the highest score; on a tie the earlier category in TIE_BREAK; `other` when nothing scored.
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

export interface ClassifiedTerm {
  /** The text as matched (normalised). */
  term: string;
  /** The category it scored for (after role attribution); absent for evaluation words and safety signals. */
  category?: Category;
  /** What it added to that category's score: 0 when negated or in a praise-only clause. */
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

function acceptLongestFirst<E extends { readonly pattern: RegExp }>(text: string, entries: readonly E[]): Hit<E>[] {
  const candidates: Hit<E>[] = [];
  entries.forEach((entry, order) => {
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

const ZH_NEGATOR = /不|没|无|未|别|并非|毫无/;
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
    return ZH_NEGATOR.test(window);
  }
  let from = hit.start;
  while (from > 0 && clauseOf[from - 1] === clause) from--;
  const before = text.slice(from, hit.start).split(/[^a-z']+/).filter((w) => w.length > 0).slice(-EN_WINDOW);
  return before.some((w) => EN_NEGATORS.has(w) || w.endsWith("n't") || /^(?:is|was|were|are|did|do|does|could|would|had|has|have)nt$/.test(w));
}

function emptyScores(): Record<Category, number> {
  return { clinical: 0, nursing: 0, billing: 0, pharmacy: 0, facilities: 0, 'infection-control': 0, 'appointments-it': 0, conduct: 0, privacy: 0, waiting: 0, other: 0 };
}

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Which safety signals a text carries. Never negated: "我没想自杀" still reaches a person who can ask. */
export function safetySignals(text: string): { kinds: SafetyKind[]; terms: ClassifiedTerm[] } {
  const normalised = normalise(text);
  const hits = acceptLongestFirst(normalised, SAFETY_LEXICON).filter((h) => h.entry.kind !== undefined);
  const kinds = SAFETY_KINDS.filter((kind) => hits.some((h) => h.entry.kind === kind));
  return { kinds, terms: hits.map((h) => ({ term: h.text, weight: 0, negated: false, safetyKind: h.entry.kind })) };
}

export function classify(text: string): Classification {
  const normalised = normalise(text);
  const clauseOf = clauses(normalised);
  const hits = acceptLongestFirst(normalised, LEXICON).filter((h) => clauseOf[h.start] !== -1);
  const covered = new Array<boolean>(normalised.length).fill(false);
  for (const h of hits) covered.fill(true, h.start, h.end);

  const negated = hits.map((h) => (h.entry.kind === 'problem' || h.entry.kind === 'praise') && isNegated(normalised, h, clauseOf, covered));
  const clauseOfHit = (h: Hit<LexiconEntry>) => clauseOf[h.start] ?? 0;
  const live = (i: number) => negated[i] !== true;

  const praiseOnly = new Set<number>();
  const clauseIds = new Set(hits.map(clauseOfHit));
  for (const clause of clauseIds) {
    const inClause = hits.map((h, i) => ({ h, i })).filter(({ h }) => clauseOfHit(h) === clause);
    const praised = inClause.some(({ h, i }) => h.entry.kind === 'praise' && live(i));
    const complained = inClause.some(({ h, i }) => h.entry.kind === 'problem' && live(i));
    if (praised && !complained) praiseOnly.add(clause);
  }

  const roles = hits.filter((h) => h.entry.roleOf !== undefined);
  const roleFor = (hit: Hit<LexiconEntry>): RoleOf => {
    const clause = clauseOfHit(hit);
    const inClause = roles.find((r) => clauseOfHit(r) === clause);
    if (inClause !== undefined) return inClause.entry.roleOf ?? 'staff';
    const earlier = roles.filter((r) => r.start < hit.start);
    const last = earlier[earlier.length - 1];
    if (last === undefined) return 'staff';
    return roles.find((r) => clauseOfHit(r) === clauseOfHit(last))?.entry.roleOf ?? 'staff';
  };
  const categoryOf = (hit: Hit<LexiconEntry>): ScoredCategory | undefined => {
    if (hit.entry.byRole !== true) return hit.entry.category;
    const role = roleFor(hit);
    if (role === 'nursing') return 'nursing';
    if (role === 'public') return undefined;
    return hit.entry.category;
  };

  const scores = emptyScores();
  const terms: ClassifiedTerm[] = [];
  const weights = hits.map((h, i) => {
    const category = categoryOf(h);
    if (category === undefined || !live(i) || praiseOnly.has(clauseOfHit(h))) return 0;
    if (h.entry.kind === 'topic' || h.entry.kind === 'problem') return h.entry.weight;
    return 0;
  });
  hits.forEach((h, i) => {
    if (h.entry.kind !== 'role' || praiseOnly.has(clauseOfHit(h)) || categoryOf(h) === undefined) return;
    const beside = hits.some((other, j) => j !== i && clauseOfHit(other) === clauseOfHit(h) && other.entry.kind !== 'role' && (weights[j] ?? 0) > 0);
    if (beside) weights[i] = h.entry.weight;
  });
  // A complaint that names only a person (留置针肿了跟护士说了两次都没来看) goes to that person's area;
  // a comment whose only evaluation is praise or a negated complaint ("医生没有态度不好…整体满意") does not.
  const praised = hits.some((h, i) => h.entry.kind === 'praise' && live(i));
  const complained = hits.some((h, i) => h.entry.kind === 'problem' && live(i));
  if (!weights.some((w) => w !== 0) && (complained || !praised)) {
    hits.forEach((h, i) => {
      if (h.entry.kind === 'role' && !praiseOnly.has(clauseOfHit(h)) && categoryOf(h) !== undefined) weights[i] = h.entry.weight;
    });
  }
  hits.forEach((h, i) => {
    if (h.entry.kind === 'neutral') return;
    const category = categoryOf(h);
    const weight = weights[i] ?? 0;
    if (category !== undefined) scores[category] += weight;
    terms.push({ term: h.text, ...(category === undefined ? {} : { category }), weight, negated: !live(i) });
  });

  let category: Category = 'other';
  let best = 0;
  for (const candidate of TIE_BREAK) {
    if (scores[candidate] > best) {
      best = scores[candidate];
      category = candidate;
    }
  }

  const safety = safetySignals(text);
  const harm = hits.some((h, i) => h.entry.harm === true && live(i));
  const severity: Severity = safety.kinds.length > 0 ? 'critical'
    : harm ? 'high'
      : category === 'conduct' || category === 'privacy' ? 'medium'
        : 'low';

  return { category, severity, safetySignal: safety.kinds.length > 0, safetyKinds: safety.kinds, terms: [...terms, ...safety.terms], scores };
}
