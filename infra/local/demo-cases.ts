import { derivedUuid } from '../../shared/callbacks/derived-id.ts';
import type { UserIdentity } from '../../shared/auth/identity.ts';
import { sendMail, type Mail } from '../../shared/aws/ses.ts';
import { remindUnreadComments } from '../../shared/comments/comment-reminder.ts';
import { readComments } from '../../shared/comments/review.ts';
import { changeCase } from '../../shared/complaints/change-case.ts';
import type { ComplaintChange } from '../../shared/complaints/lifecycle.ts';
import type { ComplaintMailContext } from '../../shared/complaints/notices.ts';
import { siteClock } from '../../shared/complaints/settings.ts';
import { runSlaMonitor } from '../../shared/complaints/sla-monitor.ts';
import { trackingCodeFor } from '../../shared/complaints/tracking-code.ts';
import { processIntakeBatch } from '../../shared/intake/store-batch.ts';
import { processNoticeBatch } from '../../shared/notices/notice-batch.ts';
import { DEFAULT_RETENTION } from '../../shared/platform/retention.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { shiftDay } from '../../shared/reporting/periods.ts';
import type { Channel } from '../../shared/schemas/complaint.ts';
import type { ComplaintMessage, SurveyMessage } from '../../shared/schemas/intake-message.ts';
import type { NotifyMessage } from '../../shared/schemas/notify-message.ts';
import { dueDates } from '../../shared/sites/working-calendar.ts';
import { addCountersOnce } from '../../shared/storage/aggregates.ts';
import { getComplaint } from '../../shared/storage/complaints.ts';
import { keys } from '../../shared/storage/keys.ts';
import { DEMO_COMPLAINT_SETTINGS, DEMO_SITE } from './demo-site.ts';

// Demo live cases: the complaint office's inbox on the first `npm start` is not empty. A fortnight of
// complaints and survey comments is replayed in time order through the product's own code: the intake
// worker (triage, owner by first-complaint responsibility, due dates on the working-day calendar, counters,
// comments, history), the office's case changes and the SLA monitor's runs, each with the clock set to the
// moment it happened. Mails of moments older than RECENT_MS are recorded as sent, not sent (they went out
// back then); the last two hours' mails go to the SES emulator as they would now. Names and numbers are
// invented (numbers in the 139-0000 block).

const RECENT_MS = 2 * 3_600_000;
const SITE = DEMO_SITE.siteId;
const ZONE = DEMO_SITE.timeZone;

/** When something happened: minutes before now, or a local time on a day before today. */
type When = { readonly minutesAgo: number } | { readonly daysAgo: number; readonly time: string };

interface CaseSpec {
  readonly name: string;
  readonly received: When;
  readonly channel: Exclude<Channel, 'survey-follow-up'>;
  readonly departmentId: string;
  readonly description: string;
  readonly locale?: 'zh-CN' | 'en';
  /** `user:<name>` for what the office typed in (they own it), `patient` for the QR page, `callback` for a call. */
  readonly enteredBy: string;
  readonly multiDepartment?: boolean;
  readonly desiredOutcome?: string;
  readonly contact?: { readonly name: string; readonly phone: string; readonly relation: 'patient' | 'family' };
  /** Settled on the spot by the first receiver, with what they did. */
  readonly settled?: { readonly by: string; readonly settlement: string };
  readonly changes?: readonly { readonly at: When; readonly by: 'office' | 'head'; readonly change: ComplaintChange }[];
}

interface SurveySpec {
  readonly name: string;
  readonly received: When;
  readonly departmentId: string;
  readonly overall: SurveyMessage['survey']['overall'];
  readonly comment: string;
  readonly locale?: 'zh-CN' | 'en';
  readonly contact?: { readonly name: string; readonly phone: string };
}

const ack = (reason = '已电话联系患者，告知处理流程和答复期限。'): ComplaintChange => ({ status: 'acknowledged', reason });
const investigate = (reason: string): ComplaintChange => ({ status: 'investigating', reason });

/** The overdue case's receive day is found on the calendar (see `overdueDaysAgo`); its steps are relative to it. */
const OVERDUE = 'imaging-report-delay';

