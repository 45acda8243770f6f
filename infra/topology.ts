// The one declaration of what runs: functions, routes, queues and schedules.
// The CDK stack (infra/stack.ts) and the local runtime (infra/local/) are both built from it.

/** What a function may touch; the CDK stack turns these into grants, the local runtime into env vars. */
export type Access = 'table:read' | 'table:write' | 'queue:intake:send' | 'queue:intake:inspect' | 'signing-key:read' | 'mail:send' | 'auth:verify' | 'auth:sign-in';

export interface FunctionSpec {
  /** Path of the handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly access: readonly Access[];
}

export const functions = {
  surveyPage: {
    entry: 'functions/survey-page/handler.ts',
    description: 'Serves the mobile survey page for one department (GET /s/{code})',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: ['table:read', 'signing-key:read'],
  },
  surveyIntake: {
    entry: 'functions/survey-intake/handler.ts',
    description: 'Validates a survey response and queues it (POST /v1/surveys)',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'queue:intake:send', 'signing-key:read'],
  },
  health: {
    entry: 'functions/health/handler.ts',
    description: 'Reports whether every part the deployment needs is reachable',
    timeoutSeconds: 5,
    memoryMb: 128,
    access: ['table:read', 'queue:intake:inspect'],
  },
  openapi: {
    entry: 'functions/openapi/handler.ts',
    description: 'Serves the OpenAPI document generated from the zod schemas',
    timeoutSeconds: 5,
    memoryMb: 128,
    access: [],
  },
  complaintIntake: {
    entry: 'functions/complaint-intake/handler.ts',
    description: 'Validates a patient\'s complaint and queues it (POST /v1/complaints)',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'queue:intake:send', 'signing-key:read'],
  },
  complaintPage: {
    entry: 'functions/complaint-page/handler.ts',
    description: 'Serves the mobile complaint page for one department (GET /c/{code}, the survey code)',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: ['table:read', 'signing-key:read'],
  },
  complaintStatusPage: {
    entry: 'functions/complaint-status-page/handler.ts',
    description: 'Shows a patient where their complaint stands, as a page (GET /t, GET /t/{trackingCode})',
    timeoutSeconds: 5,
    memoryMb: 256,
    // table:write and the key only for the rate-limit counter, as complaintTrack.
    access: ['table:read', 'table:write', 'signing-key:read'],
  },
  complaintTrack: {
    entry: 'functions/complaint-track/handler.ts',
    description: 'Shows a patient where their complaint stands (GET /v1/complaints/track/{trackingCode})',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'signing-key:read'],
  },
  adminMetrics: {
    entry: 'functions/admin-metrics/handler.ts',
    description: 'Figures for a site or department over a period, for staff (GET /v1/admin/metrics)',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'auth:verify'],
  },
  adminComplaints: {
    entry: 'functions/admin-complaints/handler.ts',
    description: 'The complaint inbox and cases for staff (POST and GET /v1/admin/complaints, GET and PATCH /v1/admin/complaints/{id})',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'auth:verify', 'queue:intake:send', 'signing-key:read', 'mail:send'],
  },
  adminPages: {
    entry: 'functions/admin-pages/handler.ts',
    description: 'The staff pages: sign-in with PKCE, the satisfaction dashboard, the complaint office\'s inbox, cases and entry form, sign-out',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'signing-key:read', 'auth:verify', 'auth:sign-in', 'queue:intake:send', 'mail:send'],
  },
  process: {
    entry: 'functions/process/handler.ts',
    description: 'Stores queued surveys and complaints and updates the aggregates, exactly once; triages complaints and mails their owners, handlers and safety alerts',
    timeoutSeconds: 30,
    memoryMb: 512,
    access: ['table:read', 'table:write', 'signing-key:read', 'mail:send'],
  },
  dlqWatch: {
    entry: 'functions/dlq-watch/handler.ts',
    description: 'Mails the operator when submissions are waiting in the dead-letter queue',
    timeoutSeconds: 30,
    memoryMb: 128,
    access: ['queue:intake:inspect', 'mail:send', 'table:read', 'table:write'],
  },
  slaMonitor: {
    entry: 'functions/sla-monitor/handler.ts',
    description: 'Reminds complaint owners near the response due date and tells the office head when it passes',
    timeoutSeconds: 120,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'mail:send'],
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

const isFunctionName = (name: string): name is FunctionName => name in functions;
/** Every function name, typed (Object.keys alone loses the key type). */
export const functionNames: readonly FunctionName[] = Object.keys(functions).filter(isFunctionName);

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `{name}` is one path segment. */
  readonly path: string;
  readonly function: FunctionName;
  /**
   * `public`: patients, no login. `staff` and `integration`: a bearer token, checked by API Gateway's JWT
   * authorizer and again by the handler (shared/http/staff.ts). `staff-page`: the admin pages, which a
   * browser opens with the HttpOnly session cookie; API Gateway cannot read a cookie, so the handler
   * verifies it with the same verifier.
   */
  readonly access: RouteAccess;
}

