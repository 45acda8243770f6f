import { randomUUID } from 'node:crypto';
import { actorOf, type UserIdentity } from '../../auth/identity.ts';
import { decide, hasAction } from '../../auth/policy.ts';
import { intakeSender } from '../../aws/sqs.ts';
import { requireEnv } from '../../platform/config.ts';
import * as z from '../../schemas/zod.ts';
import { CallTakenError, DomainError, fieldErrors, ForbiddenError, NotFoundError, ValidationError, VersionConflictError } from '../../platform/domain-errors.ts';
import { env } from '../../platform/resource-env.ts';
import { dayIn } from '../../platform/time.ts';
import { RATING_ASPECTS } from '../../schemas/survey.ts';
import { recordAudit } from '../../storage/audit.ts';
import { appendCallHistory, claimCall, getCallbackSettings, getPerson } from '../../storage/callbacks.ts';
import { DischargePatientSchema } from '../../schemas/callback.ts';
import { readComplaintContact } from '../../storage/complaint-contact.ts';
import { getComplaint } from '../../storage/complaints.ts';
import { departmentsById, getSite } from '../../storage/sites.ts';
import type { PageAnswer, StaffSession } from '../../web/staff-page.ts';
import { acceptDischarges, correctCall } from '../discharges.ts';
import { acceptCallback, callFor, heldByOther } from '../record.ts';
import { maskPhone, worklist, WorklistQuerySchema } from '../worklist.ts';
import { callPath, type Notice, renderCallPage, renderNoSuchCall, renderNotForRole, renderWorklist, type UploadResult } from './callback-pages.ts';

// The callback pages' controller: the worklist, "call" (takes the call, shows the number, audited), the
// call form, the CSV upload. Each goes through the same policy and plain functions as the JSON API.

const table = requireEnv(env.tableName);
const enqueue = intakeSender();

const PAGE_SIZE = 25;
/** How long "call" holds a call for its caller: long enough to dial, talk and record. */
const CLAIM_MINUTES = 30;

/** The call a page's path names: `discharge:<id>` or `complaint:<id>`, at one of the user's sites. */
function refOf(id: string): { dischargeId?: string; complaintId?: string } | undefined {
  const [kind, ...rest] = id.split(':');
  const value = rest.join(':');
  if (value === '') return undefined;
  return kind === 'discharge' ? { dischargeId: value } : kind === 'complaint' ? { complaintId: value } : undefined;
}

