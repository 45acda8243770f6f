import type { FunctionSpec, RouteBinding, ScheduleSpec } from './specs.ts';

// The managers' digest: the scheduled sender, the choice and preview page, the unsubscribe link.

export const digestFunctions = {
  digestSender: {
    entry: 'functions/digest-sender/handler.ts',
    description: 'Sends the weekly (Monday 08:00) and monthly (1st, 08:00) digests in each site\'s time zone, once per recipient and period',
    timeoutSeconds: 300,
    memoryMb: 512,
    // The directory: at send time a recipient must still be an enabled manager or office head, for their scope now.
    access: ['table:read', 'table:write', 'signing-key:read', 'mail:send', 'auth:users:read'],
  },
  digestPages: {
    entry: 'functions/digest-pages/handler.ts',
    description: 'The digest choice and preview page (/admin/digests) and the one-click unsubscribe (/digests/unsubscribe)',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'signing-key:read', 'auth:verify', 'pages:staff', 'mail:preview'],
  },
} as const satisfies Record<string, FunctionSpec>;

type F = keyof typeof digestFunctions;

export const digestRoutes: readonly RouteBinding<F>[] = [
  { key: 'GET /admin/digests', function: 'digestPages' },
  { key: 'POST /admin/digests', function: 'digestPages' },
  { key: 'GET /digests/unsubscribe', function: 'digestPages' },
  { key: 'POST /digests/unsubscribe', function: 'digestPages' },
];

export const digestSchedules = {
  // Every 15 minutes: a site's digest is due from 08:00 local on the period's first day (one schedule
  // for every time zone), and a send that failed is retried by the next run.
  'digest-sender': { function: 'digestSender', everyMinutes: 15, description: 'Send the weekly and monthly digests when due in each site\'s time zone' },
} as const satisfies Record<string, ScheduleSpec<F>>;
