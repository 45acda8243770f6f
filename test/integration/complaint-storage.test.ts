import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { SITE_WIDE } from '../../shared/reporting/counters.ts';
import type { ComplaintRecord } from '../../shared/schemas/complaint.ts';
import { buildReport, formatReport } from '../../shared/reporting/report.ts';
import { sumAggregates } from '../../shared/storage/aggregates.ts';
import { applyChange } from '../../shared/complaints/lifecycle.ts';
import { complaintCounterNames, complaintHistory, getComplaint, listComplaints, saveComplaintChange, storeNewComplaint } from '../../shared/storage/complaints.ts';
import { VersionConflictError } from '../../shared/platform/domain-errors.ts';
import { useLocalStack } from '../support/local-stack.ts';

// A new complaint against DynamoDB Local: stored once however often it is delivered, counted once, and
// the owner's caseload grows once.

const stack = useLocalStack({ pollersPerQueue: 0, rateLimitPerMinute: 1000 });

const record = (id: string, overrides: Partial<ComplaintRecord> = {}): ComplaintRecord => ({
  id, siteId: 'demo', departmentId: 'emergency', trackingCode: `TRK-${id.slice(0, 4)}`, channel: 'hotline', enteredBy: 'user:office', settledOnSpot: false,
  multiDepartment: false, receivedAt: '2026-11-22T16:30:00.000Z', timeZone: 'Asia/Shanghai', description: '急诊等候太久', status: 'received', category: 'waiting', severity: 'low',
  safetySignal: false, safetyKinds: [], terms: ['等候'], handlerDepartmentId: 'patient-relations', owner: 'office', acknowledgeBy: '2026-11-24T23:59:59.999+08:00',
  dueAt: '2026-11-30T23:59:59.999+08:00', hasContact: true, mailPending: false, version: 1, ...overrides,
});

