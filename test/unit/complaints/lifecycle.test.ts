import { thrownProblem } from '../../support/problems.ts';
import { describe, expect, it } from 'vitest';
import { applyChange, canMove } from '../../../shared/complaints/lifecycle.ts';
import { COMPLAINT_STATUSES, type ComplaintRecord, type ComplaintStatus } from '../../../shared/schemas/complaint.ts';

const base: ComplaintRecord = {
  id: 'c1', siteId: 'demo', departmentId: 'emergency', trackingCode: 'ABCD-EFGH-JKLM-NPQR', channel: 'hotline', enteredBy: 'user:office', settledOnSpot: false,
  multiDepartment: false, receivedAt: '2026-11-23T01:00:00.000Z', timeZone: 'Asia/Shanghai', description: 'x', status: 'received', category: 'waiting', severity: 'low',
  safetySignal: false, safetyKinds: [], terms: [], handlerDepartmentId: 'patient-relations', owner: 'office', acknowledgeBy: '2026-11-24T15:59:59.999Z', dueAt: '2026-11-30T15:59:59.999Z',
  hasContact: false, mailPending: false, version: 3,
};
const now = new Date('2026-11-24T02:00:00Z');

// The allowed moves, written out from the issue: received → acknowledged → investigating → responded → closed,
// withdrawn from any open state, reopened to investigating when the patient disputes the response.
const ALLOWED = new Set([
  'received>acknowledged', 'received>investigating', 'received>closed', 'received>withdrawn',
  'acknowledged>investigating', 'acknowledged>closed', 'acknowledged>withdrawn',
  'investigating>responded', 'investigating>closed', 'investigating>withdrawn',
  'responded>closed', 'responded>investigating', 'responded>withdrawn',
  'closed>investigating',
]);

describe('the complaint lifecycle', () => {
  const pairs = COMPLAINT_STATUSES.flatMap((from) => COMPLAINT_STATUSES.filter((to) => to !== from).map((to) => [from, to] as [ComplaintStatus, ComplaintStatus]));
  it.each(pairs)('%s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
    const change = { reason: 'r', status: to, outcome: 'partly-substantiated' as const, response: '已道歉并改进' };
    if (ALLOWED.has(`${from}>${to}`)) {
      const { record, history } = applyChange({ ...base, status: from }, change, 'user:head', now);
      expect(record.status).toBe(to);
      expect(record.version).toBe(4);
      expect(history[0]).toMatchObject({ actor: 'user:head', change: 'status', from, to, reason: 'r', at: now.toISOString() });
    } else {
      expect(thrownProblem(() => applyChange({ ...base, status: from }, change, 'user:head', now))).toMatchObject({ status: 422 });
    }
  });

  it('closes only with an outcome and the response to the patient, and schedules a follow-up call for key complaints', () => {
    expect(() => applyChange(base, { reason: 'done', status: 'closed' }, 'user:office', now)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: 'outcome' })] }));
    expect(() => applyChange(base, { reason: 'done', status: 'closed', outcome: 'substantiated' }, 'user:office', now)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: 'response' })] }));
    const low = applyChange(base, { reason: 'done', status: 'closed', outcome: 'substantiated', response: '已退费' }, 'user:office', now).record;
    expect(low).toMatchObject({ status: 'closed', outcome: 'substantiated', followUpDue: false, closedAt: now.toISOString() });
    const high = applyChange({ ...base, severity: 'high' }, { reason: 'done', status: 'closed', outcome: 'not-substantiated', response: '经调查…' }, 'user:office', now).record;
    expect(high.followUpDue).toBe(true);
  });

  it('records every change of owner, handler, category and severity with who, when and why', () => {
    const { record, history } = applyChange(base, { reason: '移交护理部', owner: 'head', handlerDepartmentId: 'nursing-office', category: 'nursing', severity: 'medium' }, 'user:office', now);
    expect(record).toMatchObject({ owner: 'head', handlerDepartmentId: 'nursing-office', category: 'nursing', severity: 'medium', status: 'received' });
    expect(history.map((h) => [h.change, h.from, h.to])).toEqual([['owner', 'office', 'head'], ['handler', 'patient-relations', 'nursing-office'], ['category', 'waiting', 'nursing'], ['severity', 'low', 'medium']]);
  });

  it('extends the due date in UTC with a history entry, and lets the SLA monitor warn again for the new date', () => {
    const warned = { ...base, slaWarnedAt: '2026-11-28T00:00:00.000Z', slaEscalatedAt: '2026-12-01T00:00:00.000Z', dueProvisional: true };
    const { record, history } = applyChange(warned, { reason: '涉及多个部门，延长至10个工作日', dueAt: '2026-12-07T23:59:59.999+08:00' }, 'user:office', now);
    expect(record.dueAt).toBe('2026-12-07T15:59:59.999Z');
    expect(record).not.toHaveProperty('slaWarnedAt');
    expect(record).not.toHaveProperty('slaEscalatedAt');
    expect(record).not.toHaveProperty('dueProvisional');
    expect(history).toEqual([{ at: now.toISOString(), actor: 'user:office', change: 'due', from: base.dueAt, to: '2026-12-07T15:59:59.999Z', reason: '涉及多个部门，延长至10个工作日' }]);
    expect(() => applyChange(base, { reason: 'x', dueAt: '2026-11-01T00:00:00.000Z' }, 'user:office', now)).toThrow(/before it was received/);
  });

  it('refuses a change that changes nothing, and any change to a closed case that does not reopen it', () => {
    expect(thrownProblem(() => applyChange(base, { reason: 'r', owner: 'office' }, 'user:office', now))).toMatchObject({ status: 422 });
    expect(thrownProblem(() => applyChange({ ...base, status: 'closed' }, { reason: 'r', owner: 'head' }, 'user:office', now))).toMatchObject({ status: 422 });
  });
});
