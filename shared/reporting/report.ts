import { NotFoundError } from '../platform/domain-errors.ts';
import { SITE_WIDE } from './counters.ts';
import { type SurveyFigures, surveyFigures } from './survey-figures.ts';
import type { Department, Site } from '../schemas/site.ts';
import { sumAggregateRanges, sumAggregates } from '../storage/aggregates.ts';
import { getDepartment, getSite, listDepartments } from '../storage/sites.ts';
import { type ComplaintFigures, complaintFigures } from './complaint-figures.ts';
import { complaintCounterNames } from '../storage/complaints.ts';
import { getCallbackSettings } from '../storage/callbacks.ts';
import { type CallbackFigures, callbackFigures } from './callback-figures.ts';

// The figures a digest, the dashboard and `npm run metrics` show for a site or one department over a
// period: read from the daily aggregates, so the cost is one query per department, never per survey.

export interface Report {
  readonly site: { readonly id: string; readonly name: string; readonly nameEn: string };
  readonly department?: { readonly id: string; readonly name: string; readonly nameEn: string };
  readonly period: { readonly from: string; readonly to: string; readonly timeZone: string; readonly daysWithData: number };
  readonly minResponses: number;
  readonly targets: Site['targets'];
  readonly surveys: SurveyFigures & {
    readonly meetsPositiveTarget: boolean | null;
    readonly meetsWaitTarget: boolean | null;
  };
  readonly complaints: ComplaintFigures;
  /** Post-discharge callbacks: coverage by discharge day against the site's target. */
  readonly callbacks: CallbackFigures;
  /** Site reports: the patient-facing departments with no complaint in the period (domain.md: they are rewarded). */
  readonly departmentsWithoutComplaints?: readonly { readonly id: string; readonly name: string; readonly nameEn: string }[];
}

/** A site or department that does not exist. */
export class UnknownScopeError extends NotFoundError {}

