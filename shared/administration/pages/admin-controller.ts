import { actorOf } from '../../auth/identity.ts';
import { authorize, hasAction } from '../../auth/policy.ts';
import { signingKey } from '../../aws/secrets.ts';
import { requireEnv } from '../../platform/config.ts';
import { DomainError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/domain-errors.ts';
import { env } from '../../platform/resource-env.ts';
import { departmentPoster, type PosterDownload, POSTER_PAGES, revokeDepartmentCodes } from '../../sites/department-posters.ts';
import { POSTER_FORMATS } from '../../sites/poster-formats.ts';
import { wallClockToInstant } from '../../sites/working-calendar.ts';
import { recordAudit } from '../../storage/audit.ts';
import { InvalidCursorError } from '../../storage/complaints.ts';
import { getSite, listDepartments } from '../../storage/sites.ts';
import type { PageAnswer, PageOutcome, StaffSession } from '../../web/staff-page.ts';
import { exportAuditTrail, readAuditTrail } from '../audit-trail.ts';
import { staffDirectory } from '../directory.ts';
import { readSiteSettings, replaceSiteSettings, rotaPreview, settingsEtag } from '../site-settings.ts';
import { changeStaff, createStaff, getStaff, listStaff } from '../users.ts';
import { accountValues, EXTRA_ROWS, formValues, newUserFromForm, refusedSettingsValues, rowCount, settingsValues, siteSettingsFromForm, userChangeFromForm } from './admin-forms.ts';
import { type FlatValues, type PostersPageInput, renderAudit, renderNotAllowed, renderNotFound, renderPosters, renderSiteSettings, renderUser, renderUsers } from './admin-pages.ts';

// The admin pages' controllers: each calls the same plain functions as the JSON APIs (users.ts,
// audit-trail.ts, site-settings.ts) and answers a page or a redirect. The handler checks the session,
// the CSRF token and the origin before any of these runs.

const table = requireEnv(env.tableName);
const directory = staffDirectory(table);
const users = { table, directory };

const refusedFields = (error: DomainError) => [...(error.errors ?? [])];

/** A refusal the page shows; anything else is not the page's to answer. */
function pageRefusal(session: StaffSession, error: unknown): { outcome: PageOutcome; body: string } | undefined {
  if (error instanceof NotFoundError) return { outcome: 'not-found', body: renderNotFound(session) };
  if (error instanceof ForbiddenError && error.errors === undefined) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  return undefined;
}

// --- staff accounts ---------------------------------------------------------------------------------

const NEW_USER_NAMES = ['username', 'name', 'email', 'role', 'sites', 'departments'];

export async function usersPage(session: StaffSession, values?: FlatValues, problem?: DomainError): Promise<PageAnswer> {
  if (!hasAction(session.user, 'users:manage')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  const accounts = await listStaff(users, session.user);
  return {
    outcome: problem === undefined ? 'shown' : problem instanceof ForbiddenError ? 'not-for-role' : 'refused',
    body: renderUsers({
      ...session, accounts, directory: directory.kind,
      values: values ?? new Map([['role', 'office-officer'], ['sites', session.user.sites.join(', ')]]),
      errors: problem === undefined ? [] : refusedFields(problem),
      ...(problem !== undefined && problem.errors === undefined ? { detail: problem.message } : {}),
    }),
  };
}

export async function createUserPage(session: StaffSession, form: URLSearchParams): Promise<PageAnswer> {
  try {
    const created = await createStaff(users, session.user, () => newUserFromForm(form));
    return { redirect: `/admin/users/${encodeURIComponent(created.username)}?saved=1` };
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined) return refusal;
    if (!(error instanceof DomainError)) throw error;
    return usersPage(session, formValues(form, NEW_USER_NAMES), error);
  }
}

export async function userPage(session: StaffSession, username: string, query: Readonly<Record<string, string | undefined>>): Promise<PageAnswer> {
  try {
    const account = await getStaff(users, session.user, username);
    return { outcome: 'shown', body: renderUser({ ...session, account, directory: directory.kind, values: accountValues(account), errors: [], saved: query.saved === '1' }) };
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined) return refusal;
    throw error;
  }
}

export async function changeUserPage(session: StaffSession, username: string, form: URLSearchParams): Promise<PageAnswer> {
  let account;
  try {
    account = await getStaff(users, session.user, username);
    const before = account;
    await changeStaff(users, session.user, username, () => userChangeFromForm(form, before));
    return { redirect: `/admin/users/${encodeURIComponent(username)}?saved=1` };
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined || account === undefined) {
      if (refusal !== undefined) return refusal;
      throw error;
    }
    if (!(error instanceof DomainError)) throw error;
    const values = new Map([...accountValues(account), ...formValues(form, ['name', 'email', 'role', 'sites', 'departments', 'enabled'])]);
    return {
      outcome: error instanceof ForbiddenError ? 'not-for-role' : 'refused',
      body: renderUser({ ...session, account, directory: directory.kind, values, errors: refusedFields(error), ...(error.errors === undefined ? { detail: error.message } : {}) }),
    };
  }
}

