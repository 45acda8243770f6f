import type { Role } from '../../shared/auth/identity.ts';
import { hashPassword } from '../../shared/auth/password.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { createComplaintSettingsIfAbsent } from '../../shared/storage/complaint-settings.ts';
import { DEMO_COMPLAINT_SETTINGS, DEMO_DEPARTMENTS, DEMO_GROUP, DEMO_MEMBER_COMPLAINT_SETTINGS, DEMO_MORE_DEPARTMENTS, DEMO_SITE } from './demo-site.ts';
import { getDigestPreference, putDigestPreference } from '../../shared/storage/digest-preferences.ts';
import { createSiteGroupIfAbsent } from '../../shared/storage/site-groups.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { createDepartmentIfAbsent, createSiteIfAbsent, getDepartment } from '../../shared/storage/sites.ts';
import { createUserIfAbsent, getUser } from '../../shared/storage/users.ts';
import { surveyUrl } from '../../shared/sites/department-codes.ts';
import { currentSurveyCode } from '../../shared/sites/department-codes.ts';

/** Loads the demo site unless it is there already; returns how many items it created. */
export async function seedDemoSite(table: string): Promise<number> {
  let created = (await createSiteIfAbsent(table, DEMO_SITE)) ? 1 : 0;
  if (await createComplaintSettingsIfAbsent(table, DEMO_SITE.siteId, DEMO_COMPLAINT_SETTINGS)) created += 1;
  for (const department of DEMO_DEPARTMENTS) if (await createDepartmentIfAbsent(table, department)) created += 1;
  for (const [site, settings] of DEMO_MEMBER_COMPLAINT_SETTINGS) {
    if (await createSiteIfAbsent(table, site)) created += 1;
    if (await createComplaintSettingsIfAbsent(table, site.siteId, settings)) created += 1;
  }
  for (const department of DEMO_MORE_DEPARTMENTS) if (await createDepartmentIfAbsent(table, department)) created += 1;
  if (await createSiteGroupIfAbsent(table, DEMO_GROUP)) created += 1;
  return created;
}

/** One local account per role for the demo site (README, "Local staff accounts"). Local only: in AWS, Cognito keeps staff. */
export const DEMO_USERS: readonly { username: string; name: string; email?: string; password: string; roles: Role[]; departments: string[]; sites?: string[] }[] = [
  { username: 'office', name: '张敏', password: 'Office-demo-2026', roles: ['office-officer'], departments: [] },
  { username: 'head', name: '李华', password: 'Head-demo-2026', roles: ['office-head'], departments: [] },
  // The cardiology ward has no address of its own: its responder hears of the cases handed to it.
  { username: 'cardio', name: '王磊', email: 'cardio@hospital.example', password: 'Cardio-demo-2026', roles: ['responder'], departments: ['cardiology-ward'] },
  { username: 'callback', name: '赵琳', password: 'Callback-demo-2026', roles: ['callback-staff'], departments: ['cardiology-ward', 'orthopaedics-ward'] },
  { username: 'manager', name: '陈院长', password: 'Manager-demo-2026', roles: ['manager'], departments: [], sites: DEMO_GROUP.siteIds },
  { username: 'admin', name: '系统管理员', password: 'Admin-demo-2026', roles: ['admin'], departments: [] },
];

/** Creates the demo accounts that do not exist yet; returns how many it created. */
export async function seedDemoUsers(table: string): Promise<number> {
  // All at once: scrypt runs on libuv's threads, so the hashes take one core each rather than turns.
  const outcomes = await Promise.all(DEMO_USERS.map(async (user) => {
    if (await getUser(table, user.username) !== undefined) return false;
    const passwordHash = await hashPassword(user.password);
    return createUserIfAbsent(table, { username: user.username, name: user.name, ...(user.email === undefined ? {} : { email: user.email }), passwordHash, roles: user.roles, sites: user.sites ?? [DEMO_SITE.siteId], departments: user.departments, disabled: false });
  }));
  const created = outcomes.filter(Boolean).length;
  // The manager and the office head receive the digests, one in Chinese, one in English.
  for (const [username, locale] of [['manager', 'zh-CN'], ['head', 'en']] as const) {
    const user = DEMO_USERS.find((u) => u.username === username);
    if (user === undefined || await getDigestPreference(table, username) !== undefined) continue;
    await putDigestPreference(table, { username, email: `${username}@hospital.example`, locale, frequency: 'both', roles: user.roles, sites: user.sites ?? [DEMO_SITE.siteId], updatedAt: new Date().toISOString() });
  }
  return created;
}

/** The URL a department's current QR code carries. */
export async function surveyUrlFor(table: string, siteId: string, departmentId: string): Promise<string> {
  const department = await getDepartment(table, siteId, departmentId);
  if (department === undefined) throw new Error(`unknown department ${siteId}/${departmentId}`);
  return surveyUrl(requireEnv(env.publicBaseUrl), currentSurveyCode(await signingKey(), department));
}
