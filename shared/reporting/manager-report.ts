import { caseUrl } from '../complaints/alerts.ts';
import { type Department, DEFAULT_SURVEYS_PER_YEAR, type Site } from '../schemas/site.ts';
import { OVERALL_OPTIONS } from '../schemas/survey.ts';
import { complaintCounterNames, listComplaints } from '../storage/complaints.ts';
import { aggregateSeries, newReadMeter, type ReadMeter, sumAggregateRanges } from '../storage/aggregates.ts';
import { type CommentPage, type RecentComment, recentComments } from '../storage/recent-comments.ts';
import { getSiteGroup } from '../storage/site-groups.ts';
import { getSite, listDepartments } from '../storage/sites.ts';
import { type ComplaintFigures, complaintFigures, complaintsReceived } from './complaint-figures.ts';
import { addCounters, counterNames, type Counters, SITE_WIDE } from './counters.ts';
import { type CallbackFigures, callbackFigures } from './callback-figures.ts';
import { getCallbackSettings } from '../storage/callbacks.ts';
import { addMonths, daysIn, mondayOf, type Period, periodLabel, shiftDay, trendGrain } from './periods.ts';
import { UnknownScopeError } from './report.ts';
import { W } from './report-words.ts';
import { type SurveyFigures, surveyFigures } from './survey-figures.ts';

// The managers' report (design.md, "Digests"): one model for a scope (a site, some of its departments,
// or a group of sites) and a period, rendered as the digest mail, the dashboard page and the CSV export.
// Every read is an aggregate item (days, or the month and year roll-ups), a page of overdue cases or a few recent
// comments, so its cost grows with departments × periods, never with the number of surveys.


export type ReportScope =
  | { readonly kind: 'site'; readonly siteId: string; readonly departmentIds?: readonly string[] }
  | { readonly kind: 'group'; readonly groupId: string };

export interface ReportRequest {
  readonly table: string;
  readonly scope: ReportScope;
  readonly period: Period;
  readonly now: Date;
  /** Where links point: the dashboard and the complaint cases. */
  readonly baseUrl: string;
  /** Only the departments of this service type (the dashboard's filter). */
  readonly serviceType?: string;
  /** How many recent comments, overdue cases and best/worst departments to list. */
  readonly limits?: { readonly comments?: number; readonly overdue?: number; readonly ranked?: number };
  /** A site's item and all its departments, when the caller has read them already (the dashboard has): not read again. */
  readonly known?: { readonly site: Site; readonly departments: readonly Department[] };
}

export interface Named {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
}

export interface UnitRow extends Named {
  readonly siteId: string;
  readonly surveys: SurveyFigures;
  readonly complaints: number;
}

export interface TrendPoint {
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly n: number;
  readonly positiveRate: number | null;
}

export interface OverdueCase {
  readonly id: string;
  readonly siteId: string;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly category: string;
  readonly severity: string;
  readonly dueDay: string;
  readonly daysOverdue: number;
  readonly safetySignal: boolean;
  readonly url: string;
}

export interface ReportComment {
  readonly departmentName: string;
  readonly departmentNameEn: string;
  readonly day: string;
  readonly overall: string;
  readonly text: string;
}

export interface ManagerReport {
  readonly scope: Named & { readonly kind: 'site' | 'departments' | 'group'; readonly siteIds: readonly string[]; readonly departmentIds?: readonly string[]; readonly serviceType?: string };
  readonly period: Period & { readonly label: string; readonly timeZone: string; readonly days: number };
  readonly generatedAt: string;
  readonly minResponses: number;
  readonly targets: { readonly positiveRate: number; readonly waitWithin15Rate: number; readonly surveysPerYear: number };
  readonly surveys: SurveyFigures;
  /** The same figures for the period of the same length just before: the "比上周" of the headline. */
  readonly previous: SurveyFigures;
  /** Responses against the yearly target, pro rata for the period's days. */
  readonly volume: { readonly n: number; readonly yearlyTarget: number; readonly expected: number; readonly rate: number | null };
  readonly trend: { readonly grain: 'week' | 'month'; readonly points: readonly TrendPoint[] };
  /** Every patient-facing department in scope, best first; those below the minimum last, unranked. */
  readonly departments: readonly UnitRow[];
  readonly best: readonly UnitRow[];
  readonly worst: readonly UnitRow[];
  /** Satisfaction per service type (domain.md: counselling and treatment apart). */
  readonly services: readonly (UnitRow & { readonly departments: number })[];
  /** A group's member sites side by side. */
  readonly sites?: readonly UnitRow[];
  readonly complaints: ComplaintFigures & {
    readonly overdue: readonly OverdueCase[];
    /** More overdue cases than listed. */
    readonly overdueMore: boolean;
    readonly withoutComplaintThisYear: readonly (Named & { readonly siteId: string })[];
    readonly yearFrom: string;
  };
  /** Patients discharged in the period, called and reached, against the lead site's coverage target. */
  readonly callbacks?: CallbackFigures;
  readonly comments: readonly ReportComment[];
  readonly links: { readonly dashboard: string; readonly complaints: string; readonly csv: string };
}

