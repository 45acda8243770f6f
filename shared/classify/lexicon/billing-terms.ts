import type { TermGroup } from './lexicon-entry.ts';
import { C, en, NUM, re, zh } from './term-builders.ts';

// billing: registration and billing windows, fees, insurance
export const BILLING_TERMS: readonly TermGroup[] = [
  zh('多收|乱收费|重复收费|收了钱|医保|报销|退费|发票|押金|结算|新农合|收费|费用|住院费|床位费|挂号费|药费|工本费|加急费|检查费|收费标准|明码标价|乱收|结账|清单|一日清单|退钱|退款', 'topic', 'billing', 3),
  re('X费', /(?:护理|护工|陪护|陪床|材料|耗材|手术|诊疗|治疗|化验|检验|诊查|诊金|床位|住院|挂号|检查|药|餐|伙食|停车|服务|麻醉|抢救|监护|空调|急诊|门诊|专家|输液|注射|换药|针|冷暖|取暖|押金)费/, 'zh', 'topic', 'billing', 3),
  re('收了N次', new RegExp(`收了(?:${NUM}+|好几)次|多(?:了|收了)${NUM}+(?:块|元|百|千)|(?:[0-9]+|[两三四五六七八九十百千几]${NUM}*)(?:块|元)(?:钱)?|一块钱|一元|(?:一|每)[\u4e00-\u9fff]{1,2}(?:一块|一元)|${NUM}+(?:万|千)(?:块|元)?`), 'zh', 'topic', 'billing', 2),
  zh('到账|没到账|套餐|加了好几项|多了好几项|加收|另收|额外收|多扣|扣错|重复扣|扣了两次|乱扣|隐形收费|预交金|预缴金|预存|分期|付不起|交不起|没钱|多算|便宜|差价|价格不一样|贵一倍|贵了', 'topic', 'billing', 3),
  re('退个费', new RegExp(`退${C}{0,2}(?:费|钱|款)`), 'zh', 'topic', 'billing', 3),
  zh('财务科|财务', 'topic', 'billing', 2),
  re('发票开错', new RegExp(`(?:发票|抬头|收据)${C}{0,4}(?:开错|写错|错了)|(?:单位|公司)?${C}{0,2}报不了|报销不了`), 'zh', 'topic', 'billing', 4),
  zh('收钱|收的是|收成|收我|缴费|交费|交钱|自费|收费员|余额|扣了|扣费|明细|算错|算账|价格|花了|账单|杀价|砍价|讨价还价|坑钱|宰人|被宰|抢钱|收据|划价', 'topic', 'billing', 2),
  zh('费|钱|挂号', 'topic', 'billing', 1),
  zh('贵|不合理|不透明', 'problem', 'billing', 2),
  en('billed|overcharg*|charged twice|double charged|hidden fee*|surprise bill|refund*|invoice*|insurance|cashier|billing|bill|fees|fee|rip-off|ripped off|price list|deposit|receipt*|copay', 'topic', 'billing', 3),
  en('charged|charge*|payment|price*|cost*|claim|yuan|paid', 'topic', 'billing', 2),
  en('expensive|overpriced', 'problem', 'billing', 2),
];
