import { dayIn } from '../platform/time.ts';
import type { CallRecord } from '../schemas/callback.ts';
import type { ComplaintRecord } from '../schemas/complaint.ts';
import { callWindow } from './schedule.ts';
import type { CallClock } from './clock.ts';

// Follow-up calls on key complaints (重点投诉处理回访, the 2024 notice): closing a case flagged for a
// follow-up puts a call on the office's worklist, in the same window and retry schedule as a discharge
// call, counted from the day the case closed. Its answer (satisfied with the handling or not) is recorded
// on the case and counted; "not satisfied" offers to reopen it.

export function followUpCall(record: ComplaintRecord, clock: CallClock, closedAt: string): CallRecord {
  const cohortDay = dayIn(record.timeZone, closedAt);
  const window = callWindow(clock.calendar, cohortDay, clock.settings);
  return {
    callId: `complaint:${record.id}`,
    kind: 'follow-up',
    siteId: record.siteId,
    departmentId: record.departmentId,
    timeZone: record.timeZone,
    complaintId: record.id,
    cohortDay,
    ...(record.locale === undefined ? {} : { language: record.locale }),
    status: 'due',
    attempts: [],
    dueDay: window.start,
    windowStart: window.start,
    windowEnd: window.end,
    complaintIds: [],
    version: 1,
  };
}
