import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { seedDemoCases } from '../../infra/local/demo-cases.ts';
import { writeDemoHistory } from '../../infra/local/demo-history.ts';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import type { Mail } from '../../shared/aws/ses.ts';
import { remindUnreadComments } from '../../shared/comments/comment-reminder.ts';
import { runSlaMonitor } from '../../shared/complaints/sla-monitor.ts';
import { SITE_WIDE } from '../../shared/reporting/counters.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { shiftDay } from '../../shared/reporting/periods.ts';
import { aggregateSeries } from '../../shared/storage/aggregates.ts';
import { isUnread } from '../../shared/schemas/comment.ts';
import { allComments } from '../../shared/storage/comments.ts';
import { complaintHistory, listComplaints } from '../../shared/storage/complaints.ts';
import { useLocalStack } from '../support/local-stack.ts';

// The demo live cases (infra/local/demo-cases.ts) on the local stack: loaded once through the worker,
// the office's changes and the SLA monitor; the states the inbox and the dashboard show; counted once,
// also when the demo history is written after them; and only the last two hours' mails sent.

const stack = useLocalStack();
const MailsSchema = z.object({ emails: z.array(z.object({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }), body: z.object({ text: z.string().optional() }) })) });

async function mails() {
  const response = await fetch(`${stack().endpoints.ses}/store`);
  return MailsSchema.parse(await response.json()).emails;
}

