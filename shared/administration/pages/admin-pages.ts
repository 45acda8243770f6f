import { type UserIdentity, ROLES } from '../../auth/identity.ts';
import { CATEGORY_IDS, CATEGORY_NAMES } from '../../classify/categories.ts';
import type { FieldError } from '../../platform/domain-errors.ts';
import { DEPARTMENT_KINDS, type Department } from '../../schemas/site.ts';
import { RATING_ASPECTS } from '../../schemas/survey.ts';
import type { AuditEntry } from '../../storage/audit.ts';
import { escapeMarkup } from '../../web/markup.ts';
import { layout, ROLE_LABELS, staffHeader } from '../../web/staff-page.ts';
import { bilingual } from '../../web/staff-wording.ts';
import type { StaffAccountView } from '../users.ts';

// The admin pages: staff accounts (admin), the audit trail (office head, admin), the site's settings with
// the rota preview (office head, admin). Server-rendered, no script, the staff shell's style and CSP;
// every value escaped here. Forms name their inputs by the API's field paths (`complaints.rota.0.email`),
// so a refusal's `errors[].path` lands beside its own input.

const e = escapeMarkup;

/** Flat form values by field path, as shown (and shown again after a refusal). */
export type FlatValues = ReadonlyMap<string, string>;

export interface PageFrame {
  readonly user: UserIdentity;
  readonly csrf: string;
}

const frame = (f: PageFrame, title: string, body: string) => layout(title, body, staffHeader(f.user, f.csrf));

const errorsAt = (errors: readonly FieldError[], path: string) =>
  errors.filter((error) => error.path === path).map((error) => `<span class="err">${e(bilingual(error.message))}</span>`).join('');

/** What did not fit beside an input: shown over the form. */
function problemBlock(errors: readonly FieldError[], shown: (path: string) => boolean, detail?: string): string {
  if (errors.length === 0 && detail === undefined) return '';
  const loose = errors.filter((error) => !shown(error.path));
  return `<div class="notice problem" role="alert"><strong>未保存，请修改标出的内容。</strong> <span class="en">Not saved: correct the fields marked below.</span>${detail === undefined ? '' : `<br>${e(bilingual(detail))}`}${loose.length === 0 ? '' : `<ul>${loose.map((error) => `<li>${e(error.path)}: ${e(bilingual(error.message))}</li>`).join('')}</ul>`}</div>`;
}

const saved = '<p class="notice" role="status">已保存。<span class="en">Saved.</span></p>';

const option = (value: string, label: string, selected: string | undefined) => `<option value="${e(value)}"${value === selected ? ' selected' : ''}>${label}</option>`;

interface Field {
  readonly name: string;
  readonly label: string;
  readonly values: FlatValues;
  readonly errors: readonly FieldError[];
}

const textInput = (f: Field, attributes = '') => `<label>${f.label}<input name="${e(f.name)}" value="${e(f.values.get(f.name) ?? '')}"${attributes}>${errorsAt(f.errors, f.name)}</label>`;
const select = (f: Field, options: string) => `<label>${f.label}<select name="${e(f.name)}">${options}</select>${errorsAt(f.errors, f.name)}</label>`;
const check = (f: Field) => `<label class="check"><input type="checkbox" name="${e(f.name)}" value="true"${f.values.get(f.name) === 'true' ? ' checked' : ''}>${f.label}</label>${errorsAt(f.errors, f.name)}`;
const textarea = (f: Field, attributes = '') => `<label>${f.label}<textarea name="${e(f.name)}"${attributes}>${e(f.values.get(f.name) ?? '')}</textarea>${errorsAt(f.errors, f.name)}</label>`;

const roleOptions = (selected: string | undefined) => ROLES.map((role) => option(role, e(ROLE_LABELS[role] ?? role), selected)).join('');

export function renderNotAllowed(f: PageFrame): string {
  return frame(f, '无权访问 · Not for your role', '<h2>无权访问 <span class="en">Not for your role</span></h2><p>您的角色不能使用此页面。<span class="en">Your role does not use this page.</span></p>');
}

export function renderNotFound(f: PageFrame): string {
  return frame(f, '未找到 · Not found', '<h2>未找到 <span class="en">Not found</span></h2><p><a href="/admin">返回 · Back</a></p>');
}