function cases(overdueDaysAgo: number): CaseSpec[] {
  const d = overdueDaysAgo;
  return [
    {
      name: 'emergency-self-harm', received: { minutesAgo: 50 }, channel: 'qr-page', departmentId: 'emergency', enteredBy: 'patient',
      description: '我父亲昨晚在急诊留观时一直说不想活了，还说要从楼上跳下去，我们告诉了值班护士，到现在也没有医生来看他。',
      desiredOutcome: '请尽快安排医生评估，并有人看护。', contact: { name: '周女士', phone: '13900003117', relation: 'family' },
    },
    {
      name: 'registration-queue', received: { minutesAgo: 15 }, channel: 'qr-page', departmentId: 'registration-billing', enteredBy: 'patient',
      description: '挂号窗口只开了两个，排了四十多分钟才挂上号，老人站着等很辛苦。', desiredOutcome: '高峰时多开窗口，给老人设座位。',
    },
    {
      name: 'discharge-overcharge', received: { minutesAgo: 100 }, channel: 'hotline', departmentId: 'admission-discharge', enteredBy: 'user:office',
      description: '出院结算时多收了两天的床位费，问收费处的人说不清楚。', desiredOutcome: '核对费用并退还多收部分。',
      contact: { name: '吴先生', phone: '13900005520', relation: 'patient' },
    },
    {
      name: 'cardiology-night-bell', received: { daysAgo: 1, time: '21:40' }, channel: 'hotline', departmentId: 'cardiology-ward', enteredBy: 'user:office',
      description: '护士夜里换药时动作很粗暴，呼叫铃按了二十分钟才有人来。', contact: { name: '郑女士', phone: '13900002046', relation: 'family' },
    },
    {
      name: 'pharmacy-short-count', received: { daysAgo: 1, time: '16:20' }, channel: 'qr-page', departmentId: 'outpatient-pharmacy', enteredBy: 'patient', locale: 'en',
      description: 'The pharmacy gave me 20 tablets instead of 30 and the queue to fix it took another hour.',
      desiredOutcome: 'Please check the count before handing medicines over.', contact: { name: 'Ms. Anna Keller', phone: '13900007781', relation: 'patient' },
      changes: [{ at: { minutesAgo: 300 }, by: 'office', change: ack('Called the patient back; the pharmacy department will look into it within five working days.') }],
    },
    {
      name: 'clinic-doctor-attitude', received: { daysAgo: 2, time: '10:05' }, channel: 'walk-in', departmentId: 'internal-medicine-clinic', enteredBy: 'user:office',
      description: '医生看病时一直在看手机，问了两个问题就不耐烦，让我去别的医院看。',
      contact: { name: '孙先生', phone: '13900004408', relation: 'patient' },
      changes: [{ at: { daysAgo: 2, time: '11:00' }, by: 'office', change: ack('当面接待，已登记并告知五个工作日内答复。') }],
    },
    {
      name: 'orthopaedics-callback', received: { daysAgo: 3, time: '10:40' }, channel: 'callback', departmentId: 'orthopaedics-ward', enteredBy: 'callback',
      description: '出院回访时患者反映：夜班护士态度冷淡，问问题不耐烦。', contact: { name: '马先生', phone: '13900006132', relation: 'patient' },
      changes: [{ at: { daysAgo: 3, time: '15:10' }, by: 'office', change: ack() }],
    },
    {
      name: 'paediatrics-missed-pneumonia', received: { daysAgo: 4, time: '09:30' }, channel: 'hotline', departmentId: 'paediatrics-clinic', enteredBy: 'user:head', multiDepartment: true,
      description: '孩子发烧39度，医生只看了两分钟就开药，第二天去别的医院查出是肺炎。', desiredOutcome: '希望医院调查接诊过程并给出书面答复。',
      contact: { name: '林女士', phone: '13900001975', relation: 'family' },
      changes: [
        { at: { daysAgo: 4, time: '10:15' }, by: 'head', change: ack('已回电家属，说明涉及儿科和医务科，按多部门投诉十个工作日内答复。') },
        { at: { daysAgo: 3, time: '14:30' }, by: 'head', change: { ...investigate('调取门诊病历，约谈接诊医生，医务科组织专家复核。'), handlerDepartmentId: 'medical-affairs' } },
      ],
    },
    {
      name: 'blood-draw-queue', received: { daysAgo: 3, time: '08:50' }, channel: 'qr-page', departmentId: 'blood-draw', enteredBy: 'patient',
      description: '抽血窗口排队一个多小时，叫号屏显示的号码和实际不一样。', contact: { name: '何女士', phone: '13900008264', relation: 'patient' },
      changes: [
        { at: { daysAgo: 3, time: '09:40' }, by: 'office', change: ack() },
        { at: { daysAgo: 2, time: '10:30' }, by: 'office', change: investigate('信息科检查叫号系统，检验科核对当日排班。') },
        {
          at: { daysAgo: 1, time: '15:00' }, by: 'office', change: {
            status: 'responded', reason: '信息科和检验科已答复。',
            response: '您好，经查当天叫号系统与采血窗口的数据同步出现延迟，信息科已修复；检验科已在早高峰（7:30–9:30）增开一个采血窗口。感谢您的反馈，给您带来不便深表歉意。',
          },
        },
      ],
    },
    {
      name: OVERDUE, received: { daysAgo: d, time: '14:20' }, channel: 'hotline', departmentId: 'medical-imaging', enteredBy: 'user:office',
      description: 'CT报告等了一个星期还没出来，打电话到影像科也一直没人接。', desiredOutcome: '尽快出报告，说明原因。',
      contact: { name: '胡先生', phone: '13900003390', relation: 'patient' },
      changes: [
        { at: { daysAgo: d - 1, time: '09:20' }, by: 'office', change: ack() },
        { at: { daysAgo: d - 2, time: '11:00' }, by: 'office', change: investigate('已转影像科核查报告延误原因，待科室书面答复。') },
      ],
    },
    {
      name: 'surgery-clinic-rude', received: { daysAgo: 9, time: '11:10' }, channel: 'email', departmentId: 'surgery-clinic', enteredBy: 'user:office', locale: 'en',
      description: 'The registration staff at the surgery clinic were impatient with my elderly mother when she asked where to queue.',
      contact: { name: 'Mr. David Chen', phone: '13900009012', relation: 'family' },
      changes: [
        { at: { daysAgo: 8, time: '09:30' }, by: 'office', change: ack('Replied by e-mail; the clinic will look into it.') },
        { at: { daysAgo: 8, time: '14:00' }, by: 'office', change: investigate('Clinic manager to talk with the staff on duty that morning.') },
        {
          at: { daysAgo: 5, time: '16:00' }, by: 'office', change: {
            status: 'closed', outcome: 'partly-substantiated', reason: 'Clinic manager\'s report received; family informed by phone.',
            response: 'Thank you for telling us. The clinic manager spoke with the staff on duty; they have apologised and the clinic now has a volunteer at the entrance in the mornings to show patients where to queue.',
          },
        },
      ],
    },
    {
      name: 'pharmacy-settled', received: { daysAgo: 6, time: '10:25' }, channel: 'walk-in', departmentId: 'outpatient-pharmacy', enteredBy: 'user:office',
      description: '取药时少给了一盒，窗口让重新排队。', settled: { by: '门诊药房 刘药师', settlement: '当场补发一盒并道歉，患者表示满意。' },
    },
    {
      name: 'maternity-hot-water', received: { daysAgo: 7, time: '19:30' }, channel: 'opinion-box', departmentId: 'maternity-ward', enteredBy: 'user:office',
      description: '病房的热水器坏了三天，一直没人来修。',
      changes: [
        { at: { daysAgo: 6, time: '09:10' }, by: 'office', change: ack('意见箱投诉，无联系方式；已通知总务科。') },
        { at: { daysAgo: 5, time: '10:00' }, by: 'office', change: { status: 'withdrawn', reason: '总务科当天已修好热水器，病区护士长确认投诉人已出院且表示不再追究。' } },
      ],
    },
  ];
}

