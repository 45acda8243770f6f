import type { TermGroup } from './lexicon-entry.ts';
import { C, en, NUM, re, WAIT, zh } from './term-builders.ts';

// waiting times
export const WAITING_TERMS: readonly TermGroup[] = [
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
  zh('排长队|等太久|干等|等不起|候诊|排队|轮到|等待|等床|等床位|住不进|排不上|迟迟|一直等|磨蹭|等病房|等的时间|等候时间|躺了一个晚上|躺了一夜|耽误事|耽误时间|浪费时间|拖拖拉拉|效率低|效率太低|慢吞吞|等到天亮|等了一夜', 'topic', 'waiting', 3),
  zh('等了|等到|排到|太久|好久|很久|一上午|一下午|一整天|一个上午|从早上|要等|才看上|才轮到', 'topic', 'waiting', 2),
  zh('等|排|半天', 'topic', 'waiting', 1),
  zh('慢', 'problem', 'waiting', 2),
  en('waited|wait*|queue*|queuing|kept waiting|still waiting|took ages|forever|earliest|next month', 'topic', 'waiting', 3),
  re('n hours', /(?<![a-z0-9])(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many)(?:\s+and\s+a\s+half)?\s+hours?(?![a-z])/, 'en', 'topic', 'waiting', 2),
  en('only one window|one window|never ready|wasn\'t ready|not ready|before anyone|before anybody|before a doctor|before being seen|come back three times|come back twice|operation date|surgery date|nobody has called|no one has called|still no date|without seeing anyone|without being seen|left at', 'topic', 'waiting', 3),
  re('n minutes', /(?<![a-z0-9])(?:\d+|one|two|three|four|five|ten|twenty|thirty|forty|fifty|sixty|ninety)\s+minutes?(?![a-z])/, 'en', 'topic', 'waiting', 1),
  re('from 9 till 1', /(?<![a-z])from\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?\s+(?:till|until|to|til)\s+(?:nearly\s+|almost\s+|after\s+)?\d/, 'en', 'topic', 'waiting', 3),
  re('it took weeks', /(?<![a-z])(?:took|takes|take|taking|it's been|it has been|been waiting|waited)\s+(?:\w+\s+){0,2}?(?:weeks|months|days|hours)(?![a-z])/, 'en', 'topic', 'waiting', 4),
  re('seen until', /(?<![a-z])seen\s+(?:until|till|til|before|at)\s+(?:after\s+)?\d/, 'en', 'topic', 'waiting', 3),
  en('on hold|hold music', 'topic', 'waiting', 3),
  en('on a trolley|no beds|no bed', 'topic', 'waiting', 3),
  en('in the corridor|overnight', 'topic', 'waiting', 2),
  re("can't be seen for", /(?<![a-z])(?:can't|cannot|couldn't|won't|not)\s+(?:be\s+)?seen\s+for(?![a-z])/, 'en', 'topic', 'waiting', 4),
  en('whole morning|whole day|delay*|for hours|all day|all morning|all afternoon|sitting in the corridor', 'topic', 'waiting', 2),
  en('slow|late', 'problem', 'waiting', 2),
];