// --- staff accounts ---------------------------------------------------------------------------------

export interface UsersPageInput extends PageFrame {
  readonly accounts: readonly StaffAccountView[];
  /** `local`: the form takes a first password; `cognito`: Cognito mails the invitation. */
  readonly directory: 'local' | 'cognito';
  readonly values: FlatValues;
  readonly errors: readonly FieldError[];
  readonly detail?: string;
}

const NEW_USER_FIELDS = ['username', 'name', 'email', 'role', 'sites', 'departments', 'password'];

export function renderUsers(input: UsersPageInput): string {
  const field = (name: string, label: string): Field => ({ name, label, values: input.values, errors: input.errors });
  const rows = input.accounts.map((a) => `<tr><td data-label="用户名 Username"><a href="/admin/users/${encodeURIComponent(a.username)}">${e(a.username)}</a></td><td data-label="姓名 Name">${e(a.name)}</td><td data-label="角色 Role">${e(ROLE_LABELS[a.role] ?? a.role)}</td><td data-label="院区 Sites">${e(a.sites.join(', '))}</td><td data-label="科室 Departments">${e(a.departments.join(', '))}</td><td data-label="状态 State">${a.enabled ? '<span class="ok">启用 Enabled</span>' : '<span class="below">停用 Disabled</span>'}</td></tr>`).join('');
  const form = `<form class="staff" method="post" action="/admin/users"><input type="hidden" name="csrf" value="${e(input.csrf)}">
<h3>新建账号 <span class="en">New account</span></h3>${problemBlock(input.errors, (p) => NEW_USER_FIELDS.includes(p), input.detail)}
${textInput(field('username', '用户名 <span class="en">Username (lower-case letters, digits, . - _)</span>'), ' required autocomplete="off"')}
${textInput(field('name', '姓名 <span class="en">Name</span>'), ' required')}
${textInput(field('email', '电子邮箱 <span class="en">E-mail</span>'), ' type="email"')}
${select(field('role', '角色 <span class="en">Role</span>'), roleOptions(input.values.get('role')))}
${textInput(field('sites', '院区（逗号分隔）<span class="en">Sites (comma-separated)</span>'), ' required')}
${textInput(field('departments', '科室（科室负责人、回访人员必填，逗号分隔）<span class="en">Departments (responders and callback staff; comma-separated)</span>'))}
${input.directory === 'local' ? textInput(field('password', '初始密码 <span class="en">First password (10+ characters: upper and lower case, a digit, a symbol)</span>'), ' type="password" autocomplete="new-password"') : '<p class="meta">Cognito 会向该邮箱发送邀请和临时密码。<span class="en">Cognito mails the invitation and a temporary password to this address.</span></p>'}
<button class="primary" type="submit">创建 · Create</button></form>`;
  return frame(input, '员工账号 · Staff accounts', `<h2>员工账号 <span class="en">Staff accounts</span></h2>
<table class="cases"><thead><tr><th>用户名 <span class="en">Username</span></th><th>姓名 <span class="en">Name</span></th><th>角色 <span class="en">Role</span></th><th>院区 <span class="en">Sites</span></th><th>科室 <span class="en">Departments</span></th><th>状态 <span class="en">State</span></th></tr></thead><tbody>${rows}</tbody></table>
<p></p>${form}`);
}

export interface UserPageInput extends PageFrame {
  readonly account: StaffAccountView;
  readonly directory: 'local' | 'cognito';
  readonly values: FlatValues;
  readonly errors: readonly FieldError[];
  readonly detail?: string;
  readonly saved?: boolean;
}

const CHANGE_USER_FIELDS = ['name', 'email', 'role', 'sites', 'departments', 'enabled', 'password', 'resetPassword', 'resetMfa'];

