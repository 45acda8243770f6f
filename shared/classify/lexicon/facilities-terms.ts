import type { TermGroup } from './lexicon-entry.ts';
import { C, en, re, zh } from './term-builders.ts';

// facilities: meals, toilets and cleaning, smoking, parking, the building, security
export const FACILITIES_TERMS: readonly TermGroup[] = [
  re('订的餐', new RegExp(`(?:订的)?(?:餐|饭)${C}{0,8}(?:没送|还没送|送晚|送错)|订的(?:餐|饭)`), 'zh', 'topic', 'facilities', 4),
  zh('订餐|抽烟|吸烟|烟味|停车|停车场|车位|蟑螂|老鼠|饭菜|食堂|饭堂', 'topic', 'facilities', 4),
  zh('wifi|网速|罚单|贴条|车停|不能停|地方停|停不了|没处停|挪车', 'topic', 'facilities', 4),
  en('wi-fi', 'topic', 'facilities', 4),
  zh('厕所|卫生间|洗手间|异味|空调|暖气|电梯|热水|开水|饮水机|充电|窗户|指示牌|标识|垃圾桶|保洁|打扫|扶手|无障碍|门锁|加床|陪护椅|陪护床|陪床|发霉|漏水|噪音|安保|外放|难吃|蚊子|卫生死角|马桶|卫生纸|纸巾|拖地|地滑|滑倒|警示牌|积水|地面|轮椅|平车|椅子|座位|坐的地方|休息的地方|小卖部|超市|外卖|开水房|路标|楼梯|施工|装修|床垫|枕头|被褥|信号|折叠椅|躺椅|折叠床|行军床|打呼噜|呼噜|淋浴|洗澡|洗澡间|杂物|病号饭|营养餐|太油|油腻|太咸|太淡|不新鲜|护栏|床栏|臭虫|虫子|霉味|漏雨|天花板|墙皮|插座|电视|窗帘|柜子|水龙头|下水道|堵了|冲不下去|没纸', 'topic', 'facilities', 3),
  re('半夜吵', new RegExp(`(?:半夜|深夜|晚上|夜里)(?:(?!护士|医生|护工)${C}){0,4}(?:吵|打电话|说话|大声|看视频|外放|聊天)`), 'zh', 'topic', 'facilities', 3),
  zh('环境|被子|床单|灯|坏了|送餐|吃的|餐|警察|找不到路|绕了', 'topic', 'facilities', 2),
  re('保安不管', new RegExp(`保安${C}{0,6}(?:躲|不管|没来|才到|才来|不在|没人|半天|也不|都不|看着|在旁边|站着|不拦|没拦)|安保`), 'zh', 'topic', 'facilities', 3),
  zh('睡不着|休息不好|饭|报警', 'topic', 'facilities', 1),
  zh('坏的|坏掉|损坏|失灵', 'topic', 'facilities', 2),
  zh('大声|声音太大|吵醒', 'problem', 'facilities', 2, { byNurse: true }),
  zh('脏|臭|吵|挤|冷|热|窄', 'problem', 'facilities', 2, { byNurse: true }),
  en('smok*|parking|car park|toilet*|cockroach*|food|meal*|cafe|cafeteria|canteen|vending machine*', 'topic', 'facilities', 4),
  en('bathroom*|restroom*|lift|elevator*|noise|air conditioning|heating|cleaning|toilet paper|signage|signs|wheelchair*|police|chair|fold-out|camp bed|pillow*|blanket*|shower*|soap', 'topic', 'facilities', 3),
  en('filthy|dirty|smell*|noisy|broken|freezing|cold', 'problem', 'facilities', 2),
  en('security', 'topic', 'facilities', 2),
  en('nowhere to sit|nowhere for|no seats|no chairs|stood for', 'topic', 'facilities', 4),
  en('out of order|stairs', 'topic', 'facilities', 3),
  // a queue for a facility is about the facility: "the queue for the lift", 等电梯
  re('queue for the lift', /(?<![a-z])(?:queue|queues|wait|waiting|waited)\s+for\s+(?:the\s+|a\s+)?(?:lifts?|elevators?|toilets?|showers?|microwave|kettle|parking|car\s+park)(?![a-z])|等电梯|排队上厕所/, 'zh', 'topic', 'facilities', 4),
];