function surveys(): SurveySpec[] {
  return [
    { name: 'parking-guard', received: { minutesAgo: 25 }, departmentId: 'emergency', overall: 'poor', comment: '停车时跟保安争了几句，那个保安说下班后在停车场等我。' },
    { name: 'emergency-wait', received: { daysAgo: 1, time: '20:15' }, departmentId: 'emergency', overall: 'very_poor', comment: '等了三个小时没人管，老人发烧一直在走廊里坐着。', contact: { name: '陈先生', phone: '13900002288' } },
    { name: 'imaging-phone', received: { minutesAgo: 190 }, departmentId: 'medical-imaging', overall: 'poor', comment: '预约CT的电话一直打不通，只能跑来现场排队。' },
    { name: 'toilet-soap', received: { daysAgo: 1, time: '14:05' }, departmentId: 'internal-medicine-clinic', overall: 'neither', comment: 'The toilet on the third floor had no soap for two days.', locale: 'en' },
    { name: 'nurse-thanks', received: { minutesAgo: 140 }, departmentId: 'respiratory-ward', overall: 'very_good', comment: '护士很耐心，出院指导讲得很清楚，谢谢！' },
    { name: 'registration-faster', received: { daysAgo: 1, time: '10:40' }, departmentId: 'registration-billing', overall: 'good', comment: '窗口排队比以前快多了，自助机也好用。' },
  ];
}

