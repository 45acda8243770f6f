import * as z from './zod.ts';
import { RATING_ASPECTS, type RatingAspect } from './survey.ts';

/** Lower-case slugs: they appear in survey codes, keys and URLs. */
export const IdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'lower-case letters, digits and dashes'));

export const DEPARTMENT_KINDS = ['clinic', 'ward', 'emergency', 'service-window', 'pharmacy', 'office'] as const;
export const DepartmentKindSchema = z.enum(DEPARTMENT_KINDS);
export type DepartmentKind = z.infer<typeof DepartmentKindSchema>;

export const SiteSchema = z.strictObject({
  siteId: IdSchema,
  name: z.string().check(z.minLength(1)),
  nameEn: z.string().check(z.minLength(1)),
  timeZone: z.string().check(z.minLength(1)),
  /** Below this many responses a figure is shown as "too few responses". */
  minResponses: z.int().check(z.minimum(1)),
  /** The hospital's own targets (domain.md): share positive and share of waits within 15 minutes. */
  targets: z.strictObject({
    positiveRate: z.number().check(z.minimum(0), z.maximum(1)),
    waitWithin15Rate: z.number().check(z.minimum(0), z.maximum(1)),
    /** Survey responses a year (domain.md: 2,000); DEFAULT_SURVEYS_PER_YEAR when absent. */
    surveysPerYear: z.optional(z.int().check(z.minimum(1))),
  }),
});
export type Site = z.infer<typeof SiteSchema>;

export const DEFAULT_SURVEYS_PER_YEAR = 2000;

/** A group of sites reporting into one view (医联体, 对口帮扶): its lead site and the sites it assists. */
export const SiteGroupSchema = z.strictObject({
  groupId: IdSchema,
  name: z.string().check(z.minLength(1)),
  nameEn: z.string().check(z.minLength(1)),
  siteIds: z.array(IdSchema).check(z.minLength(1)),
});
export type SiteGroup = z.infer<typeof SiteGroupSchema>;

export const DepartmentSchema = z.strictObject({
  siteId: IdSchema,
  departmentId: IdSchema,
  name: z.string().check(z.minLength(1)),
  nameEn: z.string().check(z.minLength(1)),
  kind: DepartmentKindSchema,
  /** Bumped to revoke every code printed so far; only the current generation is accepted. */
  codeGeneration: z.int().check(z.minimum(1)),
  /** False when surveys are switched off for the department: every code is refused. */
  surveyEnabled: z.boolean(),
  /** Where the department hears of the complaints it is asked to handle (the functional offices have one). */
  email: z.optional(z.email()),
  /** The 1–5 items its survey asks, in order; the kind's own list (ratingItemsOf) when not set. */
  ratingItems: z.optional(
    z.array(z.enum(RATING_ASPECTS)).check(
      z.maxLength(RATING_ASPECTS.length),
      z.refine((items) => new Set(items).size === items.length, 'each item once'),
    ),
  ),
  /** Whether its survey asks how long the wait was; by kind when not set (windows and the pharmacy do). */
  asksWait: z.optional(z.boolean()),
  /** The service its figures report under (domain.md: satisfaction per service, e.g. counselling, treatment). */
  serviceType: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))),
});
export type Department = z.infer<typeof DepartmentSchema>;

/** A department as staff read it in mails, "急诊科 Emergency Department"; its id when it is not on record. */
export const departmentLabel = (department: Department | undefined, departmentId: string): string =>
  (department === undefined ? departmentId : `${department.name} ${department.nameEn}`);

/** Service windows ask how long the wait was (domain.md: window waits ≤ 15 minutes), unless set per department. */
export function asksWaitTime(department: Department): boolean {
  return department.asksWait ?? kindAsksWait(department.kind);
}

export const kindAsksWait = (kind: DepartmentKind): boolean => kind === 'service-window' || kind === 'pharmacy';

/**
 * What each kind of department asks by default: a ward's patients never see the registration and billing
 * windows (挂号与缴费) nor queue there; an office is visited, not queued at.
 */
export const KIND_RATING_ITEMS: Readonly<Record<DepartmentKind, readonly RatingAspect[]>> = {
  clinic: ['registration', 'waiting', 'environment', 'communication', 'privacy'],
  emergency: ['registration', 'waiting', 'environment', 'communication', 'privacy'],
  'service-window': ['registration', 'waiting', 'environment', 'communication'],
  pharmacy: ['waiting', 'environment', 'communication', 'privacy'],
  ward: ['environment', 'communication', 'privacy'],
  office: ['environment', 'communication'],
};

export const ratingItemsOf = (department: Department): readonly RatingAspect[] => department.ratingItems ?? KIND_RATING_ITEMS[department.kind];
