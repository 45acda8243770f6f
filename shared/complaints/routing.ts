import * as z from '../schemas/zod.ts';
import { IdSchema } from '../schemas/site.ts';

// Which department investigates a complaint (the handler): the routing table of category × the
// department complained about, configurable per site. The defaults are the responsible departments of
// domain.md; the owner can always change the handler afterwards.

export const DEFAULT_HANDLERS: Readonly<Record<string, string>> = {
  clinical: 'medical-affairs',
  privacy: 'medical-affairs',
  nursing: 'nursing-office',
  billing: 'finance',
  pharmacy: 'pharmacy-office',
  facilities: 'general-affairs',
  'infection-control': 'infection-control',
  'appointments-it': 'information',
  conduct: 'conduct-office',
  waiting: 'patient-relations',
  other: 'patient-relations',
};

/** A site's own rule: for this category (and, if given, only for complaints about this department), this handler. */
export const RoutingRuleSchema = z.strictObject({ category: z.string().check(z.minLength(1)), departmentId: z.optional(IdSchema), handler: IdSchema });
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;

/** Waiting at a service window is the window's own business (the finance office runs them). */
export const DEFAULT_RULES: readonly RoutingRule[] = [
  { category: 'waiting', departmentId: 'registration-billing', handler: 'finance' },
  { category: 'waiting', departmentId: 'admission-discharge', handler: 'finance' },
  { category: 'waiting', departmentId: 'outpatient-pharmacy', handler: 'pharmacy-office' },
];

/** Most specific first: a rule for this category and department, then for the category, then the default. */
export function handlerFor(rules: readonly RoutingRule[], category: string, departmentId: string): string {
  return rules.find((r) => r.category === category && r.departmentId === departmentId)?.handler
    ?? rules.find((r) => r.category === category && r.departmentId === undefined)?.handler
    ?? DEFAULT_HANDLERS[category]
    ?? 'patient-relations';
}
