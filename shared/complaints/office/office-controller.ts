import { randomUUID } from 'node:crypto';
import * as z from '../../schemas/zod.ts';
import { actorOf, type UserIdentity } from '../../auth/identity.ts';
import { authorize, decide, hasAction } from '../../auth/policy.ts';
import { caseChangeFromForm, formFieldOf, newComplaintValues, splitPlace, staffComplaintFromForm, type FormValues } from './office-forms.ts';
import {
  type CaseNotice, type InboxFilters, type InboxRow, renderCase, renderComplaintRecorded, renderInbox, renderNewComplaint, renderNoSuchCase, renderNotForRole,
} from './office-pages.ts';
import { signingKey } from '../../aws/secrets.ts';
import { intakeSender, notifySender } from '../../aws/sqs.ts';
import { wallClockIn } from '../../sites/working-calendar.ts';
import { changeCase, readCase } from '../change-case.ts';
import { acceptStaffComplaint } from '../intake.ts';
import { getComplaintSettings } from '../../storage/complaint-settings.ts';
import { canSeeCase, caseView } from '../staff-view.ts';
import { commentsLead } from '../../comments/comments-controller.ts';
import { requireEnv } from '../../platform/config.ts';
import { DomainError, ForbiddenError, NotFoundError, ValidationError, VersionConflictError, VersionRequiredError } from '../../platform/domain-errors.ts';
import { env } from '../../platform/resource-env.ts';
import { retentionFromEnv } from '../../platform/retention.ts';
import { ComplaintStatusSchema, type ComplaintRecord } from '../../schemas/complaint.ts';
import { IdSchema } from '../../schemas/site.ts';
import { recordAudit } from '../../storage/audit.ts';
import { readComplaintContact } from '../../storage/complaint-contact.ts';
import { complaintHistory, InvalidCursorError, listComplaints } from '../../storage/complaints.ts';
import { departmentsById, getSite, getSites, listDepartments } from '../../storage/sites.ts';
import type { PageAnswer, PageOutcome, StaffSession } from '../../web/staff-page.ts';

// The complaint office's pages (inbox, case, new complaint): each reads what the page shows through the
// same policy and plain functions as the JSON API, and answers a page or a redirect. The handler
// checks the session, the CSRF token and the origin before a post runs; the inbox and the entry form run
// while the session's sign-out is looked up (the handler's READ_ONLY), so they must never write.

const table = requireEnv(env.tableName);
const { contactDays } = retentionFromEnv();
const enqueue = intakeSender();
const notify = notifySender();

const PAGE_SIZE = 25;
/** The pinned safety cases are read from every open case of the site: at most this many pages of 100. */
const PINNED_SCAN_PAGES = 20;

