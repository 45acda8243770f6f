import type { ComplaintRecord } from '../../shared/schemas/complaint.ts';

/** A stored case of the demo site: a critical safety signal from the emergency department, owned by `office`, before its first mails. */
export const complaintRecord = (id: string, overrides: Partial<ComplaintRecord> = {}): ComplaintRecord => ({
  id, siteId: 'demo', departmentId: 'emergency', trackingCode: 'ABCD-EFGH-JKLM-NPQR', channel: 'qr-page', enteredBy: 'patient', settledOnSpot: false,
  multiDepartment: false, receivedAt: '2026-11-23T14:05:00.000Z', timeZone: 'Asia/Shanghai', description: '我弟弟说不想活了，护士还骂他', status: 'received',
  category: 'nursing', severity: 'critical', safetySignal: true, safetyKinds: ['suicide'], terms: ['不想活'], handlerDepartmentId: 'nursing-office', owner: 'office',
  acknowledgeBy: '2026-11-24T15:59:59.999Z', dueAt: '2026-11-30T15:59:59.999Z', hasContact: true, mailPending: true, version: 1, ...overrides,
});
