import type { TermGroup } from './lexicon-entry.ts';
import { C, en, re, zh } from './term-builders.ts';

// infection control and hand hygiene
export const INFECTION_CONTROL_TERMS: readonly TermGroup[] = [
  zh('院内感染|交叉感染|院感|手卫生', 'topic', 'infection-control', 5, { harm: true }),
  zh('洗手|手套|消毒|口罩|洗手液|免洗|隔离|血迹|针头|重复使用|一次性|止血带|无菌|污染|传染|锐器|共用|混用|同一副|酒精', 'topic', 'infection-control', 4),
  re('同一个拖把', new RegExp(`(?:厕所|马桶)的?(?:拖把|抹布)|同一(?:个|块|把|副|根)?(?:拖把|抹布|毛巾|手套|针|止血带)|挨个(?:病人)?(?:用|擦)|轮流用|从来不擦|不擦|(?:给|帮)(?:好几个|几个|所有|每个)人`), 'zh', 'topic', 'infection-control', 5),
  re('拖完厕所拖病房', new RegExp(`拖(?:完|了)?(?:厕所|马桶|卫生间)${C}{0,6}(?:拖|擦)|拖把${C}{0,3}(?:没|不)换|(?:没|不)换拖把`), 'zh', 'topic', 'infection-control', 5),
  re('没用酒精擦', /(?:没|没有|不|未)(?:用|戴|换|做)?(?:酒精|消毒|洗手|手套|口罩)/, 'zh', 'topic', 'infection-control', 5),
  re('手没洗', new RegExp(`手${C}{0,2}(?:都|也)?(?:没|不)洗|不洗手`), 'zh', 'topic', 'infection-control', 5),
  zh('医疗垃圾|利器盒|紫外线|消毒液|没戴口罩|不戴口罩', 'topic', 'infection-control', 4),
  zh('发热病人|器械|抹布|隔开|没分开|不分开|听诊器|血压计|拖把|不卫生|棉签|发热门诊', 'topic', 'infection-control', 3),
  zh('混在一起|混在|棉球|镊子|敞着|敞开|换药车|治疗车', 'topic', 'infection-control', 3),
  zh('发热', 'topic', 'infection-control', 2),
  re('掉地上捡起来用', new RegExp(`(?:掉|落)(?:在|到)?地上${C}{0,6}(?:捡|接着用|继续用|又用|还用)|捡起来${C}{0,3}(?:接着|继续|又|还)用`), 'zh', 'topic', 'infection-control', 5),
  en('used dressings|open bin|clinical waste|sharps bin|used swabs', 'topic', 'infection-control', 4),
  en('hand hygiene|cross infection|cross-contamination|cross contamination', 'topic', 'infection-control', 5, { harm: true }),
  en('sanitizer|sanitiser|gloves|masks|mask|disinfect*|sterili*|sterile|isolation|reused|hand gel|alcohol gel|used needle*|needle*', 'topic', 'infection-control', 4),
  re('same cloth', /(?<![a-z])same\s+(?:cloth|gloves?|towel|mop|needle|cuff|tourniquet|swab|wipe)(?![a-z])/, 'en', 'topic', 'infection-control', 5),
  re('wash hands', /(?<![a-z])wash\w*\s+(?:\w+\s+)?hands(?![a-z])/, 'en', 'topic', 'infection-control', 5),
  en('infection*|contaminat*|coughing|fever|chickenpox|tb|tuberculosis', 'topic', 'infection-control', 2),
  en('used on everyone|between patients|every patient|cuff', 'topic', 'infection-control', 4),
  zh('水痘|结核|流感|新冠|传染病|麻疹|手足口|诺如', 'topic', 'infection-control', 2),
];
