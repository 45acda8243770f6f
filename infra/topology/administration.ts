import type { FunctionSpec, RouteBinding } from './specs.ts';

// Running a hospital: staff accounts (the admin), the audit trail and the site's settings (the office
// head), as APIs and as pages.

export const administrationFunctions = {
  adminUsers: {
    entry: 'functions/admin-users/handler.ts',
    description: 'Staff accounts for the admin (GET and POST /v1/admin/users, PATCH /v1/admin/users/{username}): Cognito in AWS, the local store locally',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'auth:verify', 'auth:users:manage'],
  },
  adminSite: {
    entry: 'functions/admin-site/handler.ts',
    description: 'The audit trail (GET /v1/admin/audit) and a site\'s settings (GET and PUT /v1/admin/sites/{site}/settings)',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'auth:verify'],
  },
  // The admin pages are three functions, each with only the rights and memory its own pages need: only
  // the account pages may manage the staff directory, and only the poster pages render posters.
  accountPages: {
    entry: 'functions/account-pages/handler.ts',
    description: 'The admin\'s pages for staff accounts (GET and POST /admin/users, /admin/users/{username})',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'signing-key:read', 'auth:verify', 'auth:users:manage', 'pages:staff'],
  },
  sitePages: {
    entry: 'functions/site-pages/handler.ts',
    description: 'The audit trail and its CSV, and the site\'s settings with the rota preview (/admin/audit, /admin/audit.csv, /admin/site)',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'signing-key:read', 'auth:verify', 'pages:staff'],
  },
  posterPages: {
    entry: 'functions/poster-pages/handler.ts',
    description: 'The departments\' codes to revoke and their posters to download (/admin/posters, /admin/posters/{department})',
    timeoutSeconds: 30,
    // A poster (resvg's WebAssembly, 21 MB of font, an A5 page at 300 dpi) peaks near 290 MB in a bare
    // process; 512 MB would hold it, but Lambda gives CPU by memory and the single-threaded render is CPU-bound.
    memoryMb: 1024,
    access: ['table:read', 'table:write', 'signing-key:read', 'auth:verify', 'pages:staff'],
  },
} as const satisfies Record<string, FunctionSpec>;

type F = keyof typeof administrationFunctions;

export const administrationRoutes: readonly RouteBinding<F>[] = [
  { key: 'GET /v1/admin/users', function: 'adminUsers' },
  { key: 'POST /v1/admin/users', function: 'adminUsers' },
  { key: 'PATCH /v1/admin/users/{username}', function: 'adminUsers' },
  { key: 'GET /v1/admin/audit', function: 'adminSite' },
  { key: 'GET /v1/admin/sites/{site}/settings', function: 'adminSite' },
  { key: 'PUT /v1/admin/sites/{site}/settings', function: 'adminSite' },
  { key: 'GET /admin/users', function: 'accountPages' },
  { key: 'POST /admin/users', function: 'accountPages' },
  { key: 'GET /admin/users/{username}', function: 'accountPages' },
  { key: 'POST /admin/users/{username}', function: 'accountPages' },
  // The literal .csv before any pattern: the local gateway takes the first route that matches.
  { key: 'GET /admin/audit.csv', function: 'sitePages' },
  { key: 'GET /admin/audit', function: 'sitePages' },
  { key: 'GET /admin/site', function: 'sitePages' },
  { key: 'POST /admin/site', function: 'sitePages' },
  { key: 'GET /admin/posters', function: 'posterPages' },
  { key: 'POST /admin/posters', function: 'posterPages' },
  { key: 'GET /admin/posters/{department}', function: 'posterPages' },
];