const InboxQuerySchema = z.object({
  site: z.optional(IdSchema),
  status: z.optional(ComplaintStatusSchema),
  mine: z.optional(z.literal('1')),
  overdue: z.optional(z.literal('1')),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/** The worker marked the due date provisional when it was counted across a year whose holidays are unknown. */
const rowOf = (record: ComplaintRecord): InboxRow => ({ case: caseView(record), provisional: record.dueProvisional === true });

/** Every open urgent case (a safety signal, or raised to critical) the user may see. */
async function openSafetyCases(siteId: string, departmentIds: readonly string[] | undefined): Promise<ComplaintRecord[]> {
  const found: ComplaintRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < PINNED_SCAN_PAGES; page += 1) {
    const result = await listComplaints(table, siteId, { openOnly: true, urgentOnly: true, ...(departmentIds === undefined ? {} : { departmentIds }) }, 100, cursor);
    found.push(...result.items);
    cursor = result.cursor;
    if (cursor === undefined) break;
  }
  return found;
}

/** GET /admin/complaints: one site's cases, open ones soonest due first, safety signals pinned on top. */
export async function inboxPage(session: StaffSession, query: Record<string, string | undefined>): Promise<PageAnswer> {
  const { user } = session;
  if (!hasAction(user, 'complaints:read')) return { outcome: 'not-for-role', body: renderNotForRole(user, session.csrf) };
  const parsed = InboxQuerySchema.safeParse(query);
  // A filter this page did not write (an edited URL) falls back to the plain inbox rather than an error page.
  const q = parsed.success ? parsed.data : {};
  const sites = user.sites.filter((siteId) => decide(user, 'complaints:read', { siteId }).allow);
  const siteId = q.site ?? sites[0];
  if (siteId === undefined || !sites.includes(siteId)) return { outcome: 'not-found', body: renderNoSuchCase(user, session.csrf) };
  const scope = authorize(user, 'complaints:read', { siteId });
  const departmentIds = scope === 'all' ? undefined : scope;
  const filters: InboxFilters = { ...(q.status === undefined ? {} : { status: q.status }), mine: q.mine === '1', overdue: q.overdue === '1' };
  const now = new Date();
  const filter = {
    ...(filters.status === undefined ? { openOnly: true } : { status: filters.status }),
    ...(filters.mine ? { owner: user.username } : {}),
    ...(filters.overdue ? { overdueAt: now } : {}),
    ...(departmentIds === undefined ? {} : { departmentIds }),
  };
  // Every read at once: each round trip to the store is most of the page's time.
  const departmentsRead = departmentsById(table, siteId);
  const [page, sitesById, departments, safety, lead] = await Promise.all([
    listComplaints(table, siteId, filter, PAGE_SIZE, q.cursor).catch((error: unknown) => {
      if (!(error instanceof InvalidCursorError)) throw error;
      return listComplaints(table, siteId, filter, PAGE_SIZE);
    }),
    // This site and the picker's others, in one request.
    getSites(table, [siteId, ...sites]),
    departmentsRead,
    openSafetyCases(siteId, departmentIds),
    commentsLead(session, siteId, query, departmentsRead),
  ]);
  const site = sitesById.get(siteId);
  const otherSites = sites.filter((s) => s !== siteId).map((s) => ({ siteId: s, name: sitesById.get(s)?.name ?? s }));
  const pinnedIds = new Set(safety.map((c) => c.id));
  return {
    outcome: 'shown',
    body: renderInbox({
      user, csrf: session.csrf, now, departments, filters, otherSites, lead,
      site: { siteId, name: site?.name ?? siteId },
      pinned: safety.map(rowOf),
      rows: page.items.filter((c) => !pinnedIds.has(c.id)).map(rowOf),
      firstPage: q.cursor === undefined,
      ...(page.cursor === undefined ? {} : { nextCursor: page.cursor }),
    }),
  };
}

/** Office staff a case can be handed to: the site's rota and its head. */
async function ownersOf(siteId: string, current: string): Promise<string[]> {
  const settings = await getComplaintSettings(table, siteId);
  const names = [current, ...(settings?.rota.map((r) => r.username) ?? []), ...(settings === undefined ? [] : [settings.officeHead.username])];
  return [...new Set(names)];
}

async function renderCasePage(session: StaffSession, id: string, options: { notice?: CaseNotice; values?: FormValues; outcome?: PageOutcome } = {}): Promise<PageAnswer> {
  const { user } = session;
  let found;
  try {
    found = await readCase(table, user, id);
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) return { outcome: 'not-found', body: renderNoSuchCase(user, session.csrf) };
    throw error;
  }
  const { record, scope } = found;
  const now = new Date();
  const updateScope = canSeeCase(user, 'complaints:update', record);
  // Contact details are for the complaint office only (site-wide scope); reading them is audited.
  const [history, departments, owners, contact] = await Promise.all([
    complaintHistory(table, id), departmentsById(table, record.siteId), scope === 'all' ? ownersOf(record.siteId, record.owner) : Promise.resolve([]),
    scope === 'all' ? readComplaintContact(table, id, record.hasContact, now) : undefined,
  ]);
  if (contact?.state === 'present') await recordAudit(table, { actor: actorOf(user), action: 'complaint-contact-read', outcome: 'success', sites: [record.siteId], target: `complaint:${id}` });
  return {
    outcome: options.outcome ?? 'shown',
    body: renderCase({
      user, csrf: session.csrf, now, departments, history,
      case: caseView(record),
      provisional: rowOf(record).provisional,
      ...(contact === undefined ? {} : { contact }),
      ...(updateScope === undefined ? {} : { change: { scope: updateScope, owners, ...(options.values === undefined ? {} : { values: options.values }) } }),
      ...(options.notice === undefined ? {} : { notice: options.notice }),
    }),
  };
}

/** GET /admin/complaints/{id}. */
export async function casePage(session: StaffSession, id: string, query: Record<string, string | undefined>): Promise<PageAnswer> {
  const saved = query.saved === '1' ? 'saved' : query.saved === 'unnotified' ? 'saved-unnotified' : undefined;
  return renderCasePage(session, id, saved === undefined ? {} : { notice: { kind: saved } });
}