export interface ReportCost {
  readonly itemsRead: number;
  readonly queries: number;
  readonly ms: number;
}

interface Unit {
  readonly site: Site;
  readonly departmentId: string;
}

const DEFAULT_LIMITS = { comments: 5, overdue: 10, ranked: 3 } as const;

const sum = (all: readonly Counters[]): Counters => all.reduce<Counters>((total, c) => addCounters(total, c), {});

function rankKey(row: UnitRow): number {
  return row.surveys.positiveRate ?? -1;
}

/** Best first; ties by more responses; rows below the minimum last, in name order. */
export function rankUnits(rows: readonly UnitRow[]): UnitRow[] {
  return [...rows].sort((a, b) => {
    if (a.surveys.tooFewResponses !== b.surveys.tooFewResponses) return a.surveys.tooFewResponses ? 1 : -1;
    return rankKey(b) - rankKey(a) || b.surveys.n - a.surveys.n || a.id.localeCompare(b.id);
  });
}

/** The best and the worst of the ranked rows with enough responses; a row is never in both. */
export function bestAndWorst(ranked: readonly UnitRow[], count: number): { best: UnitRow[]; worst: UnitRow[] } {
  const scored = ranked.filter((row) => !row.surveys.tooFewResponses);
  const best = scored.slice(0, Math.min(count, Math.ceil(scored.length / 2)));
  const worst = scored.slice(best.length).slice(-count).reverse();
  return { best, worst };
}

/** A group's member sites side by side and, last, the group total: the group view of the dashboard and the digest. */
export function sitesWithTotal(report: ManagerReport): UnitRow[] | undefined {
  if (report.sites === undefined) return undefined;
  return [...report.sites, { id: report.scope.id, name: W.whole.zh, nameEn: W.whole.en, siteId: report.scope.id, surveys: report.surveys, complaints: report.complaints.n }];
}

/** Expected responses in `days` days of a year with `yearly` as target. */
export const proRata = (yearly: number, days: number): number => Math.round((yearly * days) / 365);

const dashboardLink = (baseUrl: string, request: ReportRequest): string => {
  const query = new URLSearchParams();
  if (request.scope.kind === 'group') query.set('group', request.scope.groupId);
  else query.set('site', request.scope.siteId);
  if (request.period.kind === 'custom') {
    query.set('from', request.period.from);
    query.set('to', request.period.to);
  } else query.set('period', request.period.kind);
  return `${baseUrl}/admin?${query.toString()}`;
};

async function resolveScope(request: ReportRequest): Promise<{ sites: Site[]; scope: ManagerReport['scope'] }> {
  const { table, scope } = request;
  if (scope.kind === 'group') {
    const group = await getSiteGroup(table, scope.groupId);
    if (group === undefined) throw new UnknownScopeError(`unknown group "${scope.groupId}"`);
    const sites = await Promise.all(group.siteIds.map(async (id) => {
      const site = await getSite(table, id);
      if (site === undefined) throw new UnknownScopeError(`unknown site "${id}" in group "${group.groupId}"`);
      return site;
    }));
    return { sites, scope: { kind: 'group', id: group.groupId, name: group.name, nameEn: group.nameEn, siteIds: group.siteIds } };
  }
  const site = knownSite(request)?.site ?? await getSite(table, scope.siteId);
  if (site === undefined) throw new UnknownScopeError(`unknown site "${scope.siteId}"`);
  return {
    sites: [site],
    scope: {
      kind: scope.departmentIds === undefined ? 'site' : 'departments', id: site.siteId, name: site.name, nameEn: site.nameEn, siteIds: [site.siteId],
      ...(scope.departmentIds === undefined ? {} : { departmentIds: scope.departmentIds }),
    },
  };
}

