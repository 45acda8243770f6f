import type { UserIdentity } from '../../auth/identity.ts';
import { hasAction } from '../../auth/policy.ts';
import type { FieldError } from '../../platform/domain-errors.ts';
import { localMinute } from '../../platform/time.ts';
import { type CallOutcome, CALL_OUTCOMES, type CallRecord, type CallResult, FOLLOW_UP_RESULTS, type FollowUpResult } from '../../schemas/callback.ts';
import { type Department, ratingItemsOf } from '../../schemas/site.ts';
import { OVERALL_OPTIONS, RATING_ASPECTS } from '../../schemas/survey.ts';
import { MESSAGES } from '../../surveys/survey-labels.ts';
import { escapeMarkup as e } from '../../web/markup.ts';
import { bilingual } from '../../web/staff-wording.ts';
import { layout, staffHeader } from '../../web/staff-page.ts';
import type { WorklistItem } from '../worklist.ts';

// The callback pages, Chinese first with English beside: the worklist (a card per call on a phone, a
// table on a desk), the call page with its form, and the CSV upload's answer. No script: "call" is a
// form post that takes the call and shows the number; the number then opens the phone's dialler.

export const OUTCOME_NAMES: Readonly<Record<CallOutcome, { zh: string; en: string }>> = {
  reached: { zh: '已接通', en: 'Reached' },
  no_answer: { zh: '无人接听', en: 'No answer' },
  busy: { zh: '占线', en: 'Busy' },
  wrong_number: { zh: '号码错误', en: 'Wrong number' },
  declined: { zh: '拒绝回访', en: 'Declined' },
  patient_deceased: { zh: '患者已故', en: 'Patient deceased' },
};

const RESULT_NAMES: Readonly<Record<CallResult, string>> = {
  reached: '已回访 Reached', declined: '拒绝 Declined', unreachable: '无法联系 Unreachable', deceased: '患者已故 Deceased', do_not_call: '不回访 Do not call',
};

const FOLLOW_UP_NAMES: Readonly<Record<FollowUpResult, string>> = { satisfied: '对处理满意 Satisfied with the handling', not_satisfied: '对处理不满意 Not satisfied' };

const SERVICE_NAMES: Readonly<Record<string, string>> = {
  inpatient: '住院 Inpatient', 'day-surgery': '日间手术 Day surgery', counselling: '心理咨询 Counselling', treatment: '治疗 Treatment', outpatient: '门诊 Outpatient', maternity: '产科 Maternity', emergency: '急诊 Emergency',
};
const serviceName = (type: string | undefined) => (type === undefined ? '—' : SERVICE_NAMES[type] ?? type);

export type DepartmentNames = ReadonlyMap<string, Department>;
const deptName = (names: DepartmentNames, id: string) => e(names.get(id)?.name ?? id);

export const callPath = (call: Pick<CallRecord, 'callId'>) => `/admin/callbacks/${encodeURIComponent(call.callId)}`;

export interface Notice {
  readonly kind: 'ok' | 'problem';
  readonly text: string;
}

const noticeHtml = (notice: Notice | undefined) => (notice === undefined ? '' : `<p class="notice${notice.kind === 'problem' ? ' problem' : ''}" role="status">${e(notice.text)}</p>`);