export type RouteAccess = 'public' | 'staff' | 'integration' | 'staff-page';

export const routes: readonly RouteSpec[] = [
  { method: 'GET', path: '/s/{code}', function: 'surveyPage', access: 'public' },
  { method: 'POST', path: '/v1/surveys', function: 'surveyIntake', access: 'public' },
  { method: 'GET', path: '/v1/health', function: 'health', access: 'public' },
  { method: 'GET', path: '/v1/openapi.json', function: 'openapi', access: 'public' },
  { method: 'POST', path: '/v1/complaints', function: 'complaintIntake', access: 'public' },
  { method: 'GET', path: '/v1/complaints/track/{trackingCode}', function: 'complaintTrack', access: 'public' },
  { method: 'GET', path: '/c/{code}', function: 'complaintPage', access: 'public' },
  { method: 'GET', path: '/t', function: 'complaintStatusPage', access: 'public' },
  { method: 'GET', path: '/t/{trackingCode}', function: 'complaintStatusPage', access: 'public' },
  { method: 'GET', path: '/v1/admin/metrics', function: 'adminMetrics', access: 'staff' },
  { method: 'POST', path: '/v1/admin/complaints', function: 'adminComplaints', access: 'staff' },
  { method: 'GET', path: '/v1/admin/complaints', function: 'adminComplaints', access: 'staff' },
  { method: 'GET', path: '/v1/admin/complaints/{id}', function: 'adminComplaints', access: 'staff' },
  { method: 'PATCH', path: '/v1/admin/complaints/{id}', function: 'adminComplaints', access: 'staff' },
  { method: 'GET', path: '/admin', function: 'adminPages', access: 'staff-page' },
  { method: 'GET', path: '/admin/sign-in', function: 'adminPages', access: 'staff-page' },
  { method: 'GET', path: '/admin/callback', function: 'adminPages', access: 'staff-page' },
  { method: 'GET', path: '/admin/signed-out', function: 'adminPages', access: 'staff-page' },
  { method: 'POST', path: '/admin/sign-out', function: 'adminPages', access: 'staff-page' },
  // The literal /new before /{id}: the local gateway takes the first route that matches (API Gateway the most specific).
  { method: 'GET', path: '/admin/complaints', function: 'adminPages', access: 'staff-page' },
  { method: 'GET', path: '/admin/complaints/new', function: 'adminPages', access: 'staff-page' },
  { method: 'POST', path: '/admin/complaints/new', function: 'adminPages', access: 'staff-page' },
  { method: 'GET', path: '/admin/complaints/{id}', function: 'adminPages', access: 'staff-page' },
  { method: 'POST', path: '/admin/complaints/{id}', function: 'adminPages', access: 'staff-page' },
];

export interface QueueSpec {
  readonly worker: FunctionName;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Visibility timeout as a multiple of the worker's timeout (AWS advises at least 6). */
  readonly visibilityTimeoutFactor: number;
  readonly retentionDays: number;
  readonly deadLetterRetentionDays: number;
}

export const queues = {
  intake: {
    worker: 'process',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    maxReceiveCount: 5,
    visibilityTimeoutFactor: 6,
    retentionDays: 4,
    deadLetterRetentionDays: 14,
  },
} as const satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof queues;

export interface ScheduleSpec {
  readonly function: FunctionName;
  /** Minutes between runs (EventBridge Scheduler `rate(N minutes)`). */
  readonly everyMinutes: number;
  readonly description: string;
}

export const schedules = {
  'dlq-watch': { function: 'dlqWatch', everyMinutes: 15, description: 'Alert the operator about dead-lettered submissions' },
  'sla-monitor': { function: 'slaMonitor', everyMinutes: 15, description: 'Remind complaint owners at 80% of the time to the due date; escalate past it' },
} as const satisfies Record<string, ScheduleSpec>;

export type ScheduleName = keyof typeof schedules;

export function visibilityTimeoutSeconds(queue: QueueSpec): number {
  return functions[queue.worker].timeoutSeconds * queue.visibilityTimeoutFactor;
}