/** Days before today the overdue case came: the nearest to 12 whose investigation limit ran out over a day ago (long holidays push it back). */
function overdueDaysAgo(now: Date): number {
  const { calendar, limits } = siteClock(DEMO_COMPLAINT_SETTINGS);
  const today = dayIn(ZONE, now);
  for (let days = 12; days < 40; days += 1) {
    if (Date.parse(dueDates(calendar, `${shiftDay(today, -days)}T14:20:00+08:00`, ZONE, limits).investigation.atUtc) < now.getTime() - 86_400_000) return days;
  }
  throw new Error('no overdue day within 40 days');
}

const officer = (username: 'office' | 'head'): UserIdentity => ({
  kind: 'user', subject: `demo-${username}`, username, roles: [username === 'head' ? 'office-head' : 'office-officer'], sites: [SITE], departments: [],
});

export interface DemoCasesResult {
  readonly cases: number;
  readonly comments: number;
  /** Mails of past moments recorded as sent without sending; and those sent (the last two hours'). */
  readonly mailsSkipped: number;
  readonly mailsSent: number;
}

/**
 * Loads the demo cases once (an import marker guards the site); a second run, or a site that has them,
 * adds nothing. The demo history does not count complaints on the days these cover (the same day markers).
 */
export async function seedDemoCases(table: string, key: Buffer, mail: Omit<ComplaintMailContext, 'send'>, now = new Date()): Promise<DemoCasesResult> {
  const none = { cases: 0, comments: 0, mailsSkipped: 0, mailsSent: 0 };
  if (!(await addCountersOnce(table, keys.importGuard('demo-cases', SITE), [], now))) return none;
  const today = dayIn(ZONE, now);
  const instant = (when: When): Date => ('minutesAgo' in when ? new Date(now.getTime() - when.minutesAgo * 60_000) : new Date(`${shiftDay(today, -when.daysAgo)}T${when.time}:00+08:00`));
  const caseSpecs = cases(overdueDaysAgo(now));
  const surveySpecs = surveys();

  // The demo history's complaint counters of the fortnight are claimed with nothing in them, so the
  // complaints counted on those days are these cases, once. A day the history already wrote (a data folder
  // from before the demo cases) keeps its figures, and its cases are left out rather than counted twice.
  const dayOf = (when: When) => dayIn(ZONE, instant(when));
  const earliest = [...caseSpecs, ...surveySpecs].map((spec) => dayOf(spec.received)).sort()[0] ?? today;
  const days: string[] = [];
  for (let day = earliest; day < today; day = shiftDay(day, 1)) days.push(day);
  const claimed = new Set<string>([today]);
  for (const day of days) if (await addCountersOnce(table, keys.importGuard('demo-complaints', `${SITE}#${day}`), [], now)) claimed.add(day);
  const kept = <T extends { received: When }>(specs: readonly T[]) => specs.filter((spec) => claimed.has(dayOf(spec.received)));

  let at = now;
  const counts = { cases: 0, comments: 0, mailsSkipped: 0, mailsSent: 0 };
  const send = async (message: Mail): Promise<void> => {
    if (now.getTime() - at.getTime() > RECENT_MS) {
      counts.mailsSkipped += 1;
      return;
    }
    await sendMail(message);
    counts.mailsSent += 1;
  };
  const mailContext: ComplaintMailContext = { ...mail, send };
  // What the queues would carry goes straight to their workers here: the notices mailed (or, for a past
  // moment, recorded as sent) as the notices' worker would mail them.
  const notify = async (message: NotifyMessage): Promise<void> => {
    const outcome = await processNoticeBatch({ table, mail: mailContext, now: at }, [{ messageId: message.kind, body: JSON.stringify(message) }]);
    if (outcome.response.batchItemFailures.length > 0) throw new Error(`demo ${message.kind} not mailed`);
  };
  const worker = async (name: string, message: ComplaintMessage | SurveyMessage): Promise<void> => {
    const outcome = await processIntakeBatch({ table, retention: DEFAULT_RETENTION, key, notify, now: at }, [{ messageId: name, body: JSON.stringify(message) }]);
    if (outcome.response.batchItemFailures.length > 0) throw new Error(`demo ${message.kind} ${name} not stored`);
    counts.cases += outcome.complaints;
  };

  const steps: { at: Date; run: () => Promise<void> }[] = [];
  for (const spec of kept(caseSpecs)) {
    const id = derivedUuid(`demo-case:${spec.name}`);
    const receivedAt = instant(spec.received);
    steps.push({
      at: receivedAt,
      run: async () => {
        await worker(spec.name, complaintMessage(spec, id, receivedAt.toISOString(), key));
        // Settled on the spot by the officer who typed it in: read as it was written.
        if (spec.settled !== undefined) await readComments(table, officer('office'), [id], at);
      },
    });
    for (const { at: when, by, change } of spec.changes ?? []) {
      steps.push({
        at: instant(when),
        run: async () => {
          const record = await getComplaint(table, id);
          if (record === undefined) throw new Error(`demo case ${spec.name} missing`);
          await changeCase({ table, contactDays: DEFAULT_RETENTION.contactDays, notify, now: at }, officer(by), id, record.version, () => change);
          // Whoever works a case has read its words: its comment leaves the list to read (a no-op after the first change).
          await readComments(table, officer(by), [id], at);
        },
      });
    }
  }
  for (const spec of kept(surveySpecs)) {
    const receivedAt = instant(spec.received).toISOString();
    steps.push({ at: instant(spec.received), run: () => worker(spec.name, surveyMessage(spec, receivedAt)) });
    counts.comments += 1;
  }
  // The SLA monitor's and the comment reminder's morning runs of those days: reminders and escalations are
  // marked when they fell due, so the live schedules do not send a fortnight's worth at start-up.
  for (const day of [...days, today]) {
    const run = new Date(`${day}T09:00:00+08:00`);
    if (run >= now) continue;
    steps.push({
      at: run,
      run: async () => {
        await runSlaMonitor({ table, mailFrom: mail.from, publicBaseUrl: mail.baseUrl, now: at, send });
        await remindUnreadComments({ table, mailFrom: mail.from, publicBaseUrl: mail.baseUrl, now: at, send });
      },
    });
  }
  // In time order (a stable sort: a case's steps stay in the order given).
  for (const step of steps.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    at = step.at;
    await step.run();
  }
  return counts;
}

