import { signingKey } from '../../shared/aws/secrets.ts';
import { requireEnv } from '../../shared/config.ts';
import { DEMO_DEPARTMENTS, DEMO_SITE } from '../../shared/demo-site.ts';
import { env } from '../../shared/resource-env.ts';
import { createDepartmentIfAbsent, createSiteIfAbsent, getDepartment } from '../../shared/storage/sites.ts';
import { surveyUrl } from '../../shared/survey-code.ts';
import { currentSurveyCode } from '../../shared/survey-codes.ts';

/** Loads the demo site unless it is there already; returns how many items it created. */
export async function seedDemoSite(table: string): Promise<number> {
  let created = (await createSiteIfAbsent(table, DEMO_SITE)) ? 1 : 0;
  for (const department of DEMO_DEPARTMENTS) if (await createDepartmentIfAbsent(table, department)) created += 1;
  return created;
}

/** The URL a department's current QR code carries. */
export async function surveyUrlFor(table: string, siteId: string, departmentId: string): Promise<string> {
  const department = await getDepartment(table, siteId, departmentId);
  if (department === undefined) throw new Error(`unknown department ${siteId}/${departmentId}`);
  return surveyUrl(requireEnv(env.publicBaseUrl), currentSurveyCode(await signingKey(), department));
}
