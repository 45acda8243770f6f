import { type MonthRebuild, rebuildMonth } from '../storage/aggregates.ts';
import { getSite, listDepartments } from '../storage/sites.ts';
import { SITE_WIDE } from './counters.ts';
import { addMonths } from './periods.ts';
import { UnknownScopeError } from './report.ts';

// `npm run rollups`: the month roll-ups of a site's history written before they existed, rebuilt from its
// day items for a range of months, for every partition the report reads (each department, offices
// included for their complaint counters, and the site as a whole). See rebuildMonth for why it is safe
// to run again and beside the live writers.

export const MAX_MONTHS = 120;

export type RollupCounts = Readonly<Record<MonthRebuild, number>>;

/** The months from `from` to `to` (yyyy-mm), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length <= MAX_MONTHS; month = addMonths(month, 1)) months.push(month);
  return months;
}


/** A few partitions at once: DynamoDB takes it, and a site of 30 departments × 24 months is done in seconds. */
const PARALLEL = 4;

/** Rebuilds the months of every partition of the site; `onProgress` hears (0, total) first, then each step. */
export async function rebuildSiteMonths(table: string, siteId: string, months: readonly string[], now: Date, onProgress?: (done: number, total: number) => void): Promise<RollupCounts> {
  if (await getSite(table, siteId) === undefined) throw new UnknownScopeError(`unknown site "${siteId}"`);
  const partitions = [SITE_WIDE, ...(await listDepartments(table, siteId)).map((d) => d.departmentId)];
  const counts: Record<MonthRebuild, number> = { rebuilt: 0, unchanged: 0, 'no-days': 0 };
  const work = partitions.flatMap((departmentId) => months.map((month) => ({ departmentId, month })));
  let done = 0;
  onProgress?.(0, work.length);
  for (let i = 0; i < work.length; i += PARALLEL) {
    const outcomes = await Promise.all(work.slice(i, i + PARALLEL).map(({ departmentId, month }) => rebuildMonth(table, siteId, departmentId, month, now)));
    for (const outcome of outcomes) counts[outcome] += 1;
    done += outcomes.length;
    onProgress?.(done, work.length);
  }
  return counts;
}
