import { thrownProblem } from '../../support/problems.ts';
import { describe, expect, it } from 'vitest';
import { type Identity, MACHINE_SCOPES, type Role, ROLES, type UserIdentity } from '../../../shared/auth/identity.ts';
import { type Action, ACTIONS, authorize, decide } from '../../../shared/auth/policy.ts';

// Every role against every staff action, in its own department, another department, and another site.
// The expected table is written out here, from domain.md's "Who uses it", not derived from the policy.

const user = (role: Role): UserIdentity => ({ kind: 'user', subject: `s-${role}`, username: role, roles: [role], sites: ['demo'], departments: ['cardiology-ward'] });

type Expectation = 'all' | 'own' | 403;
const EXPECTED: Record<Role, Record<Action, Expectation>> = {
  'office-officer': { 'complaints:create': 'all', 'complaints:read': 'all', 'complaints:update': 'all', 'metrics:read': 'all', 'discharges:post': 'all', 'callbacks:post': 'all', 'callbacks:read': 'all', 'users:manage': 403, 'audit:read': 403, 'settings:manage': 403 },
  'office-head': { 'complaints:create': 'all', 'complaints:read': 'all', 'complaints:update': 'all', 'metrics:read': 'all', 'discharges:post': 'all', 'callbacks:post': 'all', 'callbacks:read': 'all', 'users:manage': 403, 'audit:read': 'all', 'settings:manage': 'all' },
  responder: { 'complaints:create': 403, 'complaints:read': 'own', 'complaints:update': 'own', 'metrics:read': 'own', 'discharges:post': 403, 'callbacks:post': 403, 'callbacks:read': 403, 'users:manage': 403, 'audit:read': 403, 'settings:manage': 403 },
  'callback-staff': { 'complaints:create': 403, 'complaints:read': 403, 'complaints:update': 403, 'metrics:read': 403, 'discharges:post': 'own', 'callbacks:post': 'own', 'callbacks:read': 'own', 'users:manage': 403, 'audit:read': 403, 'settings:manage': 403 },
  manager: { 'complaints:create': 403, 'complaints:read': 403, 'complaints:update': 403, 'metrics:read': 'all', 'discharges:post': 403, 'callbacks:post': 403, 'callbacks:read': 403, 'users:manage': 403, 'audit:read': 403, 'settings:manage': 403 },
  admin: { 'complaints:create': 403, 'complaints:read': 403, 'complaints:update': 403, 'metrics:read': 403, 'discharges:post': 403, 'callbacks:post': 403, 'callbacks:read': 403, 'users:manage': 'all', 'audit:read': 'all', 'settings:manage': 'all' },
};

const cases = ROLES.flatMap((role) => ACTIONS.map((action) => [role, action, EXPECTED[role][action]] as const));

describe('the access policy', () => {
  it.each(cases)('%s × %s → %s', (role, action, expected) => {
    const identity = user(role);
    const own = decide(identity, action, { siteId: 'demo', departmentId: 'cardiology-ward' });
    const otherDepartment = decide(identity, action, { siteId: 'demo', departmentId: 'emergency' });
    const otherSite = decide(identity, action, { siteId: 'elsewhere', departmentId: 'cardiology-ward' });
    if (expected === 403) {
      for (const decision of [own, otherDepartment, otherSite]) expect(decision).toEqual({ allow: false, refusal: 'forbidden' });
      return;
    }
    expect(own.allow).toBe(true);
    // Outside the user's scope the resource does not exist for them: 404, never 403.
    expect(otherSite).toEqual({ allow: false, refusal: 'not-found' });
    if (expected === 'all') expect(otherDepartment).toEqual({ allow: true, departments: 'all' });
    else expect(otherDepartment).toEqual({ allow: false, refusal: 'not-found' });
  });

  it('narrows a site-wide request of a department-scoped role to its departments', () => {
    expect(decide(user('responder'), 'complaints:read', { siteId: 'demo' })).toEqual({ allow: true, departments: ['cardiology-ward'] });
    expect(decide(user('office-officer'), 'complaints:read', { siteId: 'demo' })).toEqual({ allow: true, departments: 'all' });
  });

  it('lets a user with several roles act with the widest one', () => {
    const both: Identity = { ...user('responder'), roles: ['responder', 'office-officer'] };
    expect(decide(both, 'complaints:update', { siteId: 'demo', departmentId: 'emergency' })).toEqual({ allow: true, departments: 'all' });
  });

  it('lets a machine client do only what its scopes say, for its sites', () => {
    const his: Identity = { kind: 'machine', clientId: 'his', scopes: [MACHINE_SCOPES.discharges], sites: ['demo'] };
    expect(decide(his, 'discharges:post', { siteId: 'demo' })).toEqual({ allow: true, departments: 'all' });
    expect(decide(his, 'callbacks:post', { siteId: 'demo' })).toEqual({ allow: false, refusal: 'forbidden' });
    expect(decide(his, 'metrics:read', { siteId: 'demo' })).toEqual({ allow: false, refusal: 'forbidden' });
    expect(decide(his, 'discharges:post', { siteId: 'elsewhere' })).toEqual({ allow: false, refusal: 'not-found' });
  });

  it('throws the matching problem', () => {
    expect(thrownProblem(() => authorize(user('manager'), 'complaints:read', { siteId: 'demo' }))).toMatchObject({ status: 403 });
    expect(thrownProblem(() => authorize(user('responder'), 'complaints:read', { siteId: 'demo', departmentId: 'emergency' }))).toMatchObject({ status: 404 });
  });
});
