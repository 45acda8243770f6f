import { ForbiddenError, NotFoundError } from '../platform/domain-errors.ts';
import { DEPARTMENT_SCOPED_ROLES, type Identity, MACHINE_SCOPES, type Role } from './identity.ts';

// The one access policy: every staff and integration handler asks it before reading or changing
// anything. A resource outside the caller's sites or departments is "not found" (404), so its existence
// does not leak; an action the caller's role never allows is "forbidden" (403).

export const ACTIONS = [
  'complaints:create',
  'complaints:read',
  'complaints:update',
  'metrics:read',
  'discharges:post',
  'callbacks:post',
  'callbacks:read',
  'users:manage',
  'audit:read',
  'settings:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What each role may do (domain.md, "Who uses it"). Department-scoped roles act within their departments only. */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  'office-officer': ['complaints:create', 'complaints:read', 'complaints:update', 'metrics:read', 'discharges:post', 'callbacks:post', 'callbacks:read'],
  'office-head': ['complaints:create', 'complaints:read', 'complaints:update', 'metrics:read', 'discharges:post', 'callbacks:post', 'callbacks:read', 'audit:read', 'settings:manage'],
  responder: ['complaints:read', 'complaints:update', 'metrics:read'],
  'callback-staff': ['discharges:post', 'callbacks:post', 'callbacks:read'],
  manager: ['metrics:read'],
  admin: ['users:manage', 'audit:read', 'settings:manage'],
};

/** Machine clients act through their token's scopes, and never on anything else. */
const MACHINE_ACTIONS: Readonly<Record<string, Action>> = {
  [MACHINE_SCOPES.discharges]: 'discharges:post',
  [MACHINE_SCOPES.callbacks]: 'callbacks:post',
};

export interface Target {
  readonly siteId: string;
  /** The department the resource belongs to; absent for a site-wide request (a list, the site's figures). */
  readonly departmentId?: string;
}

export type Decision =
  | { readonly allow: true; readonly departments: 'all' | readonly string[] }
  | { readonly allow: false; readonly refusal: 'forbidden' | 'not-found' };

export function decide(identity: Identity, action: Action, target: Target): Decision {
  if (!hasAction(identity, action)) return { allow: false, refusal: 'forbidden' };
  if (!identity.sites.includes(target.siteId)) return { allow: false, refusal: 'not-found' };
  if (identity.kind === 'machine') return { allow: true, departments: 'all' };
  if (identity.roles.some((role) => ROLE_ACTIONS[role].includes(action) && !DEPARTMENT_SCOPED_ROLES.includes(role))) return { allow: true, departments: 'all' };
  // Only department-scoped roles grant it: a site-wide request narrows to their departments.
  if (target.departmentId === undefined) return { allow: true, departments: identity.departments };
  return identity.departments.includes(target.departmentId) ? { allow: true, departments: [target.departmentId] } : { allow: false, refusal: 'not-found' };
}

/** Whether any of the caller's roles (or scopes) grants the action at all, wherever. */
export function hasAction(identity: Identity, action: Action): boolean {
  if (identity.kind === 'machine') return identity.scopes.some((scope) => MACHINE_ACTIONS[scope] === action);
  return identity.roles.some((role) => ROLE_ACTIONS[role].includes(action));
}

export const forbidden = () => new ForbiddenError('Your role does not allow this.');

/**
 * 403 unless the caller's role (or scope) has the action somewhere. Called before a body or query is
 * read, so a caller who may never do this learns nothing from how their input would have been checked.
 */
export function requireAction(identity: Identity, action: Action): void {
  if (!hasAction(identity, action)) throw forbidden();
}

/** Throws the error the decision calls for; returns the departments the caller may see. */
export function authorize(identity: Identity, action: Action, target: Target): 'all' | readonly string[] {
  const decision = decide(identity, action, target);
  if (decision.allow) return decision.departments;
  throw decision.refusal === 'forbidden' ? forbidden() : new NotFoundError('No such resource.');
}
