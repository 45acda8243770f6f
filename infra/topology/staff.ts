import type { FunctionSpec, RouteBinding } from './specs.ts';

// Staff sign-in: the round trip to the hosted sign-in (authorization code + PKCE) and sign-out.

export const staffFunctions = {
  staffSession: {
    entry: 'functions/staff-session/handler.ts',
    description: 'Signs staff in (authorization code with PKCE, sets the session cookie) and out',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'signing-key:read', 'auth:verify', 'auth:sign-in', 'auth:sign-out'],
  },
} as const satisfies Record<string, FunctionSpec>;

export const staffRoutes: readonly RouteBinding<keyof typeof staffFunctions>[] = [
  { key: 'GET /admin/sign-in', function: 'staffSession' },
  { key: 'GET /admin/callback', function: 'staffSession' },
  { key: 'GET /admin/signed-out', function: 'staffSession' },
  { key: 'POST /admin/sign-out', function: 'staffSession' },
];