// --- the audit trail --------------------------------------------------------------------------------

const auditQuery = (query: Readonly<Record<string, string | undefined>>) =>
  Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));

export async function auditPage(session: StaffSession, query: Readonly<Record<string, string | undefined>>): Promise<PageAnswer> {
  if (!hasAction(session.user, 'audit:read')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  const q = auditQuery(query);
  try {
    const page = await readAuditTrail(table, session.user, q);
    return { outcome: 'shown', body: renderAudit({ ...session, query: q, siteId: page.siteId, items: page.items, range: page.range, errors: [], ...(page.cursor === undefined ? {} : { nextCursor: page.cursor }) }) };
  } catch (error) {
    // Another site's trail is as unknown as a site that does not exist; an unknown case is a filter to fix.
    if (error instanceof NotFoundError && q.site !== undefined && !session.user.sites.includes(q.site)) return { outcome: 'not-found', body: renderNotFound(session) };
    if (error instanceof NotFoundError) return { outcome: 'refused', body: renderAudit({ ...session, query: q, items: [], range: undefined, errors: [{ path: 'case', message: 'no such case' }] }) };
    if (!(error instanceof ValidationError || error instanceof InvalidCursorError)) throw error;
    return { outcome: 'refused', body: renderAudit({ ...session, query: q, items: [], range: undefined, errors: refusedFields(error) }) };
  }
}

/** The CSV of the filtered trail; undefined when the role does not read it. Another site's is a NotFoundError (404). */
export async function auditCsv(session: StaffSession, query: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  if (!hasAction(session.user, 'audit:read')) return undefined;
  const { cursor: _ignored, ...q } = auditQuery(query);
  return (await exportAuditTrail(table, session.user, q)).csv;
}

// --- the site's settings ----------------------------------------------------------------------------

const rowsOf = (values: FlatValues) => {
  const count = (prefix: string) => rowCount(values.keys(), prefix);
  return { departments: count('departments') + EXTRA_ROWS.departments, rota: count('complaints.rota') + EXTRA_ROWS.rota, routing: count('complaints.routing') + EXTRA_ROWS.routing };
};

interface SiteView {
  readonly values?: FlatValues;
  readonly errors?: readonly { path: string; message: string }[];
  readonly notice?: 'saved' | 'conflict';
  readonly settledDueDates?: number;
  readonly outcome?: PageOutcome;
}

async function renderSitePage(session: StaffSession, siteId: string, at: string | undefined, view: SiteView = {}): Promise<PageAnswer> {
  const document = await readSiteSettings(table, session.user, siteId);
  const values = view.values ?? settingsValues(document);
  const instant = at === undefined ? undefined : wallClockToInstant(document.site.timeZone, at);
  const preview = instant === undefined || at === undefined ? undefined : { at, ...rotaPreview(document, new Date(instant)) };
  return {
    outcome: view.outcome ?? 'shown',
    body: renderSiteSettings({
      ...session, siteId, version: document.version, values, rows: rowsOf(values), preview,
      otherSites: session.user.sites.filter((s) => s !== siteId && hasAction(session.user, 'settings:manage')),
      storedDepartments: new Set(document.departments.map((d) => d.departmentId)),
      departmentIds: document.departments.map((d) => d.departmentId),
      errors: view.errors ?? [],
      ...(view.notice === undefined ? {} : { notice: view.notice }),
      ...(view.settledDueDates === undefined ? {} : { settledDueDates: view.settledDueDates }),
    }),
  };
}

export async function sitePage(session: StaffSession, query: Readonly<Record<string, string | undefined>>): Promise<PageAnswer> {
  if (!hasAction(session.user, 'settings:manage')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  const siteId = query.site ?? session.user.sites[0] ?? '';
  try {
    const settled = Number(query.settled ?? '0');
    return await renderSitePage(session, siteId, query.at, query.saved === '1' ? { notice: 'saved', settledDueDates: Number.isFinite(settled) ? settled : 0 } : {});
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined) return refusal;
    throw error;
  }
}

/** The settings form, saved as the JSON PUT does with the version the page was rendered from. */
export async function saveSitePage(session: StaffSession, query: Readonly<Record<string, string | undefined>>, form: URLSearchParams): Promise<PageAnswer> {
  if (!hasAction(session.user, 'settings:manage')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  const siteId = query.site ?? session.user.sites[0] ?? '';
  const body = siteSettingsFromForm(form);
  try {
    const { settledDueDates } = await replaceSiteSettings(table, session.user, siteId, settingsEtag(Number(form.get('version') ?? '0') || 0), () => body);
    return { redirect: `/admin/site?site=${encodeURIComponent(siteId)}&saved=1${settledDueDates === 0 ? '' : `&settled=${settledDueDates}`}` };
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined) return refusal;
    if (error instanceof PreconditionFailedError) return renderSitePage(session, siteId, undefined, { notice: 'conflict', outcome: 'conflict' });
    if (!(error instanceof DomainError)) throw error;
    // Shown again as sent (empty rows dropped, so the errors' row numbers match the rows shown).
    return renderSitePage(session, siteId, undefined, { values: refusedSettingsValues(body), errors: refusedFields(error), outcome: 'refused' });
  }
}

// --- codes and posters ------------------------------------------------------------------------------

const posterContext = async () => ({ table, key: await signingKey(), publicBaseUrl: requireEnv(env.publicBaseUrl) });

async function renderPostersPage(session: StaffSession, siteId: string, view: { revoked?: string; errors?: PostersPageInput['errors'] } = {}): Promise<PageAnswer> {
  authorize(session.user, 'settings:manage', { siteId });
  const [site, departments] = await Promise.all([getSite(table, siteId), listDepartments(table, siteId)]);
  if (site === undefined) throw new NotFoundError('No such site.');
  const revoked = departments.find((d) => d.departmentId === view.revoked);
  const errors = view.errors ?? [];
  return {
    outcome: errors.length === 0 ? 'shown' : 'refused',
    body: renderPosters({
      ...session, siteId, siteName: `${site.name} · ${site.nameEn}`, departments, errors,
      otherSites: session.user.sites.filter((s) => s !== siteId),
      ...(revoked === undefined ? {} : { revoked }),
    }),
  };
}

/** Every department's posters to download and its codes to revoke (office head, admin). */
export async function postersPage(session: StaffSession, query: Readonly<Record<string, string | undefined>>): Promise<PageAnswer> {
  if (!hasAction(session.user, 'settings:manage')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  try {
    return await renderPostersPage(session, query.site ?? session.user.sites[0] ?? '', query.revoked === undefined ? {} : { revoked: query.revoked });
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined) return refusal;
    throw error;
  }
}

/** Revokes a department's codes as `npm run qr -- --revoke` does, once the box saying what it means is ticked. */
export async function revokeCodesPage(session: StaffSession, query: Readonly<Record<string, string | undefined>>, form: URLSearchParams): Promise<PageAnswer> {
  if (!hasAction(session.user, 'settings:manage')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  const siteId = query.site ?? session.user.sites[0] ?? '';
  const departmentId = form.get('department') ?? '';
  try {
    authorize(session.user, 'settings:manage', { siteId });
    if (form.get('confirm') !== 'yes') {
      return await renderPostersPage(session, siteId, { errors: [{ path: `confirm.${departmentId}`, message: '请勾选确认：旧海报将全部失效 · tick the box: every old poster stops working' }] });
    }
    await revokeDepartmentCodes(table, siteId, departmentId, actorOf(session.user));
    return { redirect: `/admin/posters?site=${encodeURIComponent(siteId)}&revoked=${encodeURIComponent(departmentId)}` };
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined) return refusal;
    throw error;
  }
}

/** A department's current poster as a file, or the page that says why not. Each download is audited. */
export async function posterDownload(session: StaffSession, departmentId: string, query: Readonly<Record<string, string | undefined>>): Promise<PosterDownload | { outcome: PageOutcome; body: string }> {
  if (!hasAction(session.user, 'settings:manage')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  const siteId = query.site ?? session.user.sites[0] ?? '';
  const page = POSTER_PAGES.find((p) => p === (query.page ?? 'survey'));
  const format = POSTER_FORMATS.find((f) => f === (query.format ?? 'pdf'));
  try {
    authorize(session.user, 'settings:manage', { siteId });
    if (page === undefined || format === undefined) return { outcome: 'not-found', body: renderNotFound(session) };
    const poster = await departmentPoster(await posterContext(), siteId, departmentId, page, format);
    await recordAudit(table, { actor: actorOf(session.user), action: 'poster-download', outcome: 'success', sites: [siteId], target: `department:${siteId}:${departmentId}`, detail: `${page} ${format}` });
    return poster;
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined) return refusal;
    throw error;
  }
}
