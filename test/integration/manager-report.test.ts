import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { writeDemoHistory } from '../../infra/local/demo-history.ts';
import { DEMO_COMMUNITY_SITE, DEMO_GROUP, DEMO_MENTAL_HEALTH_SITE, DEMO_SITE } from '../../infra/local/demo-site.ts';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { type Mail, sendMail } from '../../shared/aws/ses.ts';
import { runDigests, unsubscribeUrl } from '../../shared/digests/send-digests.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { DEFAULT_RETENTION } from '../../shared/platform/retention.ts';
import { measureReport } from '../../shared/reporting/manager-report.ts';
import type { Overall } from '../../shared/schemas/survey.ts';
import type { SurveyMessage } from '../../shared/schemas/intake-message.ts';
import { addCountersOnce, aggregateSeries, sumAggregates } from '../../shared/storage/aggregates.ts';
import { complaintCounterNames } from '../../shared/storage/complaints.ts';
import { aggregateKeys, callbackCounterNames } from '../../shared/reporting/counters.ts';
import { getDigestPreference, putDigestPreference } from '../../shared/storage/digest-preferences.ts';
import { localDirectory } from '../../shared/administration/directory.ts';
import { storeSurveys } from '../../shared/storage/surveys.ts';
import { useLocalStack } from '../support/local-stack.ts';

// The report model, the roll-ups and the digest against DynamoDB Local and the SES emulator.

const stack = useLocalStack({ pollersPerQueue: 0 });
const ROOT = join(import.meta.dirname, '..', '..');
const digestCli = (...args: string[]) => promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['infra/cli/digest.ts', ...args], { cwd: ROOT, env: { ...process.env, ...stack().env } });
const KEY = Buffer.alloc(32, 9);

let serial = 0;
function survey(siteId: string, departmentId: string, day: string, overall: Overall, extra: Partial<SurveyMessage['survey']> = {}): SurveyMessage {
  serial += 1;
  const hex = serial.toString(16).padStart(12, '0');
  return { kind: 'survey', receivedAt: `${day}T10:00:00+08:00`, siteId, departmentId, timeZone: 'Asia/Shanghai', survey: { submissionId: `cccccccc-0000-4000-8000-${hex}`, overall, ...extra } };
}

async function store(messages: readonly SurveyMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) await storeSurveys(TABLE_NAME, messages.slice(i, i + 10), DEFAULT_RETENTION);
}

const request = (scope: Parameters<typeof measureReport>[0]['scope'], from: string, to: string, kind: 'month' | 'year' | 'custom' = 'custom') =>
  ({ table: TABLE_NAME, scope, period: { kind, from, to }, now: new Date('2026-11-10T02:00:00Z'), baseUrl: 'https://feedback.example' });