const hidden = (name: string, value: string) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`;

function takeButton(call: CallRecord, csrf: string, label = '拨打 · Call'): string {
  return `<form method="post" action="${e(callPath(call))}/call">${hidden('csrf', csrf)}<button class="primary" type="submit">${label}</button></form>`;
}

export interface WorklistView {
  readonly user: UserIdentity;
  readonly csrf: string;
  readonly site: { readonly siteId: string; readonly name: string; readonly timeZone: string };
  readonly departments: DepartmentNames;
  /** Departments the user may filter by. */
  readonly choices: readonly string[];
  readonly department?: string;
  readonly items: readonly WorklistItem[];
  readonly today: string;
  readonly nextCursor?: string;
  readonly notice?: Notice;
  readonly upload?: UploadResult;
}

export interface UploadResult {
  readonly filename: string;
  readonly total: number;
  readonly accepted: number;
  readonly refused: readonly { row: number; errors: readonly FieldError[] }[];
  readonly error?: string;
}

function uploadSection(view: WorklistView): string {
  if (!hasAction(view.user, 'discharges:post')) return '';
  const u = view.upload;
  const result = u === undefined ? '' : u.error !== undefined
    ? `<p class="notice problem" role="status">${e(u.filename)}：${e(u.error)}</p>`
    : `<div class="notice${u.refused.length > 0 ? ' problem' : ''}" role="status"><p>${e(u.filename)}：共 ${u.total} 行，已接收 ${u.accepted} 行，${u.refused.length} 行未接收。<span class="en">${u.total} rows, ${u.accepted} taken, ${u.refused.length} refused.</span></p>${u.refused.length === 0 ? '' : `<ul>${u.refused.slice(0, 200).map((r) => `<li>第 ${r.row} 行 Row ${r.row}: ${r.errors.map((x) => `${e(CSV_COLUMN_ZH[x.path.replace(/^patient\./, '')] ?? '')} ${e(x.path)} — ${e(bilingual(x.message))}`).join('；')}</li>`).join('')}</ul>${u.refused.length > 200 ? `<p>…还有 ${u.refused.length - 200} 行 and ${u.refused.length - 200} more</p>` : ''}`}</div>`;
  return `<section aria-labelledby="upload"><h2 id="upload">导入出院名单 <span class="en">Import discharges (CSV)</span></h2>${result}
<form class="staff" method="post" action="/admin/callbacks/upload" enctype="multipart/form-data">${hidden('csrf', view.csrf)}${hidden('site', view.site.siteId)}
<p class="meta">HIS 导出的 CSV，第 1 行为表头：dischargeId, departmentId, dischargedAt, name, phone，可选 language, serviceType, doNotCall, correction。<span class="en">The HIS's CSV export, header row first. Good rows are taken; bad rows are listed by row and field. The same file twice changes nothing.</span></p>
<label>CSV 文件 <span class="en">CSV file</span><input type="file" name="file" accept=".csv,text/csv" required></label>
<div><button class="primary" type="submit">导入 · Import</button></div></form></section>`;
}

export function renderWorklist(view: WorklistView): string {
  const rows = view.items.map(({ call, name, phoneMasked }) => {
    const overdue = call.dueDay < view.today;
    const who = call.kind === 'follow-up' ? `重点投诉回访 <span class="en">Follow-up of a key complaint</span>` : e(name ?? '（资料已过期 details expired）');
    return `<tr><td data-label="应回访" class="day${overdue ? ' overdue' : ''}">${e(call.dueDay)}</td><td data-label="患者">${who}</td>
