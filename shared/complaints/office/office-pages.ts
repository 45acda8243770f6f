import type { UserIdentity } from '../../auth/identity.ts';
import { CATEGORY_IDS, CATEGORY_NAMES, SAFETY_KIND_NAMES, SEVERITIES, SEVERITY_NAMES } from '../../classify/categories.ts';
import { canMove } from '../lifecycle.ts';
import { type caseView, isUrgent } from '../staff-view.ts';
import type { FieldError } from '../../platform/domain-errors.ts';
import { type Bilingual, CHANNEL_NAMES, OUTCOME_NAMES, RELATION_NAMES, STATUS_LABELS } from '../complaint-labels.ts';
import { escapeMarkup } from '../../web/markup.ts';
import { CHANNELS, COMPLAINT_STATUSES, type ComplaintStatus, type HistoryEntry, isOpen } from '../../schemas/complaint.ts';
import type { Department } from '../../schemas/site.ts';
import type { ContactReading } from '../../storage/complaint-contact.ts';
import { dayIn } from '../../platform/time.ts';
import { wallClockIn } from '../../sites/working-calendar.ts';
import { formFieldOf, type FormValues, placeValue } from './office-forms.ts';
import { layout, staffHeader } from '../../web/staff-page.ts';
import { bilingual } from '../../web/staff-wording.ts';

// The complaint office's pages: the inbox, one case, and the form for a complaint that came by phone,
// letter, opinion box and the rest. Server-rendered, no script; every text from a case or a person is
// escaped here, at the one place it meets markup. Chinese first, English beside it.

/** A case as staff see it (never the worker's internal flags). */
export type CaseView = ReturnType<typeof caseView>;

const HISTORY_NAMES: Readonly<Partial<Record<HistoryEntry['change'], Bilingual>>> = {
  received: { zh: '接收', en: 'Received' },
  owner: { zh: '负责人', en: 'Owner' },
  handler: { zh: '承办科室', en: 'Handling department' },
  status: { zh: '状态', en: 'Status' },
  category: { zh: '类别', en: 'Category' },
  severity: { zh: '严重程度', en: 'Severity' },
  due: { zh: '期限', en: 'Due date' },
  alert: { zh: '安全警报', en: 'Safety alert' },
  'sla-warning': { zh: '期限提醒', en: 'Due-date reminder' },
  'sla-breach': { zh: '逾期上报', en: 'Overdue escalation' },
  'acknowledge-late': { zh: '受理超时提醒', en: 'Not acknowledged in time' },
};

const e = escapeMarkup;
/** Chinese, then English in a quieter colour. */
const bi = (name: Bilingual) => `${e(name.zh)} <span class="en">${e(name.en)}</span>`;
/** A stored value by its name; a value with none (a kind added later) shows as it is stored. */
/** Status names by status, for the history's from → to. */
const STATUS_NAMES: Readonly<Record<string, Bilingual>> = Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, STATUS_LABELS[s].name]));

const named = (names: Readonly<Record<string, Bilingual | undefined>>, key: string) => {
  const name = Object.hasOwn(names, key) ? names[key] : undefined;
  return name === undefined ? e(key) : bi(name);
};

export type DepartmentNames = ReadonlyMap<string, Pick<Department, 'name' | 'nameEn'>>;
const departmentName = (departments: DepartmentNames, id: string) => {
  const d = departments.get(id);
  return d === undefined ? e(id) : bi({ zh: d.name, en: d.nameEn });
};

/** `YYYY-MM-DD HH:mm` on the site's clock. */
const localTime = (timeZone: string, instant: string) => `<span class="day">${e(wallClockIn(timeZone, instant).replace('T', ' '))}</span>`;

export const isOverdue = (c: Pick<CaseView, 'status' | 'dueAt'>, now: Date) => isOpen(c) && new Date(c.dueAt).getTime() < now.getTime();

function dueCell(c: CaseView, provisional: boolean, now: Date): string {
  const overdue = isOverdue(c, now);
  return `<span class="${overdue ? 'day overdue' : 'day'}">${e(dayIn(c.timeZone, c.dueAt))}${overdue ? ' 逾期 <span class="en">overdue</span>' : ''}</span>${provisional ? ' <span class="tag" title="节假日安排未公布，日期可能变动 · the holiday schedule is not published yet: the date may move">暂定 · provisional</span>' : ''}`;
}

