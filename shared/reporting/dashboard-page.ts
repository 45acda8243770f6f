import * as z from '../schemas/zod.ts';
import type { UserIdentity } from '../auth/identity.ts';
import { decide, hasAction } from '../auth/policy.ts';
import { dayIn } from '../platform/time.ts';
import { IdSchema, type SiteGroup } from '../schemas/site.ts';
import { listSiteGroups } from '../storage/site-groups.ts';
import { getSite, getSites, listDepartments } from '../storage/sites.ts';
import { escapeMarkup } from '../web/markup.ts';
import { layout, type PageAnswer, staffHeader, type StaffSession } from '../web/staff-page.ts';
import { buildManagerReport, type ManagerReport, type ReportRequest, sitesWithTotal, type UnitRow } from './manager-report.ts';
import { currentPeriod, customPeriod, type Period } from './periods.ts';
import { departmentChart, trendChart } from './report-charts.ts';
import { csvFileName, reportCsv } from './report-csv.ts';
import { ASPECT_NAMES, both, categoryName, headlineFigures, percent, previousWords, serviceName, severityName, W, type Words } from './report-words.ts';
import { UnknownScopeError } from './report.ts';

// The managers' dashboard (GET /admin) and its CSV export (GET /admin/export.csv): the report of one scope
// and period, the same sections as the digest, charts as inline SVG. No script: the period picker and the
// filters are a GET form, the comparison table sorts by links.