describe('demo live cases', () => {
  it('are loaded once, in the states the office and the dashboard show, and counted once', async () => {
    // Five past nine in the morning (today's, or yesterday's before then): the replay's last monitor run is
    // at nine, so a scheduled run now owes nothing, whatever the hour the test runs at.
    const nineToday = new Date(`${dayIn('Asia/Shanghai', new Date())}T09:05:00+08:00`);
    const now = nineToday.getTime() < Date.now() ? nineToday : new Date(nineToday.getTime() - 86_400_000);
    const mail = { from: 'feedback@hospital.example', baseUrl: stack().baseUrl };
    const key = await signingKey();

    const first = await seedDemoCases(TABLE_NAME, key, mail, now);
    const second = await seedDemoCases(TABLE_NAME, key, mail, now);

    expect(first).toMatchObject({ cases: 14, comments: 6 });
    expect(first.mailsSkipped).toBeGreaterThan(10);
    expect(second).toEqual({ cases: 0, comments: 0, mailsSkipped: 0, mailsSent: 0 });
    // The live schedule's next run (SLA monitor and comment reminder) finds nothing of the past fortnight to mail.
    const owed: Mail[] = [];
    const collect = (message: Mail) => {
      owed.push(message);
      return Promise.resolve();
    };
    const later = new Date(now.getTime() + 60_000);
    await runSlaMonitor({ table: TABLE_NAME, mailFrom: mail.from, publicBaseUrl: mail.baseUrl, now: later, send: collect });
    await remindUnreadComments({ table: TABLE_NAME, mailFrom: mail.from, publicBaseUrl: mail.baseUrl, now: later, send: collect });
    expect(owed.map((m) => m.subject)).toEqual([]);
    const { items } = await listComplaints(TABLE_NAME, 'demo', {}, 100);
    expect(items).toHaveLength(14);
    expect(new Set(items.map((c) => c.trackingCode)).size).toBe(14);

    // One overdue: received on the phone, acknowledged, investigating, its escalation marked when it fell due.
    const overdue = await listComplaints(TABLE_NAME, 'demo', { overdueAt: now }, 100);
    expect(overdue.items.map((c) => [c.departmentId, c.status, c.channel])).toEqual([['medical-imaging', 'investigating', 'hotline']]);
    const late = overdue.items[0];
    expect(late?.slaEscalatedAt).toBeDefined();
    expect(Date.parse(late?.slaEscalatedAt ?? '')).toBeLessThan(now.getTime() - 3_600_000);
    expect((await complaintHistory(TABLE_NAME, late?.id ?? '')).map((h) => h.change)).toEqual(['received', 'status', 'status', 'sla-warning', 'sla-breach']);

    // The safety signal: critical, not yet acknowledged, owned by an officer; its alert went out (it came 50 minutes ago).
    const safety = items.filter((c) => c.safetySignal);
    expect(safety.map((c) => [c.departmentId, c.severity, c.status])).toEqual([['emergency', 'critical', 'received']]);
    expect(['office', 'head']).toContain(safety[0]?.owner);
    const sent = await mails();
    expect(sent).toHaveLength(first.mailsSent);
    expect(sent.some((m) => m.destination.to.includes('safety@hospital.example') && (m.body.text ?? '').includes(safety[0]?.id ?? '?'))).toBe(true);
    // Nothing about the old cases was mailed at load.
    expect(sent.some((m) => (m.body.text ?? '').includes(late?.id ?? '?'))).toBe(false);

    // Every state the inbox shows, each by the product's own transitions.
    const states = items.map((c) => c.status).sort();
    expect(new Set(states)).toEqual(new Set(['received', 'acknowledged', 'investigating', 'responded', 'closed', 'withdrawn']));
    const responded = items.find((c) => c.status === 'responded');
    expect(responded?.response).toMatch(/叫号系统/);
    const tracking = await fetch(`${stack().baseUrl}/t/${responded?.trackingCode ?? ''}`);
    expect(await tracking.text()).toContain('增开一个采血窗口');
    expect(items.filter((c) => c.status === 'closed').map((c) => c.settledOnSpot).sort()).toEqual([false, true]);
    expect(new Set(items.map((c) => c.channel))).toEqual(new Set(['qr-page', 'hotline', 'walk-in', 'callback', 'email', 'opinion-box', 'survey-follow-up']));

    // The comments: one possible signal waiting for a look, the rest (complaints' and surveys') to read.
    const comments = await allComments(TABLE_NAME, 'demo');
    const possible = comments.filter((c) => c.safetyLevel === 'possible');
    expect(possible.map((c) => [c.source, c.departmentId, c.review?.state])).toEqual([['survey', 'emergency', 'pending']]);
    expect(comments.filter((c) => c.source === 'survey')).toHaveLength(6);
    expect(comments.filter((c) => c.source === 'complaint')).toHaveLength(13);
    // The office read what it worked on; what is still to read is the new cases' and the surveys', none past its time unreminded.
    const status = new Map(items.map((c) => [c.id, c.status]));
    expect(comments.filter((c) => c.source === 'complaint' && isUnread(c)).map((c) => status.get(c.id))).toEqual(['received', 'received', 'received', 'received']);
    expect(comments.filter((c) => isUnread(c) && c.remindedAt === undefined && Date.parse(c.readDueAt) <= now.getTime())).toEqual([]);

    // The history written after them leaves the complaint counters of their fortnight alone: each case counts once.
    const today = dayIn('Asia/Shanghai', now);
    await writeDemoHistory(TABLE_NAME, 20, today);
    const from = shiftDay(today, -20);
    const series = await aggregateSeries(TABLE_NAME, 'demo', SITE_WIDE, 'day', from, today);
    const earliest = items.map((c) => dayIn('Asia/Shanghai', c.receivedAt)).sort()[0] ?? today;
    expect(earliest > from).toBe(true);
    for (let day = earliest; day <= today; day = shiftDay(day, 1)) {
      const received = items.filter((c) => dayIn('Asia/Shanghai', c.receivedAt) === day).length;
      expect({ day, n: series.get(day)?.complaint_n ?? 0 }).toEqual({ day, n: received });
    }
    // Before them, the history's complaints as before.
    expect([...series].filter(([day]) => day < earliest).reduce((sum, [, counters]) => sum + (counters.complaint_n ?? 0), 0)).toBeGreaterThan(0);
  });
});