describe('the report model on hand-counted data', () => {
  it('scores a department with enough responses, shows one below the minimum as too few, prorates the target, and totals a group', async () => {
    // Prepare: March 2025 at the community centre (minimum 20): 20 of 25 positive in general practice, 5 at the family doctors; 3 at the hospital.
    const gp = [...Array.from({ length: 20 }, (_, i) => survey('community', 'general-practice', `2025-03-${String(3 + (i % 20)).padStart(2, '0')}`, i % 2 === 0 ? 'very_good' : 'good', { comment: '医生很耐心，电话 138 0013 8000' })),
      ...Array.from({ length: 5 }, () => survey('community', 'general-practice', '2025-03-25', 'poor'))];
    const family = Array.from({ length: 5 }, () => survey('community', 'family-doctor', '2025-03-12', 'very_good'));
    const hospital = Array.from({ length: 3 }, () => survey('demo', 'emergency', '2025-03-12', 'neither'));
    await store([...gp, ...family, ...hospital]);

    // Act
    const { report } = await measureReport(request({ kind: 'site', siteId: 'community' }, '2025-03-01', '2025-03-31', 'month'));
    const { report: group } = await measureReport(request({ kind: 'group', groupId: 'district-group' }, '2025-03-01', '2025-03-31', 'month'));

    // Assess
    expect(report.surveys).toMatchObject({ n: 30, positiveRate: 0.8333, tooFewResponses: false });
    const rows = Object.fromEntries(report.departments.map((r) => [r.id, r.surveys]));
    expect(rows['general-practice']).toMatchObject({ n: 25, positiveRate: 0.8, tooFewResponses: false });
    expect(rows['family-doctor']).toMatchObject({ n: 5, positiveRate: null, tooFewResponses: true });
    expect(report.departments.at(-1)?.surveys.tooFewResponses).toBe(true);
    expect([...report.best, ...report.worst].map((r) => r.id)).not.toContain('family-doctor');
    expect(report.volume).toEqual({ n: 30, yearlyTarget: 800, expected: Math.round((800 * 31) / 365), rate: Math.round((30 / 68) * 10_000) / 10_000 });
    expect(report.trend.grain).toBe('week');
    expect(report.trend.points.reduce((total, p) => total + p.n, 0)).toBe(30);
    expect(report.services.find((s) => s.id === 'family-doctor')?.surveys.n).toBe(5);
    expect(report.comments[0]?.text).toBe('医生很耐心，电话 …');
    expect(group.sites?.map((s) => [s.id, s.surveys.n])).toEqual([['demo', 3], ['community', 30], ['mental-health', 0]]);
    // A group names each department's site beside it; a site's own report does not.
    const emergency = group.departments.find((r) => r.id === 'emergency');
    expect(emergency?.name).toBe('急诊科（示范区人民医院）');
    expect(emergency?.nameEn).toMatch(/^Emergency.* \(.+\)$/);
    expect(report.departments.find((r) => r.id === 'general-practice')?.name).not.toContain('（');
    expect(group.surveys.n).toBe(33);
    expect(group.minResponses).toBe(30);
    expect(group.volume.yearlyTarget).toBe(2000 + 800 + 600);
  });

  it('lists as "no complaint this year" only the departments with none from New Year to the period\'s end, whether the period is a week, a month or a quarter', async () => {
    // Prepare: 2024 at the hospital: a complaint at emergency in February (before every period), one at the
    // cardiology ward on 20 May (inside each), one at the outpatient pharmacy in June (after them all).
    const complaints = [['emergency', '2024-02-10'], ['cardiology-ward', '2024-05-20'], ['outpatient-pharmacy', '2024-06-03']] as const;
    for (const [departmentId, day] of complaints) {
      await addCountersOnce(TABLE_NAME, { pk: `TEST#${departmentId}`, sk: day }, aggregateKeys('demo', departmentId, day).map((key) => ({ key, counters: { [complaintCounterNames.received]: 1 } })), new Date());
    }
    const without = async (from: string, to: string, kind: 'month' | 'custom') =>
      (await measureReport(request({ kind: 'site', siteId: 'demo' }, from, to, kind))).report.complaints.withoutComplaintThisYear.map((d) => d.id);

    // Act
    const periods = await Promise.all([without('2024-05-01', '2024-05-31', 'month'), without('2024-05-20', '2024-05-26', 'custom'), without('2024-04-01', '2024-05-31', 'custom')]);

    // Assess: the month and the quarter read the months before them and add their own counters; the week reads the year through its end.
    for (const listed of periods) {
      expect(listed).not.toContain('emergency');
      expect(listed).not.toContain('cardiology-ward');
      expect(listed).toContain('outpatient-pharmacy');
    }
  });
});

describe('a week across two months', () => {
  it('counts the days before the 1st and those after it', async () => {
    // Prepare: 20 surveys at emergency on Monday 29 September 2025 and 20 on Thursday 2 October
    await store([...Array.from({ length: 20 }, () => survey('demo', 'emergency', '2025-09-29', 'good')), ...Array.from({ length: 20 }, () => survey('demo', 'emergency', '2025-10-02', 'poor'))]);

    // Act
    const { report } = await measureReport(request({ kind: 'site', siteId: 'demo' }, '2025-09-29', '2025-10-05'));

    // Assess
    expect(report.surveys.n).toBe(40);
    expect(report.departments.find((d) => d.id === 'emergency')?.surveys.n).toBe(40);
  });
});