const Day = z.iso.date();
export const DashboardQuerySchema = z.object({
  period: z._default(z.enum(['week', 'month', 'quarter', 'year', 'custom']), 'month'),
  from: z.optional(Day),
  to: z.optional(Day),
  site: z.optional(IdSchema),
  department: z.optional(IdSchema),
  service: z.optional(IdSchema),
  group: z.optional(IdSchema),
  sort: z._default(z.enum(['rank', 'name', 'n', 'complaints']), 'rank'),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

export interface DashboardContext {
  readonly table: string;
  readonly baseUrl: string;
  readonly now: Date;
}

type Resolved =
  | { readonly ok: true; readonly request: ReportRequest; readonly query: DashboardQuery; readonly choices: Choices }
  | { readonly ok: false; readonly outcome: 'not-found' | 'bad-request' | 'not-for-role'; readonly message: Words };

interface Choices {
  readonly sites: readonly { id: string; name: string }[];
  readonly departments: readonly { id: string; name: string }[];
  readonly services: readonly string[];
  readonly groups: readonly SiteGroup[];
}

/** Turns the page's query into a report request within the user's scope. */
export async function resolveDashboard(context: DashboardContext, user: UserIdentity, raw: Record<string, string | undefined>): Promise<Resolved> {
  if (!hasAction(user, 'metrics:read')) return { ok: false, outcome: 'not-for-role', message: { zh: '您的角色不能查看满意度数据。', en: 'Your role has no satisfaction figures to show.' } };
  const parsed = DashboardQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) return { ok: false, outcome: 'bad-request', message: { zh: `查询条件有误：${parsed.error.issues.map((i) => i.path.join('.')).join('、')}`, en: `The filter is not valid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}` } };
  const query = parsed.data;
  const siteId = query.site ?? (query.group === undefined ? user.sites[0] : undefined);
  // Without a group, the site is known before the groups are read: its reads go together (each round trip
  // to the store is most of the page's time).
  const [allGroups, known, namedSiteDepartments] = await Promise.all([
    listSiteGroups(context.table),
    // The named site and the picker's others, in one request.
    getSites(context.table, [...(query.group === undefined && siteId !== undefined ? [siteId] : []), ...user.sites]),
    query.group === undefined && siteId !== undefined ? listDepartments(context.table, siteId) : undefined,
  ]);
  const namedSite = query.group === undefined && siteId !== undefined ? known.get(siteId) : undefined;
  // A group is open to those who see every member site whole.
  const groups = allGroups.filter((g) => g.siteIds.every((siteId) => { const d = decide(user, 'metrics:read', { siteId }); return d.allow && d.departments === 'all'; }));
  const group = query.group === undefined ? undefined : groups.find((g) => g.groupId === query.group);
  if (query.group !== undefined && group === undefined) return notFound();
  const groupLead = group?.siteIds[0] ?? siteId ?? '';
  const timeSite = query.group === undefined ? namedSite : known.get(groupLead) ?? await getSite(context.table, groupLead);
  if (timeSite === undefined) return notFound();
  const today = dayIn(timeSite.timeZone, context.now);
  const period: Period | undefined = query.period === 'custom'
    ? customPeriod(query.from ?? '', query.to ?? '')
    : currentPeriod(query.period, today);
  if (period === undefined) return { ok: false, outcome: 'bad-request', message: { zh: '自定义时段需要开始和结束日期（不超过两年）。', en: 'A custom period needs a start and an end date, at most two years apart.' } };

  const sites = user.sites.map((id) => ({ id, name: known.get(id)?.name ?? id }));
  if (group !== undefined) {
    return { ok: true, query, request: { table: context.table, scope: { kind: 'group', groupId: group.groupId }, period, now: context.now, baseUrl: context.baseUrl, ...(query.service === undefined ? {} : { serviceType: query.service }) }, choices: { sites, departments: [], services: [], groups } };
  }
  const decision = decide(user, 'metrics:read', { siteId: timeSite.siteId, ...(query.department === undefined ? {} : { departmentId: query.department }) });
  if (!decision.allow) return notFound();
  const siteDepartments = namedSiteDepartments ?? await listDepartments(context.table, timeSite.siteId);
  const all = siteDepartments.filter((d) => d.surveyEnabled && (decision.departments === 'all' || decision.departments.includes(d.departmentId) || query.department === d.departmentId));
  if (query.department !== undefined && !all.some((d) => d.departmentId === query.department)) return notFound();
  const departmentIds = query.department !== undefined ? [query.department] : decision.departments === 'all' ? undefined : decision.departments;
  return {
    ok: true,
    query,
    request: {
      table: context.table, period, now: context.now, baseUrl: context.baseUrl,
      scope: { kind: 'site', siteId: timeSite.siteId, ...(departmentIds === undefined ? {} : { departmentIds }) },
      ...(query.service === undefined ? {} : { serviceType: query.service }),
      known: { site: timeSite, departments: siteDepartments },
    },
    choices: {
      sites,
      departments: all.map((d) => ({ id: d.departmentId, name: d.name })),
      services: [...new Set(all.map((d) => d.serviceType ?? d.kind))],
      groups,
    },
  };
}

const notFound = (): Resolved => ({ ok: false, outcome: 'not-found', message: { zh: '没有这个单位、科室或组，或不在您的范围内。', en: 'No such site, department or group within your scope.' } });

const w = (words: Words): string => `${escapeMarkup(words.zh)} <span class="en">${escapeMarkup(words.en)}</span>`;
const note = (words: Words): string => `<p class="note">${escapeMarkup(words.zh)}<br><span class="en">${escapeMarkup(words.en)}</span></p>`;

function rateCell(rate: number | null, n: number, target: number | undefined, minimum: number): string {
  if (n < minimum || rate === null) return `<td class="num few">${escapeMarkup(W.tooFew.zh)} <span class="en">(${n})</span></td>`;
  const cls = target === undefined ? '' : rate >= target ? 'ok' : 'below';
  return `<td class="num ${cls}">${percent(rate)}</td>`;
}

function option(value: string, label: string, selected: boolean): string {
  return `<option value="${escapeMarkup(value)}"${selected ? ' selected' : ''}>${escapeMarkup(label)}</option>`;
}

function filtersForm(query: DashboardQuery, choices: Choices, report: ManagerReport): string {
  const periods: [string, Words][] = [['week', { zh: '本周', en: 'this week' }], ['month', { zh: '本月', en: 'this month' }], ['quarter', { zh: '本季度', en: 'this quarter' }], ['year', { zh: '今年', en: 'this year' }], ['custom', { zh: '自定义', en: 'custom' }]];
  return `<form class="filters" method="get" action="/admin">
<label>时段 <span class="en">Period</span><select name="period">${periods.map(([v, l]) => option(v, both(l), query.period === v)).join('')}</select></label>
<label>从 <span class="en">From</span><input type="date" name="from" value="${escapeMarkup(report.period.from)}"></label>
<label>到 <span class="en">To</span><input type="date" name="to" value="${escapeMarkup(report.period.to)}"></label>
${choices.groups.length > 0 ? `<label>组 <span class="en">Group</span><select name="group">${option('', '—', query.group === undefined)}${choices.groups.map((g) => option(g.groupId, `${g.name}`, query.group === g.groupId)).join('')}</select></label>` : ''}
${choices.sites.length > 1 ? `<label>单位 <span class="en">Site</span><select name="site">${choices.sites.map((s) => option(s.id, s.name, report.scope.siteIds[0] === s.id)).join('')}</select></label>` : ''}
${choices.departments.length > 0 ? `<label>科室 <span class="en">Department</span><select name="department">${option('', '全部 · all', query.department === undefined)}${choices.departments.map((d) => option(d.id, d.name, query.department === d.id)).join('')}</select></label>` : ''}
${choices.services.length > 1 ? `<label>服务 <span class="en">Service</span><select name="service">${option('', '全部 · all', query.service === undefined)}${choices.services.map((s) => option(s, both(serviceName(s)), query.service === s)).join('')}</select></label>` : ''}
<button class="primary" type="submit">查看 · Show</button></form>`;
}

function headline(report: ManagerReport): string {
  const previous = previousWords(report);
  return `<section class="cards" aria-label="要点 · Key figures">${headlineFigures(report).map((f) => `<div class="card ${f.good === null ? '' : f.good ? 'ok' : 'below'}"><span class="label">${w(f.label)}</span><span class="value">${escapeMarkup(f.value.zh)}</span><span class="sub">${f.target === undefined ? '' : `${escapeMarkup(W.target.zh)} ${escapeMarkup(f.target)}`}${f.change === undefined ? '' : ` · ${escapeMarkup(previous.zh)} ${escapeMarkup(f.change)}`}</span><span class="sub">${escapeMarkup(f.count.zh)} <span class="en">${escapeMarkup(f.count.en)}</span></span></div>`).join('')}</section>`;
}

function surveysSection(report: ManagerReport): string {
  const s = report.surveys;
  const aspects = Object.entries(s.ratings).map(([aspect, r]) => `<tr><td>${w(ASPECT_NAMES[aspect] ?? { zh: aspect, en: aspect })}</td><td class="num">${r.n}</td><td class="num">${r.mean === null ? (r.n === 0 ? '—' : escapeMarkup(W.tooFew.zh)) : r.mean.toFixed(2)}</td>${r.n === 0 ? '<td class="num">—</td>' : rateCell(r.topBoxRate, s.n, undefined, report.minResponses)}</tr>`).join('');
  return `<section id="surveys"><h2>${w({ zh: '满意度调查', en: 'Surveys' })}</h2>
<table class="figures"><tbody>
<tr><th>${w(W.responses)}</th><td class="num">${s.n}</td><td class="note-cell">${escapeMarkup(W.minimum.zh)} ${report.minResponses} <span class="en">${escapeMarkup(W.minimum.en)}</span></td></tr>
<tr><th>${w(W.positive)}</th>${rateCell(s.positiveRate, s.n, report.targets.positiveRate, report.minResponses)}<td class="note-cell">${escapeMarkup(W.positiveNote.zh)}；${escapeMarkup(W.target.zh)} ${percent(report.targets.positiveRate)}<br><span class="en">${escapeMarkup(W.positiveNote.en)}</span></td></tr>
<tr><th>${w(W.wait)}</th>${rateCell(s.wait.within15Rate, s.n, report.targets.waitWithin15Rate, report.minResponses)}<td class="note-cell">${escapeMarkup(W.waitNote.zh)}（${s.wait.n}）<br><span class="en">${escapeMarkup(W.waitNote.en)} (${s.wait.n})</span></td></tr>
<tr><th>${w(W.volume)}</th><td class="num">${report.volume.n} / ${report.volume.expected}</td><td class="note-cell">${escapeMarkup(W.volumeNote.zh)}（${report.volume.yearlyTarget}）<br><span class="en">${escapeMarkup(W.volumeNote.en)}</span></td></tr>
</tbody></table>
<h3>${w({ zh: '各方面评分（1–5）', en: 'Ratings by aspect (1–5)' })}</h3>
<table><thead><tr><th>方面 <span class="en">Aspect</span></th><th>回答 <span class="en">n</span></th><th>${w(W.mean)}</th><th>${w(W.topBox)}</th></tr></thead><tbody>${aspects}</tbody></table>${note(W.topBoxNote)}</section>`;
}

function trendSection(report: ManagerReport): string {
  const caption = report.trend.grain === 'week' ? W.trendWeeks : W.trendMonths;
  const rows = report.trend.points.map((p) => `<tr><td>${escapeMarkup(p.label)}</td><td class="num">${p.n}</td>${rateCell(p.positiveRate, p.n, report.targets.positiveRate, report.minResponses)}</tr>`).join('');
  return `<section id="trend"><h2>${w(caption)}</h2>${trendChart(report.trend.points, report.targets.positiveRate, both(caption))}
<details><summary>数据 · Data</summary><table><thead><tr><th>起 <span class="en">From</span></th><th>${w(W.responses)}</th><th>${w(W.positive)}</th></tr></thead><tbody>${rows}</tbody></table></details>
<p class="note">虚线为目标 ${percent(report.targets.positiveRate)}；灰色表示样本不足。 <span class="en">Dashed line: the target. Grey: too few responses.</span></p></section>`;
}

// localeCompare with a locale builds a collator on every call; a sort makes hundreds of calls.
const chinese = new Intl.Collator('zh-CN');

const SORTS: Record<DashboardQuery['sort'], (a: UnitRow, b: UnitRow) => number> = {
  rank: () => 0,
  name: (a, b) => chinese.compare(a.name, b.name),
  n: (a, b) => b.surveys.n - a.surveys.n,
  complaints: (a, b) => b.complaints - a.complaints,
};

function sortLink(query: DashboardQuery, sort: DashboardQuery['sort'], label: Words): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== 'sort') params.set(k, String(v));
  params.set('sort', sort);
  return `<a href="/admin?${escapeMarkup(params.toString())}#departments"${query.sort === sort ? ' aria-current="true"' : ''}>${w(label)}</a>`;
}