const serviceOf = (department: Department): string => department.serviceType ?? department.kind;

/** What the caller already read of the site in scope, if it is that site. */
const knownSite = (request: ReportRequest): ReportRequest['known'] =>
  (request.scope.kind === 'site' && request.known?.site.siteId === request.scope.siteId ? request.known : undefined);

/** Builds the report, counting every item it reads. */
export async function buildManagerReport(request: ReportRequest, meter: ReadMeter = newReadMeter()): Promise<ManagerReport> {
  const { table, period } = request;
  const limits = { ...DEFAULT_LIMITS, ...request.limits };
  // Reads that depend on nothing before them run together (each round trip to the store is most of a
  // request's time): a named site's departments beside the site itself.
  const [{ sites, scope }, namedSiteDepartments] = await Promise.all([
    resolveScope(request),
    request.scope.kind === 'site' ? knownSite(request)?.departments ?? listDepartments(table, request.scope.siteId) : undefined,
  ]);
  const [lead] = sites;
  if (lead === undefined) throw new UnknownScopeError('a group without sites');
  const minResponses = Math.max(...sites.map((s) => s.minResponses));
  const onlyDepartments = request.scope.kind === 'site' ? request.scope.departmentIds : undefined;
  const narrowed = onlyDepartments !== undefined || request.serviceType !== undefined;

  // The departments in scope: patient-facing ones of each site, narrowed to the user's or the filter's.
  const departmentLists = namedSiteDepartments === undefined ? await Promise.all(sites.map((site) => listDepartments(table, site.siteId))) : [namedSiteDepartments];
  const departments = sites.flatMap((site, i) => (departmentLists[i] ?? [])
    .filter((d) => d.surveyEnabled)
    .filter((d) => onlyDepartments === undefined || onlyDepartments.includes(d.departmentId))
    .filter((d) => request.serviceType === undefined || serviceOf(d) === request.serviceType)
    // In a group, two member sites may both have a 外科: every list names the site beside the department.
    .map((d) => ({ site, department: sites.length > 1 ? { ...d, name: `${d.name}（${site.name}）`, nameEn: `${d.nameEn} (${site.nameEn})` } : d })));
  if (onlyDepartments !== undefined && departments.length === 0) throw new UnknownScopeError('no department of the site in scope');

  const departmentUnits: Unit[] = departments.map(({ site, department }) => ({ site, departmentId: department.departmentId }));
  // The scope's own partitions: the site-wide ones when whole sites are in scope, else its departments'.
  const scopeUnits: Unit[] = narrowed ? departmentUnits : sites.map((site) => ({ site, departmentId: SITE_WIDE }));

  /** The sums of each group of units over its range, all in one call: their keys reach the store together. */
  const sumGroups = async (groups: readonly { units: readonly Unit[]; from: string; to: string; only?: readonly string[] }[]): Promise<Counters[][]> => {
    const sums = await sumAggregateRanges(table, groups.flatMap(({ units, from, to, only }) =>
      units.map((u) => ({ siteId: u.site.siteId, departmentId: u.departmentId, from, to, ...(only === undefined ? {} : { only }) }))), meter);
    let next = 0;
    return groups.map(({ units }) => units.map(() => sums[next++] ?? {}));
  };

  const days = daysIn(period.from, period.to);
  const previousTo = shiftDay(period.from, -1);
  const previousFrom = shiftDay(previousTo, -(days - 1));
  const yearFrom = `${period.to.slice(0, 4)}-01-01`;
  // The year so far serves only "no complaint this year": one counter of each item. It comes from the
  // year's roll-up (sumAggregateRanges checks that it holds nothing after the period's end).
  const grain = trendGrain(period);

  const [[departmentCounters = [], previousCounters = [], unitCounters = [], yearCounters], trend, overdueFound, callbackSettings, siteCommentPages] = await Promise.all([
    sumGroups([
      { units: departmentUnits, from: period.from, to: period.to },
      { units: scopeUnits, from: previousFrom, to: previousTo },
      // A narrowed scope's own counters are its departments' (summed below); a whole site's are its own partition.
      { units: narrowed ? [] : scopeUnits, from: period.from, to: period.to },
      ...(period.from === yearFrom ? [] : [{ units: departmentUnits, from: yearFrom, to: period.to, only: [complaintCounterNames.received] }]),
    ]),
    trendPoints(table, scopeUnits, grain, period.to, minResponses, meter),
    overdueCases(request, sites, departments.map((d) => d.department), narrowed ? departments.map((d) => d.department.departmentId) : undefined, limits.overdue, meter),
    getCallbackSettings(table, lead.siteId),
    // A whole-site report's comments start from the newest of each site with a department in scope, which
    // need nothing read above (whether a department qualifies to show one is known only after).
    limits.comments === 0 || narrowed ? undefined : Promise.all(sites.filter((site) => departments.some((d) => d.site === site))
      .map(async (site) => [site.siteId, await recentComments(table, site.siteId, SITE_WIDE, period.to, SITE_COMMENTS_PAGE, meter)] as const)),
  ]);
  const scopeCounters = sum(narrowed ? departmentCounters : unitCounters);

  const rows: UnitRow[] = departments.map(({ site, department }, i) => {
    const counters = departmentCounters[i] ?? {};
    return {
      id: department.departmentId, name: department.name, nameEn: department.nameEn, siteId: site.siteId,
      surveys: surveyFigures(counters, site.minResponses), complaints: complaintsReceived(counters),
    };
  });
  const ranked = rankUnits(rows);
  const { best, worst } = bestAndWorst(ranked, limits.ranked);

  const byService = new Map<string, { counters: Counters[]; count: number }>();
  departments.forEach(({ department }, i) => {
    const entry = byService.get(serviceOf(department)) ?? { counters: [], count: 0 };
    entry.counters.push(departmentCounters[i] ?? {});
    entry.count += 1;
    byService.set(serviceOf(department), entry);
  });
  const services = [...byService].map(([service, entry]) => {
    const counters = sum(entry.counters);
    return { id: service, name: service, nameEn: service, siteId: lead.siteId, surveys: surveyFigures(counters, minResponses), complaints: complaintsReceived(counters), departments: entry.count };
  });

  let siteRows: UnitRow[] | undefined;
  if (scope.kind === 'group') {
    const siteCounters = narrowed ? sites.map((site) => sum(departments.flatMap(({ site: s }, i) => (s.siteId === site.siteId ? [departmentCounters[i] ?? {}] : [])))) : unitCounters;
    siteRows = sites.map((site, i) => ({ id: site.siteId, name: site.name, nameEn: site.nameEn, siteId: site.siteId, surveys: surveyFigures(siteCounters[i] ?? {}, site.minResponses), complaints: complaintsReceived(siteCounters[i] ?? {}) }));
  }

  const yearly = yearCounters ?? departmentCounters;
  const withoutComplaintThisYear = departments
    .filter((_, i) => complaintsReceived(yearly[i] ?? {}) === 0)
    .map(({ site, department }) => ({ id: department.departmentId, name: department.name, nameEn: department.nameEn, siteId: site.siteId }));

  const { overdue, more } = overdueFound;
  const comments = await commentsOf(table, ranked, departments.map((d) => d.department), period.to, limits.comments, siteCommentPages === undefined ? undefined : new Map(siteCommentPages), meter);

  const yearlyTarget = sites.reduce((total, site) => total + (site.targets.surveysPerYear ?? DEFAULT_SURVEYS_PER_YEAR), 0);
  const expected = proRata(yearlyTarget, days);
  const surveys = surveyFigures(scopeCounters, minResponses);
  const callbacks = callbackFigures(scopeCounters, callbackSettings.coverageTarget);
  return {
    scope: { ...scope, ...(request.serviceType === undefined ? {} : { serviceType: request.serviceType }) },
    period: { ...period, label: periodLabel(period), timeZone: lead.timeZone, days },
    generatedAt: request.now.toISOString(),
    minResponses,
    targets: { positiveRate: lead.targets.positiveRate, waitWithin15Rate: lead.targets.waitWithin15Rate, surveysPerYear: yearlyTarget },
    surveys,
    previous: surveyFigures(sum(previousCounters), minResponses),
    volume: { n: surveys.n, yearlyTarget, expected, rate: expected === 0 ? null : Math.round((surveys.n / expected) * 10_000) / 10_000 },
    trend: { grain, points: trend },
    departments: ranked,
    best,
    worst,
    services,
    ...(siteRows === undefined ? {} : { sites: siteRows }),
    complaints: { ...complaintFigures(scopeCounters), overdue, overdueMore: more, withoutComplaintThisYear, yearFrom },
    comments,
    ...(callbacks.discharged === 0 ? {} : { callbacks }),
    links: {
      dashboard: dashboardLink(request.baseUrl, request),
      complaints: `${request.baseUrl}/admin/complaints?overdue=1`,
      csv: dashboardLink(request.baseUrl, request).replace('/admin?', '/admin/export.csv?'),
    },
  };
}