function complaintMessage(spec: CaseSpec, id: string, receivedAt: string, key: Buffer): ComplaintMessage {
  return {
    kind: 'complaint', receivedAt, siteId: SITE, departmentId: spec.departmentId, timeZone: ZONE, trackingCode: trackingCodeFor(key, id),
    channel: spec.channel, enteredBy: spec.enteredBy, settledOnSpot: spec.settled !== undefined, multiDepartment: spec.multiDepartment ?? false,
    ...(spec.settled === undefined ? {} : { settlement: spec.settled.settlement, firstReceiver: { departmentId: spec.departmentId, name: spec.settled.by } }),
    complaint: {
      submissionId: id, description: spec.description, locale: spec.locale ?? 'zh-CN',
      ...(spec.desiredOutcome === undefined ? {} : { desiredOutcome: spec.desiredOutcome }),
      ...(spec.contact === undefined ? {} : { contact: { ...spec.contact, consent: true } }),
    },
  };
}

function surveyMessage(spec: SurveySpec, receivedAt: string): SurveyMessage {
  const poor = spec.overall === 'poor' || spec.overall === 'very_poor';
  return {
    kind: 'survey', receivedAt, siteId: SITE, departmentId: spec.departmentId, timeZone: ZONE,
    survey: {
      submissionId: derivedUuid(`demo-survey:${spec.name}`), overall: spec.overall, comment: spec.comment, locale: spec.locale ?? 'zh-CN',
      ratings: { waiting: poor ? 2 : 4, environment: poor ? 3 : 4, communication: poor ? 2 : 5 },
      ...(spec.contact === undefined ? {} : { contact: { ...spec.contact, consent: true } }),
    },
  };
}
