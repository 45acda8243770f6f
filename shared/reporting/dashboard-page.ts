import type { UserIdentity } from '../auth/identity.ts';
import { decide } from '../auth/policy.ts';
import { addDays, dayIn } from '../platform/time.ts';
import { getSite, listDepartments } from '../storage/sites.ts';
import { escapeMarkup } from '../web/markup.ts';
import { layout, staffHeader } from '../web/staff-page.ts';
import { buildReport, type Report } from './report.ts';

// The managers' dashboard (GET /admin): one row per site and department the user may see.

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

function rateCell(value: number | null, target: number, tooFew: boolean): string {
  if (tooFew) return '<td class="num few">样本不足 · too few</td>';
  if (value === null) return '<td class="num few">—</td>';
  return `<td class="num ${value >= target ? 'ok' : 'below'}">${percent(value)}</td>`;
}

export interface DashboardInput {
  readonly user: UserIdentity;
  readonly csrf: string;
  /** One report per site the user may see (site-wide), or none for department-scoped roles. */
  readonly siteReports: readonly Report[];
  readonly departmentReports: readonly Report[];
}

export function renderDashboard(input: DashboardInput): string {
  const header = staffHeader(input.user, input.csrf);
  const row = (r: Report, label: string) => `<tr><td>${escapeMarkup(label)}</td><td class="num">${r.surveys.n}</td>${rateCell(r.surveys.positiveRate, r.targets.positiveRate, r.surveys.tooFewResponses)}${rateCell(r.surveys.wait.within15Rate, r.targets.waitWithin15Rate, r.surveys.tooFewResponses)}<td class="num">${r.surveys.comments}</td><td class="num">${r.surveys.contactRequested}</td></tr>`;
  const first = input.siteReports[0] ?? input.departmentReports[0];
  const target = first?.targets;
  const rows = [
    ...input.siteReports.map((r) => row(r, `全院 · ${r.site.name} (whole site)`)),
    ...input.departmentReports.map((r) => row(r, `${r.department?.name ?? ''} · ${r.department?.nameEn ?? ''}`)),
  ].join('');
  const body = rows === ''
    ? '<p>您的角色没有可查看的满意度数据。· Your role has no satisfaction figures to show.</p>'
    : `<h2>满意度 · Satisfaction</h2><p class="meta">${first?.period.from ?? ''} … ${first?.period.to ?? ''}${target === undefined ? '' : ` · 目标 target: 好评率 ≥ ${percent(target.positiveRate)}, 15 分钟内 ≥ ${percent(target.waitWithin15Rate)}`}</p>
<table><thead><tr><th>部门 Department</th><th>回复 Responses</th><th>好评率 Positive</th><th>等候≤15分 Wait ≤ 15 min</th><th>留言 Comments</th><th>要求联系 Contact asked</th></tr></thead><tbody>${rows}</tbody></table>`;
  return layout('患者体验 · Patient experience', body, header);
}

/** The last 30 days in each site's zone; managers and the office see whole sites, responders their departments. */
export async function showDashboard(table: string, user: UserIdentity, csrf: string, now: Date): Promise<string> {
  const siteReports: Report[] = [];
  const departmentReports: Report[] = [];
  for (const siteId of user.sites) {
    const scope = decide(user, 'metrics:read', { siteId });
    const site = scope.allow ? await getSite(table, siteId) : undefined;
    if (!scope.allow || site === undefined) continue;
    const to = dayIn(site.timeZone, now);
    const from = dayIn(site.timeZone, addDays(now, -29));
    if (scope.departments === 'all') siteReports.push(await buildReport(table, siteId, undefined, from, to));
    const departments = (await listDepartments(table, siteId)).filter((d) => d.surveyEnabled && (scope.departments === 'all' || scope.departments.includes(d.departmentId)));
    for (const d of departments) departmentReports.push(await buildReport(table, siteId, d.departmentId, from, to));
  }
  return renderDashboard({ user, csrf, siteReports, departmentReports });
}