function unitTable(rows: readonly UnitRow[], report: ManagerReport, first: Words, query?: DashboardQuery): string {
  const head = query === undefined
    ? `<th>${w(first)}</th><th>${w(W.responses)}</th><th>${w(W.positive)}</th><th>${w(W.wait)}</th><th>${w(W.complaints)}</th>`
    : `<th>${sortLink(query, 'name', first)}</th><th>${sortLink(query, 'n', W.responses)}</th><th>${sortLink(query, 'rank', W.positive)}</th><th>${w(W.wait)}</th><th>${sortLink(query, 'complaints', W.complaints)}</th>`;
  // A row's rates are null below its own site's minimum (a group's members differ): no second cut here.
  const body = rows.map((r) => `<tr><td data-label="${escapeMarkup(first.zh)}">${escapeMarkup(r.name)} <span class="en">${escapeMarkup(r.nameEn)}</span></td><td class="num" data-label="回复">${r.surveys.n}</td>${rateCell(r.surveys.positiveRate, r.surveys.n, report.targets.positiveRate, 0)}${r.surveys.wait.n === 0 ? '<td class="num">—</td>' : rateCell(r.surveys.wait.within15Rate, r.surveys.n, report.targets.waitWithin15Rate, 0)}<td class="num">${r.complaints}</td></tr>`).join('');
  return `<div class="scroll"><table class="units"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function departmentsSection(report: ManagerReport, query: DashboardQuery): string {
  const rows = query.sort === 'rank' ? report.departments : [...report.departments].sort(SORTS[query.sort]);
  const list = (title: Words, items: readonly UnitRow[]) => `<div><h3>${w(title)}</h3>${items.length === 0 ? `<p class="few">${escapeMarkup(W.tooFew.zh)} · ${escapeMarkup(W.tooFew.en)}</p>` : `<ol>${items.map((r) => `<li>${escapeMarkup(r.name)} <b>${percent(r.surveys.positiveRate)}</b> <span class="en">(n=${r.surveys.n})</span></li>`).join('')}</ol>`}</div>`;
  return `<section id="departments"><h2>${w(W.departments)}</h2>${note(W.departmentsNote)}<div class="pair">${list(W.best, report.best)}${list(W.worst, report.worst)}</div>
${departmentChart(report.departments, report.targets.positiveRate, both(W.departments))}
${unitTable(rows, report, W.department, query)}</section>`;
}

function complaintsSection(report: ManagerReport, linkCases: boolean): string {
  const c = report.complaints;
  const counts = (entries: Record<string, number>, name: (id: string) => Words) => Object.entries(entries).sort((a, b) => b[1] - a[1]).map(([k, v]) => `<tr><td>${w(name(k))}</td><td class="num">${v}</td></tr>`).join('') || `<tr><td colspan="2">${w(W.none)}</td></tr>`;
  const limitRow = (label: Words, f: { closed: number; inTime: number; inTimeRate: number | null }) => `<tr><td>${w(label)}</td><td class="num">${f.inTime} / ${f.closed}</td><td class="num">${f.closed === 0 ? '—' : percent(f.inTimeRate)}</td></tr>`;
  const overdue = c.overdue.length === 0 ? `<p>${w(W.overdueNone)}</p>` : `<ul class="overdue-list">${c.overdue.map((o) => `<li>${linkCases ? `<a href="${escapeMarkup(o.url)}">${escapeMarkup(o.id)}</a>` : escapeMarkup(o.id)} · ${escapeMarkup(o.departmentName)} · ${escapeMarkup(categoryName(o.category).zh)} · 到期 ${escapeMarkup(o.dueDay)} <b class="overdue">超期 ${o.daysOverdue} 天</b>${o.safetySignal ? ' <span class="tag">安全信号 safety</span>' : ''}</li>`).join('')}${c.overdueMore ? '<li>…</li>' : ''}</ul>`;
  return `<section id="complaints"><h2>${w(W.complaints)}</h2>
<table class="figures"><tbody><tr><th>${w(W.received)}</th><td class="num">${c.n}</td><td></td></tr>
<tr><th>${w(W.safety)}</th><td class="num ${c.safetySignals > 0 ? 'below' : ''}">${c.safetySignals}</td><td class="note-cell">${escapeMarkup(W.safetyNote.zh)}<br><span class="en">${escapeMarkup(W.safetyNote.en)}</span></td></tr>
<tr><th>${w(W.classifier)}</th><td class="num">${c.n === 0 ? '—' : `${percent(c.classifierAccuracy)}`}</td><td class="note-cell">${escapeMarkup(W.classifierNote.zh)}（${c.n - c.reclassified}/${c.n}）<br><span class="en">${escapeMarkup(W.classifierNote.en)}</span></td></tr></tbody></table>
<div class="pair"><div><h3>${w(W.byCategory)}</h3><table><tbody>${counts(c.byCategory, categoryName)}</tbody></table></div><div><h3>${w(W.bySeverity)}</h3><table><tbody>${counts(c.bySeverity, severityName)}</tbody></table></div></div>
<h3>${w(W.onTime)}</h3><table><thead><tr><th>时限 <span class="en">Limit</span></th><th>按时/结案 <span class="en">in time / closed</span></th><th>%</th></tr></thead><tbody>${limitRow(W.limitInvestigation, c.byLimit.investigation)}${limitRow(W.limitMulti, c.byLimit['multi-department'])}<tr><th>${w(W.whole)}</th><td class="num">${c.closedInTime} / ${c.closed}</td><td class="num">${c.closed === 0 ? '—' : percent(c.closedInTimeRate)}</td></tr></tbody></table>${note(W.onTimeNote)}
<h3>${w(W.overdue)}</h3>${overdue}
<h3>${w(W.noComplaint)}</h3><p class="note">${escapeMarkup(c.yearFrom)} … ${escapeMarkup(report.period.to)}</p><p>${c.withoutComplaintThisYear.map((d) => escapeMarkup(d.name)).join('、') || w(W.none)}</p></section>`;
}

function callbacksSection(report: ManagerReport): string {
  const cb = report.callbacks;
  if (cb === undefined) return '';
  return `<section id="callbacks"><h2>${w(W.callbacks)}</h2><table class="figures"><tbody>
<tr><th>${w(W.coverage)}</th><td class="num ${cb.coverage !== null && cb.coverage >= cb.target ? 'ok' : 'below'}">${percent(cb.coverage)}</td><td class="note-cell">${escapeMarkup(W.coverageNote.zh)}（${cb.reached}/${cb.discharged}）；${escapeMarkup(W.target.zh)} ${percent(cb.target)}<br><span class="en">${escapeMarkup(W.coverageNote.en)}</span></td></tr>
<tr><th>${w({ zh: '拨打 / 拒绝 / 联系不上', en: 'Attempted / declined / unreachable' })}</th><td class="num">${cb.attempted} / ${cb.declined} / ${cb.unreachable}</td><td></td></tr>
<tr><th>${w(W.callSatisfied)}</th><td class="num">${percent(cb.positiveRate)}</td><td class="note-cell">${escapeMarkup(W.positiveNote.zh)}</td></tr>
<tr><th>${w({ zh: '回访中提出的投诉', en: 'Complaints raised on calls' })}</th><td class="num">${cb.complaintsRaised}</td><td></td></tr></tbody></table></section>`;
}

function commentsSection(report: ManagerReport): string {
  if (report.comments.length === 0) return '';
  return `<section id="comments"><h2>${w(W.comments)}</h2>${note(W.commentsNote)}<ul class="comments">${report.comments.map((c) => `<li><q>${escapeMarkup(c.text)}</q> <span class="meta">${escapeMarkup(c.departmentName)} · ${escapeMarkup(c.day)}</span></li>`).join('')}</ul></section>`;
}

export interface DashboardView {
  readonly report: ManagerReport;
  readonly query: DashboardQuery;
  readonly choices: Choices;
  readonly linkCases: boolean;
}

export function renderDashboard(session: StaffSession, view: DashboardView | { readonly message: Words }): string {
  const header = staffHeader(session.user, session.csrf);
  if ('message' in view) return layout('患者体验 · Patient experience', `<p>${w(view.message)}</p>`, header);
  const { report, query, choices } = view;
  const services = report.services.length > 1 ? `<section id="services"><h2>${w(W.services)}</h2>${unitTable(report.services.map((s) => ({ ...s, name: serviceName(s.id).zh, nameEn: serviceName(s.id).en })), report, W.service)}</section>` : '';
  const groupRows = sitesWithTotal(report);
  const sites = groupRows === undefined ? '' : `<section id="sites"><h2>${w(W.sites)}</h2>${unitTable(groupRows, report, W.site)}</section>`;
  const body = `<h2 class="scope">${escapeMarkup(report.scope.name)} <span class="en">${escapeMarkup(report.scope.nameEn)}</span></h2>
<p class="meta">${escapeMarkup(report.period.from)} … ${escapeMarkup(report.period.to)} (${escapeMarkup(report.period.timeZone)}) · <a href="${escapeMarkup(report.links.csv.replace(/^https?:\/\/[^/]+/, ''))}${query.sort === 'rank' ? '' : `&amp;sort=${query.sort}`}">导出 CSV · Export CSV</a></p>
<div class="dash-top">${filtersForm(query, choices, report)}${headline(report)}</div>${surveysSection(report)}${trendSection(report)}${sites}${departmentsSection(report, query)}${services}${complaintsSection(report, view.linkCases)}${callbacksSection(report)}${commentsSection(report)}`;
  return layout('患者体验 · Patient experience', body, header);
}

/** GET /admin for the signed-in user. */
export async function dashboardPage(context: DashboardContext, session: StaffSession, query: Record<string, string | undefined>): Promise<PageAnswer> {
  const resolved = await resolveDashboard(context, session.user, query);
  // /admin is where every sign-in lands: a role without figures gets the page with the header's links, not an error.
  if (!resolved.ok) return { outcome: resolved.outcome === 'not-for-role' ? 'shown' : resolved.outcome, body: renderDashboard(session, { message: resolved.message }) };
  try {
    const report = await buildManagerReport(resolved.request);
    return { outcome: 'shown', body: renderDashboard(session, { report, query: resolved.query, choices: resolved.choices, linkCases: hasAction(session.user, 'complaints:read') }) };
  } catch (error) {
    if (error instanceof UnknownScopeError) return { outcome: 'not-found', body: renderDashboard(session, { message: { zh: '没有这个范围。', en: 'No such scope.' } }) };
    throw error;
  }
}

export type CsvAnswer = { readonly csv: string; readonly fileName: string } | { readonly outcome: 'not-found' | 'bad-request' | 'not-for-role'; readonly body: string };

/** GET /admin/export.csv: the report the same query shows on the page, as CSV. */
export async function dashboardCsv(context: DashboardContext, session: StaffSession, query: Record<string, string | undefined>): Promise<CsvAnswer> {
  const resolved = await resolveDashboard(context, session.user, query);
  if (!resolved.ok) return { outcome: resolved.outcome, body: renderDashboard(session, { message: resolved.message }) };
  const report = await buildManagerReport({ ...resolved.request, limits: { comments: 0 } });
  return { csv: reportCsv(report), fileName: csvFileName(report) };
}
