import * as z from '../schemas/zod.ts';
import { actorOf, type Identity } from '../auth/identity.ts';
import { authorize } from '../auth/policy.ts';
import { CATEGORY_IDS } from '../classify/categories.ts';
import { onDuty } from '../complaints/assignment.ts';
import { ComplaintSettingsSchema, siteClock } from '../complaints/settings.ts';
import { logger } from '../platform/observability.ts';
import { NotFoundError, PreconditionFailedError, ValidationError, VersionConflictError, VersionRequiredError } from '../platform/domain-errors.ts';
import { DepartmentSchema, SiteSchema } from '../schemas/site.ts';
import { dueDates, nationalYears } from '../sites/working-calendar.ts';
import { recordAudit } from '../storage/audit.ts';
import { listComplaints, saveComplaintChange } from '../storage/complaints.ts';
import { getSiteSettings, saveSiteSettings, SETTINGS_MAX_DEPARTMENTS } from '../storage/site-settings.ts';
import { yearProblems } from './calendar-check.ts';

// A site's settings, for the office head (and the admin), through the pages and
// `GET/PUT /v1/admin/sites/{site}/settings` with If-Match: the site (names, targets, minimum count), its
// departments (name, kind, service type, rating items, wait question, surveys on or off, address), and
// the complaint office's settings (rota, office head, safety contact, routing, time limits, calendar
// overrides, public contact). One document, validated field by field by the same zod schemas as the
// stored items, checked across fields (routing names known departments, a year's holidays look like a
// year's), saved in one transaction with the version it was read at, audited. A calendar that now covers
// a year makes the provisional due dates of the site's open cases final.

/** A department as the settings edit it: the code generation is the poster command's (revoking), not this form's. */
export const DepartmentSettingsSchema = z.omit(DepartmentSchema, { siteId: true, codeGeneration: true });
export type DepartmentSettings = z.infer<typeof DepartmentSettingsSchema>;

