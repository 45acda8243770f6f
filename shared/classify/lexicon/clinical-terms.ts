import type { TermGroup } from './lexicon-entry.ts';
import { C, en, NUM, re, zh } from './term-builders.ts';

// clinical: diagnosis, treatment, consent, what a doctor decided or explained
export const CLINICAL_TERMS: readonly TermGroup[] = [
  zh('误诊|漏诊|医疗事故|耽误治疗|延误治疗|耽误病情|延误病情|拔错|开错刀|做错手术|大出血|治坏|越治越|二次手术|手术失败|医疗纠纷|医疗差错', 'topic', 'clinical', 4, { harm: true }),
  re('查出来是', new RegExp(`(?:别的|其他|另一家|另外一家|外|省|市|上级|大)医院${C}{0,8}(?:查出|确诊|诊断|发现)|才(?:查出|确诊)|查出来是|查不出|没查出|诊断出来是|原来是`), 'zh', 'topic', 'clinical', 3),
  re('N分钟就看完', new RegExp(`${NUM}+分钟(?:就|不到|都不到)?(?:看完|就完|打发|结束|开了|开单|就开|看了|就让)|看了?(?:不到|没有)?[一两三几1-5]分钟|(?:一两|两三|三两|几|一|两)句话?就(?:打发|让|开|完|结束|把)`), 'zh', 'topic', 'clinical', 3),
  zh('诊断|病情|治疗|手术|术前|术后|并发症|麻醉|接生|复查|复诊|开刀|刀口|主刀|动手术|告知|医术|过度检查|过度治疗|经验不足|治疗方案|出院小结|出血|解释|抢救|会诊|转院|确诊|医嘱|知情同意|同意书|手术同意|签字|沟通|病因|后遗症|恶化|加重|没效果|不见好|没好转|缝针|缝合|拆线|打石膏|石膏|手艺|拍片|微创|下不了床|下不了地|走不了路|片子|化验单|检查报告|听诊|把脉|问诊|没说完|没讲完|没听完|打断|说不清|讲不清|听不明白|术语|看病难|只看电脑|没人说|没人告诉|没人解释|没有人解释|不告诉我们|没跟我们说|转icu', 'topic', 'clinical', 2),
  zh('检查|病历|看病|开药|开单|效果|风险|症状|结果|水平|感染|听不懂|讲清楚|说清楚|讲明白|匆忙|不调整|仔细|b超|彩超|ct|核磁|胃镜|肠镜|孕检|产检|胎心|激素|处方|怎么回事|诊室|门诊|急诊|住院|发烧|高烧|咳嗽|疼|痛|伤口|治不好|icu|重症监护|牙|补牙|拔牙|过敏史', 'topic', 'clinical', 1),
  re('写的…是错的', new RegExp(`写(?:的|得)${C}{0,6}(?:是)?错|没人${C}{0,2}(?:解读|解释|说明)`), 'zh', 'topic', 'clinical', 3),
  re('…炎/癌/梗', /[\u4e00-\u9fff]{1,2}(?:炎|癌|瘤|梗|结核|结石|骨折)/, 'zh', 'topic', 'clinical', 1),
  re('开了…药', new RegExp(`开了${C}{0,6}?(?:的)?(?:药|激素|吊瓶|处方)|开(?!的)${C}{1,6}?(?:的)?(?:药|激素|吊瓶|处方)`), 'zh', 'topic', 'clinical', 2),
  zh('技术', 'topic', 'clinical', 2, { byRole: true }),
  zh('写错|写的是错的|记错|记录错|解读|没回答|不回答|答非所问|讲课|延误|没看好|看不好|疗效|不对症|诊错|判断错|查错|漏查|看漏|没发现|不重视|没重视|轻视', 'topic', 'clinical', 3),
  re('耽误了', /耽误(?!事|时间|工作|上班|功夫|大家|我们时间)/, 'zh', 'topic', 'clinical', 2),
  zh('拖着不给|拖着不|一直拖|不给药|不给用药|不给止痛|不给打', 'problem', 'clinical', 2, { byRole: true }),
  zh('不专业|不负责|不认真|敷衍|打发|应付|草率|马虎|想太多|想多了|正常现象|多喝水|再观察|观察观察|回家观察|说没事|个体差异', 'problem', 'clinical', 2, { byRole: true }),
  en('misdiagnos*|malpractice|wrong diagnosis|delayed treatment|missed the|missed a|botched', 'topic', 'clinical', 4, { harm: true }),
  en('diagnos*|surgery|surgeon|operation|complication*|treatment|examined|examine|explain*|risks|symptoms|never explained|second opinion|treatment plan|follow-up|follow up|discharged too|brushed off|dismissed|didn\'t listen|did not listen|rushed', 'topic', 'clinical', 2),
  en('no answers|no explanation|nobody explained|no one explained|readmitted|without telling|set wrong|another operation|take me seriously|taken seriously|ignored my symptoms|no one listened|nobody listened|wouldn\'t listen|refused to examine|didn\'t examine|never examined|wrong leg|wrong arm|wrong side|wrong eye|never told us|refer*|didn\'t read|never read|my notes', 'topic', 'clinical', 2),
  re('discharged too early', /(?<![a-z])discharg\w*\s+(?:\w+\s+){0,3}(?:too\s+(?:early|soon)|early)(?![a-z])/, 'en', 'topic', 'clinical', 3),
  // a treatment that did not work, a test not done, what it turned out to be
  zh('都没好|还没好|一直没好|也没好|不见效|没见效|换个药试|试试看|老毛病|没做检查|不给做检查|没给做检查', 'topic', 'clinical', 2),
  re('没给我做检查', /(?:没|不)(?:给|帮)(?:我|他|她|孩子|老人)?做(?:任何|什么)?检查|连检查都没/, 'zh', 'topic', 'clinical', 3),
  en('turned out|it was actually|cancer|tumour|tumor', 'topic', 'clinical', 2),
  // a course of treatment names the doctor who prescribed it: its side effects are clinical
  zh('化疗|放疗', 'topic', 'clinical', 3, { roleOf: 'doctor' }),
  en('chemo*|radiotherapy', 'topic', 'clinical', 3, { roleOf: 'doctor' }),
  en('results|scan|mri|x-ray|ct|admitted|sent home|stroke|pneumonia|barely|fracture|consultation|test result*|condition|plan|painkillers', 'topic', 'clinical', 1),
  // Round 3. Who found out late, who did the rounds, who never looked: the person named decides (a nurse
  // who found a death in the morning is nursing; a window clerk who never looked up is conduct).
  zh('才发现|查房', 'topic', 'clinical', 3, { byRole: true }),
  zh('看都不看|头都不抬|没看一眼|看都没看|正眼都不看', 'topic', 'clinical', 2, { byRole: true, staffConduct: true }),
  // tests piled on, a doctor who never came, sent home and back again
  re('一大堆检查', new RegExp(`(?:一大堆|一堆|好多|很多|各种|一系列|十几项|好几项|一大串)${C}{0,2}(?:检查|化验|单子)`), 'zh', 'topic', 'clinical', 4),
  re('一次都没来看过', new RegExp(`(?:一次|从来|始终|一直|几天)(?:都|也)?没(?:来)?(?:看|查|管)过|(?:全|都)是实习生|实习生在(?:弄|做|看|操作)`), 'zh', 'topic', 'clinical', 3, { byRole: true }),
  re('sent me home', /(?<![a-z])(?:sent|send|sending)\s+(?:me|him|her|us|them|my\s+\w+)\s+home|(?<![a-z])discharg\w*\s+(?:me|him|her|them|us|my\s+\w+)(?![a-z])/, 'en', 'topic', 'clinical', 3),
  en('just anxiety|only anxiety|in my head|nothing wrong|days later|getting worse|got worse|no one told|nobody told|no one had told|nobody had told', 'topic', 'clinical', 2),
];
