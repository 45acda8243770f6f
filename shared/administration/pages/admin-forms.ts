import { RATING_ASPECTS } from '../../schemas/survey.ts';
import { asksWaitTime, KIND_RATING_ITEMS, DepartmentKindSchema, kindAsksWait, ratingItemsOf } from '../../schemas/site.ts';
import type { StoredSiteSettings } from '../../storage/site-settings.ts';
import type { StaffAccountView } from '../users.ts';

// The admin pages' forms (plain posts, no script) turned into the bodies the JSON APIs take, so the same
// zod schemas and rules decide, and the stored values turned into the flat form values by field path.
// Fields are read by name from fixed lists: anything else a client posts is never passed on.

const list = (value: string) => value.split(/[,，\s]+/).map((s) => s.trim()).filter((s) => s !== '');
/** An empty field is "not given"; a number that does not parse goes on as typed, for the schema to refuse by name. */
const numberOr = (value: string): number | string | undefined => (value.trim() === '' ? undefined : Number.isFinite(Number(value)) ? Number(value) : value);
const given = (entries: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== ''));
const text = (form: URLSearchParams, name: string) => (form.get(name) ?? '').trim();

// --- staff accounts ---------------------------------------------------------------------------------

export function newUserFromForm(form: URLSearchParams): Record<string, unknown> {
  return given({
    username: text(form, 'username').toLowerCase(), name: text(form, 'name'), email: text(form, 'email'), role: text(form, 'role'),
    sites: list(text(form, 'sites')), departments: list(text(form, 'departments')), password: form.get('password') ?? '',
  });
}

/** Only what differs from the account as shown: an unchanged field is no change (nor a reason to refuse). */
export function userChangeFromForm(form: URLSearchParams, account: StaffAccountView): Record<string, unknown> {
  const sites = list(text(form, 'sites'));
  const departments = list(text(form, 'departments'));
  const enabled = text(form, 'enabled') === 'false' ? false : text(form, 'enabled') === 'true' ? true : undefined;
  return given({
    name: text(form, 'name') === account.name ? undefined : text(form, 'name'),
    email: text(form, 'email') === (account.email ?? '') ? undefined : text(form, 'email'),
    role: text(form, 'role') === account.role ? undefined : text(form, 'role'),
    sites: sites.join(',') === account.sites.join(',') ? undefined : sites,
    departments: departments.join(',') === account.departments.join(',') ? undefined : departments,
    enabled: enabled === account.enabled ? undefined : enabled,
    password: form.get('password') ?? '',
    resetPassword: form.get('resetPassword') === 'true' ? true : undefined,
    resetMfa: form.get('resetMfa') === 'true' ? true : undefined,
  });
}

export function accountValues(account: StaffAccountView): Map<string, string> {
  return new Map([['name', account.name], ['email', account.email ?? ''], ['role', account.role], ['sites', account.sites.join(', ')], ['departments', account.departments.join(', ')], ['enabled', String(account.enabled)]]);
}

export const formValues = (form: URLSearchParams, names: readonly string[]): Map<string, string> => new Map(names.map((name) => [name, form.get(name) ?? '']));

// --- the site's settings ----------------------------------------------------------------------------

/** Rows the form shows beyond the stored ones, to add a shift, a rule or a department. */
export const EXTRA_ROWS = { departments: 1, rota: 2, routing: 2 } as const;

const DEPARTMENT_FIELDS = ['departmentId', 'name', 'nameEn', 'kind', 'serviceType', 'email'] as const;

