import * as z from '../schemas/zod.ts';
import { CalendarOverrideSchema, createWorkingCalendar, DEFAULT_LIMITS, type SlaLimits, SlaLimitsSchema, type WorkingCalendar } from '../sites/working-calendar.ts';
import { RotaSchema } from './assignment.ts';
import { RoutingRuleSchema } from './routing.ts';
import { IdSchema } from '../schemas/site.ts';

// A site's complaint settings: the complaint office's rota, who is alerted, the routing rules. The
// working-day calendar and the time limits join them from shared/sites/working-calendar.ts.
// They are stored through shared/storage/complaint-settings.ts.

/**
 * The complaint office's public contact, which the national rules require hospitals to publish: every
 * patient page shows it. In Chinese and English, as the pages are.
 */
export const OfficeContactSchema = z.strictObject({
  phone: z.string().check(z.regex(/^[0-9+()\- ]{3,30}$/, 'digits, spaces, + ( ) - (3 to 30)')),
  place: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  placeEn: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  hours: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  hoursEn: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
});
export type OfficeContact = z.infer<typeof OfficeContactSchema>;

export const ComplaintSettingsSchema = z.strictObject({
  rota: RotaSchema,
  /** Owns a patient's complaint when nobody is on duty, and hears of breached limits. */
  officeHead: z.strictObject({ username: z.string().check(z.minLength(1)), email: z.email() }),
  /** Hears of every safety signal at once, whatever the hour. */
  safetyContactEmail: z.email(),
  routing: z.array(RoutingRuleSchema),
  /** The site's own closures, extra working days and years it supplies; the national schedule otherwise. */
  calendar: z.optional(CalendarOverrideSchema),
  /** The site's time limits; the national ones (1, 5 and 10 working days) otherwise. */
  limits: z.optional(SlaLimitsSchema),
  /** How long a comment may wait unread before the SLA monitor reminds the office (README, "Comments to read"). */
  commentReading: z.optional(z.strictObject({
    /** The services marked mental health, where a comment must be read within `mentalHealthHours`. */
    mentalHealthDepartments: z._default(z.array(IdSchema), []),
    mentalHealthHours: z._default(z.number().check(z.positive(), z.maximum(72)), 4),
    /** Everywhere else: by the end of this many working days after the day received. */
    otherWorkingDays: z._default(z.int().check(z.minimum(1), z.maximum(10)), 1),
  })),
  /** The hospital agreed that its staff's labels (corrections, confirmed or dismissed signals) retrain the classifier. Off unless set. */
  trainingConsent: z.optional(z.boolean()),
  /** The office's phone, place and hours, shown on every patient page. */
  publicContact: z.optional(OfficeContactSchema),
});
export type ComplaintSettings = z.infer<typeof ComplaintSettingsSchema>;

/** The working-day calendar and limits a site's complaints are timed on. */
export function siteClock(settings: ComplaintSettings): { calendar: WorkingCalendar; limits: SlaLimits } {
  return { calendar: createWorkingCalendar(settings.calendar ?? {}), limits: settings.limits ?? DEFAULT_LIMITS };
}

/** An officer's e-mail from the rota (or the head's own); undefined for someone the office does not list. */
export function officerEmail(settings: ComplaintSettings, username: string): string | undefined {
  if (settings.officeHead.username === username) return settings.officeHead.email;
  return settings.rota.find((shift) => shift.username === username)?.email;
}

/** Where a case's owner is mailed: their rota address, the office head's when they have none (someone must hear). */
export function ownerEmail(settings: ComplaintSettings, owner: string): string {
  return officerEmail(settings, owner) ?? settings.officeHead.email;
}

/**
 * A site with no complaint settings: nobody could own its case or hear of its comment. Thrown, never
 * skipped, so the queue message fails, is retried and is dead-lettered with the operator alerted.
 */
export class MissingComplaintSettingsError extends Error {
  constructor(siteId: string) {
    super(`site ${siteId} has no complaint settings`);
  }
}
