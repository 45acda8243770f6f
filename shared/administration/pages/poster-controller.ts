import { actorOf } from '../../auth/identity.ts';
import { authorize, hasAction } from '../../auth/policy.ts';
import { signingKey } from '../../aws/secrets.ts';
import { requireEnv } from '../../platform/config.ts';
import { NotFoundError } from '../../platform/domain-errors.ts';
import { env } from '../../platform/resource-env.ts';
import { departmentPoster, type PosterDownload, POSTER_PAGES, revokeDepartmentCodes } from '../../sites/department-posters.ts';
import { POSTER_FORMATS } from '../../sites/poster-formats.ts';
import { recordAudit } from '../../storage/audit.ts';
import { getSite, listDepartments } from '../../storage/sites.ts';
import type { PageAnswer, PageOutcome, StaffSession } from '../../web/staff-page.ts';
import { type PostersPageInput, renderNotAllowed, renderNotFound, renderPosters } from './admin-pages.ts';
import { orRefusal } from './page-refusal.ts';

// The poster pages' controllers: every department's codes to revoke and posters to download, as
// `npm run qr` gives them. The handler checks the session, the CSRF token and the origin first.

const table = requireEnv(env.tableName);

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
  return orRefusal(session, () => renderPostersPage(session, query.site ?? session.user.sites[0] ?? '', query.revoked === undefined ? {} : { revoked: query.revoked }));
}

/** Revokes a department's codes as `npm run qr -- --revoke` does, once the box saying what it means is ticked. */
export async function revokeCodesPage(session: StaffSession, query: Readonly<Record<string, string | undefined>>, form: URLSearchParams): Promise<PageAnswer> {
  if (!hasAction(session.user, 'settings:manage')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  const siteId = query.site ?? session.user.sites[0] ?? '';
  const departmentId = form.get('department') ?? '';
  return orRefusal(session, async () => {
    authorize(session.user, 'settings:manage', { siteId });
    if (form.get('confirm') !== 'yes') {
      return renderPostersPage(session, siteId, { errors: [{ path: `confirm.${departmentId}`, message: '请勾选确认：旧海报将全部失效 · tick the box: every old poster stops working' }] });
    }
    await revokeDepartmentCodes(table, siteId, departmentId, actorOf(session.user));
    return { redirect: `/admin/posters?site=${encodeURIComponent(siteId)}&revoked=${encodeURIComponent(departmentId)}` };
  });
}

/** A department's current poster as a file, or the page that says why not. Each download is audited. */
export async function posterDownload(session: StaffSession, departmentId: string, query: Readonly<Record<string, string | undefined>>): Promise<PosterDownload | { outcome: PageOutcome; body: string }> {
  if (!hasAction(session.user, 'settings:manage')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  const siteId = query.site ?? session.user.sites[0] ?? '';
  const page = POSTER_PAGES.find((p) => p === (query.page ?? 'survey'));
  const format = POSTER_FORMATS.find((f) => f === (query.format ?? 'pdf'));
  return orRefusal(session, async (): Promise<PosterDownload | { outcome: PageOutcome; body: string }> => {
    authorize(session.user, 'settings:manage', { siteId });
    if (page === undefined || format === undefined) return { outcome: 'not-found', body: renderNotFound(session) };
    const poster = await departmentPoster(await posterContext(), siteId, departmentId, page, format);
    await recordAudit(table, { actor: actorOf(session.user), action: 'poster-download', outcome: 'success', sites: [siteId], target: `department:${siteId}:${departmentId}`, detail: `${page} ${format}` });
    return poster;
  });
}