<td data-label="电话" class="code">${e(phoneMasked ?? '—')}</td><td data-label="科室">${deptName(view.departments, call.departmentId)}</td>
<td data-label="出院日期" class="day">${call.dischargedAt === undefined ? '—' : e(localMinute(call.timeZone, call.dischargedAt).slice(0, 10))}</td><td data-label="服务类型">${e(serviceName(call.serviceType))}</td>
<td data-label="已拨打">${call.attempts.length}${call.claimedBy === undefined ? '' : ` <span class="tag">${e(call.claimedBy)} 拨打中</span>`}</td>
<td data-label="回访">${takeButton(call, view.csrf)} <a href="${e(callPath(call))}">详情 · Open</a></td></tr>`;
  }).join('');
  const options = view.choices.map((d) => `<option value="${e(d)}"${d === view.department ? ' selected' : ''}>${deptName(view.departments, d)}</option>`).join('');
  const table = view.items.length === 0
    ? '<p class="meta">现在没有待回访的患者。<span class="en">No calls due.</span></p>'
    : `<table class="cases"><caption class="meta">按应回访日期排序 <span class="en">Soonest due first</span></caption><thead><tr><th>应回访 <span class="en">Due</span></th><th>患者 <span class="en">Patient</span></th><th>电话 <span class="en">Phone</span></th><th>科室 <span class="en">Department</span></th><th>出院日期 <span class="en">Discharged</span></th><th>服务类型 <span class="en">Service</span></th><th>已拨打 <span class="en">Attempts</span></th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
  const next = view.nextCursor === undefined ? '' : `<div class="pager"><a class="button" href="/admin/callbacks?site=${encodeURIComponent(view.site.siteId)}${view.department === undefined ? '' : `&amp;department=${encodeURIComponent(view.department)}`}&amp;cursor=${encodeURIComponent(view.nextCursor)}">下一页 · Next page</a></div>`;
  const body = `<h1>出院回访 <span class="en">Post-discharge callbacks</span> · ${e(view.site.name)}</h1>${noticeHtml(view.notice)}
<form class="filters" method="get" action="/admin/callbacks">${hidden('site', view.site.siteId)}<label>科室 <span class="en">Department</span><select name="department"><option value="">全部 · All</option>${options}</select></label><button class="primary" type="submit">筛选 · Filter</button></form>
${table}${next}${uploadSection(view)}`;
  return layout('出院回访 Callbacks', body, staffHeader(view.user, view.csrf));
}

export interface CallPageView {
  readonly user: UserIdentity;
  readonly csrf: string;
  readonly call: CallRecord;
  readonly departments: DepartmentNames;
  readonly name?: string;
  /** The full number, only to the caller who holds the call. */
  readonly phone?: string;
  readonly phoneMasked?: string;
  readonly heldByMe: boolean;
  readonly heldBy?: string;
  readonly submissionId: string;
  readonly notice?: Notice;
  readonly errors?: readonly FieldError[];
  readonly values?: Readonly<Record<string, string>>;
  /** The correction form as sent, and what is wrong with it. */
  readonly correction?: Readonly<Record<string, string>>;
  readonly correctionErrors?: readonly FieldError[];
}

/** The CSV's columns in Chinese, beside the column name the file uses, for the refused rows. */
const CSV_COLUMN_ZH: Readonly<Record<string, string>> = {
  dischargeId: '出院号', departmentId: '科室', dischargedAt: '出院时间', name: '姓名', phone: '电话', language: '语言', serviceType: '服务类型', doNotCall: '拒绝回访', correction: '更正',
};

const errorFor = (errors: readonly FieldError[] | undefined, ...paths: string[]) => {
  const found = errors?.filter((x) => paths.some((p) => x.path === p || x.path.startsWith(`${p}.`))) ?? [];
  return found.map((x) => `<span class="err">${e(bilingual(x.message))}</span>`).join('');
};

