import * as z from '../schemas/zod.ts';

// Complaint categories: the areas of the responsible-department table in domain.md (routing.ts maps each
// one to its handler). How a comment is labelled, in the labelled set and by staff correcting the
// classifier, when it touches several areas:
// - the main complaint decides, not every topic mentioned ("the nurses were lovely but the bill was wrong"
//   is billing); a comment with no complaint at all (praise, a question, a suggestion) is `other`;
// - attitude and care of nurses, the guidance desk (导诊), escorts (陪检) and carers (护工) is `nursing`
//   (the routing table gives nursing attitude to the Nursing office); rudeness, shouting, passing the
//   patient on (推诿), gifts and kickbacks by anyone else is `conduct` (医德医风, 生冷硬顶推);
// - what a doctor decided or explained (diagnosis, treatment, consent, a rushed consultation) is `clinical`;
// - how long it took is `waiting`, even at a billing window; a booking channel or screen that failed is
//   `appointments-it`;
// - a safety signal does not change the category: it raises the severity to critical.

export const CATEGORY_IDS = [
  'clinical',
  'nursing',
  'billing',
  'pharmacy',
  'facilities',
  'infection-control',
  'appointments-it',
  'conduct',
  'privacy',
  'waiting',
  'other',
] as const;

export const CategorySchema = z.enum(CATEGORY_IDS);
export type Category = z.infer<typeof CategorySchema>;

/** A record with a value for every category. */
export function byCategory<T>(of: (category: Category) => T): Record<Category, T> {
  return {
    clinical: of('clinical'), nursing: of('nursing'), billing: of('billing'), pharmacy: of('pharmacy'), facilities: of('facilities'),
    'infection-control': of('infection-control'), 'appointments-it': of('appointments-it'), conduct: of('conduct'), privacy: of('privacy'),
    waiting: of('waiting'), other: of('other'),
  };
}

export const CATEGORY_NAMES: Readonly<Record<Category, { zh: string; en: string }>> = {
  clinical: { zh: '诊疗质量与医患沟通', en: 'Clinical care and doctors’ communication' },
  nursing: { zh: '护理服务（含导诊、陪检）', en: 'Nursing care, guidance desk and escorts' },
  billing: { zh: '挂号收费与医保', en: 'Registration, billing, fees and insurance' },
  pharmacy: { zh: '药房与用药指导', en: 'Pharmacy and medication advice' },
  facilities: { zh: '后勤环境（订餐、保洁、控烟、停车）', en: 'Facilities: meals, cleaning, smoking, parking' },
  'infection-control': { zh: '院感防控与手卫生', en: 'Infection control and hand hygiene' },
  'appointments-it': { zh: '预约挂号与信息系统', en: 'Appointments, hospital app and queue system' },
  conduct: { zh: '医德医风与服务态度', en: 'Staff conduct and ethics' },
  privacy: { zh: '隐私保护', en: 'Privacy' },
  waiting: { zh: '等候时间', en: 'Waiting times' },
  other: { zh: '其他', en: 'Other' },
};

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const SEVERITY_NAMES: Readonly<Record<Severity, { zh: string; en: string }>> = {
  low: { zh: '一般', en: 'Low' },
  medium: { zh: '较重', en: 'Medium' },
  high: { zh: '严重', en: 'High' },
  critical: { zh: '危急', en: 'Critical' },
};

export const SAFETY_KINDS = ['self-harm', 'suicide', 'violence', 'abuse', 'death'] as const;
export const SafetyKindSchema = z.enum(SAFETY_KINDS);
export type SafetyKind = z.infer<typeof SafetyKindSchema>;

export const SAFETY_KIND_NAMES: Readonly<Record<SafetyKind, { zh: string; en: string }>> = {
  'self-harm': { zh: '自伤', en: 'self-harm' },
  suicide: { zh: '自杀', en: 'suicide' },
  violence: { zh: '暴力', en: 'violence' },
  abuse: { zh: '虐待/骚扰', en: 'abuse' },
  death: { zh: '死亡', en: 'death' },
};
