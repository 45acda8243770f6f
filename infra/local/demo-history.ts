import { createHash } from 'node:crypto';
import type { SurveyMessage } from '../../shared/schemas/intake-message.ts';
import { type Department, ratingItemsOf } from '../../shared/schemas/site.ts';
import { DEFAULT_RETENTION } from '../../shared/platform/retention.ts';
import { aggregateKeys, type AggregateDelta } from '../../shared/reporting/counters.ts';
import { shiftDay } from '../../shared/reporting/periods.ts';
import { addCountersOnce } from '../../shared/storage/aggregates.ts';
import { complaintCounterNames } from '../../shared/storage/complaints.ts';
import { keys } from '../../shared/storage/keys.ts';
import { MAX_MESSAGES_PER_TRANSACTION, storeSurveys } from '../../shared/storage/surveys.ts';
import { DEMO_DEPARTMENTS, DEMO_MORE_DEPARTMENTS } from './demo-site.ts';

// Demo history (issue 11): days of surveys and complaints before today, so the dashboard and the digest
// show trends instead of "too few". Deterministic: every figure comes from a hash of (site, department,
// day, n), so a second run writes the same responses, which the survey writer counts once (same ids),
// and the complaint counters of a day are guarded by an import marker. Surveys go through the real
// survey writer (responses, comments and counters in one transaction); complaint counters through the
// real aggregate writer. Seasonality (winter busier, weekends quieter), a department that improves
// (paediatrics clinic) and one that slips (emergency), complaints across every category.

const IMPROVES = 'paediatrics-clinic';
const SLIPS = 'emergency';
/** Never complained about: the "no complaint this year" list has names in it. */
const NO_COMPLAINTS = new Set(['tcm-clinic', 'health-check', 'stomatology-clinic', 'family-doctor', 'psychotherapy']);

const CATEGORIES = ['waiting', 'billing', 'nursing', 'clinical', 'conduct', 'facilities', 'pharmacy', 'appointments-it', 'privacy', 'infection-control', 'other'] as const;
const CATEGORY_WEIGHTS = [20, 14, 14, 12, 10, 9, 7, 6, 3, 2, 3];
const CHANNELS = ['qr-page', 'hotline', 'opinion-box', 'walk-in', 'letter'] as const;

const GOOD_COMMENTS = ['护士很耐心，讲解清楚。', '医生态度很好，谢谢！', '环境干净，指引清楚。', '窗口排队比以前快多了。', '药师详细说明了用法，很放心。', 'Staff were kind and explained everything.'];
const POOR_COMMENTS = ['排队时间太长，等了一个多小时。', '缴费窗口只开了一个，人很多。', '厕所不够干净。', '叫号系统经常出错。', '医生说话太快，没听明白。', 'The wait was far too long.'];

/** A number in [0, 1) fixed by its inputs. */
function unit(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}