describe('recent comments', () => {
  it('shows the newest two of each scored department, from the site\'s newest comments or, when those leave it open, department by department', async () => {
    // Prepare: May 2022 at the community centre (minimum 20): 60 comments at general practice from the 10th
    // on, newer than all 20 at the family doctors on the 2nd, so the site's newest 50 are general practice's only.
    const gp = Array.from({ length: 60 }, (_, i) => survey('community', 'general-practice', `2022-05-${String(10 + (i % 15)).padStart(2, '0')}`, 'good', { comment: `全科 第${i}位` }));
    const family = Array.from({ length: 20 }, (_, i) => survey('community', 'family-doctor', '2022-05-02', 'very_good', { comment: `家庭医生 第${i}位` }));
    await store([...gp, ...family]);
    const comments = async (scope: Parameters<typeof measureReport>[0]['scope']) =>
      (await measureReport(request(scope, '2022-05-01', '2022-05-31', 'month'))).report.comments.map((c) => `${c.day} ${c.departmentName}`);

    // Act
    const site = await comments({ kind: 'site', siteId: 'community' });
    const family2 = await comments({ kind: 'site', siteId: 'community', departmentIds: ['family-doctor'] });

    // Assess: two of each, newest first; the family doctors' found although beyond the site's newest 50
    expect(site).toHaveLength(4);
    expect(site.slice(0, 2).every((c) => c.startsWith('2022-05-24 '))).toBe(true);
    expect(site.slice(2)).toEqual(family2);
    expect(family2).toHaveLength(2);
    expect(family2.every((c) => c.startsWith('2022-05-02 '))).toBe(true);
  });
});

describe('roll-ups and reads', () => {
  it('reads this month and this year so far from their roll-ups, yet never counts what is dated after the period\'s end', async () => {
    // Prepare: 2023 at the hospital: two discharges from the cardiology ward on 5 November, one imported
    // dated ahead (25 November), and a complaint at emergency on 20 November (after the periods too).
    const counted = [['cardiology-ward', '2023-11-05', callbackCounterNames.discharged, 2], ['cardiology-ward', '2023-11-25', callbackCounterNames.discharged, 1], ['emergency', '2023-11-20', complaintCounterNames.received, 1]] as const;
    for (const [departmentId, day, name, n] of counted) {
      await addCountersOnce(TABLE_NAME, { pk: `TEST#${departmentId}`, sk: day }, aggregateKeys('demo', departmentId, day).map((key) => ({ key, counters: { [name]: n } })), new Date());
    }
    const report = async (from: string, kind: 'month' | 'year') => (await measureReport(request({ kind: 'site', siteId: 'demo' }, from, '2023-11-10', kind))).report;

    // Act: this month and this year so far, on 10 November
    const [month, year] = await Promise.all([report('2023-11-01', 'month'), report('2023-01-01', 'year')]);

    // Assess: the figures of the days up to the 10th only, as the day items hold them
    const exact = (await sumAggregates(TABLE_NAME, 'demo', 'ALL', '2023-01-01', '2023-11-10')).counters;
    expect(exact[callbackCounterNames.discharged]).toBe(2);
    for (const shown of [month, year]) {
      expect(shown.callbacks?.discharged).toBe(2);
      expect(shown.complaints.n).toBe(0);
      expect(shown.complaints.withoutComplaintThisYear.map((d) => d.id)).toContain('emergency');
    }
  });

  it('keeps every month roll-up equal to the sum of its days, and reads the same items whatever the volume, in few requests', async () => {
    // Prepare: ten weeks of demo history
    await writeDemoHistory(TABLE_NAME, 70, '2026-11-10');
    const year = request({ kind: 'site', siteId: 'demo' }, '2026-01-01', '2026-12-31', 'year');
    const before = await measureReport(year);

    // Act: the same days, five hundred surveys more
    await store(Array.from({ length: 500 }, (_, i) => survey('demo', 'cardiology-ward', `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`, 'good')));
    const after = await measureReport(year);

    // Assess
    for (const departmentId of ['ALL', 'cardiology-ward', 'emergency']) {
      const days = await aggregateSeries(TABLE_NAME, 'demo', departmentId, 'day', '2026-10-01', '2026-10-31');
      const summed: Record<string, number> = {};
      for (const counters of days.values()) for (const [name, value] of Object.entries(counters)) summed[name] = (summed[name] ?? 0) + value;
      const month = (await aggregateSeries(TABLE_NAME, 'demo', departmentId, 'month', '2026-10', '2026-10')).get('2026-10');
      expect(month).toEqual(summed);
      expect((await sumAggregates(TABLE_NAME, 'demo', departmentId, '2026-10-01', '2026-10-31')).counters).toEqual(summed);
    }
    expect(after.report.surveys.n).toBe(before.report.surveys.n + 500);
    expect(after.cost.itemsRead).toBe(before.cost.itemsRead);
    // 20 departments: a year is at most 12 month items each, plus the trend's and the previous year's months.
    expect(after.cost.itemsRead).toBeLessThan(20 * 12 + 12 + 12 + 40);
    // This month so far: the report's sums go to the store together, one BatchGetItem for whole items and
    // one for the year so far's single counter, beside the trend's query, the overdue cases' and the site's
    // newest comments (read with the rest, before it is known whether a department qualifies to show one).
    // Seven requests when each sum asked on its own.
    const month = await measureReport(request({ kind: 'site', siteId: 'demo' }, '2026-11-01', '2026-11-10', 'month'));
    expect(month.cost.queries).toBe(5);
  });
});

