import { randomUUID } from 'node:crypto';
import { derivedUuid } from '../../shared/callbacks/derived-id.ts';
import { DEFAULT_CALLBACK_SETTINGS } from '../../shared/callbacks/settings.ts';
import { storeCallback } from '../../shared/callbacks/record.ts';
import { storeDischarges } from '../../shared/callbacks/discharges.ts';
import { addDays, dayIn } from '../../shared/platform/time.ts';
import type { CallOutcome, Discharge } from '../../shared/schemas/callback.ts';
import type { Overall } from '../../shared/schemas/survey.ts';
import { createCallbackSettingsIfAbsent, getCall } from '../../shared/storage/callbacks.ts';
import { keys } from '../../shared/storage/keys.ts';
import { DEMO_SITE } from './demo-site.ts';

// The demo site's first week of discharges from its wards (issue 10), so the worklist and the figures are
// not empty on the first `npm start`: about 25 patients a day, a few who asked not to be called, and the
// older ones already called by the ward nurses (most reached, some twice without an answer). Written
// through the worker's own functions, so the counters are what real traffic would make. Names and numbers
// are invented (numbers in the 139-0000 block).

const WARDS: readonly (readonly [id: string, perDay: number, service: string])[] = [
  ['cardiology-ward', 5, 'inpatient'], ['respiratory-ward', 4, 'inpatient'], ['orthopaedics-ward', 4, 'inpatient'],
  ['general-surgery-ward', 5, 'day-surgery'], ['maternity-ward', 4, 'maternity'], ['paediatrics-ward', 3, 'inpatient'],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['秀英', '桂英', '建华', '志强', '丽娟', '海燕', '国平', '玉兰', '文博', '子涵', '佳怡', '明轩', '淑珍', '德明', '春梅', '晓东', '雨桐', '振国', '慧敏', '永刚'];
const COMMENTS = ['护士很耐心，出院指导讲得很清楚。', '伤口恢复得不错，谢谢医生。', '病房有点吵，其他都挺好。', '出院结算排队时间有点长。', '', ''];

/** A small deterministic generator, so every fresh start gets the same demo week. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function seedDemoCallbacks(table: string, key: Buffer, now = new Date()): Promise<number> {
  // The settings item marks the site as seeded: a restart (or a site whose settings an admin set) adds nothing.
  if (!(await createCallbackSettingsIfAbsent(table, DEMO_SITE.siteId, DEFAULT_CALLBACK_SETTINGS))) return 0;
  const today = dayIn(DEMO_SITE.timeZone, now);
  // The days are loaded side by side (each its own generator, so the week is the same on every fresh start).
  const days = await Promise.all([7, 6, 5, 4, 3, 2, 1].map((daysAgo) => seedDay(table, key, now, today, daysAgo)));
  return days.reduce((sum, n) => sum + n, 0);
}

async function seedDay(table: string, key: Buffer, now: Date, today: string, daysAgo: number): Promise<number> {
  const rand = random(20_261_203 + daysAgo);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  let created = 0;
  const day = dayIn(DEMO_SITE.timeZone, addDays(now, -daysAgo));
  const discharges: Discharge[] = [];
  for (const [departmentId, perDay, serviceType] of WARDS) {
    const count = perDay - 1 + Math.floor(rand() * 3);
    for (let i = 0; i < count; i += 1) {
      const hour = 9 + Math.floor(rand() * 8);
      discharges.push({
        dischargeId: `ZY${day.replaceAll('-', '')}${String(discharges.length + 1).padStart(3, '0')}`,
        departmentId,
        dischargedAt: `${day}T${String(hour).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00+08:00`,
        patient: { name: `${pick(SURNAMES)}${pick(GIVEN)}`, phone: `1390000${String(Math.floor(rand() * 10_000)).padStart(4, '0')}` },
        serviceType,
        ...(rand() < 0.04 ? { doNotCall: true } : {}),
      });
    }
  }
  for (let i = 0; i < discharges.length; i += 25) {
    const result = await storeDischarges(table, { kind: 'discharges', receivedAt: `${day}T18:00:00+08:00`, siteId: DEMO_SITE.siteId, timeZone: DEMO_SITE.timeZone, batchId: derivedUuid(`demo:${day}`), enteredBy: 'client:his-integration', discharges: discharges.slice(i, i + 25) }, now);
    created += result.stored;
  }
  // The nurses have worked through most of the calls whose window opened two or more days ago.
  for (const d of discharges) {
    const call = await getCall(table, keys.dischargeCall(DEMO_SITE.siteId, d.dischargeId));
    if (call === undefined || call.status === 'done' || call.windowStart > dayIn(DEMO_SITE.timeZone, addDays(now, -1)) || rand() < 0.3) continue;
    const outcomes: CallOutcome[] = rand() < 0.15 ? ['no_answer', ...(rand() < 0.5 ? ['reached' as const] : [])] : [rand() < 0.06 ? 'declined' : 'reached'];
    let attemptDay = call.windowStart;
    for (const outcome of outcomes) {
      if (attemptDay >= today) break;
      const overall: Overall = pick(['very_good', 'very_good', 'very_good', 'good', 'good', 'neither', 'poor']);
      const comment = pick(COMMENTS);
      await storeCallback({ table, key, now }, {
        kind: 'callback', receivedAt: `${attemptDay}T10:30:00+08:00`, siteId: DEMO_SITE.siteId, departmentId: call.departmentId, timeZone: DEMO_SITE.timeZone, callId: call.callId, recordedBy: 'user:callback',
        callback: {
          submissionId: randomUUID(), siteId: DEMO_SITE.siteId, dischargeId: d.dischargeId, calledAt: `${attemptDay}T10:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00+08:00`, outcome,
          ...(outcome === 'reached' ? { overall, ratings: { communication: overall === 'poor' ? 2 : 4 + Math.floor(rand() * 2), environment: 3 + Math.floor(rand() * 3) }, ...(comment === '' ? {} : { comment }) } : {}),
        },
      });
      // The next attempt on the day the retry schedule set (a working day).
      attemptDay = (await getCall(table, keys.dischargeCall(DEMO_SITE.siteId, d.dischargeId)))?.dueDay ?? today;
    }
  }
  return created;
}
