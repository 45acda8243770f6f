import { stringify } from 'csv-stringify/sync';
import type { ManagerReport, UnitRow } from './manager-report.ts';
import { ASPECT_NAMES, categoryName, serviceName, severityName, W, type Words } from './report-words.ts';

// The dashboard's CSV export: exactly what the page shows, one figure per row with its count, in both
// languages. A UTF-8 byte-order mark makes Excel read the Chinese correctly. Figures below the minimum
// are written as "too few", never as a number.

const HEADER = ['section', '部分', 'item', '项目', 'n', 'value', 'target', 'note'];

const rate = (value: number | null, enough: boolean): string => (!enough ? `${W.tooFew.zh} / ${W.tooFew.en}` : value === null ? '' : value.toFixed(4));

export function reportCsv(report: ManagerReport): string {
  const rows: (string | number)[][] = [];
  const add = (section: Words, item: Words, n: number | string, value: string | number, target = '', noteWords?: Words) =>
    rows.push([section.en, section.zh, item.en, item.zh, n, value, target, noteWords === undefined ? '' : `${noteWords.zh} / ${noteWords.en}`]);
  const s = report.surveys;
  const enough = !s.tooFewResponses;
  const scope = { zh: `${report.scope.name} ${report.period.from}…${report.period.to}`, en: `${report.scope.nameEn} ${report.period.from}…${report.period.to}` };
  add(scope, W.minimum, report.minResponses, report.minResponses);
  add(W.title, W.responses, s.n, s.n);
  add(W.title, W.positive, s.n, rate(s.positiveRate, enough), report.targets.positiveRate.toFixed(4), W.positiveNote);
  add(W.title, W.wait, s.wait.n, rate(s.wait.within15Rate, enough), report.targets.waitWithin15Rate.toFixed(4), W.waitNote);
  add(W.title, W.volume, s.n, report.volume.expected, String(report.volume.yearlyTarget), W.volumeNote);
  for (const [aspect, r] of Object.entries(s.ratings)) {
    const name = ASPECT_NAMES[aspect] ?? { zh: aspect, en: aspect };
    add(W.mean, name, r.n, r.mean === null ? rate(null, enough && r.n === 0) : r.mean.toFixed(2));
    add(W.topBox, name, r.n, rate(r.topBoxRate, enough), '', W.topBoxNote);
  }
  for (const p of report.trend.points) add(report.trend.grain === 'week' ? W.trendWeeks : W.trendMonths, { zh: p.label, en: p.label }, p.n, rate(p.positiveRate, p.n >= report.minResponses), report.targets.positiveRate.toFixed(4));
  const unit = (section: Words, r: UnitRow, name: Words) => {
    const ok = !r.surveys.tooFewResponses;
    add(section, name, r.surveys.n, rate(r.surveys.positiveRate, ok), report.targets.positiveRate.toFixed(4), W.positiveNote);
  };
  for (const r of report.sites ?? []) unit(W.sites, r, { zh: r.name, en: r.nameEn });
  for (const r of report.departments) unit(W.departments, r, { zh: r.name, en: r.nameEn });
  for (const r of report.services) unit(W.services, r, serviceName(r.id));
  const c = report.complaints;
  add(W.complaints, W.received, c.n, c.n);
  for (const [id, n] of Object.entries(c.byCategory)) add(W.byCategory, categoryName(id), n, n);
  for (const [id, n] of Object.entries(c.bySeverity)) add(W.bySeverity, severityName(id), n, n);
  add(W.onTime, W.limitInvestigation, c.byLimit.investigation.closed, c.byLimit.investigation.inTimeRate?.toFixed(4) ?? '', '', W.onTimeNote);
  add(W.onTime, W.limitMulti, c.byLimit['multi-department'].closed, c.byLimit['multi-department'].inTimeRate?.toFixed(4) ?? '');
  add(W.onTime, W.whole, c.closed, c.closedInTimeRate?.toFixed(4) ?? '');
  add(W.complaints, W.safety, c.safetySignals, c.safetySignals, '', W.safetyNote);
  add(W.complaints, W.classifier, c.n, c.classifierAccuracy?.toFixed(4) ?? '', '', W.classifierNote);
  for (const o of c.overdue) add(W.overdue, { zh: `${o.id} ${o.departmentName}`, en: o.id }, 1, o.daysOverdue, o.dueDay, { zh: o.url, en: categoryName(o.category).en });
  for (const d of c.withoutComplaintThisYear) add(W.noComplaint, { zh: d.name, en: d.nameEn }, 0, 0);
  const cb = report.callbacks;
  if (cb !== undefined) {
    add(W.callbacks, W.coverage, cb.discharged, cb.coverage?.toFixed(4) ?? '', cb.target.toFixed(4), W.coverageNote);
    add(W.callbacks, W.callSatisfied, cb.reached, cb.positiveRate?.toFixed(4) ?? '');
  }
  return stringify([HEADER, ...rows], { bom: true });
}

/** The export's file name: scope and period, ASCII only. */
export const csvFileName = (report: ManagerReport): string => `patient-experience-${report.scope.id}-${report.period.from}-${report.period.to}.csv`;
