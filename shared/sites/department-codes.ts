import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Department, Site } from '../schemas/site.ts';
import { getDepartment, getSite } from '../storage/sites.ts';

// A department code (the survey code) is what a department's QR code carries, for its survey and its
// complaint page: `<payload>.<mac>`, both base64url. The payload
// names the site, the department and the code generation; the MAC (HMAC-SHA256, 96 bits) makes a code
// impossible to forge without the key. Bumping the department's generation revokes every earlier code.

export interface SurveyCodeClaims {
  readonly siteId: string;
  readonly departmentId: string;
  readonly generation: number;
}

const MAC_BYTES = 12;

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(`survey-code:${payload}`).digest().subarray(0, MAC_BYTES);
}

export function signSurveyCode(key: Buffer, claims: SurveyCodeClaims): string {
  const payload = Buffer.from(`${claims.siteId}:${claims.departmentId}:${claims.generation}`, 'utf8').toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The claims of a genuine code, or undefined for anything forged, damaged or malformed. */
export function verifySurveyCode(key: Buffer, code: string): SurveyCodeClaims | undefined {
  const match = /^([A-Za-z0-9_-]{1,160})\.([A-Za-z0-9_-]{16})$/.exec(code);
  if (match === null) return undefined;
  const [, payload = '', signature = ''] = match;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const parts = Buffer.from(payload, 'base64url').toString('utf8').split(':');
  if (parts.length !== 3) return undefined;
  const [siteId = '', departmentId = '', generationText = ''] = parts;
  const generation = Number(generationText);
  if (siteId === '' || departmentId === '' || !Number.isInteger(generation) || generation < 1) return undefined;
  return { siteId, departmentId, generation };
}

/** The URL a department's QR code carries. */
export function surveyUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/s/${code}`;
}

export interface SurveyTarget {
  readonly site: Site;
  readonly department: Department;
}

/**
 * How long one read of a code's site and department answers for it. Revoking a department's codes or
 * switching its survey off is seen by every function within this time (README, "Survey codes"), and a
 * busy department's codes cost one read in this time per process instead of two per request.
 */
export const CODE_CHECK_REUSE_MS = 2_000;

interface Read {
  readonly startedMs: number;
  readonly items: Promise<readonly [Site | undefined, Department | undefined]>;
}

/** Keyed by genuine codes only (a forged one fails its MAC first), so at most one entry per department. */
const recentReads = new Map<string, Read>();

/** The site and department behind a genuine code, read at most CODE_CHECK_REUSE_MS ago (the age counts from the read's start). */
function siteAndDepartment(table: string, claims: SurveyCodeClaims): Read['items'] {
  const key = `${table}\n${claims.siteId}\n${claims.departmentId}`;
  const nowMs = Date.now();
  const recent = recentReads.get(key);
  if (recent !== undefined && nowMs - recent.startedMs < CODE_CHECK_REUSE_MS) return recent.items;
  const items = Promise.all([getSite(table, claims.siteId), getDepartment(table, claims.siteId, claims.departmentId)] as const);
  recentReads.set(key, { startedMs: nowMs, items });
  // A failed read is not kept: the next request reads again.
  items.catch(() => {
    if (recentReads.get(key)?.items === items) recentReads.delete(key);
  });
  return items;
}

/** Forgets every read, so the next code check reads the store (tests that change a department mid-test). */
export function forgetCodeChecks(): void {
  recentReads.clear();
}

/** The site and department a genuine, current code belongs to; undefined when forged, revoked or disabled. */
export async function resolveSurveyCode(table: string, key: Buffer, code: string): Promise<SurveyTarget | undefined> {
  const claims = verifySurveyCode(key, code);
  if (claims === undefined) return undefined;
  const [site, department] = await siteAndDepartment(table, claims);
  if (site === undefined || department === undefined) return undefined;
  if (!department.surveyEnabled || department.codeGeneration !== claims.generation) return undefined;
  return { site, department };
}

/** The code a department's current posters carry; a revoked generation is never signed again. */
export function currentSurveyCode(key: Buffer, department: Department): string {
  return signSurveyCode(key, { siteId: department.siteId, departmentId: department.departmentId, generation: department.codeGeneration });
}