/** What a trend point shows (its responses and positive rate): the overall answers' counters. */
const TREND_COUNTERS = [counterNames.surveys, ...OVERALL_OPTIONS.map(counterNames.overall)];

/** The last 12 weeks (Monday to Sunday) or 12 months up to `to`, summed over the scope's partitions. */
async function trendPoints(table: string, units: readonly Unit[], grain: 'week' | 'month', to: string, minResponses: number, meter: ReadMeter): Promise<TrendPoint[]> {
  const buckets: { label: string; from: string; to: string }[] = [];
  if (grain === 'week') {
    const lastMonday = mondayOf(to);
    for (let i = 11; i >= 0; i -= 1) {
      const from = shiftDay(lastMonday, -7 * i);
      const end = shiftDay(from, 6);
      buckets.push({ label: from, from, to: end < to ? end : to });
    }
  } else {
    const lastMonth = to.slice(0, 7);
    for (let i = 11; i >= 0; i -= 1) {
      const month = addMonths(lastMonth, -i);
      buckets.push({ label: month, from: `${month}-01`, to: month === lastMonth ? to : shiftDay(`${addMonths(month, 1)}-01`, -1) });
    }
  }
  const first = buckets[0];
  if (first === undefined) return [];
  const series = await Promise.all(units.map((u) => (grain === 'week'
    ? aggregateSeries(table, u.site.siteId, u.departmentId, 'day', first.from, to, meter, TREND_COUNTERS)
    : aggregateSeries(table, u.site.siteId, u.departmentId, 'month', first.label, to.slice(0, 7), meter, TREND_COUNTERS))));
  return buckets.map((bucket) => {
    const counters: Counters = {};
    for (const points of series) {
      for (const [at, c] of points) {
        const inBucket = grain === 'week' ? at >= bucket.from && at <= bucket.to : at === bucket.label;
        if (inBucket) addCounters(counters, c);
      }
    }
    const figures = surveyFigures(counters, minResponses);
    return { ...bucket, n: figures.n, positiveRate: figures.positiveRate };
  });
}