const severityCell = (severity: CaseView['severity']) => `<span class="sev-${e(severity)}">${bi(SEVERITY_NAMES[severity])}</span>`;

function safetyBanner(c: CaseView, withLink: boolean): string {
  const kinds = c.safetyKinds.map((kind) => bi(SAFETY_KIND_NAMES[kind])).join('、');
  const what = kinds === '' ? `：${bi(SEVERITY_NAMES.critical)}` : `：${kinds}`;
  const link = withLink ? ` · <a href="/admin/complaints/${encodeURIComponent(c.id)}">${e(c.trackingCode)}</a>` : '';
  return `<div class="safety" role="alert"><strong>安全信号 <span class="en">Safety signal</span>${what}</strong>${link}<br>立即致电患者并上报医患办主任 <span class="en">Call the patient and escalate to the office head now.</span></div>`;
}

// --- the inbox ------------------------------------------------------------------------------------------

export interface InboxRow {
  readonly case: CaseView;
  /** The due date lies across a year whose holiday schedule is not known yet. */
  readonly provisional: boolean;
}

export interface InboxFilters {
  readonly status?: ComplaintStatus;
  readonly mine: boolean;
  readonly overdue: boolean;
}

export interface InboxInput {
  readonly user: UserIdentity;
  readonly csrf: string;
  readonly now: Date;
  readonly site: { readonly siteId: string; readonly name: string };
  /** The other sites the user may open, for a switch. */
  readonly otherSites: readonly { readonly siteId: string; readonly name: string }[];
  readonly departments: DepartmentNames;
  /** Open cases with a safety signal, whatever the filters: they must never sit unseen on a later page. */
  readonly pinned: readonly InboxRow[];
  readonly rows: readonly InboxRow[];
  readonly filters: InboxFilters;
  /** The next page's cursor; absent on the last page. */
  readonly nextCursor?: string;
  readonly firstPage: boolean;
  /** Above everything for the complaint office: the "please look now" list and the comments to read (shared/comments/). */
  readonly lead?: string;
}

const inboxHref = (siteId: string, filters: InboxFilters, cursor?: string) => {
  const query = new URLSearchParams({ site: siteId });
  if (filters.status !== undefined) query.set('status', filters.status);
  if (filters.mine) query.set('mine', '1');
  if (filters.overdue) query.set('overdue', '1');
  if (cursor !== undefined) query.set('cursor', cursor);
  return `/admin/complaints?${query.toString()}`;
};

/** A table cell that a phone shows as a labelled line: one wrapper, so the label and the content are the two grid items. */
export const cell = (label: string, content: string) => `<td data-label="${e(label)}"><span>${content}</span></td>`;

function caseRow(row: InboxRow, departments: DepartmentNames, now: Date): string {
  const c = row.case;
  return `<tr${isUrgent(c) ? ' class="signal"' : ''}>${[
    cell('追踪码 Code', `<a class="code" href="/admin/complaints/${encodeURIComponent(c.id)}">${e(c.trackingCode)}</a>${isUrgent(c) ? ' <strong class="overdue">安全信号</strong>' : ''}`),
    cell('接收 Received', localTime(c.timeZone, c.receivedAt)),
    cell('科室 Department', departmentName(departments, c.departmentId)),
    cell('类别 Category', bi(CATEGORY_NAMES[c.category])),
    cell('严重程度 Severity', severityCell(c.severity)),
    cell('状态 Status', bi(STATUS_LABELS[c.status].name)),
    cell('负责人 Owner', e(c.owner)),
    cell('期限 Due', dueCell(c, row.provisional, now)),
  ].join('')}</tr>`;
}

function caseTable(rows: readonly InboxRow[], departments: DepartmentNames, now: Date, caption: string): string {
  return `<table class="cases"><caption class="meta">${caption}</caption><thead><tr><th>追踪码 <span class="en">Code</span></th><th>接收 <span class="en">Received</span></th><th>科室 <span class="en">Department</span></th><th>类别 <span class="en">Category</span></th><th>严重程度 <span class="en">Severity</span></th><th>状态 <span class="en">Status</span></th><th>负责人 <span class="en">Owner</span></th><th>期限 <span class="en">Due</span></th></tr></thead><tbody>${rows.map((r) => caseRow(r, departments, now)).join('')}</tbody></table>`;
}