/**
 * POST /admin/complaints/{id}: the same change as the JSON PATCH, with the version the page was rendered
 * from as its If-Match. Saved: back to the case (a reload does not post again). Stale: the current case,
 * nothing changed. Refused: the case again with the problem and what the user entered.
 */
export async function changeCasePage(session: StaffSession, id: string, form: URLSearchParams): Promise<PageAnswer> {
  const submitted = caseChangeFromForm(form);
  try {
    const { notice } = await changeCase({ table, contactDays, notify }, session.user, id, submitted.version, (record) => submitted.change(record.timeZone));
    return { redirect: `/admin/complaints/${encodeURIComponent(id)}?saved=${notice === 'not-queued' ? 'unnotified' : '1'}` };
  } catch (error) {
    if (error instanceof VersionConflictError || error instanceof VersionRequiredError) return renderCasePage(session, id, { notice: { kind: 'conflict' }, outcome: 'conflict' });
    if (error instanceof NotFoundError) return { outcome: 'not-found', body: renderNoSuchCase(session.user, session.csrf) };
    if (error instanceof ForbiddenError && error.errors === undefined) return { outcome: 'not-for-role', body: renderNotForRole(session.user, session.csrf) };
    if (!(error instanceof DomainError)) throw error;
    const outcome = error instanceof ForbiddenError ? 'not-for-role' : 'refused';
    return renderCasePage(session, id, { notice: { kind: 'refused', detail: error.message, errors: [...(error.errors ?? [])] }, values: submitted.values, outcome });
  }
}

interface Place {
  readonly siteId: string;
  readonly siteName: string;
  readonly timeZone: string;
  readonly departments: Awaited<ReturnType<typeof listDepartments>>;
}

/** The sites the user may enter complaints for, with their departments. */
async function placesOf(user: UserIdentity): Promise<Place[]> {
  const found = await Promise.all(user.sites.filter((siteId) => decide(user, 'complaints:create', { siteId }).allow).map(async (siteId): Promise<Place[]> => {
    const [site, departments] = await Promise.all([getSite(table, siteId), listDepartments(table, siteId)]);
    return site === undefined ? [] : [{ siteId, siteName: site.name, timeZone: site.timeZone, departments }];
  }));
  return found.flat();
}

const newComplaintForm = (session: StaffSession, places: readonly Place[], values: FormValues, problem?: DomainError) => renderNewComplaint({
  user: session.user, csrf: session.csrf, places, values,
  // A refused entry keeps its submissionId: once it is corrected and sent, a second click is the same complaint.
  submissionId: values.submissionId === undefined || values.submissionId === '' ? randomUUID() : values.submissionId,
  errors: (problem?.errors ?? []).map((error) => ({ ...error, path: formFieldOf(error.path) })),
  ...(problem !== undefined && problem.errors === undefined ? { detail: problem.message } : {}),
});

/** GET /admin/complaints/new: the office's form, received now, on the hotline by default. */
export async function newComplaintPage(session: StaffSession): Promise<PageAnswer> {
  if (!hasAction(session.user, 'complaints:create')) return { outcome: 'not-for-role', body: renderNotForRole(session.user, session.csrf) };
  const places = await placesOf(session.user);
  const first = places[0];
  const defaults: FormValues = { channel: 'hotline', 'contact.relation': 'patient', ...(first === undefined ? {} : { receivedAt: wallClockIn(first.timeZone, new Date()) }) };
  return { outcome: 'shown', body: newComplaintForm(session, places, defaults) };
}

/** POST /admin/complaints/new: queued like the JSON API's; the tracking code is shown at once. */
export async function createComplaintPage(session: StaffSession, form: URLSearchParams): Promise<PageAnswer> {
  const { user } = session;
  if (!hasAction(user, 'complaints:create')) return { outcome: 'not-for-role', body: renderNotForRole(user, session.csrf) };
  const places = await placesOf(user);
  const values = newComplaintValues(form);
  const body = staffComplaintFromForm(values, (siteId) => places.find((p) => p.siteId === siteId)?.timeZone);
  try {
    const accepted = await acceptStaffComplaint(() => body, user, { table, key: await signingKey(), enqueue });
    return { outcome: 'shown', body: renderComplaintRecorded(user, session.csrf, accepted.trackingCode) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A department outside the user's sites is reported on the department field, like any wrong value.
    const problem = error.errors === undefined && splitPlace(values.place ?? '').departmentId !== ''
      ? ValidationError.field('place', error.message, error.message)
      : error;
    return { outcome: 'refused', body: newComplaintForm(session, places, values, problem) };
  }
}