export function renderUser(input: UserPageInput): string {
  const field = (name: string, label: string): Field => ({ name, label, values: input.values, errors: input.errors });
  const self = input.user.username === input.account.username;
  const credential = input.directory === 'local'
    ? textInput(field('password', '新密码（不改请留空）<span class="en">New password (leave empty to keep)</span>'), ' type="password" autocomplete="new-password"')
    : `${check(field('resetPassword', '邮件发送重设密码验证码 <span class="en">Mail a password reset code</span>'))}${check(field('resetMfa', '重设身份验证器（下次登录重新绑定）<span class="en">Reset the authenticator app (set up again at the next sign-in)</span>'))}`;
  const a = input.account;
  return frame(input, `${a.username} · 员工账号`, `<h2>${e(a.name)} <span class="en">${e(a.username)}</span></h2>${input.saved === true ? saved : ''}
<form class="staff" method="post" action="/admin/users/${encodeURIComponent(a.username)}"><input type="hidden" name="csrf" value="${e(input.csrf)}">
${problemBlock(input.errors, (p) => CHANGE_USER_FIELDS.includes(p), input.detail)}
${textInput(field('name', '姓名 <span class="en">Name</span>'), ' required')}
${textInput(field('email', '电子邮箱 <span class="en">E-mail</span>'), ' type="email"')}
${self ? `<p class="meta">您不能修改自己的角色或停用自己的账号。<span class="en">You cannot change your own role or disable your own account.</span></p><input type="hidden" name="role" value="${e(a.role)}"><input type="hidden" name="enabled" value="true">`
    : `${select(field('role', '角色 <span class="en">Role</span>'), roleOptions(input.values.get('role')))}${select(field('enabled', '状态 <span class="en">State</span>'), `${option('true', '启用 · Enabled', input.values.get('enabled'))}${option('false', '停用 · Disabled', input.values.get('enabled'))}`)}`}
${textInput(field('sites', '院区（逗号分隔）<span class="en">Sites (comma-separated)</span>'), ' required')}
${textInput(field('departments', '科室（逗号分隔）<span class="en">Departments (comma-separated)</span>'))}
${credential}
<button class="primary" type="submit">保存 · Save</button></form>
<p><a href="/admin/users">← 全部账号 · All accounts</a></p>`);
}

// --- the audit trail --------------------------------------------------------------------------------

export interface AuditPageInput extends PageFrame {
  readonly query: Readonly<Record<string, string>>;
  /** The site whose trail is shown; absent when the query was refused. */
  readonly siteId?: string;
  readonly items: readonly AuditEntry[];
  readonly range: { readonly fromDay: string; readonly toDay: string } | undefined;
  readonly nextCursor?: string;
  readonly errors: readonly FieldError[];
}

const AUDIT_FILTERS = ['site', 'actor', 'action', 'case', 'from', 'to'] as const;

export function renderAudit(input: AuditPageInput): string {
  const values = new Map(Object.entries(input.query));
  const field = (name: string, label: string): Field => ({ name, label, values, errors: input.errors });
  const filters = new URLSearchParams(Object.entries(input.query).filter(([k, v]) => (AUDIT_FILTERS as readonly string[]).includes(k) && v !== ''));
  const rows = input.items.map((r) => `<tr><td data-label="时间 Time" class="day">${e(r.at.replace('T', ' ').slice(0, 19))}Z</td><td data-label="人员 Person">${e(r.actor)}</td><td data-label="操作 Action">${e(r.action)}</td><td data-label="结果 Outcome">${r.outcome === 'success' ? '成功 success' : '<span class="below">失败 failure</span>'}</td><td data-label="对象 Target">${e(r.target ?? '')}</td><td data-label="说明 Detail">${e(r.detail ?? '')}</td></tr>`).join('');
  const next = input.nextCursor === undefined ? '' : `<a class="button" href="/admin/audit?${e(new URLSearchParams([...filters, ['cursor', input.nextCursor]]).toString())}">下一页 · Next page</a>`;
  return frame(input, '审计记录 · Audit trail', `<h2>审计记录 <span class="en">Audit trail</span></h2>
<p class="meta">谁在何时做了什么；不含投诉内容和联系方式。查看本页也会被记录。<span class="en">Who did what, when; never a complaint's words or contact details. Reading this page is recorded too.</span></p>
${problemBlock(input.errors, (p) => (AUDIT_FILTERS as readonly string[]).includes(p))}
<form class="filters" method="get" action="/admin/audit">
${input.user.sites.length > 1 ? select(field('site', '院区 <span class="en">Site</span>'), input.user.sites.map((s) => option(s, e(s), input.siteId ?? values.get('site'))).join('')) : ''}${textInput(field('actor', '人员 <span class="en">Person</span>'))}${textInput(field('action', '操作 <span class="en">Action</span>'))}${textInput(field('case', '投诉编号 <span class="en">Case id</span>'))}
${textInput(field('from', '从 <span class="en">From</span>'), ' type="date"')}${textInput(field('to', '到 <span class="en">To</span>'), ' type="date"')}
<button class="primary" type="submit">筛选 · Filter</button></form>
${input.range === undefined ? '' : `<p class="meta">${e(input.siteId ?? '')} · ${e(input.range.fromDay)} – ${e(input.range.toDay)} (UTC) · <a href="/admin/audit.csv?${e(filters.toString())}">导出 CSV · Export CSV</a></p>`}
<table class="cases"><thead><tr><th>时间 <span class="en">Time</span></th><th>人员 <span class="en">Person</span></th><th>操作 <span class="en">Action</span></th><th>结果 <span class="en">Outcome</span></th><th>对象 <span class="en">Target</span></th><th>说明 <span class="en">Detail</span></th></tr></thead>
<tbody>${rows === '' ? '<tr><td colspan="6">没有记录 · Nothing recorded</td></tr>' : rows}</tbody></table>
<div class="pager">${next}</div>`);
}

