import type { Counters } from './counters.ts';
import { COMPLAINT_LIMITS, type ComplaintLimit, complaintCounterNames } from '../storage/complaints.ts';

// Complaint figures from the summed daily aggregates: how many came, by category, severity and channel,
// how many were closed, and how many of those within their limit.

export interface ComplaintFigures {
  readonly n: number;
  readonly byCategory: Record<string, number>;
  readonly bySeverity: Record<string, number>;
  readonly byChannel: Record<string, number>;
  readonly closed: number;
  readonly closedInTime: number;
  /** Share of closed complaints closed within their limit; null when none closed. */
  readonly closedInTimeRate: number | null;
  /** Complaints received in the period whose category staff corrected. */
  readonly reclassified: number;
  /** The classifier's accuracy in real use: the share of complaints received whose category staff kept; null when none came. */
  readonly classifierAccuracy: number | null;
  /** Received carrying a safety signal. */
  readonly safetySignals: number;
  /** Closed against each limit (5 working days for one department, 10 for several), and how many in time. */
  readonly byLimit: Record<ComplaintLimit, { readonly closed: number; readonly inTime: number; readonly inTimeRate: number | null }>;
}

function byPrefix(counters: Counters, prefix: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) if (name.startsWith(prefix) && value !== 0) result[name.slice(prefix.length)] = value;
  return result;
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** How many complaints came: all a department's row and the year's list need, without the breakdowns. */
export const complaintsReceived = (counters: Counters): number => counters[complaintCounterNames.received] ?? 0;

export function complaintFigures(counters: Counters): ComplaintFigures {
  const closed = counters[complaintCounterNames.closed] ?? 0;
  const closedInTime = counters[complaintCounterNames.closedInTime] ?? 0;
  const n = complaintsReceived(counters);
  const reclassified = counters[complaintCounterNames.reclassified] ?? 0;
  return {
    n,
    byCategory: byPrefix(counters, complaintCounterNames.category('')),
    bySeverity: byPrefix(counters, complaintCounterNames.severity('')),
    byChannel: byPrefix(counters, complaintCounterNames.channel('')),
    closed,
    closedInTime,
    closedInTimeRate: share(closedInTime, closed),
    reclassified,
    classifierAccuracy: share(n - reclassified, n),
    safetySignals: counters[complaintCounterNames.safetySignal] ?? 0,
    byLimit: Object.fromEntries(COMPLAINT_LIMITS.map((limit) => {
      const closedAgainst = counters[complaintCounterNames.closedByLimit(limit)] ?? 0;
      const inTime = counters[complaintCounterNames.closedInTimeByLimit(limit)] ?? 0;
      return [limit, { closed: closedAgainst, inTime, inTimeRate: share(inTime, closedAgainst) }];
    })) as ComplaintFigures['byLimit'],
  };
}
