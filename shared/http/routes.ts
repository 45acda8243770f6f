// The public HTTP contract's routes and who may call each (api.md). The OpenAPI document is built from
// this list, and the topology (infra/topology.ts) says which function serves each route.

/**
 * `public`: patients, no login. `staff` and `integration`: a bearer token, checked by API Gateway's JWT
 * authorizer and again by the handler (shared/http/staff.ts). `staff-page`: the admin pages, which a
 * browser opens with the HttpOnly session cookie; API Gateway cannot read a cookie, so the handler
 * verifies it with the same verifier.
 */
export type RouteAccess = 'public' | 'staff' | 'integration' | 'staff-page';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export const ROUTE_ACCESS = {
  'GET /s/{code}': 'public',
  'POST /v1/surveys': 'public',
  'GET /v1/health': 'public',
  'GET /v1/openapi.json': 'public',
  'POST /v1/complaints': 'public',
  'GET /v1/complaints/track/{trackingCode}': 'public',
  'GET /c/{code}': 'public',
  'GET /t': 'public',
  'GET /t/{trackingCode}': 'public',
  'GET /v1/admin/metrics': 'staff',
  'POST /v1/admin/complaints': 'staff',
  'GET /v1/admin/complaints': 'staff',
  'GET /v1/admin/complaints/{id}': 'staff',
  'PATCH /v1/admin/complaints/{id}': 'staff',
  'POST /v1/discharges': 'integration',
  'POST /v1/callbacks': 'integration',
  'GET /v1/admin/callbacks': 'staff',
  'GET /admin': 'staff-page',
  'GET /admin/export.csv': 'staff-page',
  'GET /admin/digests': 'staff-page',
  'POST /admin/digests': 'staff-page',
  'GET /digests/unsubscribe': 'public',
  'POST /digests/unsubscribe': 'public',
  'GET /admin/sign-in': 'staff-page',
  'GET /admin/callback': 'staff-page',
  'GET /admin/signed-out': 'staff-page',
  'POST /admin/sign-out': 'staff-page',
  'GET /admin/complaints': 'staff-page',
  'GET /admin/complaints/new': 'staff-page',
  'POST /admin/complaints/new': 'staff-page',
  'GET /admin/complaints/{id}': 'staff-page',
  'POST /admin/complaints/{id}': 'staff-page',
  'GET /admin/callbacks': 'staff-page',
  'POST /admin/callbacks/upload': 'staff-page',
  'GET /admin/callbacks/{id}': 'staff-page',
  'POST /admin/callbacks/{id}': 'staff-page',
  'POST /admin/callbacks/{id}/call': 'staff-page',
  'POST /admin/callbacks/{id}/correct': 'staff-page',
  'GET /admin/comments': 'staff-page',
  'POST /admin/comments': 'staff-page',
  'GET /v1/admin/users': 'staff',
  'POST /v1/admin/users': 'staff',
  'PATCH /v1/admin/users/{username}': 'staff',
  'GET /v1/admin/audit': 'staff',
  'GET /v1/admin/sites/{site}/settings': 'staff',
  'PUT /v1/admin/sites/{site}/settings': 'staff',
  'GET /admin/users': 'staff-page',
  'POST /admin/users': 'staff-page',
  'GET /admin/users/{username}': 'staff-page',
  'POST /admin/users/{username}': 'staff-page',
  'GET /admin/audit': 'staff-page',
  'GET /admin/audit.csv': 'staff-page',
  'GET /admin/site': 'staff-page',
  'POST /admin/site': 'staff-page',
  'GET /admin/posters': 'staff-page',
  'POST /admin/posters': 'staff-page',
  'GET /admin/posters/{department}': 'staff-page',
} as const satisfies Record<string, RouteAccess>;

/** `METHOD /path`, as API Gateway writes a route key; `{name}` is one path segment. */
export type RouteKey = keyof typeof ROUTE_ACCESS;

export interface Route {
  readonly key: RouteKey;
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: RouteAccess;
}

const isRouteKey = (key: string): key is RouteKey => key in ROUTE_ACCESS;
const METHODS: readonly string[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] satisfies HttpMethod[];
const isMethod = (method: string): method is HttpMethod => METHODS.includes(method);

export function routeOf(key: RouteKey): Route {
  const [method = '', path = ''] = key.split(' ');
  if (!isMethod(method)) throw new Error(`${key}: unknown method`);
  return { key, method, path, access: ROUTE_ACCESS[key] };
}

/** Every route of the contract, in the order above. */
export const ROUTES: readonly Route[] = Object.keys(ROUTE_ACCESS).filter(isRouteKey).map(routeOf);