function callForm(view: CallPageView): string {
  const { call, values = {}, errors } = view;
  const v = (name: string) => values[name] ?? '';
  const checked = (name: string, value: string) => (v(name) === value ? ' checked' : '');
  const selected = (name: string, value: string) => (v(name) === value ? ' selected' : '');
  const zh = MESSAGES['zh-CN'];
  const en = MESSAGES.en;
  const outcomes = CALL_OUTCOMES.map((o) => `<label class="check"><input type="radio" name="outcome" value="${o}"${checked('outcome', o)} required>${OUTCOME_NAMES[o].zh} <span class="en">${OUTCOME_NAMES[o].en}</span></label>`).join('');
  const overall = `<label>总体评价 <span class="en">Overall experience</span><select name="overall"><option value="">—</option>${OVERALL_OPTIONS.map((o) => `<option value="${o}"${selected('overall', o)}>${e(zh.overall[o])} · ${e(en.overall[o])}</option>`).join('')}</select>${errorFor(errors, 'overall')}</label>`;
  // The items the department's own survey asks, each point with its word, so callback answers read like the survey's.
  const department = view.departments.get(call.departmentId);
  const ratings = (department === undefined ? RATING_ASPECTS : ratingItemsOf(department)).map((a) => `<label>${e(zh.aspects[a])} <span class="en">${e(en.aspects[a])}</span><select name="rating-${a}"><option value="">—</option>${[5, 4, 3, 2, 1].map((n) => `<option value="${n}"${selected(`rating-${a}`, String(n))}>${n} · ${e(zh.scale[n - 1] ?? '')} ${e(en.scale[n - 1] ?? '')}</option>`).join('')}</select></label>`).join('');
  const deptOptions = (name: string) => `<option value="">本科室 · This department</option>${[...view.departments.values()].map((d) => `<option value="${e(d.departmentId)}"${selected(name, d.departmentId)}>${e(d.name)}</option>`).join('')}`;
  const issues = [1, 2].map((n) => `<label>患者反映的问题 ${n} <span class="en">Issue raised ${n} (becomes a complaint you own)</span><textarea name="issue-${n}" maxlength="4000">${e(v(`issue-${n}`))}</textarea>${errorFor(errors, `issues.${n - 1}`)}</label><label>涉及科室 <span class="en">About department</span><select name="issue-${n}-department">${deptOptions(`issue-${n}-department`)}</select></label>`).join('');
  const followUp = call.kind !== 'follow-up' ? '' : `<fieldset><legend>对投诉处理是否满意 <span class="en">Satisfied with how the complaint was handled?</span></legend>${FOLLOW_UP_RESULTS.map((r) => `<label class="check"><input type="radio" name="followUp" value="${r}"${checked('followUp', r)}>${e(FOLLOW_UP_NAMES[r])}</label>`).join('')}${errorFor(errors, 'followUp')}</fieldset>`;
  return `<form class="staff" method="post" action="${e(callPath(call))}">${hidden('csrf', view.csrf)}${hidden('submissionId', view.submissionId)}${hidden('version', String(call.version))}
<h2>记录本次拨打 <span class="en">Record this attempt</span></h2>${errorFor(errors, '(body)', 'dischargeId', 'complaintId')}
<fieldset><legend>结果 <span class="en">Outcome</span></legend>${outcomes}${errorFor(errors, 'outcome')}</fieldset>
<fieldset><legend>接通时填写 <span class="en">When reached</span></legend>${overall}${ratings}${followUp}
<label>患者说了什么 <span class="en">What the patient said</span><textarea name="comment" maxlength="2000">${e(v('comment'))}</textarea>${errorFor(errors, 'comment')}</label>${issues}</fieldset>
<div><button class="primary" type="submit">保存 · Save</button></div></form>`;
}

/** The correction form (a new phone number, doNotCall) of an open discharge call: for the callers who may call it. */
function correctionForm(view: CallPageView): string {
  const { call, correction = {} } = view;
  if (call.status === 'done' || call.kind !== 'discharge' || !hasAction(view.user, 'callbacks:post')) return '';
  const errors = view.correctionErrors;
  return `<form class="staff" method="post" action="${e(callPath(call))}/correct">${hidden('csrf', view.csrf)}${hidden('version', String(call.version))}
<h2 id="correct">更正患者信息 <span class="en">Correct the patient's details</span></h2>
<p class="meta">更正会记入回访记录，旧号码不再显示。<span class="en">A correction is recorded in the call's history; the old number is no longer shown.</span></p>${errorFor(errors, '(body)')}
<label>新电话号码 <span class="en">New phone number</span><input type="tel" name="phone" inputmode="tel" autocomplete="off" maxlength="20" value="${e(correction.phone ?? '')}">${errorFor(errors, 'phone')}</label>
<label class="check"><input type="checkbox" name="doNotCall" value="true"${correction.doNotCall === 'true' ? ' checked' : ''}>患者不愿接受回访（从回访列表移除，计为拒绝）<span class="en">The patient asks not to be called (leaves the worklist, counted as declined)</span></label>
<div class="actions"><button type="submit">保存更正 · Save the correction</button></div></form>`;
}

