import type { FunctionSpec, RouteBinding, ScheduleSpec } from './specs.ts';

// What every deployment has whatever its features: health, the contract, the dead-letter alert.

export const platformFunctions = {
  health: {
    entry: 'functions/health/handler.ts',
    description: 'Reports whether every part the deployment needs is reachable',
    timeoutSeconds: 5,
    memoryMb: 128,
    access: ['table:read', 'queue:intake:inspect', 'queue:notify:inspect'],
  },
  openapi: {
    entry: 'functions/openapi/handler.ts',
    description: 'Serves the OpenAPI document generated from the zod schemas',
    timeoutSeconds: 5,
    memoryMb: 128,
    access: [],
  },
  deadLetterAlert: {
    entry: 'functions/dead-letter-alert/handler.ts',
    description: 'Mails the operator when submissions or notices are waiting in a dead-letter queue',
    timeoutSeconds: 30,
    memoryMb: 128,
    access: ['queue:intake:inspect', 'queue:notify:inspect', 'mail:send', 'table:read', 'table:write'],
  },
} as const satisfies Record<string, FunctionSpec>;

type F = keyof typeof platformFunctions;

export const platformRoutes: readonly RouteBinding<F>[] = [
  { key: 'GET /v1/health', function: 'health' },
  { key: 'GET /v1/openapi.json', function: 'openapi' },
];

export const platformSchedules = {
  'dead-letter-alert': { function: 'deadLetterAlert', everyMinutes: 15, description: 'Alert the operator about dead-lettered submissions' },
} as const satisfies Record<string, ScheduleSpec<F>>;