// --- the site's settings ----------------------------------------------------------------------------

export interface SitePageInput extends PageFrame {
  readonly siteId: string;
  readonly otherSites: readonly string[];
  readonly version: number;
  readonly values: FlatValues;
  /** Rows each list shows: the stored ones and empty ones to add. */
  readonly rows: { readonly departments: number; readonly rota: number; readonly routing: number };
  /** Department ids as stored: those rows keep their id (it is in codes and cases). */
  readonly storedDepartments: ReadonlySet<string>;
  readonly errors: readonly FieldError[];
  readonly notice?: 'saved' | 'conflict';
  readonly settledDueDates?: number;
  readonly preview: { readonly at: string; readonly onDuty: readonly string[]; readonly fallback: string | undefined } | undefined;
  readonly departmentIds: readonly string[];
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  clinic: '门诊 Clinic', ward: '病区 Ward', emergency: '急诊 Emergency', 'service-window': '服务窗口 Service window', pharmacy: '药房 Pharmacy', office: '职能科室 Office',
};
const ASPECT_NAMES: Readonly<Record<string, string>> = {
  registration: '挂号与缴费 Registration & payment', waiting: '等候时间 Waiting', environment: '环境与卫生 Environment', communication: '解释与沟通 Communication', privacy: '隐私保护 Privacy',
};
const DAY_NAMES = ['一 Mon', '二 Tue', '三 Wed', '四 Thu', '五 Fri', '六 Sat', '日 Sun'];