const StoreSchema = z.object({ emails: z.array(z.object({ destination: z.object({ to: z.array(z.string()) }), subject: z.string(), body: z.object({ text: z.string().optional(), html: z.string().optional() }), headers: z.array(z.object({ name: z.string(), value: z.string() })).optional() })) });

async function digestsIn(label: string): Promise<z.infer<typeof StoreSchema>['emails']> {
  const response = await fetch(`${stack().endpoints.ses}/store`);
  return StoreSchema.parse(await response.json()).emails.filter((mail) => mail.subject.includes(label));
}

describe('the digest', () => {
  const options = () => ({ table: TABLE_NAME, baseUrl: stack().env[env.publicBaseUrl] ?? '', from: stack().env[env.mailFrom] ?? '', key: KEY, now: new Date('2026-11-09T01:00:00Z') });

  it('goes out once per recipient and period under a re-run and two concurrent runs, retries a failed send, and carries one-click unsubscribe headers', async () => {
    const sent: Mail[] = [];
    const send = async (mail: Mail) => {
      sent.push(mail);
      return sendMail(mail);
    };
    // A failed send first: released, so the next run sends it.
    const failing = await runDigests({ ...options(), only: { siteId: 'demo', kind: 'week', date: '2026-11-09', username: 'manager' }, send: () => Promise.reject(new Error('SES down')) });
    expect(failing).toEqual({ sent: 0, alreadySent: 0, failed: 1 });

    // Monday 09:00 in Shanghai: the week 11-02 … 11-08 is due; two overlapping runs, then a re-run.
    const [first, second] = await Promise.all([runDigests({ ...options(), send }), runDigests({ ...options(), send })]);
    const rerun = await runDigests({ ...options(), send });

    // The manager oversees the whole group: one group digest (each member and the total); the office head the hospital's.
    expect((first?.sent ?? 0) + (second?.sent ?? 0)).toBe(2);
    expect(rerun).toEqual({ sent: 0, alreadySent: 2, failed: 0 });
    const mails = await digestsIn('2026-11-02');
    expect(mails.map((m) => m.destination.to[0]).sort()).toEqual(['head@hospital.example', 'manager@hospital.example']);
    const chinese = mails.find((m) => m.destination.to[0] === 'manager@hospital.example');
    expect(chinese?.subject).toContain('周报 · 示范区医联体');
    for (const name of [DEMO_SITE.name, DEMO_COMMUNITY_SITE.name, DEMO_MENTAL_HEALTH_SITE.name, '合计']) expect(chinese?.body.html).toContain(name);
    expect(chinese?.body.text).toContain('成员单位');
    expect(chinese?.body.html).toContain('group=district-group');
    expect(mails.find((m) => m.destination.to[0] === 'head@hospital.example')?.subject).toContain('Weekly digest · Demo District');
    expect(chinese?.body.html).not.toMatch(/<script|<svg|<img|@font-face/iu);
    expect(chinese?.body.text).toContain('满意率');
    expect(sent).toHaveLength(2);
    for (const mail of mails) {
      // The headers as SES received them, beside the mail it built.
      const headers = new Map((mail.headers ?? []).map(({ name, value }) => [name, value]));
      expect(headers.get('List-Unsubscribe')).toMatch(/^<https?:\/\/[^>]+\/digests\/unsubscribe\?t=[^>]+>$/u);
      expect(headers.get('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(headers.get('Auto-Submitted')).toBe('auto-generated');
      expect(`${mail.subject}${mail.body.text ?? ''}${mail.body.html ?? ''}`).not.toMatch(/1[3-9]\d{9}/u);
    }
  });

  it('stops the digests by the signed link, and refuses a forged one', async () => {
    const link = unsubscribeUrl(stack().env[env.publicBaseUrl] ?? '', KEY, 'manager');
    // The local stack signs with its own key: a link signed with another is refused.
    const forged = await fetch(link.replace(stack().env[env.publicBaseUrl] ?? '', stack().baseUrl), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(forged.status).toBe(404);

    const { signingKey } = await import('../../shared/aws/secrets.ts');
    const real = unsubscribeUrl(stack().baseUrl, await signingKey(), 'manager');
    const page = await fetch(real);
    expect(page.status).toBe(200);
    expect(await getDigestPreference(TABLE_NAME, 'manager')).toMatchObject({ frequency: 'both' });
    const done = await fetch(real, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    expect(await getDigestPreference(TABLE_NAME, 'manager')).toMatchObject({ frequency: 'none' });

    const monthly = await runDigests({ ...options(), now: new Date('2026-12-01T01:00:00Z'), send: sendMail });
    expect(monthly.sent).toBe(1);
    expect((await digestsIn('2026-11-01')).map((m) => m.destination.to[0])).toEqual(['head@hospital.example']);
  });

  it('asks the directory at send time: a disabled manager gets no digest, one whose sites shrank only those left', async () => {
    // Prepare: the manager subscribes again; then an admin disables the account
    const directory = localDirectory(TABLE_NAME);
    const before = await directory.get('manager');
    if (before === undefined) throw new Error('no demo manager');
    await putDigestPreference(TABLE_NAME, { username: 'manager', email: 'manager@hospital.example', locale: 'zh-CN', frequency: 'monthly', roles: ['manager'], sites: [...DEMO_GROUP.siteIds], updatedAt: new Date().toISOString() });
    await directory.update(before, { ...before, enabled: false });
    const january = { ...options(), now: new Date('2027-01-01T01:00:00Z'), send: sendMail };

    // Act: the monthly digest for December
    const disabled = await runDigests(january);

    // Assess: only the office head's
    expect(disabled).toEqual({ sent: 1, alreadySent: 0, failed: 0 });
    expect((await digestsIn('2026-12-01')).map((m) => m.destination.to[0])).toEqual(['head@hospital.example']);

    // Act: enabled again, with only the community centre left in scope; the schedule runs again
    await directory.update({ ...before, enabled: false }, { ...before, enabled: true, sites: [DEMO_COMMUNITY_SITE.siteId] });
    const shrunk = await runDigests(january);

    // Assess: the centre's digest, not the group's; the head's is not sent twice
    expect(shrunk).toEqual({ sent: 1, alreadySent: 1, failed: 0 });
    const toManager = (await digestsIn('2026-12-01')).filter((m) => m.destination.to[0] === 'manager@hospital.example');
    expect(toManager.map((m) => m.subject)).toEqual([expect.stringContaining(`月报 · ${DEMO_COMMUNITY_SITE.name}`)]);
    await directory.update({ ...before, sites: [DEMO_COMMUNITY_SITE.siteId] }, before);
  });

  it('previews a group\'s digest with npm run digest -- --group, and refuses an unknown group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-'));
    try {
      const out = join(dir, 'group.html');
      const { stdout } = await digestCli('--group', DEMO_GROUP.groupId, '--period', 'month', '--date', '2026-11-10', '--out', out);
      expect(stdout).toContain(`月报 · ${DEMO_GROUP.name} · 2026-10-01–2026-10-31`);
      const html = readFileSync(out, 'utf8');
      for (const name of [DEMO_SITE.name, DEMO_COMMUNITY_SITE.name, DEMO_MENTAL_HEALTH_SITE.name, '合计']) expect(html).toContain(name);
      const refused = await digestCli('--group', 'nowhere', '--period', 'month', '--out', out).then(() => ({}), (error: unknown) => error);
      expect(z.object({ code: z.number(), stderr: z.string() }).parse(refused)).toMatchObject({ code: 1, stderr: 'unknown group "nowhere"\n' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