export async function buildReport(table: string, siteId: string, departmentId: string | undefined, from: string, to: string): Promise<Report> {
  const site = await getSite(table, siteId);
  if (site === undefined) throw new UnknownScopeError(`unknown site "${siteId}"`);
  let department: Department | undefined;
  if (departmentId !== undefined) {
    department = await getDepartment(table, siteId, departmentId);
    if (department === undefined) throw new UnknownScopeError(`unknown department "${departmentId}" at site "${siteId}"`);
  }
  const [{ counters, items: days }, callbackSettings] = await Promise.all([sumAggregates(table, siteId, departmentId ?? SITE_WIDE, from, to), getCallbackSettings(table, siteId)]);
  let withoutComplaints: Report['departmentsWithoutComplaints'];
  if (department === undefined) {
    const patientFacing = (await listDepartments(table, siteId)).filter((d) => d.surveyEnabled);
    const received = [complaintCounterNames.received];
    const sums = await sumAggregateRanges(table, patientFacing.map((d) => ({ siteId, departmentId: d.departmentId, from, to, only: received })));
    withoutComplaints = patientFacing.filter((_, i) => (sums[i]?.[complaintCounterNames.received] ?? 0) === 0).map((d) => ({ id: d.departmentId, name: d.name, nameEn: d.nameEn }));
  }
  const figures = surveyFigures(counters, site.minResponses);
  const meets = (value: number | null, target: number) => (value === null ? null : value >= target);
  return {
    site: { id: site.siteId, name: site.name, nameEn: site.nameEn },
    ...(department === undefined ? {} : { department: { id: department.departmentId, name: department.name, nameEn: department.nameEn } }),
    period: { from, to, timeZone: site.timeZone, daysWithData: days },
    minResponses: site.minResponses,
    targets: site.targets,
    surveys: {
      ...figures,
      meetsPositiveTarget: meets(figures.positiveRate, site.targets.positiveRate),
      meetsWaitTarget: meets(figures.wait.within15Rate, site.targets.waitWithin15Rate),
    },
    complaints: complaintFigures(counters),
    callbacks: callbackFigures(counters, callbackSettings.coverageTarget),
    ...(withoutComplaints === undefined ? {} : { departmentsWithoutComplaints: withoutComplaints }),
  };
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const mark = (meets: boolean | null) => (meets === null ? '' : meets ? '  ✓ meets target' : '  ✗ below target');

const listCounts = (counts: Record<string, number>) => Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(' · ');

const callbackLines = (c: CallbackFigures): string[] => [
  `Discharged            ${c.discharged}`,
  `Called                ${c.attempted} · reached ${c.reached} · declined ${c.declined} · unreachable ${c.unreachable}`,
  `Callback coverage     ${percent(c.coverage)}  (target ${percent(c.target)})${mark(c.meetsTarget)}`,
  `Positive on calls     ${percent(c.positiveRate)} of ${c.rated} rated`,
  `Complaints from calls ${c.complaintsRaised}`,
  `Key-complaint follow-ups  satisfied ${c.followUps.satisfied} · not satisfied ${c.followUps.notSatisfied}`,
];

/** The report as a person reads it in a terminal. */
export function formatReport(report: Report): string {
  const s = report.surveys;
  const scope = report.department === undefined
    ? `${report.site.name} (${report.site.nameEn})`
    : `${report.department.name} (${report.department.nameEn}), ${report.site.name}`;
  const lines = [
    scope,
    `${report.period.from} … ${report.period.to} (${report.period.timeZone})`,
    '',
    `Survey responses      ${s.n}${s.tooFewResponses ? `  — too few responses to score (minimum ${report.minResponses})` : ''}`,
    `  very good ${s.counts.very_good} · good ${s.counts.good} · neither ${s.counts.neither} · poor ${s.counts.poor} · very poor ${s.counts.very_poor} · don't know ${s.counts.dont_know}`,
    `Share positive        ${percent(s.positiveRate)}  (target ${percent(report.targets.positiveRate)})${mark(s.meetsPositiveTarget)}`,
    `Share negative        ${percent(s.negativeRate)}`,
    `Waits ≤ 15 minutes    ${percent(s.wait.within15Rate)} of ${s.wait.n} answered  (target ${percent(report.targets.waitWithin15Rate)})${mark(s.meetsWaitTarget)}`,
    `Mean wait             ${s.wait.meanMinutes === null ? '—' : `${s.wait.meanMinutes} min`}`,
    'Ratings (1–5)         mean   top box   answered',
    ...Object.entries(s.ratings).map(([aspect, r]) => `  ${aspect.padEnd(20)}${(r.mean === null ? '—' : r.mean.toFixed(2)).padStart(5)}   ${percent(r.topBoxRate).padStart(7)}   ${r.n}`),
    `Comments              ${s.comments}`,
    `Asked to be contacted ${s.contactRequested}`,
    '',
    `Complaints received   ${report.complaints.n}`,
    ...(report.complaints.n === 0 ? [] : [
      `  by category         ${listCounts(report.complaints.byCategory)}`,
      `  by severity         ${listCounts(report.complaints.bySeverity)}`,
      `  by channel          ${listCounts(report.complaints.byChannel)}`,
      `  category corrected  ${report.complaints.reclassified} (classifier kept ${percent(report.complaints.classifierAccuracy)})`,
    ]),
    `Closed                ${report.complaints.closed}, within the limit ${report.complaints.closedInTime} (${percent(report.complaints.closedInTimeRate)})`,
    '',
    ...callbackLines(report.callbacks),
    ...(report.departmentsWithoutComplaints === undefined ? [] : [
      `No complaint in the period (${report.departmentsWithoutComplaints.length}): ${report.departmentsWithoutComplaints.map((d) => d.name).join('、') || '—'}`,
    ]),
  ];
  return lines.join('\n');
}