async function findCall(user: UserIdentity, id: string, action: 'callbacks:read' | 'callbacks:post') {
  const ref = refOf(id);
  if (ref === undefined) throw new NotFoundError('No such call.');
  for (const siteId of user.sites) {
    try {
      return await callFor(table, user, action, siteId, ref);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  throw new NotFoundError('No such call.');
}

/** The call, or undefined when it is unknown or outside the user's scope (the page answers 404 either way). */
async function callOrUndefined(user: UserIdentity, id: string, action: 'callbacks:read' | 'callbacks:post') {
  try {
    return await findCall(user, id, action);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export async function worklistPage(session: StaffSession, query: Record<string, string | undefined>, extra: { notice?: Notice; upload?: UploadResult; site?: string } = {}): Promise<PageAnswer> {
  const { user, csrf } = session;
  if (!hasAction(user, 'callbacks:read')) return { outcome: 'not-for-role', body: renderNotForRole(user, csrf) };
  const sites = user.sites.filter((s) => decide(user, 'callbacks:read', { siteId: s }).allow);
  const siteId = extra.site ?? query.site ?? sites[0];
  if (siteId === undefined || !sites.includes(siteId)) return { outcome: 'not-found', body: renderNoSuchCall(user, csrf) };
  const parsed = WorklistQuerySchema.safeParse({ site: siteId, limit: PAGE_SIZE, ...(query.department === undefined || query.department === '' ? {} : { department: query.department }), ...(query.cursor === undefined ? {} : { cursor: query.cursor }) });
  const q = parsed.success ? parsed.data : { site: siteId, limit: PAGE_SIZE };
  const now = new Date();
  let page;
  try {
    page = await worklist(table, user, q, now);
  } catch (error) {
    // An edited URL (a department outside the user's, a cursor not ours) falls back to the plain worklist.
    if (!(error instanceof DomainError) || error instanceof ForbiddenError) throw error;
    page = await worklist(table, user, { site: siteId, limit: PAGE_SIZE }, now);
  }
  const [site, departments] = await Promise.all([getSite(table, siteId), departmentsById(table, siteId)]);
  const scope = decide(user, 'callbacks:read', { siteId });
  const choices = scope.allow && scope.departments !== 'all' ? [...scope.departments] : [...departments.values()].filter((d) => d.kind === 'ward' || d.surveyEnabled).map((d) => d.departmentId);
  const notice = extra.notice ?? (query.recorded === undefined ? undefined : { kind: 'ok' as const, text: '已保存，谢谢。Recorded, thank you.' });
  return {
    outcome: 'shown',
    body: renderWorklist({
      user, csrf, departments, choices, items: page.items,
      site: { siteId, name: site?.name ?? siteId, timeZone: page.timeZone },
      today: dayIn(page.timeZone, now),
      ...('department' in q && q.department !== undefined ? { department: q.department } : {}),
      ...(page.cursor === undefined ? {} : { nextCursor: page.cursor }),
      ...(notice === undefined ? {} : { notice }),
      ...(extra.upload === undefined ? {} : { upload: extra.upload }),
    }),
  };
}

interface CallPageOptions {
  readonly notice?: Notice;
  readonly errors?: ValidationError['errors'];
  readonly values?: Record<string, string>;
  readonly outcome?: 'shown' | 'conflict' | 'refused';
  readonly correction?: Record<string, string>;
  readonly correctionErrors?: ValidationError['errors'];
}

async function showCall(session: StaffSession, id: string, options: CallPageOptions = {}): Promise<PageAnswer> {
  const { user, csrf } = session;
  if (!hasAction(user, 'callbacks:read')) return { outcome: 'not-for-role', body: renderNotForRole(user, csrf) };
  const call = await callOrUndefined(user, id, 'callbacks:read');
  if (call === undefined) return { outcome: 'not-found', body: renderNoSuchCall(user, csrf) };
  const now = new Date();
  const actor = actorOf(user);
  const heldBy = heldByOther(call, actor, now);
  const heldByMe = call.claimedBy === actor && (call.claimedUntil ?? '') > now.toISOString();
  let person: { name?: string; phone?: string } | undefined;
  if (call.dischargeId !== undefined) person = await getPerson(table, call.siteId, call.dischargeId, now);
  else if (call.complaintId !== undefined) {
    const complaint = await getComplaint(table, call.complaintId);
    const contact = complaint === undefined ? undefined : await readComplaintContact(table, complaint.id, complaint.hasContact, now);
    if (contact?.state === 'present') person = { ...(contact.contact.name === undefined ? {} : { name: contact.contact.name }), ...(contact.contact.phone === undefined ? {} : { phone: contact.contact.phone }) };
  }
  const phone = person?.phone;
  return {
    outcome: options.outcome ?? 'shown',
    body: renderCallPage({
      user, csrf, call, departments: await departmentsById(table, call.siteId), heldByMe,
      submissionId: options.values?.submissionId ?? randomUUID(),
      ...(person?.name === undefined ? {} : { name: person.name }),
      ...(phone === undefined ? {} : heldByMe ? { phone } : { phoneMasked: maskPhone(phone) }),
      ...(heldBy === undefined ? {} : { heldBy }),
      ...(options.notice === undefined ? {} : { notice: options.notice }),
      ...(options.errors === undefined ? {} : { errors: options.errors }),
      ...(options.values === undefined ? {} : { values: options.values }),
      ...(options.correction === undefined ? {} : { correction: options.correction }),
      ...(options.correctionErrors === undefined ? {} : { correctionErrors: options.correctionErrors }),
    }),
  };
}

export const callPage = (session: StaffSession, id: string): Promise<PageAnswer> => showCall(session, id);

/** "Call": takes the call for the user (the second caller is told who has it) and shows the number; audited. */
export async function takeCallPage(session: StaffSession, id: string): Promise<PageAnswer> {
  const { user, csrf } = session;
  if (!hasAction(user, 'callbacks:post')) return { outcome: 'not-for-role', body: renderNotForRole(user, csrf) };
  const call = await callOrUndefined(user, id, 'callbacks:post');
  if (call === undefined) return { outcome: 'not-found', body: renderNoSuchCall(user, csrf) };
  if (call.status === 'done') return { redirect: `/admin/callbacks/${encodeURIComponent(call.callId)}` };
  const now = new Date();
  const actor = actorOf(user);
  const claim = await claimCall(table, call, actor, new Date(now.getTime() + CLAIM_MINUTES * 60_000), now);
  if (!claim.taken) return showCall(session, id, { outcome: 'conflict' });
  // Each reveal of a number is on record: who, which call, when (never the number).
  await recordAudit(table, { actor, action: 'callback-reveal', outcome: 'success', sites: [call.siteId], target: `call:${call.siteId}:${call.callId}` }, now);
  await appendCallHistory(table, call, { at: now.toISOString(), actor, change: 'reveal' });
  return { redirect: `/admin/callbacks/${encodeURIComponent(call.callId)}` };
}

const FORM_FIELDS = ['submissionId', 'version', 'outcome', 'overall', 'comment', 'followUp', 'issue-1', 'issue-1-department', 'issue-2', 'issue-2-department', ...RATING_ASPECTS.map((a) => `rating-${a}`)];

/** The call form as the body of POST /v1/callbacks; the answers only when the patient was reached. */
export function callbackFromForm(values: Readonly<Record<string, string>>, call: { siteId: string; dischargeId?: string | undefined; complaintId?: string | undefined }, now: Date): Record<string, unknown> {
  const reached = values.outcome === 'reached';
  const text = (name: string) => (values[name] ?? '').trim();
  const ratings = Object.fromEntries(RATING_ASPECTS.flatMap((a) => (text(`rating-${a}`) === '' ? [] : [[a, Number(text(`rating-${a}`))]])));
  const issues = [1, 2].flatMap((n) => (text(`issue-${n}`) === '' ? [] : [{ description: values[`issue-${n}`] ?? '', ...(text(`issue-${n}-department`) === '' ? {} : { departmentId: text(`issue-${n}-department`) }) }]));
  return {
    submissionId: values.submissionId ?? '',
    siteId: call.siteId,
    ...(call.dischargeId === undefined ? {} : { dischargeId: call.dischargeId }),
    ...(call.complaintId === undefined ? {} : { complaintId: call.complaintId }),
    calledAt: now.toISOString(),
    outcome: values.outcome ?? '',
    ...(reached && text('overall') !== '' ? { overall: text('overall') } : {}),
    ...(reached && Object.keys(ratings).length > 0 ? { ratings } : {}),
    ...(text('comment') === '' ? {} : { comment: values.comment }),
    ...(reached && issues.length > 0 ? { issues } : {}),
    ...(reached && text('followUp') !== '' ? { followUp: text('followUp') } : {}),
  };
}

export async function recordCallPage(session: StaffSession, id: string, form: URLSearchParams): Promise<PageAnswer> {
  const { user, csrf } = session;
  if (!hasAction(user, 'callbacks:post')) return { outcome: 'not-for-role', body: renderNotForRole(user, csrf) };
  const values = Object.fromEntries(FORM_FIELDS.flatMap((name) => { const v = form.get(name); return v === null ? [] : [[name, v]]; }));
  const call = await callOrUndefined(user, id, 'callbacks:post');
  if (call === undefined) return { outcome: 'not-found', body: renderNoSuchCall(user, csrf) };
  if (String(call.version) !== values.version) {
    return showCall(session, id, { outcome: 'conflict', values, notice: { kind: 'problem', text: '这个回访在您打开页面后已有新记录，请核对后再保存。Someone recorded an attempt since you opened this page: check it, then save again.' } });
  }
  try {
    await acceptCallback(() => callbackFromForm(values, call, new Date()), user, { table, enqueue });
  } catch (error) {
    if (error instanceof CallTakenError) return showCall(session, id, { outcome: 'conflict', values });
    if (error instanceof ValidationError || (error instanceof DomainError && !(error instanceof NotFoundError) && !(error instanceof ForbiddenError))) {
      return showCall(session, id, { outcome: 'refused', values, ...(error.errors === undefined ? { notice: { kind: 'problem', text: error.message } } : { errors: error.errors }) });
    }
    throw error;
  }
  // A patient not satisfied with a key complaint's handling: to the case, where the office can reopen it.
  if (call.complaintId !== undefined && values.followUp === 'not_satisfied' && values.outcome === 'reached') return { redirect: `/admin/complaints/${encodeURIComponent(call.complaintId)}` };
  return { redirect: `/admin/callbacks?site=${encodeURIComponent(call.siteId)}&recorded=1` };
}

const CorrectionFormSchema = z.object({
  version: z.coerce.number().check(z.int(), z.minimum(1)),
  phone: z.optional(z.union([z.literal(''), DischargePatientSchema.shape.phone])),
  doNotCall: z.optional(z.literal('true')),
}).check(z.refine((f) => (f.phone ?? '') !== '' || f.doNotCall !== undefined, { message: '请填写新号码，或勾选患者不愿接受回访。Give a new number, or tick "does not want to be called".', path: ['(body)'] }));

/**
 * A correction from the call's page (a new phone number, doNotCall): the same change as the HIS's
 * `correction: true`, applied at once over the version the page showed, recorded in the call's history
 * and audited (what was corrected, never the number).
 */
export async function correctCallPage(session: StaffSession, id: string, form: URLSearchParams): Promise<PageAnswer> {
  const { user, csrf } = session;
  if (!hasAction(user, 'callbacks:post')) return { outcome: 'not-for-role', body: renderNotForRole(user, csrf) };
  const call = await callOrUndefined(user, id, 'callbacks:post');
  if (call?.dischargeId === undefined) return { outcome: 'not-found', body: renderNoSuchCall(user, csrf) };
  const values = Object.fromEntries(['version', 'phone', 'doNotCall'].flatMap((name) => { const v = form.get(name); return v === null ? [] : [[name, v]]; }));
  if (call.status === 'done') return showCall(session, id, { outcome: 'refused', notice: { kind: 'problem', text: '这个回访已经结束，无需更正。This call is closed: there is nothing to correct.' } });
  const parsed = CorrectionFormSchema.safeParse(values);
  if (!parsed.success) return showCall(session, id, { outcome: 'refused', correction: values, correctionErrors: fieldErrors(parsed.error).map((x) => (x.path === 'phone' ? { ...x, message: '不是有效的电话号码 Not a phone number' } : x)) });
  const { phone, doNotCall } = parsed.data;
  const correction = { ...(phone === undefined || phone === '' ? {} : { phone }), ...(doNotCall === undefined ? {} : { doNotCall: true }) };
  const now = new Date();
  const actor = actorOf(user);
  let changed: boolean;
  try {
    changed = await correctCall(table, call.siteId, call.dischargeId, correction, { actor, source: 'call page' }, await getCallbackSettings(table, call.siteId), now, parsed.data.version);
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
    return showCall(session, id, { outcome: 'conflict', correction: values, notice: { kind: 'problem', text: '这个回访在您打开页面后已有变化，请核对后再保存更正。The call changed since you opened this page: check it, then save the correction again.' } });
  }
  if (!changed) return showCall(session, id, { notice: { kind: 'ok', text: '号码与原来相同，没有更改。The number is the one on record: nothing changed.' } });
  await recordAudit(table, { actor, action: 'callback-correction', outcome: 'success', sites: [call.siteId], target: `call:${call.siteId}:${call.callId}`, detail: [...('phone' in correction ? ['phone'] : []), ...(doNotCall === undefined ? [] : ['do not call'])].join(', ') }, now);
  // Do not call: the call has left the worklist. A new number: the call again, with it (masked until "call").
  return { redirect: doNotCall === undefined ? callPath(call) : `/admin/callbacks?site=${encodeURIComponent(call.siteId)}&recorded=1` };
}

/** The CSV upload: every row through POST /v1/discharges' checks; the answer lists refused rows by number and field. */
export async function uploadPage(session: StaffSession, fields: { site?: string; filename: string; text: string | undefined }): Promise<PageAnswer> {
  const { user, csrf } = session;
  if (!hasAction(user, 'discharges:post')) return { outcome: 'not-for-role', body: renderNotForRole(user, csrf) };
  const siteId = fields.site ?? user.sites[0] ?? '';
  if (fields.text === undefined) return worklistPage(session, {}, { site: siteId, upload: { filename: fields.filename, total: 0, accepted: 0, refused: [], error: '文件不是 UTF-8 文本。The file is not UTF-8 text.' } });
  // The CSV reader loads with the first upload (a few a day), not at every cold start of the worklist.
  const { importDischargeRows, parseDischargeCsv } = await import('../csv.ts');
  const parsed = parseDischargeCsv(fields.text);
  if (!parsed.ok) return worklistPage(session, {}, { site: siteId, upload: { filename: fields.filename, total: 0, accepted: 0, refused: [], error: parsed.error } });
  const result = await importDischargeRows(parsed, fields.text, siteId, (body) => acceptDischarges(() => body, user, { table, enqueue }));
  return worklistPage(session, {}, { site: siteId, upload: { filename: fields.filename, ...result } });
}