function filterForm(input: InboxInput): string {
  const { filters } = input;
  const statusOptions = [`<option value="">未办结 · all open</option>`, ...COMPLAINT_STATUSES.map((s) => `<option value="${s}"${filters.status === s ? ' selected' : ''}>${e(STATUS_LABELS[s].name.zh)} · ${e(STATUS_LABELS[s].name.en)}</option>`)].join('');
  return `<form class="filters" method="get" action="/admin/complaints"><input type="hidden" name="site" value="${e(input.site.siteId)}">
<label>状态 <span class="en">Status</span><select name="status">${statusOptions}</select></label>
<label class="check"><input type="checkbox" name="mine" value="1"${filters.mine ? ' checked' : ''}>我负责的 <span class="en">Mine</span></label>
<label class="check"><input type="checkbox" name="overdue" value="1"${filters.overdue ? ' checked' : ''}>已逾期 <span class="en">Overdue</span></label>
<button class="primary" type="submit">筛选 · Filter</button></form>`;
}

export function renderInbox(input: InboxInput): string {
  const { departments, now } = input;
  const sites = input.otherSites.length === 0 ? '' : `<p class="meta">其他院区 · Other sites: ${input.otherSites.map((s) => `<a href="${e(inboxHref(s.siteId, { mine: false, overdue: false }))}">${e(s.name)}</a>`).join('、')}</p>`;
  const pinned = input.pinned.length === 0 ? '' : `<section class="pinned" aria-label="安全信号 · Safety signals">${input.pinned.map((r) => safetyBanner(r.case, true)).join('')}${caseTable(input.pinned, departments, now, '安全信号案件置顶（不受筛选影响）· Cases with a safety signal, pinned whatever the filter')}</section>`;
  const list = input.rows.length === 0
    ? '<p>没有符合条件的投诉。<span class="en">No complaints match.</span></p>'
    : caseTable(input.rows, departments, now, '按期限先后排列 · Soonest due first');
  const pager = [
    input.firstPage ? '' : `<a href="${e(inboxHref(input.site.siteId, input.filters))}">« 第一页 · First page</a>`,
    input.nextCursor === undefined ? '' : `<a href="${e(inboxHref(input.site.siteId, input.filters, input.nextCursor))}">下一页 · Next page »</a>`,
  ].filter((link) => link !== '').join('');
  const body = `<h2>投诉 · Complaints — ${e(input.site.name)}</h2>${sites}${input.lead ?? ''}${pinned}${filterForm(input)}${list}${pager === '' ? '' : `<nav class="pager" aria-label="翻页 · Pages">${pager}</nav>`}`;
  return layout('投诉 · Complaints', body, staffHeader(input.user, input.csrf));
}

// --- one case -------------------------------------------------------------------------------------------

export type CaseNotice =
  | { readonly kind: 'saved' }
  | { readonly kind: 'saved-unnotified' }
  /** The form was rendered from an older version: nothing was changed. */
  | { readonly kind: 'conflict' }
  | { readonly kind: 'refused'; readonly detail: string; readonly errors: readonly FieldError[] };

export interface CaseChangeOptions {
  /** `department`: a responder, who may move the case on and write the response, nothing else. */
  readonly scope: 'all' | 'department';
  /** Office staff a case can be handed to (usernames). */
  readonly owners: readonly string[];
  /** What the user entered, shown again when a change is refused. */
  readonly values?: FormValues;
}

export interface CasePageInput {
  readonly user: UserIdentity;
  readonly csrf: string;
  readonly now: Date;
  readonly case: CaseView;
  readonly provisional: boolean;
  readonly departments: DepartmentNames;
  readonly history: readonly HistoryEntry[];
  /** Read for the complaint office only; undefined leaves the block out (a responder never sees it). */
  readonly contact?: ContactReading;
  /** Undefined: the user may not change this case. */
  readonly change?: CaseChangeOptions;
  readonly notice?: CaseNotice;
}

const item = (term: string, value: string | undefined) => (value === undefined || value === '' ? '' : `<dt>${term}</dt><dd>${value}</dd>`);
const yesNo = (value: boolean) => (value ? '是 <span class="en">yes</span>' : '否 <span class="en">no</span>');

