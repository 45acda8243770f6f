import { CATEGORY_NAMES, SEVERITY_NAMES } from '../classify/categories.ts';
import type { ManagerReport } from './manager-report.ts';

// The report's words, once, for the dashboard, the digest and the CSV: labels, and what each figure
// means (written beside the figure, once). Chinese first; the dashboard shows both, a mail the
// recipient's language.

export type Locale = 'zh-CN' | 'en';
export interface Words { readonly zh: string; readonly en: string }

export const say = (words: Words, locale: Locale): string => (locale === 'en' ? words.en : words.zh);
export const both = (words: Words): string => `${words.zh} · ${words.en}`;

export const W = {
  title: { zh: '患者体验报告', en: 'Patient experience report' },
  weekly: { zh: '周报', en: 'Weekly digest' },
  monthly: { zh: '月报', en: 'Monthly digest' },
  positive: { zh: '满意率', en: 'Satisfied' },
  positiveNote: { zh: '“很好”和“好”占全部回复的比例（含“说不清”）', en: 'share of “very good” and “good” among all responses, “don’t know” included' },
  topBox: { zh: '最高分占比', en: 'Top box' },
  topBoxNote: { zh: '某一方面打 5 分的比例', en: 'share of 5 out of 5 on an aspect' },
  mean: { zh: '平均分', en: 'Mean' },
  wait: { zh: '窗口等候 ≤15 分钟', en: 'Window waits ≤ 15 min' },
  waitNote: { zh: '回答了等候时间的人中，15 分钟内的比例', en: 'of those who gave their wait, the share within 15 minutes' },
  responses: { zh: '回复', en: 'Responses' },
  volume: { zh: '调查量（按全年目标折算）', en: 'Survey volume against the yearly target, pro rata' },
  volumeNote: { zh: '本期应有份数 = 全年目标 × 本期天数 ÷ 365', en: 'expected = yearly target × days in the period ÷ 365' },
  trend: { zh: '趋势', en: 'Trend' },
  trendWeeks: { zh: '近 12 周满意率', en: 'Satisfied, last 12 weeks' },
  trendMonths: { zh: '近 12 个月满意率', en: 'Satisfied, last 12 months' },
  departments: { zh: '科室比较', en: 'Departments compared' },
  departmentsNote: { zh: '按满意率排序；回复不足最低数的科室不排名', en: 'ranked by share satisfied; departments below the minimum are not ranked' },
  best: { zh: '表现最好', en: 'Best' },
  worst: { zh: '需要关注', en: 'Needs attention' },
  services: { zh: '按服务类型', en: 'By service type' },
  sites: { zh: '成员单位', en: 'Member sites' },
  sitesNote: { zh: '各成员单位的满意率和回复数，最后一行为全体合计', en: 'each member site\'s share satisfied and responses; the last row is the group total' },
  complaints: { zh: '投诉', en: 'Complaints' },
  received: { zh: '收到', en: 'Received' },
  byCategory: { zh: '按类别', en: 'By category' },
  bySeverity: { zh: '按严重程度', en: 'By severity' },
  onTime: { zh: '按时答复', en: 'Answered on time' },
  onTimeNote: { zh: '本期结案的投诉中，在时限内结案的比例（单一科室 5 个工作日，涉及多科室 10 个工作日）', en: 'of complaints closed in the period, the share closed within the limit (5 working days, 10 when several departments are involved)' },
  limitInvestigation: { zh: '5 个工作日', en: '5 working days' },
  limitMulti: { zh: '10 个工作日（多科室）', en: '10 working days (several departments)' },
  overdue: { zh: '现已超期', en: 'Overdue now' },
  overdueNone: { zh: '目前没有超期投诉。', en: 'No complaint is overdue.' },
  safety: { zh: '安全信号', en: 'Safety signals' },
  safetyNote: { zh: '涉及自伤、自杀、暴力或死亡的投诉，收到即通知值班负责人', en: 'complaints mentioning self-harm, suicide, violence or death; the on-duty owner is alerted at once' },
  noComplaint: { zh: '今年至今无投诉的科室', en: 'Departments with no complaint so far this year' },
  classifier: { zh: '自动分类保留率', en: 'Classifier kept-rate' },
  classifierNote: { zh: '收到的投诉中，工作人员没有改动自动分类的比例', en: 'share of complaints received whose category staff kept as the classifier set it' },
  callbacks: { zh: '出院回访', en: 'Post-discharge callbacks' },
  coverage: { zh: '回访覆盖率', en: 'Coverage' },
  coverageNote: { zh: '联系上的出院患者 ÷ 出院患者（按出院日）', en: 'patients reached ÷ patients discharged, by discharge day' },
  callSatisfied: { zh: '回访满意率', en: 'Satisfied on the phone' },
  comments: { zh: '近期留言', en: 'Recent comments' },
  commentsNote: { zh: '只取回复达到最低数的科室，已去除号码和邮箱', en: 'only from departments above the minimum; numbers and addresses removed' },
  tooFew: { zh: '样本不足', en: 'too few' },
  target: { zh: '目标', en: 'target' },
  vsWeek: { zh: '比上周', en: 'vs last week' },
  vsMonth: { zh: '比上月', en: 'vs last month' },
  open: { zh: '在仪表盘查看', en: 'Open in the dashboard' },
  department: { zh: '科室', en: 'Department' },
  site: { zh: '单位', en: 'Site' },
  service: { zh: '服务', en: 'Service' },
  minimum: { zh: '最低回复数', en: 'minimum responses' },
  whole: { zh: '合计', en: 'Total' },
  unsubscribe: { zh: '退订此邮件', en: 'Unsubscribe' },
  none: { zh: '无', en: 'none' },
} as const satisfies Record<string, Words>;

