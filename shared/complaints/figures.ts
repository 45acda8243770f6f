import type { Counters } from '../aggregates.ts';
import { complaintCounterNames } from '../storage/complaints.ts';

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
}

function byPrefix(counters: Counters, prefix: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) if (name.startsWith(prefix) && value !== 0) result[name.slice(prefix.length)] = value;
  return result;
}

export function complaintFigures(counters: Counters): ComplaintFigures {
  const closed = counters[complaintCounterNames.closed] ?? 0;
  const closedInTime = counters[complaintCounterNames.closedInTime] ?? 0;
  return {
    n: counters[complaintCounterNames.received] ?? 0,
    byCategory: byPrefix(counters, complaintCounterNames.category('')),
    bySeverity: byPrefix(counters, complaintCounterNames.severity('')),
    byChannel: byPrefix(counters, complaintCounterNames.channel('')),
    closed,
    closedInTime,
    closedInTimeRate: closed === 0 ? null : Math.round((closedInTime / closed) * 10_000) / 10_000,
  };
}
