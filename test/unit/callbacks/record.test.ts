import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALLBACK_SETTINGS } from '../../../shared/callbacks/settings.ts';
import { newDischargeCall } from '../../../shared/callbacks/discharges.ts';
import { attemptCounters, callComment, callComplaints } from '../../../shared/callbacks/record.ts';
import { callbackFigures } from '../../../shared/reporting/callback-figures.ts';
import { type CallbackSubmission, CallbackSubmissionSchema, type CallRecord } from '../../../shared/schemas/callback.ts';
import type { CallbackMessage } from '../../../shared/schemas/intake-message.ts';
import { createWorkingCalendar } from '../../../shared/sites/working-calendar.ts';

// The outcome rules: what a call form or POST /v1/callbacks may carry, what each attempt counts, which
// complaints a call opens, and the figures read from the counters.

const clock = { settings: DEFAULT_CALLBACK_SETTINGS, calendar: createWorkingCalendar() };
const base = { submissionId: randomUUID(), siteId: 'demo', dischargeId: 'ZY1', calledAt: '2026-11-30T10:00:00+08:00' };
const errorsOf = (body: Record<string, unknown>) => {
  const parsed = CallbackSubmissionSchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('what a recorded call may say', () => {
  it('takes answers, notes and issues only when the patient was reached', () => {
    expect(errorsOf({ ...base, outcome: 'reached', overall: 'good', ratings: { communication: 5 }, issues: [{ description: '药没讲清楚' }] })).toEqual([]);
    expect(errorsOf({ ...base, outcome: 'no_answer', overall: 'good' })).toEqual(['overall']);
    expect(errorsOf({ ...base, outcome: 'busy', issues: [{ description: 'x' }] })).toEqual(['issues']);
    expect(errorsOf({ ...base, outcome: 'no_answer', comment: '家属说晚上再打' })).toEqual([]);
  });

  it('names one discharge or one complaint, and asks a complaint\'s follow-up whether the patient is satisfied', () => {
    expect(errorsOf({ ...base, complaintId: 'c1', outcome: 'reached' })).toContain('dischargeId');
    const { dischargeId: _d, ...followUp } = base;
    expect(errorsOf({ ...followUp, complaintId: 'c1', outcome: 'reached' })).toEqual(['followUp']);
    expect(errorsOf({ ...followUp, complaintId: 'c1', outcome: 'reached', followUp: 'satisfied' })).toEqual([]);
    expect(errorsOf({ ...base, outcome: 'reached', followUp: 'satisfied' })).toEqual(['followUp']);
    expect(errorsOf({ ...base, outcome: 'hung_up' })).toEqual(['outcome']);
  });
});

const message = { siteId: 'demo', timeZone: 'Asia/Shanghai', receivedAt: '2026-11-27T12:00:00.000Z' };
const patient = { name: '王秀英', phone: '13900001234' };

describe('what an attempt counts', () => {
  const { call } = newDischargeCall(message, { dischargeId: 'ZY1', departmentId: 'cardiology-ward', dischargedAt: '2026-11-27T09:00:00+08:00', patient }, clock);
  const submission = (outcome: CallbackSubmission['outcome'], extra: Partial<CallbackSubmission> = {}): CallbackSubmission => ({ ...base, outcome, ...extra });

  it('makes a discharge a call due in its window, counted once as discharged; doNotCall is closed and counted declined', () => {
    expect(call).toMatchObject({ status: 'due', dueDay: '2026-11-30', windowEnd: '2026-12-25', cohortDay: '2026-11-27', attempts: [] });
    expect(newDischargeCall(message, { dischargeId: 'ZY2', departmentId: 'cardiology-ward', dischargedAt: '2026-11-27T09:00:00+08:00', patient, doNotCall: true }, clock))
      .toMatchObject({ call: { status: 'done', result: 'do_not_call' }, counters: { callback_discharged: 1, callback_declined: 1 } });
  });

  it('counts a patient attempted once, and reached, declined or unreachable when the call closes', () => {
    expect(attemptCounters(call, submission('no_answer'), { status: 'attempted' }, 0)).toEqual({ callback_attempted: 1 });
    const tried: CallRecord = { ...call, attempts: [{ submissionId: 's', at: 'x', outcome: 'no_answer', by: 'user:callback' }] };
    expect(attemptCounters(tried, submission('reached', { overall: 'good' }), { status: 'done', result: 'reached' }, 2)).toEqual({ callback_reached: 1, callback_overall_good: 1, callback_complaints: 2 });
    expect(attemptCounters(tried, submission('busy'), { status: 'done', result: 'unreachable' }, 0)).toEqual({ callback_unreachable: 1 });
    expect(attemptCounters(call, submission('declined'), { status: 'done', result: 'declined' }, 0)).toEqual({ callback_attempted: 1, callback_declined: 1 });
  });

  it('counts a key complaint\'s follow-up by its answer', () => {
    const followUp: CallRecord = { ...call, kind: 'follow-up', complaintId: 'c1' };
    expect(attemptCounters(followUp, submission('reached', { followUp: 'not_satisfied' }), { status: 'done', result: 'reached' }, 0)).toEqual({ followup_not_satisfied: 1 });
  });
});

describe('the complaints a call opens', () => {
  const callback = (extra: Partial<CallbackSubmission>): CallbackMessage => ({
    kind: 'callback', receivedAt: '2026-11-30T02:00:00.000Z', siteId: 'demo', departmentId: 'cardiology-ward', timeZone: 'Asia/Shanghai', callId: 'discharge:ZY1', recordedBy: 'user:callback',
    callback: { ...base, outcome: 'reached', ...extra },
  });
  const key = Buffer.alloc(32, 7);

  it('opens one per issue, owned by the caller, linked to the call, with the same ids on every redelivery', () => {
    const m = callback({ issues: [{ description: '出院带药没讲清楚' }, { description: '结算排队太久', departmentId: 'admission-discharge' }] });
    const opened = callComplaints(m, key, patient);
    expect(opened.map((c) => [c.channel, c.enteredBy, c.callId, c.departmentId])).toEqual([['callback', 'user:callback', 'discharge:ZY1', 'cardiology-ward'], ['callback', 'user:callback', 'discharge:ZY1', 'admission-discharge']]);
    expect(callComplaints(m, key, patient).map((c) => c.complaint.submissionId)).toEqual(opened.map((c) => c.complaint.submissionId));
    expect(new Set(opened.map((c) => c.complaint.submissionId)).size).toBe(2);
    expect(opened[0]?.complaint.contact).toEqual({ name: '王秀英', phone: '13900001234', relation: 'patient', consent: false });
  });

  it('opens no case for the notes, whatever they say: they are a comment to read (two safety levels)', () => {
    expect(callComplaints(callback({ comment: '出院后觉得活着没意思，不想活了' }), key, patient)).toEqual([]);
    const m = callback({ comment: ' 护士很耐心，谢谢 ' });
    expect(callComment(m, 1_800_000_000)).toEqual({ id: base.submissionId, siteId: 'demo', departmentId: 'cardiology-ward', source: 'callback', receivedAt: m.receivedAt, timeZone: 'Asia/Shanghai', text: '护士很耐心，谢谢', expiresAt: 1_800_000_000 });
    expect(callComment(callback({ comment: '   ' }), 1)).toBeUndefined();
    expect(callComment(callback({}), 1)).toBeUndefined();
  });
});

describe('the callback figures', () => {
  it('gives coverage as reached over discharged against the target, and the share positive of the answers', () => {
    expect(callbackFigures({ callback_discharged: 8, callback_attempted: 6, callback_reached: 4, callback_declined: 1, callback_unreachable: 1, callback_overall_very_good: 2, callback_overall_good: 1, callback_overall_poor: 1, callback_complaints: 1 }, 0.5))
      .toEqual({ discharged: 8, attempted: 6, reached: 4, declined: 1, unreachable: 1, coverage: 0.5, target: 0.5, meetsTarget: true, positiveRate: 0.75, rated: 4, complaintsRaised: 1, followUps: { satisfied: 0, notSatisfied: 0 } });
    expect(callbackFigures({}, 0.5)).toMatchObject({ coverage: null, meetsTarget: null, positiveRate: null });
    expect(callbackFigures({ callback_discharged: 3, callback_reached: 1 }, 0.5)).toMatchObject({ coverage: 0.3333, meetsTarget: false });
  });
});
