import type { FunctionSpec, RouteBinding, ScheduleSpec } from './specs.ts';

// Complaints: the patient's page and intake, tracking, the office's API and pages, and the SLA monitor.

export const complaintFunctions = {
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
  adminComplaints: {
    entry: 'functions/admin-complaints/handler.ts',
    description: 'The complaint inbox and cases for staff (POST and GET /v1/admin/complaints, GET and PATCH /v1/admin/complaints/{id})',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'auth:verify', 'queue:intake:send', 'queue:notify:send', 'signing-key:read'],
  },
  complaintOfficePages: {
    entry: 'functions/complaint-office-pages/handler.ts',
    description: 'The complaint office\'s pages: the inbox, a case and its change form, the entry form for hotline, letter and walk-in complaints, the comments to read',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'signing-key:read', 'auth:verify', 'queue:intake:send', 'queue:notify:send', 'pages:staff'],
  },
  complaintSlaMonitor: {
    entry: 'functions/complaint-sla-monitor/handler.ts',
    description: 'Reminds complaint owners near the response due date and tells the office head when it passes; reminds of unread comments; closes callbacks whose window ended as unreachable',
    timeoutSeconds: 120,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'mail:send'],
  },
} as const satisfies Record<string, FunctionSpec>;

type F = keyof typeof complaintFunctions;

export const complaintRoutes: readonly RouteBinding<F>[] = [
  { key: 'POST /v1/complaints', function: 'complaintIntake' },
  { key: 'GET /v1/complaints/track/{trackingCode}', function: 'complaintTrack' },
  { key: 'GET /c/{code}', function: 'complaintPage' },
  { key: 'GET /t', function: 'complaintStatusPage' },
  { key: 'GET /t/{trackingCode}', function: 'complaintStatusPage' },
  { key: 'POST /v1/admin/complaints', function: 'adminComplaints' },
  { key: 'GET /v1/admin/complaints', function: 'adminComplaints' },
  { key: 'GET /v1/admin/complaints/{id}', function: 'adminComplaints' },
  { key: 'PATCH /v1/admin/complaints/{id}', function: 'adminComplaints' },
  // The literal /new before /{id}: the local gateway takes the first route that matches (API Gateway the most specific).
  { key: 'GET /admin/complaints', function: 'complaintOfficePages' },
  { key: 'GET /admin/complaints/new', function: 'complaintOfficePages' },
  { key: 'POST /admin/complaints/new', function: 'complaintOfficePages' },
  { key: 'GET /admin/complaints/{id}', function: 'complaintOfficePages' },
  { key: 'POST /admin/complaints/{id}', function: 'complaintOfficePages' },
  { key: 'GET /admin/comments', function: 'complaintOfficePages' },
  { key: 'POST /admin/comments', function: 'complaintOfficePages' },
];

export const complaintSchedules = {
  'complaint-sla-monitor': { function: 'complaintSlaMonitor', everyMinutes: 15, description: 'Remind complaint owners at 80% of the time to the due date; escalate past it' },
} as const satisfies Record<string, ScheduleSpec<F>>;