describe('storing a new complaint', () => {
  it('stores and counts it once, however often it is delivered', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const now = new Date('2026-11-22T16:30:01Z');
    const results = await Promise.all([1, 2, 3].map(() => storeNewComplaint(TABLE_NAME, record(id), { name: '李女士', relation: 'family', phone: '13800138000', consent: true }, now)));
    expect(results.filter((r) => r === 'stored')).toHaveLength(1);
    expect(await storeNewComplaint(TABLE_NAME, record(id), undefined, now)).toBe('duplicate');

    expect(await getComplaint(TABLE_NAME, id)).toMatchObject({ id, status: 'received', owner: 'office', version: 1 });
    // 2026-11-22T16:30Z is 2026-11-23 in Shanghai: counted on the site's day.
    for (const department of ['emergency', SITE_WIDE]) {
      const { counters } = await sumAggregates(TABLE_NAME, 'demo', department, '2026-11-23', '2026-11-23');
      expect(counters[complaintCounterNames.received], department).toBe(1);
      expect(counters[complaintCounterNames.category('waiting')], department).toBe(1);
      expect(counters[complaintCounterNames.channel('hotline')], department).toBe(1);
    }
  });

  it('lets the patient follow it by tracking code through the API, with no personal data', async () => {
    const id = '33333333-3333-4333-8333-333333333333';
    await storeNewComplaint(TABLE_NAME, record(id, { trackingCode: 'ABCD-EFGH-JKLM-NPQR' }), { name: '李女士', relation: 'family', phone: '13800138000', consent: true }, new Date());
    const response = await fetch(`${stack().baseUrl}/v1/complaints/track/abcd-efgh-jklm-npqr`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ trackingCode: 'ABCD-EFGH-JKLM-NPQR', status: 'received', receivedDate: '2026-11-23', dueDate: '2026-11-30' });
    expect((await fetch(`${stack().baseUrl}/v1/complaints/track/ABCD-EFGH-JKLM-NPQS`)).status).toBe(404);
    expect((await fetch(`${stack().baseUrl}/v1/complaints/track/not-a-code`)).status).toBe(404);
  });

  it('counts a complaint settled on the spot as closed within its limit', async () => {
    const id = '22222222-2222-4222-8222-222222222222';
    await storeNewComplaint(TABLE_NAME, record(id, { settledOnSpot: true, settlement: '当场退费', status: 'closed', departmentId: 'registration-billing' }), undefined, new Date());
    const { counters } = await sumAggregates(TABLE_NAME, 'demo', 'registration-billing', '2026-11-23', '2026-11-23');
    expect(counters).toMatchObject({ [complaintCounterNames.closed]: 1, [complaintCounterNames.closedInTime]: 1 });
  });

  it('saves a change only over the version it was made from, with its history, and counts the closing', async () => {
    const id = '44444444-4444-4444-8444-444444444444';
    await storeNewComplaint(TABLE_NAME, record(id, { departmentId: 'maternity-ward' }), undefined, new Date('2026-11-22T16:30:01Z'));
    const stored = await getComplaint(TABLE_NAME, id);
    if (stored === undefined) throw new Error('not stored');
    const now = new Date('2026-11-24T02:00:00Z');
    const first = applyChange(stored, { reason: '转护理部', handlerDepartmentId: 'nursing-office' }, 'user:office', now);
    const rival = applyChange(stored, { reason: '由主任负责', owner: 'head' }, 'user:head', now);
    await saveComplaintChange(TABLE_NAME, stored, first.record, first.history, { now });
    await expect(saveComplaintChange(TABLE_NAME, stored, rival.record, rival.history, { now })).rejects.toBeInstanceOf(VersionConflictError);

    const current = await getComplaint(TABLE_NAME, id);
    if (current === undefined) throw new Error('gone');
    expect(current).toMatchObject({ version: 2, handlerDepartmentId: 'nursing-office', owner: 'office' });
    const closing = applyChange(current, { reason: '已回复', status: 'closed', outcome: 'partly-substantiated', response: '已道歉' }, 'user:office', now);
    await saveComplaintChange(TABLE_NAME, current, closing.record, closing.history, { now });
    expect((await complaintHistory(TABLE_NAME, id)).map((h) => h.change)).toEqual(['received', 'handler', 'status']);
    const { counters } = await sumAggregates(TABLE_NAME, 'demo', 'maternity-ward', '2026-11-24', '2026-11-24');
    expect(counters).toMatchObject({ [complaintCounterNames.closed]: 1, [complaintCounterNames.closedInTime]: 1 });
  });

  it('counts a category correction once per case, on the day it was received, and uncounts it when staff return to the classifier\'s category', async () => {
    const id = '66666666-6666-4666-8666-666666666666';
    // A day of its own, so the other cases here do not count.
    await storeNewComplaint(TABLE_NAME, record(id, { trackingCode: 'RECL-0001', classifiedCategory: 'waiting', receivedAt: '2026-10-14T02:00:00.000Z' }), undefined, new Date('2026-11-22T16:30:01Z'));
    const reclassified = async () => (await sumAggregates(TABLE_NAME, 'demo', 'emergency', '2026-10-14', '2026-10-14')).counters[complaintCounterNames.reclassified] ?? 0;
    const move = async (category: ComplaintRecord['category']) => {
      const current = await getComplaint(TABLE_NAME, id);
      if (current === undefined) throw new Error('not stored');
      const now = new Date('2026-11-26T02:00:00Z');
      const changed = applyChange(current, { reason: '类别更正', category }, 'user:office', now);
      await saveComplaintChange(TABLE_NAME, current, changed.record, changed.history, { now });
    };
    await move('nursing');
    expect(await reclassified()).toBe(1);
    await move('conduct');
    expect(await reclassified()).toBe(1);
    await move('waiting');
    expect(await reclassified()).toBe(0);
    const report = await buildReport(TABLE_NAME, 'demo', undefined, '2026-10-14', '2026-10-14');
    expect(report.complaints).toMatchObject({ n: 1, reclassified: 0, classifierAccuracy: 1 });
    expect((await complaintHistory(TABLE_NAME, id)).filter((h) => h.change === 'category').map((h) => h.to)).toEqual(['nursing', 'conduct', 'waiting']);
  });

  it('lists a site\'s complaints soonest due first, by status, owner, department, overdue and urgency, page by page', async () => {
    const site = 'listing';
    const make = (n: number, overrides: Partial<ComplaintRecord>) => record(`55555555-5555-4555-8555-${String(n).padStart(12, '0')}`, { siteId: site, trackingCode: `LIST-${n}`, ...overrides });
    await storeNewComplaint(TABLE_NAME, make(1, { dueAt: '2026-11-30T15:59:59.999Z', departmentId: 'emergency' }), undefined, new Date());
    await storeNewComplaint(TABLE_NAME, make(2, { dueAt: '2026-11-25T15:59:59.999Z', departmentId: 'cardiology-ward', owner: 'head' }), undefined, new Date());
    await storeNewComplaint(TABLE_NAME, make(3, { dueAt: '2026-11-20T15:59:59.999Z', departmentId: 'cardiology-ward' }), undefined, new Date());
    await storeNewComplaint(TABLE_NAME, make(4, { dueAt: '2026-11-19T15:59:59.999Z', status: 'closed', settledOnSpot: true, settlement: '当场解决' }), undefined, new Date());
    await storeNewComplaint(TABLE_NAME, make(5, { dueAt: '2026-11-28T15:59:59.999Z', safetySignal: true, safetyKinds: ['violence'], severity: 'high' }), undefined, new Date());
    await storeNewComplaint(TABLE_NAME, make(6, { dueAt: '2026-11-27T15:59:59.999Z', severity: 'critical' }), undefined, new Date());
    await storeNewComplaint(TABLE_NAME, make(7, { dueAt: '2026-11-18T15:59:59.999Z', status: 'closed', severity: 'critical', settledOnSpot: true, settlement: '当场解决' }), undefined, new Date());

    const ids = (page: { items: ComplaintRecord[] }) => page.items.map((c) => c.trackingCode);
    expect(ids(await listComplaints(TABLE_NAME, site, {}, 50))).toEqual(['LIST-3', 'LIST-2', 'LIST-6', 'LIST-5', 'LIST-1', 'LIST-7', 'LIST-4']);
    expect(ids(await listComplaints(TABLE_NAME, site, { status: 'received' }, 50))).toEqual(['LIST-3', 'LIST-2', 'LIST-6', 'LIST-5', 'LIST-1']);
    // The inbox's pinned cases: open ones with a safety signal or raised to critical, filtered by the store.
    expect(ids(await listComplaints(TABLE_NAME, site, { openOnly: true, urgentOnly: true }, 50))).toEqual(['LIST-6', 'LIST-5']);
    expect(ids(await listComplaints(TABLE_NAME, site, { urgentOnly: true, departmentIds: ['emergency'] }, 50))).toEqual(['LIST-6', 'LIST-5', 'LIST-7']);
    expect(ids(await listComplaints(TABLE_NAME, site, { owner: 'head' }, 50))).toEqual(['LIST-2']);
    expect(ids(await listComplaints(TABLE_NAME, site, { departmentIds: ['cardiology-ward'] }, 50))).toEqual(['LIST-3', 'LIST-2']);
    // A department also sees the cases handed to it to handle.
    expect(ids(await listComplaints(TABLE_NAME, site, { departmentIds: ['patient-relations'] }, 50))).toEqual(['LIST-3', 'LIST-2', 'LIST-6', 'LIST-5', 'LIST-1', 'LIST-7', 'LIST-4']);
    expect(ids(await listComplaints(TABLE_NAME, site, { overdueAt: new Date('2026-11-24T00:00:00Z') }, 50))).toEqual(['LIST-3']);

    const first = await listComplaints(TABLE_NAME, site, { status: 'received' }, 2);
    expect(ids(first)).toEqual(['LIST-3', 'LIST-2']);
    const second = await listComplaints(TABLE_NAME, site, { status: 'received' }, 2, first.cursor);
    expect(ids(second)).toEqual(['LIST-6', 'LIST-5']);
    expect(ids(await listComplaints(TABLE_NAME, site, { status: 'received' }, 2, second.cursor))).toEqual(['LIST-1']);
  });

  it('reports complaints by category, severity and channel, closings in time, and the departments with none', async () => {
    const report = await buildReport(TABLE_NAME, 'demo', undefined, '2026-11-23', '2026-11-24');
    expect(report.complaints.n).toBeGreaterThanOrEqual(3);
    expect(report.complaints.byChannel.hotline).toBe(report.complaints.n);
    expect(report.complaints.closedInTimeRate).toBe(1);
    const quiet = (report.departmentsWithoutComplaints ?? []).map((d) => d.id);
    expect(quiet).toContain('cardiology-ward');
    expect(quiet).not.toContain('emergency');
    expect(quiet).not.toContain('medical-affairs'); // offices are not patient-facing
    expect(formatReport(report)).toContain('No complaint in the period');
  });
});