export function renderSiteSettings(input: SitePageInput): string {
  const v = input.values;
  // Every path shown beside an input; any other refusal is listed over the form.
  const rendered = new Set<string>();
  const field = (name: string, label: string): Field => {
    rendered.add(name);
    return { name, label, values: v, errors: input.errors };
  };
  const errorsBeside = (path: string) => {
    rendered.add(path);
    return errorsAt(input.errors, path);
  };
  const departmentOptions = (selected: string | undefined, empty?: string) => `${empty === undefined ? '' : option('', empty, selected)}${input.departmentIds.map((id) => option(id, e(id), selected)).join('')}`;
  const departments = Array.from({ length: input.rows.departments }, (_, i) => {
    const p = `departments.${i}`;
    const id = v.get(`${p}.departmentId`) ?? '';
    const stored = input.storedDepartments.has(id);
    const items = (v.get(`${p}.ratingItems`) ?? '').split(',');
    return `<fieldset><legend>${stored ? `${e(v.get(`${p}.name`) ?? id)} <span class="en">${e(id)}</span>` : '新增科室 <span class="en">Add a department</span>'}</legend>
${stored ? `<input type="hidden" name="${p}.departmentId" value="${e(id)}">` : textInput(field(`${p}.departmentId`, '编号 <span class="en">Id (lower-case letters, digits, dashes)</span>'))}
${textInput(field(`${p}.name`, '名称 <span class="en">Name (Chinese)</span>'))}${textInput(field(`${p}.nameEn`, '英文名称 <span class="en">Name (English)</span>'))}
${select(field(`${p}.kind`, '类型 <span class="en">Kind</span>'), DEPARTMENT_KINDS.map((k) => option(k, e(KIND_NAMES[k] ?? k), v.get(`${p}.kind`))).join(''))}
${textInput(field(`${p}.serviceType`, '服务类型 <span class="en">Service type (e.g. counselling, treatment)</span>'))}
${textInput(field(`${p}.email`, '通知邮箱（无则通知科室负责人）<span class="en">E-mail for cases (else its responders)</span>'), ' type="email"')}
${check(field(`${p}.surveyEnabled`, '开放满意度调查 <span class="en">Surveys on</span>'))}
${check(field(`${p}.asksWait`, '询问排队时间 <span class="en">Ask how long the wait was</span>'))}
<fieldset><legend>评价项目 <span class="en">Rating items asked</span></legend>${RATING_ASPECTS.map((a) => `<label class="check"><input type="checkbox" name="${p}.ratingItems" value="${a}"${items.includes(a) ? ' checked' : ''}>${e(ASPECT_NAMES[a] ?? a)}</label>`).join('')}${errorsBeside(`${p}.ratingItems`)}</fieldset>
${errorsBeside(p)}</fieldset>`;
  }).join('');
  const rota = Array.from({ length: input.rows.rota }, (_, i) => {
    const p = `complaints.rota.${i}`;
    const days = (v.get(`${p}.days`) ?? '').split(',').map((d) => d.trim());
    return `<fieldset><legend>班次 ${i + 1} <span class="en">Shift ${i + 1}</span></legend>
${textInput(field(`${p}.username`, '用户名（清空即删除）<span class="en">Username (empty removes the shift)</span>'))}${textInput(field(`${p}.email`, '邮箱 <span class="en">E-mail</span>'), ' type="email"')}
<fieldset><legend>星期 <span class="en">Days</span></legend>${DAY_NAMES.map((name, d) => `<label class="check"><input type="checkbox" name="${p}.days" value="${d + 1}"${days.includes(String(d + 1)) ? ' checked' : ''}>${e(name)}</label>`).join('')}${errorsBeside(`${p}.days`)}</fieldset>
${textInput(field(`${p}.from`, '开始 <span class="en">From</span>'), ' type="time"')}${textInput(field(`${p}.to`, '结束（早于开始即跨夜）<span class="en">To (before From: overnight)</span>'), ' type="time"')}</fieldset>`;
  }).join('');
  const routing = Array.from({ length: input.rows.routing }, (_, i) => {
    const p = `complaints.routing.${i}`;
    return `<fieldset><legend>规则 ${i + 1} <span class="en">Rule ${i + 1}</span></legend>
${select(field(`${p}.category`, '类别（清空即删除）<span class="en">Category (empty removes the rule)</span>'), `${option('', '—', v.get(`${p}.category`))}${CATEGORY_IDS.map((c) => option(c, `${e(CATEGORY_NAMES[c].zh)} · ${e(CATEGORY_NAMES[c].en)}`, v.get(`${p}.category`))).join('')}`)}
${select(field(`${p}.departmentId`, '仅限被投诉科室 <span class="en">Only for complaints about</span>'), departmentOptions(v.get(`${p}.departmentId`), '— 任何科室 · any —'))}
${select(field(`${p}.handler`, '承办科室 <span class="en">Handled by</span>'), departmentOptions(v.get(`${p}.handler`), '—'))}</fieldset>`;
  }).join('');
  const notice = input.notice === 'saved'
    ? `${saved}${input.settledDueDates === undefined || input.settledDueDates === 0 ? '' : `<p class="notice" role="status">${input.settledDueDates} 件投诉的暂定期限已确定。<span class="en">${input.settledDueDates} provisional due dates are now final.</span></p>`}`
    : input.notice === 'conflict' ? '<div class="notice problem" role="alert"><strong>设置已被他人修改，以下为最新内容；您的修改未保存。</strong><br><span class="en">Someone saved the settings meanwhile; here they are. Your change was not saved.</span></div>' : '';
  const preview = input.preview === undefined ? '' : `<p class="notice" role="status"><strong>${e(input.preview.at.replace('T', ' '))} 值班 <span class="en">on duty</span>:</strong> ${input.preview.onDuty.length === 0 ? `无人值班，由主任 ${e(input.preview.fallback ?? '')} 负责 <span class="en">nobody: the office head ${e(input.preview.fallback ?? '')} owns new cases</span>` : e(input.preview.onDuty.join('、'))}</p>`;
  const sites = input.otherSites.length === 0 ? '' : `<p>${input.otherSites.map((s) => `<a href="/admin/site?site=${encodeURIComponent(s)}">${e(s)}</a>`).join(' · ')}</p>`;
  return frame(input, '院区设置 · Site settings', `<h2>院区设置 <span class="en">Site settings</span> · ${e(input.siteId)}</h2>${sites}${notice}
<form class="filters" method="get" action="/admin/site"><input type="hidden" name="site" value="${e(input.siteId)}"><label>值班预览：时间 <span class="en">Who is on duty at</span><input type="datetime-local" name="at" value="${e(input.preview?.at ?? '')}" required></label><button class="primary" type="submit">预览 · Preview</button></form>
${preview}
<form class="staff" method="post" action="/admin/site?site=${encodeURIComponent(input.siteId)}"><input type="hidden" name="csrf" value="${e(input.csrf)}"><input type="hidden" name="version" value="${input.version}">
<!--problems-->
<h3>院区 <span class="en">Site</span></h3>
${textInput(field('site.name', '名称 <span class="en">Name</span>'))}${textInput(field('site.nameEn', '英文名称 <span class="en">Name in English</span>'))}<input type="hidden" name="site.timeZone" value="${e(v.get('site.timeZone') ?? '')}">
${textInput(field('site.minResponses', '最少样本数 <span class="en">Minimum count before a figure is shown</span>'), ' type="number" min="1"')}
${textInput(field('site.targets.positiveRate', '满意率目标 % <span class="en">Target share positive, %</span>'), ' type="number" min="0" max="100" step="0.1"')}
${textInput(field('site.targets.waitWithin15Rate', '15 分钟内等候目标 % <span class="en">Target share of waits within 15 minutes, %</span>'), ' type="number" min="0" max="100" step="0.1"')}
<h3>医患办 <span class="en">Complaint office</span></h3>
${textInput(field('complaints.officeHead.username', '主任用户名 <span class="en">Office head\'s username</span>'))}${textInput(field('complaints.officeHead.email', '主任邮箱 <span class="en">Office head\'s e-mail</span>'), ' type="email"')}
${textInput(field('complaints.safetyContactEmail', '安全联系人邮箱（安全信号立即通知）<span class="en">Safety contact (told of every safety signal at once)</span>'), ' type="email"')}
<h3>对外公布的投诉接待 <span class="en">Public contact of the office (on every patient page)</span></h3>
${textInput(field('complaints.publicContact.phone', '电话 <span class="en">Phone</span>'), ' type="tel"')}
${textInput(field('complaints.publicContact.place', '地点 <span class="en">Place (Chinese)</span>'))}${textInput(field('complaints.publicContact.placeEn', '地点（英文）<span class="en">Place (English)</span>'))}
${textInput(field('complaints.publicContact.hours', '接待时间 <span class="en">Hours (Chinese)</span>'))}${textInput(field('complaints.publicContact.hoursEn', '接待时间（英文）<span class="en">Hours (English)</span>'))}
<h3>时限（工作日）<span class="en">Time limits (working days)</span></h3>
${textInput(field('complaints.limits.acknowledgeWorkingDays', '确认 <span class="en">Acknowledge</span>'), ' type="number" min="0"')}${textInput(field('complaints.limits.investigationWorkingDays', '答复 <span class="en">Respond</span>'), ' type="number" min="0"')}${textInput(field('complaints.limits.multiDepartmentWorkingDays', '多部门答复 <span class="en">Respond, several departments</span>'), ' type="number" min="0"')}
${errorsBeside('complaints.limits')}
<h3>节假日 <span class="en">Calendar</span></h3>
<p class="meta">国家节假日随系统更新；未收录的年份（如 2027 年）公布后可在此整年录入，系统会检查是否合理，录入后该年的暂定期限即确定。<span class="en">The national holidays ship with the system; a year it lacks (2027) can be entered here in full once published, checked for plausibility; its provisional due dates then become final.</span></p>
${textarea(field('complaints.calendar.holidays', '休息日（每行一个 YYYY-MM-DD）<span class="en">Days off (one YYYY-MM-DD a line)</span>'), ' rows="6"')}
${textarea(field('complaints.calendar.workdays', '调休上班日 <span class="en">Make-up working days</span>'), ' rows="3"')}
${textInput(field('complaints.calendar.coversYears', '以上完整覆盖的年份（逗号分隔）<span class="en">Years these lists cover in full (comma-separated)</span>'))}
${input.errors.filter((error) => error.path.startsWith('complaints.calendar.coversYears.')).map((error) => errorsBeside(error.path)).join('')}
<h3>值班表 <span class="en">Rota</span></h3>${rota}
<h3>分派规则 <span class="en">Routing rules</span></h3>${routing}
<h3>科室 <span class="en">Departments</span></h3>${errorsBeside('departments')}${departments}
<button class="primary" type="submit">保存设置 · Save settings</button></form>`).replace('<!--problems-->', () => problemBlock(input.errors, (path) => rendered.has(path)));
}

