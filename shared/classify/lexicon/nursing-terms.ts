import type { TermGroup } from './lexicon-entry.ts';
import { C, en, NUM, re, zh } from './term-builders.ts';

// nursing: nurses, carers, the guidance desk and escorts, and the bedside care they give
export const NURSING_TERMS: readonly TermGroup[] = [
  zh('护士长|护工|导诊|陪检|分诊|预检分诊', 'topic', 'nursing', 3, { roleOf: 'nursing' }),
  zh('交接班|呼叫铃|呼叫器|按铃|床头铃|扎针|翻身|交班|宣教|护理不到位|巡视|巡房|喂饭|输液泵|留置针|跑针|鼓包|擦身|导尿|尿管|褥疮|压疮|不干活|不管不问|按了铃|核对|查对|三查七对|没人扶|扶我|扶她|扶他', 'topic', 'nursing', 3),
  // A template, not a regex literal: inside /…/ `${C}` is not the clause character class but end-of-text
  // and braces, so until 5 December the Chinese half never matched.
  re('helped to the toilet', new RegExp(`(?<![a-z])help\\w*\\s+(?:\\w+\\s+){0,3}(?:to|into|onto)\\s+the\\s+(?:toilet|bathroom|loo|commode)(?![a-z])|(?:扶|搀)${C}{0,3}(?:去|上)(?:厕所|卫生间)`), 'zh', 'topic', 'nursing', 5),
  // restraint is a ward decision; a problem word so that it still scores inside the safety phrase that flags it
  zh('绑在床上|约束带|被绑|绑着|捆着|捆在', 'problem', 'nursing', 3),
  zh('护理|打针|挂水|吊瓶|输液|换药|拔针|回血|没人管|不及时|针眼|量血压|测体温|拔管|不让进|不让家属|不让探视', 'topic', 'nursing', 2),
  zh('抽血|夜班|禁食|探视', 'topic', 'nursing', 1),
  re('按了三次铃', new RegExp(`按了?${NUM}*次?铃`), 'zh', 'topic', 'nursing', 3),
  zh('皮试', 'topic', 'nursing', 2),
  en('carer|caregiver|help desk|healthcare assistant|midwife|midwives|matron|porter*', 'topic', 'nursing', 3, { roleOf: 'nursing' }),
  en('call bell|nursing|vein|buzzer|cannula|bedpan|commode|bed sore*|pressure sore*', 'topic', 'nursing', 3),
  en('ignored|iv|drip|night shift|dressing|injection', 'topic', 'nursing', 2),
  // restraint and sedation are ward decisions; the bell and what is left out of reach are bedside care
  en('strapped|restrained|tied down|tied to the bed|sedated', 'problem', 'nursing', 4),
  en('bell|out of reach|couldn\'t reach|could not reach', 'topic', 'nursing', 3),
];
