import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { createWorkingCalendar, dueDates } from '../../shared/sites/working-calendar.ts';
import { runSlaMonitor } from '../../shared/complaints/sla-monitor.ts';
import { env } from '../../shared/platform/resource-env.ts';
import type { ComplaintRecord } from '../../shared/schemas/complaint.ts';
import { complaintHistory, getComplaint, storeNewComplaint } from '../../shared/storage/complaints.ts';
import { listSiteIds } from '../../shared/storage/sites.ts';
import { useLocalStack } from '../support/local-stack.ts';

// The SLA monitor against DynamoDB Local and the SES emulator: a reminder at 80 % of the working time,
// an escalation once the due date has passed, each exactly once however often the schedule runs.

const stack = useLocalStack({ pollersPerQueue: 0 });

const ID = 'bbbbbbbb-0000-4000-8000-000000000001';
const TRACKING = 'SLAM-ONIT-ORTE-STAA';
const DESCRIPTION = '住院期间护士多次不理睬呼叫铃';
const RECEIVED = '2026-11-02T01:00:00.000Z'; // Monday 09:00 in Shanghai
const due = dueDates(createWorkingCalendar(), RECEIVED, 'Asia/Shanghai');

const complaint: ComplaintRecord = {
  id: ID, siteId: 'demo', departmentId: 'cardiology-ward', trackingCode: TRACKING, channel: 'hotline', enteredBy: 'user:office', settledOnSpot: false,
  multiDepartment: false, receivedAt: RECEIVED, timeZone: 'Asia/Shanghai', description: DESCRIPTION, status: 'investigating', category: 'nursing', severity: 'medium',
  safetySignal: false, safetyKinds: [], terms: [], handlerDepartmentId: 'nursing-office', owner: 'office', acknowledgeBy: due.acknowledge.atUtc, dueAt: due.investigation.atUtc,
  hasContact: false, mailPending: false, version: 1,
};

const StoreSchema = z.object({
  emails: z.array(z.object({
    destination: z.object({ to: z.array(z.string()), cc: z.array(z.string()) }),
    subject: z.string(),
    body: z.object({ text: z.string().optional(), html: z.string().optional() }),
  })),
});

/** The mails the SES emulator received about this case. */
async function mailsAboutTheCase(): Promise<z.infer<typeof StoreSchema>['emails']> {
  const response = await fetch(`${stack().endpoints.ses}/store`);
  expect(response.status).toBe(200);
  return StoreSchema.parse(await response.json()).emails.filter((mail) => mail.subject.includes(TRACKING));
}

const monitor = (now: string) => runSlaMonitor({
  table: TABLE_NAME,
  mailFrom: stack().env[env.mailFrom] ?? '',
  publicBaseUrl: stack().env[env.publicBaseUrl] ?? '',
  now: new Date(now),
});

describe('the SLA monitor', () => {
  it('reminds the owner once at 80 %, escalates once past the due date, and records each once', async () => {
    expect(due.investigation.atUtc).toBe('2026-11-09T15:59:59.999Z');
    expect(await storeNewComplaint(TABLE_NAME, complaint, undefined, new Date(RECEIVED))).toBe('stored');
    // The demo's three sites: the hospital, the community health centre, the mental-health centre.
    expect(await listSiteIds(TABLE_NAME)).toEqual(['community', 'demo', 'mental-health']);

    // Before 80 %: Friday 11-06 noon in Shanghai, 3.5 of 5 working days.
    expect(await monitor('2026-11-06T04:00:00.000Z')).toMatchObject({ checked: 1, warned: 0, escalated: 0 });
    expect(await mailsAboutTheCase()).toEqual([]);

    // 85 %: Monday 11-09 at 06:00 in Shanghai.
    expect(await monitor('2026-11-08T22:00:00.000Z')).toEqual({ sites: 3, checked: 1, warned: 1, escalated: 0, acknowledgeReminded: 0, conflicts: 0, failed: 0 });
    const [reminder, ...others] = await mailsAboutTheCase();
    expect(others).toEqual([]);
    expect(reminder?.destination).toEqual({ to: ['office@hospital.example'], cc: [] });
    expect(reminder?.body.text).toContain(`${stack().env[env.publicBaseUrl]}/admin/complaints/${ID}`);
    expect(reminder?.body.text).toContain('2026-11-09 23:59 (Asia/Shanghai)');
    expect(reminder?.body.text).toContain('心血管内科病区 Cardiology Ward');
    expect(JSON.stringify(reminder)).not.toContain(DESCRIPTION);

    // The next quarter hour: nothing new.
    expect(await monitor('2026-11-08T22:15:00.000Z')).toMatchObject({ warned: 0, escalated: 0 });
    expect(await mailsAboutTheCase()).toHaveLength(1);

    // Past the due date: one escalation to the head, the owner copied.
    expect(await monitor('2026-11-09T16:30:00.000Z')).toEqual({ sites: 3, checked: 1, warned: 0, escalated: 1, acknowledgeReminded: 0, conflicts: 0, failed: 0 });
    const mails = await mailsAboutTheCase();
    expect(mails).toHaveLength(2);
    expect(mails[1]?.destination).toEqual({ to: ['head@hospital.example'], cc: ['office@hospital.example'] });
    expect(mails[1]?.subject).toContain('OVERDUE');

    // Later runs, and the scheduled handler itself (real clock), send nothing more.
    expect(await monitor('2026-11-09T16:45:00.000Z')).toMatchObject({ warned: 0, escalated: 0 });
    expect(await stack().runSchedule('complaint-sla-monitor')).toMatchObject({ sites: 3, checked: 1, warned: 0, escalated: 0, acknowledgeReminded: 0, conflicts: 0, failed: 0, comments: { reminded: 0, failed: 0 }, expiredCalls: { sites: 3, closed: 0 } });
    expect(await mailsAboutTheCase()).toHaveLength(2);

    const history = await complaintHistory(TABLE_NAME, ID);
    expect(history.filter((h) => h.change === 'sla-warning')).toHaveLength(1);
    expect(history.filter((h) => h.change === 'sla-breach')).toHaveLength(1);
    expect(history.find((h) => h.change === 'sla-warning')).toMatchObject({ actor: 'system:sla-monitor', at: '2026-11-08T22:00:00.000Z' });
    expect(await getComplaint(TABLE_NAME, ID)).toMatchObject({ slaWarnedAt: '2026-11-08T22:00:00.000Z', slaEscalatedAt: '2026-11-09T16:30:00.000Z', version: 3, status: 'investigating' });
  });
});
