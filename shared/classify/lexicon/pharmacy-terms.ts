import type { TermGroup } from './lexicon-entry.ts';
import { en, zh } from './term-builders.ts';

// pharmacy: dispensing, stock and medication advice
export const PHARMACY_TERMS: readonly TermGroup[] = [
  zh('发错药|拿错药|抓错药|配错药|发错了药|抓错了药|用错药|给错药|给错了药|配错了', 'topic', 'pharmacy', 5, { harm: true, byNurse: true }),
  zh('药房|药剂|药师|中药房|药学|缺药|缺货|过期|有效期|代煎|煎药|断货|没有这个药|外面买|外购', 'topic', 'pharmacy', 4),
  zh('用法|用量|剂量|副作用|不良反应|怎么吃|吃几次|饭前|饭后|空腹吃|忌口|禁忌', 'topic', 'pharmacy', 4, { byPrescriber: true }),
  zh('发药|给药', 'topic', 'pharmacy', 2, { byNurse: true }),
  zh('外配处方|外配', 'topic', 'pharmacy', 4),
  zh('少给|漏发|少发|多发|给少了|少了一盒|药不够', 'topic', 'pharmacy', 3),
  zh('颗粒|剂型|片剂|胶囊|口服液|糖浆|取药|拿药|配药|说明书|药片|药盒|药袋|口服|外用|怎么保存|药品|中药|西药|牌子', 'topic', 'pharmacy', 2),
  zh('药|药店|止痛药|止疼药|止痛针', 'topic', 'pharmacy', 1),
  en('wrong medication|wrong dose|wrong drug|wrong pills|wrong tablets|wrong strength', 'topic', 'pharmacy', 5, { harm: true }),
  en('pharmac*|dispens*|out of stock', 'topic', 'pharmacy', 4),
  en('dose|dosage|side effects', 'topic', 'pharmacy', 4, { byPrescriber: true }),
  en('pills|medication*|medicine*|prescription*|drug*|antibiotics|tablets|insulin', 'topic', 'pharmacy', 2, { byPrescriber: true }),
  en('label|inhaler', 'topic', 'pharmacy', 2),
];
