import type { FunctionSpec, RouteBinding } from './specs.ts';

// Post-discharge callbacks: the HIS's and the call centre's API, the worklist API, and the callback
// pages (worklist, call form, CSV upload). Discharges and outcomes are stored by the intake worker.

export const callbackFunctions = {
  callbackApi: {
    entry: 'functions/callback-api/handler.ts',
    description: 'Discharges and call outcomes in, queued (POST /v1/discharges, POST /v1/callbacks); the calls due (GET /v1/admin/callbacks)',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'auth:verify', 'queue:intake:send'],
  },
  callbackPages: {
    entry: 'functions/callback-pages/handler.ts',
    description: 'The callback worklist, the call form, corrections and the CSV upload of discharges, for callback staff and the office',
    timeoutSeconds: 30,
    memoryMb: 512,
    access: ['table:read', 'table:write', 'signing-key:read', 'auth:verify', 'queue:intake:send', 'pages:staff'],
  },
} as const satisfies Record<string, FunctionSpec>;

type F = keyof typeof callbackFunctions;

export const callbackRoutes: readonly RouteBinding<F>[] = [
  { key: 'POST /v1/discharges', function: 'callbackApi' },
  { key: 'POST /v1/callbacks', function: 'callbackApi' },
  { key: 'GET /v1/admin/callbacks', function: 'callbackApi' },
  // The literal /upload before /{id}: the local gateway takes the first route that matches.
  { key: 'GET /admin/callbacks', function: 'callbackPages' },
  { key: 'POST /admin/callbacks/upload', function: 'callbackPages' },
  { key: 'GET /admin/callbacks/{id}', function: 'callbackPages' },
  { key: 'POST /admin/callbacks/{id}', function: 'callbackPages' },
  { key: 'POST /admin/callbacks/{id}/call', function: 'callbackPages' },
  { key: 'POST /admin/callbacks/{id}/correct', function: 'callbackPages' },
];