export const ASPECT_NAMES: Readonly<Record<string, Words>> = {
  registration: { zh: '挂号', en: 'Registration' },
  waiting: { zh: '等候', en: 'Waiting' },
  environment: { zh: '环境', en: 'Environment' },
  communication: { zh: '沟通', en: 'Communication' },
  privacy: { zh: '隐私', en: 'Privacy' },
};

export const SERVICE_NAMES: Readonly<Record<string, Words>> = {
  clinic: { zh: '门诊', en: 'Outpatient clinics' },
  ward: { zh: '住院', en: 'Inpatient wards' },
  emergency: { zh: '急诊', en: 'Emergency' },
  'service-window': { zh: '服务窗口', en: 'Service windows' },
  pharmacy: { zh: '药房', en: 'Pharmacy' },
  office: { zh: '职能科室', en: 'Offices' },
  counselling: { zh: '心理咨询', en: 'Counselling' },
  treatment: { zh: '精神科治疗', en: 'Treatment' },
  'public-health': { zh: '公共卫生', en: 'Public health' },
  'family-doctor': { zh: '家庭医生签约', en: 'Family doctor' },
};

const categories = new Map<string, Words>(Object.entries(CATEGORY_NAMES));
const severities = new Map<string, Words>(Object.entries(SEVERITY_NAMES));
export const serviceName = (id: string): Words => SERVICE_NAMES[id] ?? { zh: id, en: id };
export const categoryName = (id: string): Words => categories.get(id) ?? { zh: id, en: id };
export const severityName = (id: string): Words => severities.get(id) ?? { zh: id, en: id };

export const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** "↑2.1" / "↓2.1" / "→0.0" percentage points between two rates; undefined when either is missing. */
export function change(now: number | null, before: number | null): string | undefined {
  if (now === null || before === null) return undefined;
  const points = Math.round((now - before) * 1000) / 10;
  return `${points > 0 ? '↑' : points < 0 ? '↓' : '→'}${Math.abs(points).toFixed(1)}`;
}

/** The comparison's words for the period: last week, last month, or the period before. */
export function previousWords(report: ManagerReport): Words {
  const { kind, from, days } = report.period;
  if (kind === 'week' && days === 7) return W.vsWeek;
  if (kind === 'month' && from.endsWith('-01') && report.period.label.length === 7) return W.vsMonth;
  return { zh: `比前 ${days} 天`, en: `vs the ${days} days before` };
}

export const scopeName = (report: ManagerReport): Words => ({ zh: report.scope.name, en: report.scope.nameEn });

export interface HeadlineFigure {
  readonly label: Words;
  /** The figure, or "too few" in words. */
  readonly value: Words;
  readonly target?: string;
  readonly change?: string;
  /** Meets its target (true), misses it (false), or has none or too few (null). */
  readonly good: boolean | null;
  readonly count: Words;
}

const tooFew = (n: number, minimum: number): Words => ({ zh: `${W.tooFew.zh}（${n}/${minimum}）`, en: `${W.tooFew.en} (${n}/${minimum})` });
const same = (text: string): Words => ({ zh: text, en: text });

/** The three or four numbers a director reads first, each against its target. */
export function headlineFigures(report: ManagerReport): HeadlineFigure[] {
  const s = report.surveys;
  const figures: HeadlineFigure[] = [
    {
      label: W.positive,
      value: s.tooFewResponses ? tooFew(s.n, report.minResponses) : same(percent(s.positiveRate)),
      target: percent(report.targets.positiveRate),
      ...(change(s.positiveRate, report.previous.positiveRate) === undefined ? {} : { change: change(s.positiveRate, report.previous.positiveRate) }),
      good: s.positiveRate === null ? null : s.positiveRate >= report.targets.positiveRate,
      count: { zh: `${s.n} 份回复`, en: `${s.n} responses` },
    },
    {
      label: W.responses,
      value: same(String(report.volume.n)),
      target: String(report.volume.expected),
      good: report.volume.expected === 0 ? null : report.volume.n >= report.volume.expected,
      count: { zh: `全年目标 ${report.volume.yearlyTarget}，本期 ${report.period.days} 天`, en: `yearly target ${report.volume.yearlyTarget}, ${report.period.days} days` },
    },
    {
      label: W.wait,
      value: s.tooFewResponses ? tooFew(s.n, report.minResponses) : same(percent(s.wait.within15Rate)),
      target: percent(report.targets.waitWithin15Rate),
      good: s.wait.within15Rate === null ? null : s.wait.within15Rate >= report.targets.waitWithin15Rate,
      count: { zh: `${s.wait.n} 人回答`, en: `${s.wait.n} answered` },
    },
  ];
  const c = report.complaints;
  figures.push({
    label: W.onTime,
    value: same(c.closed === 0 ? '—' : percent(c.closedInTimeRate)),
    // The rules want every complaint answered within its limit: anything less, or a case overdue now, is a miss.
    target: '100%',
    good: c.closed === 0 && c.overdue.length === 0 ? null : c.overdue.length === 0 && (c.closedInTimeRate ?? 1) >= 1,
    count: { zh: `结案 ${c.closed}，现超期 ${c.overdue.length}${c.overdueMore ? '+' : ''}`, en: `${c.closed} closed, ${c.overdue.length}${c.overdueMore ? '+' : ''} overdue now` },
  });
  if (report.callbacks !== undefined) {
    const cb = report.callbacks;
    figures.push({
      label: W.coverage,
      value: same(percent(cb.coverage)),
      target: percent(cb.target),
      good: cb.coverage === null ? null : cb.coverage >= cb.target,
      count: { zh: `出院 ${cb.discharged}，联系上 ${cb.reached}`, en: `${cb.reached} reached of ${cb.discharged} discharged` },
    });
  }
  return figures;
}
