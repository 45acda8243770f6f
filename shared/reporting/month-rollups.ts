import { rebuildRollup, type RollupRebuild } from '../storage/aggregates.ts';
import { getSite, listDepartments } from '../storage/sites.ts';
import { SITE_WIDE } from './counters.ts';
import { UnknownScopeError } from './report.ts';

// `npm run rollups`: the month and year roll-ups of a site's history written before they existed, rebuilt
// for a range of months (each month from its day items, then each year the range touches from its month
// roll-ups), for every partition the report reads (each department, offices included for their complaint
// counters, and the site as a whole). See rebuildRollup for why it is safe to run again and beside the
// live writers.

export const MAX_MONTHS = 120;

type Counts = Record<RollupRebuild, number>;
/** Month roll-ups by outcome, and the year roll-ups beside them. */
export type RollupCounts = Readonly<Counts & { years: Readonly<Counts> }>;


/** A few partitions at once: DynamoDB takes it, and a site of 30 departments × 24 months is done in seconds. */
const PARALLEL = 4;

/** Rebuilds the months, then the years, of every partition of the site; `onProgress` hears (0, total) first, then each step. */
export async function rebuildSiteMonths(table: string, siteId: string, months: readonly string[], now: Date, onProgress?: (done: number, total: number) => void): Promise<RollupCounts> {
  if (await getSite(table, siteId) === undefined) throw new UnknownScopeError(`unknown site "${siteId}"`);
  const partitions = [SITE_WIDE, ...(await listDepartments(table, siteId)).map((d) => d.departmentId)];
  const years = [...new Set(months.map((month) => month.slice(0, 4)))];
  const monthWork = partitions.flatMap((departmentId) => months.map((period) => ({ departmentId, grain: 'month' as const, period })));
  const yearWork = partitions.flatMap((departmentId) => years.map((period) => ({ departmentId, grain: 'year' as const, period })));
  const total = monthWork.length + yearWork.length;
  let done = 0;
  onProgress?.(0, total);
  const rebuild = async (work: typeof monthWork | typeof yearWork): Promise<Counts> => {
    const counts: Counts = { rebuilt: 0, unchanged: 0, 'no-days': 0 };
    for (let i = 0; i < work.length; i += PARALLEL) {
      const outcomes = await Promise.all(work.slice(i, i + PARALLEL).map(({ departmentId, grain, period }) => rebuildRollup(table, siteId, departmentId, grain, period, now)));
      for (const outcome of outcomes) counts[outcome] += 1;
      done += outcomes.length;
      onProgress?.(done, total);
    }
    return counts;
  };
  // A year is summed from its months, so the months come first.
  const monthCounts = await rebuild(monthWork);
  return { ...monthCounts, years: await rebuild(yearWork) };
}
