import { describe, expect, it } from 'vitest';
import { DEMO_DEPARTMENTS } from '../../../infra/local/demo-site.ts';
import { DEFAULT_HANDLERS, DEFAULT_RULES, handlerFor } from '../../../shared/complaints/routing.ts';

describe('the routing table', () => {
  it('sends each category to its responsible department, every one of which exists at the demo site', () => {
    const ids = new Set(DEMO_DEPARTMENTS.map((d) => d.departmentId));
    for (const handler of [...Object.values(DEFAULT_HANDLERS), ...DEFAULT_RULES.map((r) => r.handler)]) expect(ids, handler).toContain(handler);
    expect(handlerFor(DEFAULT_RULES, 'nursing', 'cardiology-ward')).toBe('nursing-office');
    expect(handlerFor(DEFAULT_RULES, 'billing', 'emergency')).toBe('finance');
  });

  it('prefers a rule for the category and department, then for the category, then the default', () => {
    const rules = [...DEFAULT_RULES, { category: 'nursing', handler: 'patient-relations' }, { category: 'nursing', departmentId: 'emergency', handler: 'medical-affairs' }];
    expect(handlerFor(rules, 'nursing', 'emergency')).toBe('medical-affairs');
    expect(handlerFor(rules, 'nursing', 'maternity-ward')).toBe('patient-relations');
    expect(handlerFor(rules, 'waiting', 'registration-billing')).toBe('finance');
    expect(handlerFor(rules, 'waiting', 'emergency')).toBe('patient-relations');
    expect(handlerFor(rules, 'unheard-of', 'emergency')).toBe('patient-relations');
  });
});
