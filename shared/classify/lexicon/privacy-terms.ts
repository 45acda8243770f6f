import type { TermGroup } from './lexicon-entry.ts';
import { C, en, re, zh } from './term-builders.ts';

// privacy
export const PRIVACY_TERMS: readonly TermGroup[] = [
  zh('隐私|泄露|泄漏|个人信息|骚扰电话|推销|身份证号|身份证号码|手机号|电话号码|家庭住址|偷拍|朋友圈', 'topic', 'privacy', 5),
  re('大声讲病情', new RegExp(`(?:大声|当众|当着${C}{1,8}的面|走廊里|大厅里|门口)${C}{0,6}(?:讲|说|念|问|喊|公布|议论|读)${C}{0,6}(?:病情|病(?![人房号床区友])|诊断|结果|检查|化验|报告|隐私|怀孕|流产|艾滋|hiv|性病|精神)`), 'zh', 'topic', 'privacy', 5),
  re('显示全名', new RegExp(`显示${C}{0,3}(?:全名|名字|姓名|诊断|病情|身份证)|谁(?:看到|听到|路过)都|贴在(?:走廊|门口|墙上)|一览表|公示`), 'zh', 'topic', 'privacy', 5),
  zh('别人的病历|别人的报告|抖音|直播|视频号|拍视频', 'topic', 'privacy', 4),
  re('短信里写诊断', new RegExp(`(?:短信|微信|电话|信封|快递|明信片)${C}{0,8}(?:诊断|病情|检查结果|化验结果|hiv|报告内容)|知道我${C}{0,4}(?:检查结果|病情|诊断|住院)|(?:别的|其他|还有)(?:病人|人)(?:在场|在旁边|在)`), 'zh', 'topic', 'privacy', 5),
  re('连我得什么病都知道', new RegExp(`(?:连|都)${C}{0,3}(?:得|生|有)(?:了)?(?:什么|啥)病(?:都)?知道|知道(?:我|他|她)(?:得|生)(?:了)?(?:什么|啥)病`), 'zh', 'topic', 'privacy', 5),
  re('接到推销电话', new RegExp(`接到${C}{0,10}(?:推销|卖|广告|保险|保健品|贷款|陌生)${C}{0,6}(?:电话|短信)`), 'zh', 'topic', 'privacy', 3),
  zh('脱衣服', 'topic', 'privacy', 2),
  zh('帘子|屏风|授权|围观|围着看|床头卡|单位领导|门没关|没关门|没拉帘|拍照|同事|领导', 'topic', 'privacy', 4),
  re('别人都能看到', new RegExp(`(?:谁都|别人|路过的人|旁人)(?:都)?能?(?:看到|看见|听到|听见)|(?:被别人|全被|都被)${C}{0,4}(?:看到|听到|听见|看见)|都听见了|都听到了|(?:人|谁|大家)${C}{0,6}都能?(?:看到|看见|听到|听见|翻看|翻|拿到)|周围(?:全是|都是)人|告诉了?${C}{0,3}(?:单位|同事|领导|邻居|老板|学校)|(?:什么病|哪个科|病情|的病)${C}{0,8}(?:跟|和|对|给)${C}{0,8}(?:说了|讲了|透露|说出去)|(?:的事|的事情|的情况|病情|结果)${C}{0,8}告诉(?:了)?${C}{0,3}(?:妈|爸|家里|家人|老公|老婆|父母|对象)`), 'zh', 'topic', 'privacy', 5),
  re('单位知道了', new RegExp(`(?:公司|单位|同事|领导|老板|人事|学校|老师|邻居|亲戚|村里)${C}{0,6}(?:都|也|居然|竟然|全)?知道了`), 'zh', 'topic', 'privacy', 5),
  zh('征求|同意|实习生|照片|全名|姓名|名字|信息|权利|单位', 'topic', 'privacy', 2),
  zh('邻居|亲戚', 'topic', 'privacy', 1),
  en('privacy|confidential*|leak*|personal information|personal details|curtain*|consent|out loud|employer|read out|read aloud|marketing|spam|shared my|sold my|data|overheard|in front of|wrong address|old address|opened by|sent to the wrong', 'topic', 'privacy', 4),
  en('called out|across the waiting room|full name|reason for my visit|ex-husband|ex-wife|ex-partner|my ex', 'topic', 'privacy', 4),
  re('given information about', /(?<![a-z])(?:given|gave|told|shared|passed|disclosed)\s+(?:\w+\s+){0,3}(?:information|details|results)\s+(?:about|on|of)\s+(?:my|her|his)(?![a-z])/, 'en', 'topic', 'privacy', 5),
  en('medical records|records|see everything|hiv|my number|my details|gave my number|gave my details|gave my address', 'topic', 'privacy', 2),
];