function caseDetails(input: CasePageInput): string {
  const c = input.case;
  const zone = c.timeZone;
  return `<dl class="case">${[
    item('追踪码 <span class="en">Tracking code</span>', e(c.trackingCode)),
    item('状态 <span class="en">Status</span>', bi(STATUS_LABELS[c.status].name)),
    item('投诉内容 <span class="en">Description</span>', e(c.description)),
    item('期望结果 <span class="en">Desired outcome</span>', c.desiredOutcome === undefined ? undefined : e(c.desiredOutcome)),
    item('涉及人员 <span class="en">Staff involved</span>', c.staffInvolved === undefined ? undefined : e(c.staffInvolved)),
    item('事发日期 <span class="en">Incident date</span>', c.incidentDate === undefined ? undefined : e(c.incidentDate)),
    item('科室 <span class="en">Department</span>', departmentName(input.departments, c.departmentId)),
    item('承办科室 <span class="en">Handling department</span>', departmentName(input.departments, c.handlerDepartmentId)),
    item('类别 <span class="en">Category</span>', bi(CATEGORY_NAMES[c.category])),
    item('严重程度 <span class="en">Severity</span>', severityCell(c.severity)),
    item('安全信号级别 <span class="en">Safety level</span>', c.safetyLevel === 'possible' ? '分类器判断为可能的安全信号（由医患办在“请立即查看”列表确认或排除）<span class="en">The classifier read a possible safety signal (the office confirms or dismisses it on the "please look now" list)</span>' : undefined),
    item('为什么这样分类 <span class="en">Why this category</span>', c.terms.length === 0 ? '—' : c.terms.map((t) => `「${e(t)}」`).join(' ')),
    item('负责人 <span class="en">Owner</span>', e(c.owner)),
    item('渠道 <span class="en">Channel</span>', named(CHANNEL_NAMES, c.channel)),
    item('接收时间 <span class="en">Received</span>', localTime(zone, c.receivedAt)),
    item('首诉接待 <span class="en">First received by</span>', c.firstReceiver === undefined ? undefined : `${departmentName(input.departments, c.firstReceiver.departmentId)} · ${e(c.firstReceiver.name)}`),
    item('当场解决 <span class="en">Settled on the spot</span>', `${yesNo(c.settledOnSpot)}${c.settlement === undefined ? '' : ` — ${e(c.settlement)}`}`),
    item('移交医患办 <span class="en">Handed to the office</span>', c.handedToOfficeAt === undefined ? undefined : localTime(zone, c.handedToOfficeAt)),
    item('多科室协办 <span class="en">Several departments</span>', yesNo(c.multiDepartment)),
    item('受理期限 <span class="en">Acknowledge by</span>', `<span${c.status === 'received' && new Date(c.acknowledgeBy).getTime() < input.now.getTime() ? ' class="overdue"' : ''}>${localTime(zone, c.acknowledgeBy)}</span>`),
    item('答复期限 <span class="en">Respond by</span>', dueCell(c, input.provisional, input.now)),
    item('调查结论 <span class="en">Outcome</span>', c.outcome === undefined ? undefined : bi(OUTCOME_NAMES[c.outcome])),
    item('答复患者 <span class="en">Response to the patient</span>', c.response === undefined ? undefined : e(c.response)),
    item('重点回访 <span class="en">Follow-up call due</span>', c.followUpDue === undefined ? undefined : `${yesNo(c.followUpDue)}${c.followUpDue && c.status === 'closed' ? ` · <a href="/admin/callbacks/complaint:${encodeURIComponent(c.id)}">回访 Call</a>` : ''}`),
    // A patient not satisfied with the handling: the office may reopen the case (status → investigating).
    item('回访结果 <span class="en">Follow-up answer</span>', c.followUpResult === undefined ? undefined : c.followUpResult === 'satisfied' ? '对处理满意 <span class="en">Satisfied with the handling</span>' : `<span class="overdue">对处理不满意 <span class="en">Not satisfied</span></span>${c.status === 'closed' ? '：可在下方将状态改为“调查中”重新处理。<span class="en">Reopen below: set the status to investigating.</span>' : ''}`),
    item('来自出院回访 <span class="en">Raised on a callback</span>', c.callId === undefined ? undefined : `<a href="/admin/callbacks/${encodeURIComponent(c.callId)}">${e(c.callId)}</a>`),
    item('办结时间 <span class="en">Closed</span>', c.closedAt === undefined ? undefined : localTime(zone, c.closedAt)),
  ].join('')}</dl>`;
}