/** The number of rows of a list among field names (`prefix.i.field`), posted or shown. */
export function rowCount(names: Iterable<string>, prefix: string): number {
  let count = 0;
  for (const name of names) {
    const match = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d{1,3})\\.`).exec(name);
    if (match !== null) count = Math.max(count, Number(match[1]) + 1);
  }
  return Math.min(count, 200);
}

/** A department's rating items and wait question are stored only where they differ from its kind's. */
function departmentFromForm(form: URLSearchParams, p: string): Record<string, unknown> {
  const kind = text(form, `${p}.kind`);
  const items = form.getAll(`${p}.ratingItems`).filter((a) => (RATING_ASPECTS as readonly string[]).includes(a));
  const parsedKind = DepartmentKindSchema.safeParse(kind);
  const kindItems: readonly string[] = parsedKind.success ? KIND_RATING_ITEMS[parsedKind.data] : [];
  const asksWait = form.get(`${p}.asksWait`) === 'true';
  const kindWait = parsedKind.success && kindAsksWait(parsedKind.data);
  const sameItems = items.length === kindItems.length && items.every((a) => kindItems.includes(a));
  return given({
    ...Object.fromEntries(DEPARTMENT_FIELDS.map((f) => [f, text(form, `${p}.${f}`)])),
    surveyEnabled: form.get(`${p}.surveyEnabled`) === 'true',
    ratingItems: sameItems ? undefined : RATING_ASPECTS.filter((a) => items.includes(a)),
    asksWait: asksWait === kindWait ? undefined : asksWait,
  });
}

function calendarFromForm(form: URLSearchParams): Record<string, unknown> | undefined {
  const holidays = list(text(form, 'complaints.calendar.holidays'));
  const workdays = list(text(form, 'complaints.calendar.workdays'));
  const years = list(text(form, 'complaints.calendar.coversYears'));
  return holidays.length + workdays.length + years.length === 0 ? undefined : { holidays, workdays, coversYears: years.map(numberOr) };
}

/**
 * The body of `PUT /v1/admin/sites/{site}/settings` from the settings form. Empty rows (a shift without
 * a username, a rule without a category, the new department's row left blank) are dropped; percentages
 * become shares; an optional group left wholly empty (limits, calendar, public contact) is "not set".
 */
export function siteSettingsFromForm(form: URLSearchParams): Record<string, unknown> {
  const rows = (prefix: string, keep: (p: string) => boolean, read: (p: string) => Record<string, unknown>) =>
    Array.from({ length: rowCount(form.keys(), prefix) }, (_, i) => `${prefix}.${i}`).filter(keep).map(read);
  const share = (name: string) => {
    const n = numberOr(text(form, name));
    return typeof n === 'number' ? Math.round(n * 10) / 1000 : n;
  };
  const group = (entries: Record<string, unknown>) => {
    const kept = given(entries);
    return Object.keys(kept).length === 0 ? undefined : kept;
  };
  return {
    site: given({
      name: text(form, 'site.name'), nameEn: text(form, 'site.nameEn'), timeZone: text(form, 'site.timeZone'), minResponses: numberOr(text(form, 'site.minResponses')),
      targets: given({ positiveRate: share('site.targets.positiveRate'), waitWithin15Rate: share('site.targets.waitWithin15Rate') }),
    }),
    departments: rows('departments', (p) => text(form, `${p}.departmentId`) !== '' || text(form, `${p}.name`) !== '', (p) => departmentFromForm(form, p)),
    complaints: given({
      rota: rows('complaints.rota', (p) => text(form, `${p}.username`) !== '', (p) => given({
        username: text(form, `${p}.username`), email: text(form, `${p}.email`), days: form.getAll(`${p}.days`).map(Number), from: text(form, `${p}.from`), to: text(form, `${p}.to`),
      })),
      officeHead: given({ username: text(form, 'complaints.officeHead.username'), email: text(form, 'complaints.officeHead.email') }),
      safetyContactEmail: text(form, 'complaints.safetyContactEmail'),
      routing: rows('complaints.routing', (p) => text(form, `${p}.category`) !== '' || text(form, `${p}.handler`) !== '', (p) => given({
        category: text(form, `${p}.category`), departmentId: text(form, `${p}.departmentId`), handler: text(form, `${p}.handler`),
      })),
      calendar: calendarFromForm(form),
      limits: group({
        acknowledgeWorkingDays: numberOr(text(form, 'complaints.limits.acknowledgeWorkingDays')),
        investigationWorkingDays: numberOr(text(form, 'complaints.limits.investigationWorkingDays')),
        multiDepartmentWorkingDays: numberOr(text(form, 'complaints.limits.multiDepartmentWorkingDays')),
      }),
      publicContact: group(Object.fromEntries(['phone', 'place', 'placeEn', 'hours', 'hoursEn'].map((f) => [f, text(form, `complaints.publicContact.${f}`)]))),
    }),
  };
}

/** Any settings-shaped value as flat form values by path: arrays of values joined, nested objects by dots. */
export function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    into.set(prefix, value.map(String).join(prefix.endsWith('holidays') || prefix.endsWith('workdays') ? '\n' : ','));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${prefix}.${i}`, into));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, into);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    into.set(prefix, String(value));
  }
  return into;
}

/** Shares shown as percentages, as the form asks for them. */
function asPercentages(values: Map<string, string>): Map<string, string> {
  for (const name of ['site.targets.positiveRate', 'site.targets.waitWithin15Rate']) {
    const n = Number(values.get(name));
    if (values.get(name) !== undefined && Number.isFinite(n)) values.set(name, String(Math.round(n * 1000) / 10));
  }
  return values;
}

/** The form's values for stored settings: shares as percentages, each department's effective items and wait question. */
export function settingsValues(settings: Pick<StoredSiteSettings, 'site' | 'departments' | 'complaints'>): Map<string, string> {
  const values = asPercentages(flatten({ site: settings.site, departments: settings.departments, complaints: settings.complaints }));
  settings.departments.forEach((d, i) => {
    const department = { ...d, siteId: '', codeGeneration: 1 };
    values.set(`departments.${i}.ratingItems`, ratingItemsOf(department).join(','));
    values.set(`departments.${i}.asksWait`, String(asksWaitTime(department)));
  });
  return values;
}

/** A refused form's body shown again: as sent, with a department's items and wait question by its kind where it left them so. */
export function refusedSettingsValues(body: Record<string, unknown>): Map<string, string> {
  const values = asPercentages(flatten(body));
  for (let i = 0; values.has(`departments.${i}.kind`) || values.has(`departments.${i}.departmentId`); i += 1) {
    const kind = DepartmentKindSchema.safeParse(values.get(`departments.${i}.kind`));
    if (!kind.success) continue;
    if (!values.has(`departments.${i}.ratingItems`)) values.set(`departments.${i}.ratingItems`, KIND_RATING_ITEMS[kind.data].join(','));
    if (!values.has(`departments.${i}.asksWait`)) values.set(`departments.${i}.asksWait`, String(kindAsksWait(kind.data)));
  }
  return values;
}