// --- codes and posters ------------------------------------------------------------------------------

export interface PostersPageInput extends PageFrame {
  readonly siteId: string;
  readonly siteName: string;
  readonly otherSites: readonly string[];
  readonly departments: readonly Department[];
  /** The department whose codes were just revoked. */
  readonly revoked?: Department;
  readonly errors: readonly FieldError[];
}

const POSTER_LINKS = [['survey', '评价海报 <span class="en">Survey poster</span>'], ['complaint', '投诉海报 <span class="en">Complaint poster</span>']] as const;

export function renderPosters(input: PostersPageInput): string {
  const site = encodeURIComponent(input.siteId);
  const rows = input.departments.map((d) => {
    const id = encodeURIComponent(d.departmentId);
    const links = POSTER_LINKS.map(([page, label]) => `${label}: ${(['pdf', 'png'] as const).map((format) => `<a href="/admin/posters/${id}?site=${site}&amp;page=${page}&amp;format=${format}" download>${format.toUpperCase()}</a>`).join(' · ')}`).join('<br>');
    return `<tr><td data-label="科室 Department">${e(d.name)}<br><span class="en">${e(d.nameEn)}</span></td>
<td data-label="调查 Surveys">${d.surveyEnabled ? '开放 on' : '<span class="below">关闭 off</span>'} · 第 ${d.codeGeneration} 版 <span class="en">code ${d.codeGeneration}</span></td>
<td data-label="海报 Posters">${links}</td>
<td data-label="作废 Revoke"><form class="staff" method="post" action="/admin/posters?site=${site}"><input type="hidden" name="csrf" value="${e(input.csrf)}"><input type="hidden" name="department" value="${e(d.departmentId)}">
<label class="check"><input type="checkbox" name="confirm" value="yes" required>旧海报全部失效 <span class="en">old posters stop working</span></label>${errorsAt(input.errors, `confirm.${d.departmentId}`)}
<button type="submit">作废二维码 · Revoke codes</button></form></td></tr>`;
  }).join('');
  const revoked = input.revoked === undefined ? '' : `<p class="notice" role="status">${e(input.revoked.name)}的旧二维码已作废，请撤下旧海报并打印新海报（第 ${input.revoked.codeGeneration} 版）。<span class="en">The old codes of ${e(input.revoked.nameEn)} are revoked: take the old posters down and print new ones (code ${input.revoked.codeGeneration}).</span></p>`;
  const sites = input.otherSites.length === 0 ? '' : `<p>${input.otherSites.map((s) => `<a href="/admin/posters?site=${encodeURIComponent(s)}">${e(s)}</a>`).join(' · ')}</p>`;
  return frame(input, '二维码与海报 · Codes and posters', `<h2>二维码与海报 <span class="en">Codes and posters</span> · ${e(input.siteName)}</h2>${sites}${revoked}
<p class="meta">每个科室的评价海报和投诉海报使用同一个二维码。作废后，已张贴的两种海报在几秒内全部失效。<span class="en">A department's survey and complaint posters carry the same code. Revoked, every poster already up stops working within seconds.</span></p>
${problemBlock(input.errors, (path) => path.startsWith('confirm.'))}
<table class="cases"><thead><tr><th>科室 <span class="en">Department</span></th><th>调查 <span class="en">Surveys</span></th><th>海报（A5）<span class="en">Posters (A5)</span></th><th>作废 <span class="en">Revoke</span></th></tr></thead>
<tbody>${rows}</tbody></table>`);
}