export const SiteSettingsSchema = z.strictObject({
  site: z.omit(SiteSchema, { siteId: true }),
  departments: z.array(DepartmentSettingsSchema).check(z.minLength(1), z.maxLength(SETTINGS_MAX_DEPARTMENTS)),
  complaints: ComplaintSettingsSchema,
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const SiteSettingsDocumentSchema = z.extend(SiteSettingsSchema, { siteId: z.string(), version: z.int().check(z.minimum(1)) });
export type SiteSettingsDocument = z.infer<typeof SiteSettingsDocumentSchema>;

export const settingsEtag = (version: number) => `"v${version}"`;

/** The version an If-Match names; 0 (never current) for anything else, so a malformed one is refused as stale. */
export function versionOfSettingsEtag(tag: string): number {
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(tag.trim());
  return match === null ? 0 : Number(match[1]);
}

const noSuchSite = () => new NotFoundError('No such site.');

export async function readSiteSettings(table: string, identity: Identity, siteId: string): Promise<SiteSettingsDocument> {
  authorize(identity, 'settings:manage', { siteId });
  const stored = await getSiteSettings(table, siteId);
  if (stored === undefined) throw noSuchSite();
  return stored;
}

/** Checks across fields that the schemas cannot see; every problem names its field. */
export function settingsProblems(settings: SiteSettings, existingDepartmentIds: readonly string[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const ids = settings.departments.map((d) => d.departmentId);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push({ path: `departments.${i}.departmentId`, message: `"${id}" is listed twice` });
  });
  for (const id of existingDepartmentIds) {
    if (!ids.includes(id)) problems.push({ path: 'departments', message: `"${id}" cannot be removed (its codes, cases and figures name it): switch its surveys off instead` });
  }
  const known = new Set(ids);
  settings.complaints.routing.forEach((rule, i) => {
    if (!(CATEGORY_IDS as readonly string[]).includes(rule.category)) problems.push({ path: `complaints.routing.${i}.category`, message: `no category "${rule.category}"` });
    if (rule.departmentId !== undefined && !known.has(rule.departmentId)) problems.push({ path: `complaints.routing.${i}.departmentId`, message: `no department "${rule.departmentId}"` });
    if (!known.has(rule.handler)) problems.push({ path: `complaints.routing.${i}.handler`, message: `no department "${rule.handler}"` });
  });
  if (!z.string().check(z.refine((zone) => { try { new Intl.DateTimeFormat('en', { timeZone: zone }); return true; } catch { return false; } })).safeParse(settings.site.timeZone).success) {
    problems.push({ path: 'site.timeZone', message: `no time zone "${settings.site.timeZone}"` });
  }
  const calendar = settings.complaints.calendar;
  if (calendar !== undefined) {
    const national = new Set(nationalYears());
    (calendar.coversYears ?? []).forEach((year, i) => {
      // A year the package knows needs no list; one it does not must look like a year of Chinese holidays.
      if (national.has(year)) return;
      for (const message of yearProblems(year, calendar.holidays ?? [], calendar.workdays ?? [])) problems.push({ path: `complaints.calendar.coversYears.${i}`, message });
    });
  }
  return problems;
}

/** An open case whose due date was counted across an unknown year, counted again on the new calendar. */
async function settleProvisionalDueDates(table: string, siteId: string, settings: SiteSettings, actor: string, now: Date): Promise<number> {
  const { calendar, limits } = siteClock(settings.complaints);
  let settled = 0;
  let cursor: string | undefined;
  do {
    const page = await listComplaints(table, siteId, { openOnly: true }, 100, cursor);
    for (const record of page.items) {
      if (record.dueProvisional !== true) continue;
      const due = dueDates(calendar, record.receivedAt, record.timeZone, limits);
      if (due.provisional) continue;
      const dueAt = (record.settledOnSpot ? due.onTheSpot : record.multiDepartment ? due.multiDepartment : due.investigation).atUtc;
      const next = { ...record, dueAt, acknowledgeBy: due.acknowledge.atUtc, version: record.version + 1 };
      delete next.dueProvisional;
      if (dueAt !== record.dueAt) {
        delete next.slaWarnedAt;
        delete next.slaEscalatedAt;
      }
      const history = [{ at: now.toISOString(), actor, change: 'due' as const, from: record.dueAt, to: dueAt, reason: 'holidays of the year entered: due date final 节假日已录入，期限确定' }];
      try {
        await saveComplaintChange(table, record, next, history, { now });
        settled += 1;
      } catch (error) {
        // Someone changed the case meanwhile; the next settings save settles it.
        if (!(error instanceof VersionConflictError)) throw error;
        logger.warn('provisional due date left for the next save', { complaintId: record.id });
      }
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return settled;
}

/**
 * Replaces the site's settings: 428 without If-Match, 412 when the settings changed since they were read,
 * 422 naming each field that is wrong; nothing is written unless all of it is right. `readBody` is called
 * only after the role, site and version checks, so a malformed body to a site one may not see answers as
 * the site does.
 */
export async function replaceSiteSettings(table: string, identity: Identity, siteId: string, ifMatch: string | undefined, readBody: () => unknown, now = new Date()): Promise<{ document: SiteSettingsDocument; settledDueDates: number }> {
  const current = await readSiteSettings(table, identity, siteId);
  if (ifMatch === undefined) throw new VersionRequiredError(current.version, `Send If-Match with the version you read (${settingsEtag(current.version)}).`);
  const expected = versionOfSettingsEtag(ifMatch);
  if (expected !== current.version) throw new PreconditionFailedError('The settings changed since you read them; read them again.');
  const parsed = SiteSettingsSchema.safeParse(readBody());
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const problems = settingsProblems(parsed.data, current.departments.map((d) => d.departmentId));
  if (problems.length > 0) throw new ValidationError('One or more fields are not valid.', problems);
  if (!(await saveSiteSettings(table, siteId, expected, parsed.data))) throw new PreconditionFailedError('The settings changed since you read them; read them again.');
  const actor = actorOf(identity);
  const changed = (['site', 'departments', 'complaints'] as const).filter((k) => JSON.stringify(parsed.data[k]) !== JSON.stringify(current[k]));
  await recordAudit(table, { actor, action: 'settings-change', outcome: 'success', sites: [siteId], target: `site:${siteId}`, detail: `v${expected}->v${expected + 1}; ${changed.join(',') || 'nothing'}` });
  const settledDueDates = await settleProvisionalDueDates(table, siteId, parsed.data, actor, now);
  return { document: { ...parsed.data, siteId, version: expected + 1 }, settledDueDates };
}

/** Who is on duty at a moment (the rota preview): the officers whose shift covers it in the site's zone. */
export function rotaPreview(settings: Pick<SiteSettings, 'site' | 'complaints'>, at: Date): { onDuty: string[]; fallback: string | undefined } {
  const names = onDuty(settings.complaints.rota, at, settings.site.timeZone);
  return { onDuty: names, fallback: names.length === 0 ? settings.complaints.officeHead.username : undefined };
}
