import * as z from '../../schemas/zod.ts';
import { endOfDayUtc, wallClockToInstant } from '../../sites/working-calendar.ts';
import type { FormValues } from '../../http/request.ts';
import { isValidDay } from '../../platform/time.ts';

// The complaint office's two forms (no JavaScript: plain form posts) turned into the bodies the JSON API
// takes, so the same zod schemas and rules decide: a change to a case (ComplaintChangeSchema, via
// changeCase) and a complaint entered by the office (StaffComplaintSchema, via acceptStaffComplaint).
// Fields are read by name from a fixed list: anything else a client posts is ignored, never passed on.

export type { FormValues } from '../../http/request.ts';

function pick(form: URLSearchParams, names: readonly string[]): FormValues {
  return Object.fromEntries(names.map((name) => [name, form.get(name) ?? '']));
}

/** Leaves out empty fields, as an optional field the user left blank means "not given". */
const given = (entries: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== '' && value !== undefined));

const asBoolean = (value: string): boolean | string => (value === 'true' ? true : value === 'false' ? false : value);

// --- a change to a case -------------------------------------------------------------------------------

export const CHANGE_FIELDS = ['status', 'owner', 'handlerDepartmentId', 'category', 'severity', 'outcome', 'response', 'followUpDue', 'dueDay', 'reason'] as const;

const VersionSchema = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(999_999_999));

export interface CaseChangeForm {
  /** The case version the page was rendered from; undefined when the form did not carry a usable one. */
  readonly version: number | undefined;
  /** What the user entered, to show again when the change is refused. */
  readonly values: FormValues;
  /**
   * The change as the JSON API takes it: only the fields the user set ("no change" is an empty field). A
   * new due day is due at the end of that day in the case's zone, as the calendar's are.
   */
  readonly change: (timeZone: string) => Record<string, unknown>;
}

export function caseChangeFromForm(form: URLSearchParams): CaseChangeForm {
  const values = pick(form, CHANGE_FIELDS);
  const version = VersionSchema.safeParse(form.get('version') ?? '');
  const { followUpDue = '', dueDay = '', ...rest } = values;
  // A malformed day goes on as it is, for the schema to refuse on `dueAt`.
  const dueAt = (timeZone: string) => (dueDay === '' ? '' : isValidDay(dueDay) ? endOfDayUtc(timeZone, dueDay) : dueDay);
  return {
    version: version.success ? version.data : undefined,
    values,
    change: (timeZone) => given({ ...rest, followUpDue: followUpDue === '' ? '' : asBoolean(followUpDue), dueAt: dueAt(timeZone) }),
  };
}

// --- a complaint entered by the office -----------------------------------------------------------------

export const NEW_COMPLAINT_FIELDS = [
  'submissionId', 'place', 'channel', 'receivedAt', 'firstReceiver.departmentId', 'firstReceiver.name', 'settledOnSpot', 'settlement',
  'handedToOfficeAt', 'multiDepartment', 'description', 'incidentDate', 'desiredOutcome', 'staffInvolved',
  'contact.name', 'contact.relation', 'contact.phone', 'contact.email', 'contact.consent',
] as const;

/** One select names the site and the department together (`site/department`): a department belongs to one site. */
export const placeValue = (siteId: string, departmentId: string) => `${siteId}/${departmentId}`;

export function splitPlace(place: string): { siteId: string; departmentId: string } {
  const at = place.indexOf('/');
  return at < 0 ? { siteId: '', departmentId: place } : { siteId: place.slice(0, at), departmentId: place.slice(at + 1) };
}

/**
 * The body of `POST /v1/admin/complaints` from the office's form. Times are typed as the site's wall
 * clock (`datetime-local` has no zone); a time that cannot be read is passed on as typed, so the schema
 * reports it on its field.
 */
export function staffComplaintFromForm(values: FormValues, timeZoneOf: (siteId: string) => string | undefined): Record<string, unknown> {
  const v = (name: (typeof NEW_COMPLAINT_FIELDS)[number]) => values[name] ?? '';
  const { siteId, departmentId } = splitPlace(v('place'));
  const zone = timeZoneOf(siteId);
  const instant = (local: string) => (local === '' || zone === undefined ? local : wallClockToInstant(zone, local) ?? local);
  const contactGiven = v('contact.name') !== '' || v('contact.phone') !== '' || v('contact.email') !== '';
  return given({
    submissionId: v('submissionId'),
    siteId,
    departmentId,
    channel: v('channel'),
    receivedAt: instant(v('receivedAt')),
    firstReceiver: { departmentId: v('firstReceiver.departmentId'), name: v('firstReceiver.name') },
    settledOnSpot: v('settledOnSpot') === 'true',
    settlement: v('settlement'),
    handedToOfficeAt: instant(v('handedToOfficeAt')),
    multiDepartment: v('multiDepartment') === 'true',
    description: v('description'),
    incidentDate: v('incidentDate'),
    desiredOutcome: v('desiredOutcome'),
    staffInvolved: v('staffInvolved'),
    contact: contactGiven
      ? given({ name: v('contact.name'), relation: v('contact.relation'), phone: v('contact.phone'), email: v('contact.email'), consent: v('contact.consent') === 'true' })
      : undefined,
  });
}

export const newComplaintValues = (form: URLSearchParams): FormValues => pick(form, NEW_COMPLAINT_FIELDS);

/** Where the form shows a schema's error: the site and department share one select. */
export function formFieldOf(path: string): string {
  return path === 'siteId' || path === 'departmentId' ? 'place' : path;
}