function contactBlock(contact: ContactReading): string {
  const heading = '<h3>联系方式 <span class="en">Contact details</span></h3>';
  if (contact.state === 'none') return `<section class="contact">${heading}<p>患者未留联系方式，只能通过追踪码查询进度。<span class="en">No contact details: the patient follows the case by its tracking code.</span></p></section>`;
  if (contact.state === 'expired') return `<section class="contact">${heading}<p>联系方式已过保存期限并已删除。<span class="en">The contact details have expired and were deleted.</span></p></section>`;
  const c = contact.contact;
  return `<section class="contact">${heading}<dl class="case">${[
    item('姓名 <span class="en">Name</span>', c.name === undefined ? undefined : e(c.name)),
    item('关系 <span class="en">Relation</span>', c.relation === undefined ? undefined : named(RELATION_NAMES, c.relation)),
    item('电话 <span class="en">Phone</span>', c.phone === undefined ? undefined : `<a href="tel:${e(c.phone.replace(/[^+0-9]/g, ''))}">${e(c.phone)}</a>`),
    item('邮箱 <span class="en">E-mail</span>', c.email === undefined ? undefined : e(c.email)),
    item('同意联系 <span class="en">Consented to contact</span>', yesNo(c.consent)),
  ].join('')}</dl></section>`;
}

function historyValue(entry: HistoryEntry, value: string | undefined, departments: DepartmentNames): string {
  if (value === undefined) return '';
  if (entry.change === 'status' || entry.change === 'received') return named(STATUS_NAMES, value);
  if (entry.change === 'category') return named(CATEGORY_NAMES, value);
  if (entry.change === 'severity') return named(SEVERITY_NAMES, value);
  if (entry.change === 'handler') return departmentName(departments, value);
  return e(value);
}