function uuidOf(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const pick = <T>(items: readonly T[], r: number): T => items[Math.min(items.length - 1, Math.floor(r * items.length))] as T;

function weighted<T>(items: readonly T[], weights: readonly number[], r: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < items.length; i += 1) {
    x -= weights[i] ?? 0;
    if (x < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

// About 15 responses a day at the hospital, some 5,000 a year: above the seed's 2,000, as QR surveys run
// once posters are up, and enough for most departments to be scored over a quarter, the site every week.
const DAILY: Readonly<Record<Department['kind'], number>> = { 'service-window': 1.4, pharmacy: 1.1, clinic: 0.8, ward: 0.5, emergency: 0.8, office: 0.2 };

/** Busier in winter, quieter at weekends. */
function season(day: string): number {
  const date = new Date(`${day}T00:00:00Z`);
  const dayOfYear = (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000;
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.55 : 1;
  return (1 + 0.25 * Math.cos((2 * Math.PI * dayOfYear) / 365)) * weekend;
}

/** The share satisfied a department runs at on a day `progress` (0 first day … 1 last) into the history. */
function satisfaction(department: Department, progress: number): number {
  if (department.departmentId === IMPROVES) return 0.72 + 0.22 * progress;
  if (department.departmentId === SLIPS) return 0.93 - 0.2 * progress;
  return 0.86 + 0.08 * unit('base', department.siteId, department.departmentId);
}

export function surveysOfDay(department: Department, day: string, progress: number): SurveyMessage[] {
  const expected = DAILY[department.kind] * season(day) * (department.siteId === 'demo' ? 1 : 0.7);
  const count = Math.floor(expected + unit('count', department.departmentId, day));
  const p = satisfaction(department, progress);
  const messages: SurveyMessage[] = [];
  for (let n = 0; n < count; n += 1) {
    const r = (what: string) => unit(what, department.siteId, department.departmentId, day, n);
    const positive = r('positive') < p;
    const overall = positive ? (r('vg') < 0.55 ? 'very_good' : 'good') : pick(['neither', 'poor', 'very_poor', 'dont_know', 'neither', 'poor'] as const, r('neg'));
    const rating = (aspect: string) => Math.max(1, Math.min(5, Math.round((positive ? 4.3 : 2.6) + (r(aspect) - 0.5) * 2.2)));
    const window = department.kind === 'service-window' || department.kind === 'pharmacy';
    const hour = 8 + Math.floor(r('hour') * 9);
    const minute = Math.floor(r('minute') * 60);
    messages.push({
      kind: 'survey',
      receivedAt: `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`,
      siteId: department.siteId,
      departmentId: department.departmentId,
      timeZone: 'Asia/Shanghai',
      survey: {
        submissionId: uuidOf('survey', department.siteId, department.departmentId, day, n),
        overall,
        // The items the department asks (a ward asks no registration question); some patients skip privacy.
        ratings: Object.fromEntries(ratingItemsOf(department).filter((aspect) => aspect !== 'privacy' || r('privacy-asked') < 0.5).map((aspect) => [aspect, rating(aspect)])),
        ...(window ? { waitMinutes: Math.round(-Math.log(1 - r('wait') * 0.999) * (positive ? 7 : 18)) } : {}),
        ...(r('comment') < 0.15 ? { comment: pick(positive ? GOOD_COMMENTS : POOR_COMMENTS, r('text')) } : {}),
        locale: 'zh-CN',
      },
    });
  }
  return messages;
}

/** A day's complaint counters for one site, by department (what the worker counts when cases come and close). */
export function complaintsOfDay(siteId: string, departments: readonly Department[], day: string, today: string): AggregateDelta[] {
  const eligible = departments.filter((d) => !NO_COMPLAINTS.has(d.departmentId));
  const count = Math.floor(season(day) * (siteId === 'demo' ? 0.7 : 0.25) + unit('complaints', siteId, day));
  const deltas: AggregateDelta[] = [];
  for (let n = 0; n < count; n += 1) {
    const r = (what: string) => unit(what, siteId, day, n);
    const department = pick(eligible, r('department'));
    if (department === undefined) continue;
    const category = weighted(CATEGORIES, CATEGORY_WEIGHTS, r('category'));
    const severity = weighted(['low', 'medium', 'high', 'critical'] as const, [50, 35, 12, 3], r('severity'));
    const limit = r('multi') < 0.2 ? 'multi-department' : 'investigation';
    const counters: Record<string, number> = {
      [complaintCounterNames.received]: 1,
      [complaintCounterNames.category(category)]: 1,
      [complaintCounterNames.severity(severity)]: 1,
      [complaintCounterNames.channel(pick(CHANNELS, r('channel')))]: 1,
      ...(r('corrected') < 0.12 ? { [complaintCounterNames.reclassified]: 1 } : {}),
      ...(severity === 'critical' && r('safety') < 0.5 ? { [complaintCounterNames.safetySignal]: 1 } : {}),
    };
    // Closed cases count on the day they came, for the demo's sake (the worker counts them on the day closed).
    if (shiftDay(day, 14) < today && r('closed') < 0.92) {
      const inTime = r('in-time') < 0.86;
      Object.assign(counters, {
        [complaintCounterNames.closed]: 1, [complaintCounterNames.closedByLimit(limit)]: 1,
        ...(inTime ? { [complaintCounterNames.closedInTime]: 1, [complaintCounterNames.closedInTimeByLimit(limit)]: 1 } : {}),
      });
    }
    for (const key of aggregateKeys(siteId, department.departmentId, day)) deltas.push({ key, counters });
  }
  return deltas;
}

export interface HistoryProgress {
  (done: number, total: number): void;
}

/** Writes `days` days before `today` for every demo site; returns how many surveys were stored (not already there). */
export async function writeDemoHistory(table: string, days: number, today: string, progress: HistoryProgress = () => undefined): Promise<{ surveys: number; complaintDays: number }> {
  const departments = [...DEMO_DEPARTMENTS, ...DEMO_MORE_DEPARTMENTS].filter((d) => d.surveyEnabled && d.kind !== 'office');
  const siteIds = [...new Set(departments.map((d) => d.siteId))];
  let surveys = 0;
  let complaintDays = 0;
  for (let i = days; i >= 1; i -= 1) {
    const day = shiftDay(today, -i);
    const progressOf = (days - i) / Math.max(days - 1, 1);
    const messages = departments.flatMap((d) => surveysOfDay(d, day, progressOf));
    const chunks: SurveyMessage[][] = [];
    for (let at = 0; at < messages.length; at += MAX_MESSAGES_PER_TRANSACTION) chunks.push(messages.slice(at, at + MAX_MESSAGES_PER_TRANSACTION));
    // One after another: chunks of a day share the site's day and month items.
    for (const chunk of chunks) surveys += (await storeSurveys(table, chunk, DEFAULT_RETENTION)).stored.length;
    for (const siteId of siteIds) {
      const deltas = complaintsOfDay(siteId, departments.filter((d) => d.siteId === siteId), day, today);
      if (deltas.length > 0 && await addCountersOnce(table, keys.importGuard('demo-complaints', `${siteId}#${day}`), deltas, new Date())) complaintDays += 1;
    }
    progress(days - i + 1, days);
  }
  return { surveys, complaintDays };
}
