import { HttpProblem } from '../http/problem.ts';
import type { Department, Site } from '../schemas/site.ts';
import { getDepartment, getSite } from '../storage/sites.ts';
import { signSurveyCode, verifySurveyCode } from './department-codes.ts';

export interface SurveyTarget {
  readonly site: Site;
  readonly department: Department;
}

export const unknownSurveyCode = () =>
  new HttpProblem(422, 'unknown-survey-code', 'Unknown survey code', 'The survey code is not valid or has been withdrawn; scan the QR code posted in the department again.', {
    errors: [{ path: 'code', message: 'unknown or withdrawn survey code' }],
  });

/** The site and department a genuine, current code belongs to; undefined when forged, revoked or disabled. */
export async function resolveSurveyCode(table: string, key: Buffer, code: string): Promise<SurveyTarget | undefined> {
  const claims = verifySurveyCode(key, code);
  if (claims === undefined) return undefined;
  const [site, department] = await Promise.all([getSite(table, claims.siteId), getDepartment(table, claims.siteId, claims.departmentId)]);
  if (site === undefined || department === undefined) return undefined;
  if (!department.surveyEnabled || department.codeGeneration !== claims.generation) return undefined;
  return { site, department };
}

/** The code a department's current posters carry; a revoked generation is never signed again. */
export function currentSurveyCode(key: Buffer, department: Department): string {
  return signSurveyCode(key, { siteId: department.siteId, departmentId: department.departmentId, generation: department.codeGeneration });
}
