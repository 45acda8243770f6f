import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { SITE_WIDE } from '../../shared/aggregates.ts';
import type { ComplaintRecord } from '../../shared/schemas/complaint.ts';
import { sumAggregates } from '../../shared/storage/aggregates.ts';
import { complaintCounterNames, getComplaint, storeNewComplaint } from '../../shared/storage/complaints.ts';
import { useLocalStack } from '../support/local-stack.ts';

// A new complaint against DynamoDB Local: stored once however often it is delivered, counted once, and
// the owner's caseload grows once.

const stack = useLocalStack({ pollersPerQueue: 0, rateLimitPerMinute: 1000 });

const record = (id: string, overrides: Partial<ComplaintRecord> = {}): ComplaintRecord => ({
  id, siteId: 'demo', departmentId: 'emergency', trackingCode: `TRK-${id.slice(0, 4)}`, channel: 'hotline', enteredBy: 'user:office', settledOnSpot: false,
  multiDepartment: false, receivedAt: '2026-11-22T16:30:00.000Z', timeZone: 'Asia/Shanghai', description: '急诊等候太久', status: 'received', category: 'waiting', severity: 'low',
  safetySignal: false, safetyKinds: [], terms: ['等候'], handlerDepartmentId: 'patient-relations', owner: 'office', acknowledgeBy: '2026-11-24T23:59:59.999+08:00',
  dueAt: '2026-11-30T23:59:59.999+08:00', hasContact: true, alertPending: false, version: 1, ...overrides,
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
});