async function overdueCases(request: ReportRequest, sites: readonly Site[], departments: readonly Department[], departmentIds: readonly string[] | undefined, limit: number, meter: ReadMeter): Promise<{ overdue: OverdueCase[]; more: boolean }> {
  const names = new Map(departments.map((d) => [`${d.siteId}/${d.departmentId}`, d.name]));
  const overdue: OverdueCase[] = [];
  let more = false;
  for (const site of sites) {
    const page = await listComplaints(request.table, site.siteId, { overdueAt: request.now, ...(departmentIds === undefined ? {} : { departmentIds }) }, limit + 1);
    meter.queries += 1;
    meter.items += page.items.length;
    if (page.items.length > limit || page.cursor !== undefined) more = true;
    for (const record of page.items.slice(0, limit)) {
      const dueDay = record.dueAt.slice(0, 10);
      overdue.push({
        id: record.id, siteId: record.siteId, departmentId: record.departmentId,
        departmentName: names.get(`${record.siteId}/${record.departmentId}`) ?? record.departmentId,
        category: record.category, severity: record.severity, dueDay,
        daysOverdue: Math.max(0, Math.floor((request.now.getTime() - Date.parse(record.dueAt)) / 86_400_000)),
        safetySignal: record.safetySignal,
        url: caseUrl(request.baseUrl, record.id),
      });
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue);
  if (overdue.length > limit) more = true;
  return { overdue: overdue.slice(0, limit), more };
}

/** How many of a site's newest comments a whole-site report looks through before asking department by department. */
const SITE_COMMENTS_PAGE = 50;
const COMMENTS_PER_DEPARTMENT = 2;

/**
 * A few recent comments, newest first, at most two a department, only from departments with enough
 * responses to be scored. A report over whole sites looks through each site's newest comments first
 * (`sitePages`, one query a site, read beside the aggregates); only when those leave it open are that
 * site's departments still short asked one by one, as a narrowed report (no `sitePages`) always does.
 * Either way the same comments are shown, up to which of one day's, except comments written before the
 * site copies existed (kept 90 days), which only the department queries find.
 */
async function commentsOf(table: string, ranked: readonly UnitRow[], departments: readonly Department[], to: string, limit: number, sitePages: ReadonlyMap<string, CommentPage> | undefined, meter: ReadMeter): Promise<ReportComment[]> {
  if (limit === 0) return [];
  const eligible = ranked.filter((row) => !row.surveys.tooFewResponses && row.surveys.comments > 0);
  const rowOf = new Map(eligible.map((row) => [`${row.siteId}/${row.id}`, row]));
  const found = new Map<string, { c: RecentComment; row: UnitRow }>();
  const taken = (row: UnitRow) => [...found.values()].filter((f) => f.row === row).length;
  const take = (siteId: string, comments: readonly RecentComment[]) => {
    for (const c of comments) {
      const row = rowOf.get(`${siteId}/${c.departmentId}`);
      if (row !== undefined && taken(row) < COMMENTS_PER_DEPARTMENT) found.set(`${siteId}/${c.sk}`, { c, row });
    }
  };
  const newestFirst = () => [...found.values()].sort((a, b) => b.c.day.localeCompare(a.c.day));
  // The sites whose older comments may still matter: all of them, unless their newest page settles it.
  let unsettled = new Set(eligible.map((row) => row.siteId));
  if (sitePages !== undefined) {
    const siteIds = [...unsettled];
    const pages = siteIds.map((siteId) => sitePages.get(siteId));
    pages.forEach((page, i) => take(siteIds[i] ?? '', page?.comments ?? []));
    // A site's comments beyond its page are no newer than the page's oldest: they matter only if that is
    // newer than the last of the `limit` newest found.
    const last = newestFirst()[limit - 1]?.c.day;
    unsettled = new Set(siteIds.filter((_, i) => {
      const page = pages[i];
      // A site without its page (none is: every site in scope was read) is asked department by department.
      return page === undefined || (page.more && (last === undefined || (page.comments.at(-1)?.day ?? '') > last));
    }));
  }
  const short = eligible.filter((row) => unsettled.has(row.siteId) && taken(row) < COMMENTS_PER_DEPARTMENT);
  const pages = await Promise.all(short.map((row) => recentComments(table, row.siteId, row.id, to, COMMENTS_PER_DEPARTMENT, meter)));
  pages.forEach((page, i) => take(short[i]?.siteId ?? '', page.comments));
  const byId = new Map(departments.map((d) => [`${d.siteId}/${d.departmentId}`, d]));
  return newestFirst()
    .slice(0, limit)
    .map(({ c, row }) => ({ departmentName: byId.get(`${row.siteId}/${row.id}`)?.name ?? row.name, departmentNameEn: row.nameEn, day: c.day, overall: c.overall, text: c.text }));
}

/** The report and what it cost: items read, queries and build time (the bench's figures). */
export async function measureReport(request: ReportRequest): Promise<{ report: ManagerReport; cost: ReportCost }> {
  const meter = newReadMeter();
  const started = performance.now();
  const report = await buildManagerReport(request, meter);
  return { report, cost: { itemsRead: meter.items, queries: meter.queries, ms: Math.round((performance.now() - started) * 10) / 10 } };
}
