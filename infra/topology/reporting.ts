import type { FunctionSpec, RouteBinding } from './specs.ts';

// The figures for staff: the metrics API and the dashboard page.

export const reportingFunctions = {
  adminMetrics: {
    entry: 'functions/admin-metrics/handler.ts',
    description: 'Figures for a site or department over a period, for staff (GET /v1/admin/metrics)',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'auth:verify'],
  },
  dashboardPage: {
    entry: 'functions/dashboard-page/handler.ts',
    description: 'The satisfaction dashboard for signed-in staff (GET /admin)',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'signing-key:read', 'auth:verify', 'pages:staff'],
  },
} as const satisfies Record<string, FunctionSpec>;

export const reportingRoutes: readonly RouteBinding<keyof typeof reportingFunctions>[] = [
  { key: 'GET /v1/admin/metrics', function: 'adminMetrics' },
  { key: 'GET /admin', function: 'dashboardPage' },
  { key: 'GET /admin/export.csv', function: 'dashboardPage' },
];
