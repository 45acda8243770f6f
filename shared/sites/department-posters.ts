import { complaintPageUrl } from '../complaints/page/complaint-paths.ts';
import { NotFoundError } from '../platform/domain-errors.ts';
import type { Department, Site } from '../schemas/site.ts';
import { recordAudit } from '../storage/audit.ts';
import { bumpCodeGeneration, getDepartment, getSite } from '../storage/sites.ts';
import { currentSurveyCode, forgetCodeChecks, surveyUrl } from './department-codes.ts';
import { POSTER_CONTENT_TYPES, type PosterFormat } from './poster-formats.ts';

// A department's codes and posters, as `npm run qr` and the admin pages both use them: revoking every
// code printed so far (the survey and the complaint poster carry the same code), and the current poster
// of either page as SVG, PNG or PDF. Who may do it is the caller's to check; every revocation is audited.

export const POSTER_PAGES = ['survey', 'complaint'] as const;
export type PosterPage = (typeof POSTER_PAGES)[number];

export interface PosterContext {
  readonly table: string;
  /** The code-signing key. */
  readonly key: Buffer;
  readonly publicBaseUrl: string;
}

/** The URL a department's current poster of `page` carries. */
export function posterUrl(context: Pick<PosterContext, 'key' | 'publicBaseUrl'>, department: Department, page: PosterPage): string {
  const code = currentSurveyCode(context.key, department);
  return page === 'complaint' ? complaintPageUrl(context.publicBaseUrl, code) : surveyUrl(context.publicBaseUrl, code);
}

async function siteAndDepartment(table: string, siteId: string, departmentId: string): Promise<{ site: Site; department: Department }> {
  const [site, department] = await Promise.all([getSite(table, siteId), getDepartment(table, siteId, departmentId)]);
  if (site === undefined || department === undefined) throw new NotFoundError(`No department "${departmentId}" at site "${siteId}".`);
  return { site, department };
}

/**
 * Withdraws every code printed so far for the department: its posters (survey and complaint) stop
 * working everywhere within the code check's reuse time (CODE_CHECK_REUSE_MS), in this process at once.
 */
export async function revokeDepartmentCodes(table: string, siteId: string, departmentId: string, actor: string): Promise<Department> {
  await siteAndDepartment(table, siteId, departmentId);
  const department = await bumpCodeGeneration(table, siteId, departmentId);
  forgetCodeChecks();
  await recordAudit(table, { actor, action: 'codes-revoke', outcome: 'success', sites: [siteId], target: `department:${siteId}:${departmentId}`, detail: `generation ${department.codeGeneration}` });
  return department;
}

export interface PosterDownload {
  readonly bytes: Buffer;
  readonly contentType: string;
  /** e.g. `registration-billing-survey.pdf`. */
  readonly fileName: string;
  readonly url: string;
  readonly department: Department;
}

/** The department's current poster of `page` in `format`. */
export async function departmentPoster(context: PosterContext, siteId: string, departmentId: string, page: PosterPage, format: PosterFormat, known?: Department): Promise<PosterDownload> {
  const found = await siteAndDepartment(context.table, siteId, departmentId);
  const department = known ?? found.department;
  const url = posterUrl(context, department, page);
  // The QR encoder and the renderer load with the first poster asked for, not at every cold start.
  const [{ POSTER_WORDING, renderPosterSvg }, { posterFile }] = await Promise.all([import('./qr-poster.ts'), import('./poster-files.ts')]);
  const svg = renderPosterSvg({ site: found.site, department, url, wording: POSTER_WORDING[page] });
  const bytes = await posterFile(svg, format, `${department.name} ${department.nameEn} · ${POSTER_WORDING[page].callEn}`);
  return { bytes, contentType: POSTER_CONTENT_TYPES[format], fileName: `${departmentId}-${page}.${format}`, url, department };
}