export function renderCallPage(view: CallPageView): string {
  const { call } = view;
  const phone = view.phone !== undefined
    ? `<a class="big" href="tel:${e(view.phone.replace(/[^0-9+]/g, ''))}">${e(view.phone)}</a>`
    : e(view.phoneMasked ?? '—');
  const attempts = call.attempts.length === 0 ? '—' : `<ol>${call.attempts.map((a) => `<li>${e(localMinute(call.timeZone, a.at))} ${OUTCOME_NAMES[a.outcome].zh} <span class="en">${OUTCOME_NAMES[a.outcome].en}</span> · ${e(a.by)}</li>`).join('')}</ol>`;
  const complaints = call.complaintIds.length === 0 ? '—' : call.complaintIds.map((id) => `<a href="/admin/complaints/${encodeURIComponent(id)}">${e(id.slice(0, 8))}</a>`).join('、');
  const status = call.status === 'done' ? RESULT_NAMES[call.result ?? 'reached'] : call.status === 'due' ? '待回访 Due' : '已拨打，待再次拨打 Attempted, due again';
  const details = `<dl class="case">
<dt>患者 <span class="en">Patient</span></dt><dd>${call.kind === 'follow-up' ? `重点投诉回访 <a href="/admin/complaints/${encodeURIComponent(call.complaintId ?? '')}">查看投诉 Open the complaint</a>` : ''}${e(view.name ?? '')}</dd>
<dt>电话 <span class="en">Phone</span></dt><dd>${phone}</dd>
<dt>科室 <span class="en">Department</span></dt><dd>${deptName(view.departments, call.departmentId)}</dd>
${call.dischargedAt === undefined ? '' : `<dt>出院时间 <span class="en">Discharged</span></dt><dd>${e(localMinute(call.timeZone, call.dischargedAt))}</dd>`}
<dt>服务类型 <span class="en">Service</span></dt><dd>${e(serviceName(call.serviceType))}</dd>
<dt>回访期 <span class="en">Window</span></dt><dd>${e(call.windowStart)} … ${e(call.windowEnd)}（应回访 due ${e(call.dueDay)}）</dd>
<dt>状态 <span class="en">Status</span></dt><dd>${e(status)}${call.followUp === undefined ? '' : ` · ${e(FOLLOW_UP_NAMES[call.followUp])}`}</dd>
<dt>已拨打 <span class="en">Attempts</span></dt><dd>${attempts}</dd>
<dt>由回访产生的投诉 <span class="en">Complaints raised</span></dt><dd>${complaints}</dd></dl>`;
  const held = view.heldBy === undefined ? '' : `<p class="notice problem" role="status">正在由 ${e(view.heldBy)} 回访，请勿重复拨打。<span class="en">${e(view.heldBy)} is making this call.</span></p>`;
  const action = call.status === 'done' ? '' : view.heldByMe ? callForm(view) : view.heldBy === undefined ? takeButton(call, view.csrf, '拨打并显示号码 · Call (shows the number)') : '';
  const body = `<p><a href="/admin/callbacks?site=${encodeURIComponent(call.siteId)}">← 回访列表 · Worklist</a></p><h1>回访 <span class="en">Call</span></h1>${noticeHtml(view.notice)}${held}${details}${action}${correctionForm(view)}`;
  return layout('回访 Call', body, staffHeader(view.user, view.csrf));
}

export function renderNoSuchCall(user: UserIdentity, csrf: string): string {
  return layout('未找到 Not found', '<h1>未找到 <span class="en">Not found</span></h1><p>没有这个回访，或不在您的科室范围内。<span class="en">No such call, or not in your departments.</span></p><p><a href="/admin/callbacks">← 回访列表 · Worklist</a></p>', staffHeader(user, csrf));
}

export function renderNotForRole(user: UserIdentity, csrf: string): string {
  return layout('无权限 Not allowed', '<h1>无权限 <span class="en">Not allowed</span></h1><p>您的角色不做出院回访。<span class="en">Your role does not make callbacks.</span></p>', staffHeader(user, csrf));
}
