import { hasAction } from '../../auth/policy.ts';
import { requireEnv } from '../../platform/config.ts';
import { DomainError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/domain-errors.ts';
import { env } from '../../platform/resource-env.ts';
import { wallClockToInstant } from '../../sites/working-calendar.ts';
import { InvalidCursorError } from '../../storage/complaints.ts';
import type { PageAnswer, PageOutcome, StaffSession } from '../../web/staff-page.ts';
import { exportAuditTrail, readAuditTrail } from '../audit-trail.ts';
import { readSiteSettings, replaceSiteSettings, rotaPreview, settingsEtag } from '../site-settings.ts';
import { EXTRA_ROWS, refusedSettingsValues, rowCount, settingsValues, siteSettingsFromForm } from './admin-forms.ts';
import { type FlatValues, renderAudit, renderNotAllowed, renderNotFound, renderSiteSettings } from './admin-pages.ts';
import { orRefusal, pageRefusal, refusedFields } from './page-refusal.ts';

// The site pages' controllers: the audit trail (and its CSV) and the site's settings with the rota
// preview. Each calls the same plain functions as the JSON API (audit-trail.ts, site-settings.ts) and
// answers a page or a redirect; the handler checks the session, the CSRF token and the origin first.

const table = requireEnv(env.tableName);

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
  const settled = Number(query.settled ?? '0');
  return orRefusal(session, () => renderSitePage(session, siteId, query.at, query.saved === '1' ? { notice: 'saved', settledDueDates: Number.isFinite(settled) ? settled : 0 } : {}));
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