function historyTable(input: CasePageInput): string {
  const zone = input.case.timeZone;
  const rows = input.history.map((h) => {
    const from = historyValue(h, h.from, input.departments);
    const to = historyValue(h, h.to, input.departments);
    const what = `${named(HISTORY_NAMES, h.change)}${from === '' && to === '' ? '' : `: ${from}${from === '' ? '' : ' → '}${to}`}`;
    return `<tr>${cell('时间 When', localTime(zone, h.at))}${cell('人员 Who', e(h.actor))}${cell('变更 What', what)}${cell('原因 Why', e(h.reason ?? ''))}</tr>`;
  }).join('');
  return `<h3>处理记录 <span class="en">History</span></h3><table class="cases history"><thead><tr><th>时间 <span class="en">When</span></th><th>人员 <span class="en">Who</span></th><th>变更 <span class="en">What</span></th><th>原因 <span class="en">Why</span></th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The messages for one field, next to it; `role=alert` is on the summary, not on each. */
function fieldErrors(errors: readonly FieldError[], field: string): string {
  return errors.filter((error) => formFieldOf(error.path) === field).map((error) => `<span class="err">${e(bilingual(error.message))}</span>`).join('');
}

const option = (value: string, label: string, selected: string | undefined) => `<option value="${e(value)}"${selected === value ? ' selected' : ''}>${label}</option>`;
const NO_CHANGE = '— 不变 · no change —';

function select(name: string, label: string, options: readonly string[], selected: string | undefined, errors: readonly FieldError[], firstOption?: string): string {
  return `<label>${label}<select name="${e(name)}">${firstOption === undefined ? '' : option('', firstOption, selected)}${options.join('')}</select>${fieldErrors(errors, name)}</label>`;
}

function changeForm(input: CasePageInput, options: CaseChangeOptions): string {
  const c = input.case;
  const values = options.values ?? {};
  const errors = input.notice?.kind === 'refused' ? input.notice.errors : [];
  const office = options.scope === 'all';
  const statuses = COMPLAINT_STATUSES.filter((s) => canMove(c.status, s) && (office || s === 'investigating' || s === 'responded'));
  if (statuses.length === 0 && !isOpen(c)) {
    return `<p class="meta">${bi(STATUS_LABELS[c.status].name)}：不再变更。<span class="en">This case does not change any more.</span></p>`;
  }
  const reopenOnly = isOpen(c) ? '' : '<p class="meta">已办结的投诉只能重新调查。<span class="en">A closed case can only be reopened (investigating).</span></p>';
  const fields = [
    select('status', '状态 <span class="en">Status</span>', statuses.map((s) => option(s, `${e(STATUS_LABELS[s].name.zh)} · ${e(STATUS_LABELS[s].name.en)}`, values.status)), values.status, errors, NO_CHANGE),
    ...(office
      ? [
        select('owner', '负责人 <span class="en">Owner</span>', options.owners.filter((o) => o !== c.owner).map((o) => option(o, e(o), values.owner)), values.owner, errors, `${NO_CHANGE} (${e(c.owner)})`),
        select('handlerDepartmentId', '承办科室 <span class="en">Handling department</span>', [...input.departments].filter(([id]) => id !== c.handlerDepartmentId).map(([id, d]) => option(id, `${e(d.name)} · ${e(d.nameEn)}`, values.handlerDepartmentId)), values.handlerDepartmentId, errors, NO_CHANGE),
        select('category', '类别 <span class="en">Category</span>', CATEGORY_IDS.filter((id) => id !== c.category).map((id) => option(id, `${e(CATEGORY_NAMES[id].zh)} · ${e(CATEGORY_NAMES[id].en)}`, values.category)), values.category, errors, NO_CHANGE),
        select('severity', '严重程度 <span class="en">Severity</span>', SEVERITIES.filter((s) => s !== c.severity).map((s) => option(s, `${e(SEVERITY_NAMES[s].zh)} · ${e(SEVERITY_NAMES[s].en)}`, values.severity)), values.severity, errors, NO_CHANGE),
        select('outcome', '调查结论（办结必填）<span class="en">Outcome (needed to close)</span>', Object.entries(OUTCOME_NAMES).map(([id, name]) => option(id, `${e(name.zh)} · ${e(name.en)}`, values.outcome)), values.outcome, errors, NO_CHANGE),
      ]
      : []),
    `<label>答复患者的内容${office ? '（办结必填）' : ''} <span class="en">Response to the patient${office ? ' (needed to close)' : ''}</span><span class="meta">持有查询码的人都能在查询页看到这段答复：请勿写入姓名、电话、病情等个人信息。<span class="en">Whoever holds the tracking code reads this answer on the tracking page: no names, phone numbers or health details.</span></span><textarea name="response" maxlength="4000">${e(values.response ?? '')}</textarea>${fieldErrors(errors, 'response')}</label>`,
    ...(office ? [`<label>延长答复期限 <span class="en">Move the due date (the day it is due)</span><input type="date" name="dueDay" value="${e(values.dueDay ?? '')}">${fieldErrors(errors, 'dueAt')}</label>`] : []),
    ...(office ? [select('followUpDue', '重点回访 <span class="en">Follow-up call</span>', [option('true', '需要回访 · call back', values.followUpDue), option('false', '不需要 · no call', values.followUpDue)], values.followUpDue, errors, '— 按严重程度 · by severity —')] : []),
    `<label>原因（必填）<span class="en">Reason (required)</span><textarea name="reason" required maxlength="1000">${e(values.reason ?? '')}</textarea>${fieldErrors(errors, 'reason')}</label>`,
  ];
  return `<h3>处理 <span class="en">Change this case</span></h3>${reopenOnly}<form class="staff" method="post" action="/admin/complaints/${encodeURIComponent(c.id)}">
<input type="hidden" name="csrf" value="${e(input.csrf)}"><input type="hidden" name="version" value="${c.version}">${fields.join('')}
<button class="primary" type="submit">保存 · Save</button></form>`;
}

function noticeBlock(notice: CaseNotice | undefined): string {
  if (notice === undefined) return '';
  if (notice.kind === 'saved') return '<p class="notice" role="status">已保存。<span class="en">Saved.</span></p>';
  if (notice.kind === 'saved-unnotified') return '<div class="notice problem" role="alert"><strong>已保存，但通知未能发出：请直接告知新负责人或承办科室；危急案件请立即电话通知安全联系人。</strong><br><span class="en">Saved, but its notice could not be sent: tell the new owner or department yourself, and for a critical case phone the safety contact now.</span></div>';
  if (notice.kind === 'conflict') return '<div class="notice problem" role="alert"><strong>此案件已被他人修改，以下为最新内容；您的修改未保存。</strong><br><span class="en">Someone changed this case; here is the current one. Your change was not saved: check it and submit again if it is still needed.</span></div>';
  const loose = notice.errors.filter((error) => !['status', 'owner', 'handlerDepartmentId', 'category', 'severity', 'outcome', 'response', 'followUpDue', 'dueAt', 'reason'].includes(error.path));
  return `<div class="notice problem" role="alert"><strong>未保存 · Not saved:</strong> ${e(bilingual(notice.detail))}${loose.length === 0 ? '' : `<ul>${loose.map((error) => `<li>${e(error.path)}: ${e(bilingual(error.message))}</li>`).join('')}</ul>`}</div>`;
}

export function renderCase(input: CasePageInput): string {
  const c = input.case;
  const body = `${isUrgent(c) ? safetyBanner(c, false) : ''}<p><a href="/admin/complaints">« 投诉列表 · Inbox</a></p>
<h2>投诉 <span class="en">Complaint</span> ${e(c.trackingCode)}</h2>${noticeBlock(input.notice)}${caseDetails(input)}${input.contact === undefined ? '' : contactBlock(input.contact)}${historyTable(input)}${input.change === undefined ? '' : changeForm(input, input.change)}`;
  return layout(`投诉 ${c.trackingCode}`, body, staffHeader(input.user, input.csrf));
}

// --- a complaint entered by the office ------------------------------------------------------------------

export interface NewComplaintInput {
  readonly user: UserIdentity;
  readonly csrf: string;
  /** Rendered into the form, so a double-click or a retry is one complaint. */
  readonly submissionId: string;
  readonly places: readonly { readonly siteId: string; readonly siteName: string; readonly departments: readonly Department[] }[];
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  /** A problem that belongs to no one field (e.g. the department is outside the user's sites). */
  readonly detail?: string;
}

export function renderNewComplaint(input: NewComplaintInput): string {
  const v = (name: string) => input.values[name] ?? '';
  const err = (name: string) => fieldErrors(input.errors, name);
  const text = (name: string, label: string, attributes = '') => `<label>${label}<input name="${e(name)}" value="${e(v(name))}"${attributes}>${err(name)}</label>`;
  const area = (name: string, label: string, attributes = '') => `<label>${label}<textarea name="${e(name)}"${attributes}>${e(v(name))}</textarea>${err(name)}</label>`;
  const check = (name: string, label: string) => `<label class="check"><input type="checkbox" name="${e(name)}" value="true"${v(name) === 'true' ? ' checked' : ''}>${label}</label>${err(name)}`;
  const departmentOptions = (selected: string, valueOf: (siteId: string, d: Department) => string) => input.places.map((p) =>
    `<optgroup label="${e(p.siteName)}">${p.departments.map((d) => option(valueOf(p.siteId, d), `${e(d.name)} · ${e(d.nameEn)}`, selected)).join('')}</optgroup>`).join('');
  const channels = CHANNELS.filter((c) => c !== 'qr-page').map((c) => option(c, `${e(CHANNEL_NAMES[c].zh)} · ${e(CHANNEL_NAMES[c].en)}`, v('channel')));
  const relations = Object.entries(RELATION_NAMES).map(([id, name]) => option(id, `${e(name.zh)} · ${e(name.en)}`, v('contact.relation')));
  const problem = input.errors.length === 0 && input.detail === undefined ? ''
    : `<div class="notice problem" role="alert"><strong>未登记，请修改标出的内容。</strong> <span class="en">Not recorded: correct the fields marked below.</span>${input.detail === undefined ? '' : `<br>${e(bilingual(input.detail))}`}</div>`;
  const body = `<h2>登记投诉 <span class="en">Record a complaint</span></h2>
<p class="meta">电话、来信、意见箱、来访、邮件、义务监督员或回访收到的投诉。<span class="en">A complaint received by phone, letter, opinion box, walk-in, e-mail, a volunteer supervisor or a callback.</span></p>${problem}
<form class="staff" method="post" action="/admin/complaints/new"><input type="hidden" name="csrf" value="${e(input.csrf)}"><input type="hidden" name="submissionId" value="${e(input.submissionId)}">
<fieldset><legend>来源 <span class="en">Where it came from</span></legend>
<label>被投诉科室 <span class="en">Department complained about</span><select name="place" required>${option('', '— 请选择 · choose —', v('place'))}${departmentOptions(v('place'), (siteId, d) => placeValue(siteId, d.departmentId))}</select>${err('place')}</label>
${select('channel', '渠道 <span class="en">Channel</span>', channels, v('channel'), input.errors)}
${text('receivedAt', '接收时间 <span class="en">Received at</span>', ' type="datetime-local" required')}
</fieldset>
<fieldset><legend>首诉负责 <span class="en">First-complaint responsibility</span></legend>
<label>首诉接待科室 <span class="en">First received by (department)</span><select name="firstReceiver.departmentId" required>${option('', '— 请选择 · choose —', v('firstReceiver.departmentId'))}${departmentOptions(v('firstReceiver.departmentId'), (_siteId, d) => d.departmentId)}</select>${err('firstReceiver.departmentId')}</label>
${text('firstReceiver.name', '首诉接待人 <span class="en">First received by (name)</span>', ' required maxlength="100"')}
${check('settledOnSpot', '已当场解决 <span class="en">Settled on the spot</span>')}
${area('settlement', '如何解决 <span class="en">How it was settled</span>', ' maxlength="2000"')}
${text('handedToOfficeAt', '移交医患办时间 <span class="en">Handed to the office at</span>', ' type="datetime-local"')}
${check('multiDepartment', '需多科室协同 <span class="en">Several departments involved (10 working days)</span>')}
</fieldset>
<fieldset><legend>投诉内容 <span class="en">The complaint</span></legend>
${area('description', '投诉内容 <span class="en">What happened</span>', ' required maxlength="4000"')}
${text('incidentDate', '事发日期 <span class="en">Incident date</span>', ' type="date"')}
${area('desiredOutcome', '期望结果 <span class="en">Desired outcome</span>', ' maxlength="1000"')}
${text('staffInvolved', '涉及人员 <span class="en">Staff involved</span>', ' maxlength="200"')}
</fieldset>
<fieldset><legend>联系方式（可不填）<span class="en">Contact (optional)</span></legend>
${text('contact.name', '姓名 <span class="en">Name</span>', ' maxlength="100"')}
${select('contact.relation', '关系 <span class="en">Relation</span>', relations, v('contact.relation'), input.errors)}
${text('contact.phone', '电话 <span class="en">Phone</span>', ' type="tel" maxlength="20"')}
${text('contact.email', '邮箱 <span class="en">E-mail</span>', ' type="email" maxlength="254"')}
${check('contact.consent', '患者同意我们联系 <span class="en">The patient agrees to be contacted</span>')}
</fieldset>
<button class="primary" type="submit">登记 · Record</button></form>`;
  return layout('登记投诉 · Record a complaint', body, staffHeader(input.user, input.csrf));
}

export function renderComplaintRecorded(user: UserIdentity, csrf: string, trackingCode: string): string {
  const body = `<h2>已登记 <span class="en">Recorded</span></h2><p class="notice" role="status">追踪码 <span class="en">Tracking code</span><strong class="code big">${e(trackingCode)}</strong></p>
<p>请把追踪码告诉患者，用于查询进度。投诉几秒钟内出现在投诉列表中。<span class="en">Give the patient the tracking code to follow the case. The complaint appears in the inbox within seconds.</span></p>
<p class="pager"><a class="button" href="/admin/complaints/new">再登记一条 · Record another</a><a href="/admin/complaints">投诉列表 · Inbox</a></p>`;
  return layout('已登记 · Recorded', body, staffHeader(user, csrf));
}

/** A case outside the user's reach and one that does not exist look the same (no existence leak). */
export function renderNoSuchCase(user: UserIdentity, csrf: string): string {
  return layout('没有这个投诉 · No such complaint', '<h2>没有这个投诉 <span class="en">No such complaint</span></h2><p><a href="/admin/complaints">投诉列表 · Inbox</a></p>', staffHeader(user, csrf));
}

export function renderNotForRole(user: UserIdentity, csrf: string): string {
  return layout('无权限 · Not for your role', '<h2>您的角色不能使用此页面 <span class="en">Your role cannot use this page</span></h2><p><a href="/admin">返回 · Back</a></p>', staffHeader(user, csrf));
}
