import * as z from '../schemas/zod.ts';
import { AuditPageSchema } from '../administration/audit-trail.ts';
import { SiteSettingsDocumentSchema, SiteSettingsSchema } from '../administration/site-settings.ts';
import { NewUserSchema, StaffAccountViewSchema, UserChangeSchema } from '../administration/users.ts';
import { ComplaintChangeSchema } from '../complaints/lifecycle.ts';
import { TrackedComplaintSchema } from '../complaints/tracking.ts';
import { ProblemSchema } from './problem.ts';
import { ROUTES, type RouteKey } from './routes.ts';
import { CALL_OUTCOMES, CallbackAcceptedSchema, CallbackSubmissionSchema, DischargeBatchSchema, DischargesAcceptedSchema, DischargeSchema, MAX_DISCHARGES_PER_BATCH } from '../schemas/callback.ts';
import { ComplaintAcceptedSchema, PatientComplaintSchema, StaffComplaintSchema } from '../schemas/complaint.ts';
import { SurveyAcceptedSchema, SurveySubmissionSchema } from '../schemas/survey.ts';

// The OpenAPI document (api.md: "generated from the zod schemas, the full contract"). Every route of
// the contract (routes.ts) must be described here, or this module does not compile.

type JsonObject = Record<string, unknown>;

/**
 * One route's description. `operationId` is the method name a client generated from this document gets
 * (a hospital's HIS vendor calls `submitSurvey`, `trackComplaint`): renaming one breaks their build, so
 * it never changes once published. Every 4xx the handler answers is listed in `responses`.
 */
interface Operation {
  readonly operationId: string;
  readonly summary: string;
  readonly responses: Readonly<Record<number, JsonObject>>;
  readonly [field: string]: unknown;
}

const schema = (zodSchema: z.core.$ZodType): JsonObject => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(zodSchema, { unrepresentable: 'any' });
  return rest;
};

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const htmlContent = { 'text/html': { schema: { type: 'string' } } };
/** API Gateway's own refusals (the stage throttle, the JWT authorizer) come before any handler, as `{ "message" }`. */
const gatewayContent = { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } };
const retryAfter = { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } };

const problem = (description: string, headers?: JsonObject): JsonObject => ({
  description,
  content: problemContent,
  ...(headers === undefined ? {} : { headers }),
});

/** The public intake routes answer a plain form post (no JavaScript) that they refuse with a page that says what to fix. */
const problemOrPage = (description: string, headers?: JsonObject): JsonObject => ({
  ...problem(description, headers),
  content: { ...problemContent, ...htmlContent },
});

const publicBodyErrors = {
  400: problem('Malformed JSON'),
  413: problem('Body over the limit: 16 KiB of JSON, 128 KiB for a form post (twice the largest valid form); a plain form post gets it as a page'),
  415: problem('Neither JSON nor a form post'),
  422: problemOrPage('A field fails validation (unknown fields included, or a forged or withdrawn department code); `errors` names each one. A plain form post gets the page again, listing what to fix'),
  429: { ...problemOrPage('Too many submissions from this source, or over the stage throttle (then API Gateway\'s `{ "message" }`)', retryAfter), content: { ...problemContent, ...htmlContent, ...gatewayContent } },
};

/** The staff API's bearer token is checked by API Gateway's JWT authorizer first, then by the handler. */
const unauthenticated: JsonObject = {
  description: 'No, an expired or a wrongly signed token: API Gateway\'s authorizer answers `{ "message": "Unauthorized" }`, the handler problem+json',
  headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: '`Bearer`, from the handler' } },
  content: { ...problemContent, ...gatewayContent },
};

/** Every route sits behind the stage throttle; routes that rate-limit by source describe their own 429. */
const throttled: JsonObject = { description: 'Over the stage throttle: API Gateway\'s `{ "message": "Too Many Requests" }`', content: gatewayContent };

const htmlPage = (description: string): JsonObject => ({ description, content: htmlContent });

// The department pages give a browser a device id, which its submissions carry back to the rate limit
// (README, "Rate limits").
const deviceCookieSet: JsonObject = { 'Set-Cookie': { schema: { type: 'string' }, description: 'pf_device: a signed random id (HttpOnly, Secure, SameSite=Lax, a day), when the browser has none' } };
const deviceCookieParameter: JsonObject = { name: 'pf_device', in: 'cookie', required: false, schema: { type: 'string' }, description: 'The device id the page set; without it, a client counts as its address\'s one cookieless device' };

/** The dashboard's query, shared by the page and its CSV export. */
const dashboardParameters: JsonObject[] = [
  { name: 'period', in: 'query', required: false, schema: { type: 'string', enum: ['week', 'month', 'quarter', 'year', 'custom'] }, description: 'The period so far; this month when omitted' },
  { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: 'With period=custom' },
  { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: 'With period=custom' },
  { name: 'site', in: 'query', required: false, schema: { type: 'string' }, description: 'The user\'s first site when omitted' },
  { name: 'department', in: 'query', required: false, schema: { type: 'string' } },
  { name: 'service', in: 'query', required: false, schema: { type: 'string' } },
  { name: 'group', in: 'query', required: false, schema: { type: 'string' }, description: 'A group of sites, each member side by side' },
];

const langParameter: JsonObject = { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['zh-CN', 'en'] }, description: 'Overrides Accept-Language' };

export const operations: Readonly<Record<RouteKey, Operation>> = {
  'GET /s/{code}': {
    operationId: 'getSurveyPage',
    summary: 'The survey page of the department a QR code names',
    parameters: [
      { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: 'What the QR code carries: opaque and signed' },
      langParameter,
    ],
    responses: { 200: { ...htmlPage('The survey form'), headers: deviceCookieSet }, 404: htmlPage('A friendly page: the code is forged, withdrawn or switched off') },
  },
  'POST /v1/surveys': {
    operationId: 'submitSurvey',
    summary: 'One survey response; the same submissionId twice is one response',
    parameters: [deviceCookieParameter],
    requestBody: {
      required: true,
      description: 'JSON, or the page\'s form post without JavaScript, whose nested fields are dotted (`ratings.waiting`, `contact.consent=true`)',
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/SurveySubmission' } },
        'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/SurveySubmission' } },
      },
    },
    responses: {
      202: { description: 'Accepted and queued', content: { 'application/json': { schema: { $ref: '#/components/schemas/SurveyAccepted' } } } },
      200: htmlPage('A plain form post (no JavaScript): the thank-you page'),
      ...publicBodyErrors,
    },
  },
  'GET /v1/health': {
    operationId: 'getHealth',
    summary: 'Whether every part the deployment needs is reachable',
    responses: {
      200: { description: 'Every part is up', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } } } } } },
      503: { description: 'A part is missing; the body names it', content: { 'application/json': { schema: { type: 'object' } } } },
    },
  },
  'POST /v1/complaints': {
    operationId: 'submitComplaint',
    summary: 'A complaint from a patient or family; the same submissionId twice is one complaint with one tracking code',
    parameters: [deviceCookieParameter],
    requestBody: {
      required: true,
      description: 'JSON, or the complaint page\'s form post without JavaScript, whose nested fields are dotted (`contact.name`, `contact.consent=true`)',
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/PatientComplaint' } },
        'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/PatientComplaint' } },
      },
    },
    responses: {
      202: { description: 'Accepted and queued; keep the tracking code', content: { 'application/json': { schema: { $ref: '#/components/schemas/ComplaintAccepted' } } } },
      200: htmlPage('A plain form post (no JavaScript): the confirmation page with the tracking code (a refused one gets its 4xx as a page that lists what to fix)'),
      ...publicBodyErrors,
    },
  },
  'POST /v1/admin/complaints': {
    operationId: 'recordStaffComplaint',
    summary: 'A complaint the office received by phone, letter, opinion box, walk-in, e-mail, a supervisor or a callback; idempotent on submissionId',
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/StaffComplaint' } } } },
    responses: {
      202: { description: 'Accepted and queued', content: { 'application/json': { schema: { $ref: '#/components/schemas/ComplaintAccepted' } } } },
      400: problem('Malformed JSON'), 401: unauthenticated, 403: problem('The role may not enter complaints for this site or department'),
      404: problem('Unknown site or department'), 413: problem('Body over 16 KiB'), 415: problem('Not JSON'), 422: problem('A field fails validation'),
    },
  },
  'GET /v1/complaints/track/{trackingCode}': {
    operationId: 'trackComplaint',
    summary: 'Where a complaint stands: status, received date and due date; no personal data',
    parameters: [{ name: 'trackingCode', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$' } }],
    responses: {
      200: { description: 'The complaint\'s status', content: { 'application/json': { schema: { $ref: '#/components/schemas/TrackedComplaint' } } } },
      404: problem('No complaint has this tracking code'),
      429: { ...problem('Too many look-ups from this source, or over the stage throttle (then API Gateway\'s `{ "message" }`)', retryAfter), content: { ...problemContent, ...gatewayContent } },
    },
  },
  'GET /c/{code}': {
    operationId: 'getComplaintPage',
    summary: 'The complaint page of the department a survey code names (the same code as /s/{code})',
    parameters: [
      { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: 'The department\'s survey code: opaque and signed' },
      langParameter,
    ],
    responses: { 200: { ...htmlPage('The complaint form; it posts to POST /v1/complaints'), headers: deviceCookieSet }, 404: htmlPage('A friendly page: the code is forged, withdrawn or switched off') },
  },
  'GET /t': {
    operationId: 'getTrackingPage',
    summary: 'The tracking page: a form to type a tracking code in, or with `code` the complaint\'s status as GET /t/{trackingCode} shows it',
    parameters: [{ name: 'code', in: 'query', required: false, schema: { type: 'string' }, description: 'A tracking code, dashes and case optional' }, langParameter],
    responses: {
      200: htmlPage('The form, or the complaint\'s status in words'),
      404: htmlPage('A friendly page: no complaint has this code; the form again'),
      429: { description: 'Too many look-ups from this source (the form again), or over the stage throttle (then API Gateway\'s `{ "message" }`)', headers: retryAfter, content: { ...htmlContent, ...gatewayContent } },
    },
  },
  'GET /t/{trackingCode}': {
    operationId: 'getComplaintStatusPage',
    summary: 'Where a complaint stands, as a page: status in words, received date and due date; no personal data',
    parameters: [{ name: 'trackingCode', in: 'path', required: true, schema: { type: 'string' }, description: 'XXXX-XXXX-XXXX-XXXX; dashes and case optional' }, langParameter],
    responses: {
      200: htmlPage('The complaint\'s status'),
      404: htmlPage('A friendly page: no complaint has this code; a form to type it again'),
      429: { description: 'Too many look-ups from this source, or over the stage throttle (then API Gateway\'s `{ "message" }`)', headers: retryAfter, content: { ...htmlContent, ...gatewayContent } },
    },
  },
  'GET /v1/admin/metrics': {
    operationId: 'getMetrics',
    summary: 'The figures of a site or one department over a period (managers, the complaint office, responders for their departments)',
    parameters: [
      { name: 'site', in: 'query', required: true, schema: { type: 'string' } },
      { name: 'department', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
      { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
    ],
    responses: {
      200: { description: 'Responses, counts per option, share positive, means, waits within 15 minutes; null rates below the minimum sample', content: { 'application/json': { schema: { type: 'object' } } } },
      401: unauthenticated,
      403: problem('The role may not read figures'),
      404: problem('A site or department outside the caller\'s scope, or unknown'),
      422: problem('A query parameter fails validation'),
    },
  },
  'GET /v1/admin/complaints': {
    operationId: 'listComplaints',
    summary: 'The complaint inbox: a site\'s complaints, soonest due first; responders see their departments\' only',
    parameters: ['site', 'status', 'department', 'owner', 'overdue', 'limit', 'cursor'].map((name) => ({ name, in: 'query', required: name === 'site', schema: { type: 'string' } })),
    responses: { 200: { description: '`{ items, cursor? }`', content: { 'application/json': { schema: { type: 'object' } } } }, 401: unauthenticated, 403: problem('The role may not read complaints'), 404: problem('Outside the caller\'s scope'), 422: problem('A query parameter fails validation') },
  },
  'GET /v1/admin/complaints/{id}': {
    operationId: 'getComplaint',
    summary: 'One complaint with its history; the ETag is its version',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    responses: { 200: { description: '`{ complaint, history }`', content: { 'application/json': { schema: { type: 'object' } } } }, 401: unauthenticated, 403: problem('The role may not read complaints'), 404: problem('Unknown, or outside the caller\'s departments') },
  },
  'PATCH /v1/admin/complaints/{id}': {
    operationId: 'changeComplaint',
    summary: 'Change owner, handler, status, category, severity, response, outcome; If-Match the version read',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } }],
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ComplaintChange' } } } },
    responses: {
      200: { description: 'The changed complaint; the new ETag', content: { 'application/json': { schema: { type: 'object' } } } },
      400: problem('Malformed JSON'), 401: unauthenticated, 403: problem('The role may not make this change'), 404: problem('Unknown, or outside the caller\'s departments'),
      409: problem('Changed since the version in If-Match'), 413: problem('Body over 16 KiB'), 422: problem('A change the rules refuse (e.g. closing without an outcome)'), 428: problem('If-Match missing'),
    },
  },
  'GET /admin': {
    operationId: 'getDashboardPage',
    summary: 'The managers\' dashboard (session cookie): the report of a scope and period with charts; without a session, a redirect to sign-in',
    parameters: dashboardParameters,
    responses: { 200: htmlPage('The dashboard'), 302: { description: 'To /admin/sign-in' }, 400: htmlPage('A filter that is not valid'), 404: htmlPage('A scope outside the user\'s') },
  },
  'GET /admin/export.csv': {
    operationId: 'getDashboardCsv',
    summary: 'What the dashboard shows for the same query, as CSV (UTF-8 with a byte-order mark)',
    parameters: dashboardParameters,
    responses: { 200: { description: 'The CSV file', content: { 'text/csv': { schema: { type: 'string' } } } }, 302: { description: 'To /admin/sign-in' }, 404: htmlPage('A scope outside the user\'s') },
  },
  'GET /admin/digests': { operationId: 'getDigestSettingsPage', summary: 'Which digests the user receives (weekly, monthly, both, none) and a preview', responses: { 200: htmlPage('The digest settings'), 302: { description: 'To /admin/sign-in' } } },
  'POST /admin/digests': { operationId: 'saveDigestSettings', summary: 'Saves the user\'s digest choice (form post with the CSRF token)', responses: { 303: { description: 'Back to /admin/digests' }, 422: htmlPage('A choice that is not valid') } },
  'GET /digests/unsubscribe': { operationId: 'getUnsubscribePage', summary: 'The signed link in every digest: a page with one button to stop the digests', parameters: [{ name: 't', in: 'query', required: true, schema: { type: 'string' } }], responses: { 200: htmlPage('Confirm'), 404: htmlPage('A link that is not valid') } },
  'POST /digests/unsubscribe': { operationId: 'unsubscribeDigest', summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post) or the page\'s button', parameters: [{ name: 't', in: 'query', required: true, schema: { type: 'string' } }], responses: { 200: htmlPage('Unsubscribed'), 404: htmlPage('A link that is not valid') } },
  'GET /v1/admin/users': {
    operationId: 'listUsers',
    summary: 'Staff accounts of the admin\'s sites (the admin)',
    parameters: [{ name: 'site', in: 'query', required: false, schema: { type: 'string' }, description: 'Only this site\'s accounts' }],
    responses: { 200: { description: '`{ items }`', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: schema(StaffAccountViewSchema) } } } } } }, 401: unauthenticated, 403: problem('Not the admin role'), 404: problem('A site outside the admin\'s') },
  },
  'POST /v1/admin/users': {
    operationId: 'createUser',
    summary: 'Creates a staff account: locally with its first password; in AWS Cognito mails the invitation. Audited',
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewUser' } } } },
    responses: { 201: { description: '`{ user }`', content: { 'application/json': { schema: { type: 'object' } } } }, 400: problem('Malformed JSON'), 401: unauthenticated, 403: problem('Not the admin role'), 404: problem('A site outside the admin\'s'), 422: problem('A field fails validation (a taken username, an unknown department, a weak password)') },
  },
  'PATCH /v1/admin/users/{username}': {
    operationId: 'changeUser',
    summary: 'Changes role, sites, departments, name, e-mail, enabled; resets a password (local) or the second factor (Cognito). Nobody changes their own role; the last admin stays. Audited',
    parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/UserChange' } } } },
    responses: { 200: { description: '`{ user }`', content: { 'application/json': { schema: { type: 'object' } } } }, 400: problem('Malformed JSON'), 401: unauthenticated, 403: problem('Not the admin role, or the admin\'s own role or account'), 404: problem('Unknown, or an account of another site'), 422: problem('A field fails validation, or the last admin would be lost') },
  },
  'GET /v1/admin/audit': {
    operationId: 'readAuditTrail',
    summary: 'One site\'s audit trail (`site`, the caller\'s first by default), newest first (office head, admin); never case content or contact details; the reading is itself audited. `format=csv` for the whole range as CSV',
    parameters: ['site', 'actor', 'action', 'case', 'from', 'to', 'cursor', 'limit', 'format'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
    responses: { 200: { description: '`{ items, cursor? }`, or text/csv', content: { 'application/json': { schema: schema(AuditPageSchema) }, 'text/csv': { schema: { type: 'string' } } } }, 401: unauthenticated, 403: problem('Neither office head nor admin'), 404: problem('A site outside the caller\'s, or a case filter naming a case that is unknown or of another site'), 422: problem('A query parameter fails validation (a range over 366 days, a cursor this API did not give)') },
  },
  'GET /v1/admin/sites/{site}/settings': {
    operationId: 'getSiteSettings',
    summary: 'A site\'s settings: site, departments, complaint office (rota, routing, limits, calendar, contacts); the ETag is their version',
    parameters: [{ name: 'site', in: 'path', required: true, schema: { type: 'string' } }],
    responses: { 200: { description: 'The settings', content: { 'application/json': { schema: schema(SiteSettingsDocumentSchema) } } }, 401: unauthenticated, 403: problem('Neither office head nor admin'), 404: problem('Unknown, or a site outside the caller\'s') },
  },
  'PUT /v1/admin/sites/{site}/settings': {
    operationId: 'replaceSiteSettings',
    summary: 'Replaces a site\'s settings with If-Match the version read; a calendar that now covers a year makes provisional due dates final. Audited',
    parameters: [{ name: 'site', in: 'path', required: true, schema: { type: 'string' } }, { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } }],
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/SiteSettings' } } } },
    responses: {
      200: { description: 'The settings saved, their new ETag, and `settledDueDates`', content: { 'application/json': { schema: { type: 'object' } } } },
      400: problem('Malformed JSON'), 401: unauthenticated, 403: problem('Neither office head nor admin'), 404: problem('Unknown, or a site outside the caller\'s'),
      412: problem('The settings changed since the version in If-Match'), 413: problem('Body over 256 KiB'), 422: problem('A field fails validation; `errors` names each (a routing rule\'s unknown department, an implausible year of holidays)'), 428: problem('If-Match missing'),
    },
  },
  'GET /admin/users': { operationId: 'getUsersPage', summary: 'Staff accounts and the form for a new one (admin)', responses: { 200: htmlPage('The accounts'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('Not the admin role') } },
  'POST /admin/users': { operationId: 'submitNewUserForm', summary: 'Creates an account as POST /v1/admin/users does', requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } }, responses: { 303: { description: 'Created: to the account' }, 403: htmlPage('Bad CSRF token or origin, or not the admin role'), 422: htmlPage('The form again, with each problem beside its field') } },
  'GET /admin/users/{username}': { operationId: 'getUserPage', summary: 'One account and its change form', parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: htmlPage('The account'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('Not the admin role'), 404: htmlPage('Unknown, or of another site') } },
  'POST /admin/users/{username}': { operationId: 'submitUserChangeForm', summary: 'Changes the account as PATCH /v1/admin/users/{username} does', parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } }, responses: { 303: { description: 'Saved: back to the account' }, 403: htmlPage('Bad CSRF token or origin, the admin\'s own role, or not the admin role'), 404: htmlPage('Unknown, or of another site'), 422: htmlPage('The form again, with the problem') } },
  'GET /admin/audit': { operationId: 'getAuditPage', summary: 'The audit trail with its filters, a page at a time (office head, admin); the reading is audited', responses: { 200: htmlPage('The trail'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('Neither office head nor admin'), 422: htmlPage('A filter fails validation') } },
  'GET /admin/audit.csv': { operationId: 'exportAuditCsv', summary: 'The filtered audit trail as CSV (UTF-8 with BOM); audited', responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('Neither office head nor admin') } },
  'GET /admin/site': { operationId: 'getSiteSettingsPage', summary: 'The site\'s settings form, with the rota preview (`at`); office head, admin', responses: { 200: htmlPage('The settings'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('Neither office head nor admin') } },
  'POST /admin/site': { operationId: 'submitSiteSettingsForm', summary: 'Saves the settings form as PUT /v1/admin/sites/{site}/settings does, with the version it was rendered from', requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } }, responses: { 303: { description: 'Saved' }, 403: htmlPage('Bad CSRF token or origin, or the role'), 409: htmlPage('Changed since the page was read: the current settings'), 422: htmlPage('The form again, with each problem beside its field') } },
  'GET /admin/posters': { operationId: 'getPostersPage', summary: 'Every department\'s posters to download and its codes to revoke (office head, admin)', responses: { 200: htmlPage('The departments'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('Neither office head nor admin'), 404: htmlPage('A site outside the caller\'s') } },
  'POST /admin/posters': { operationId: 'submitRevokeCodesForm', summary: 'Revokes a department\'s codes as `npm run qr -- --revoke` does (`department`, `confirm=yes`); audited', requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } }, responses: { 303: { description: 'Revoked: back to the posters page' }, 403: htmlPage('Bad CSRF token or origin, or the role'), 404: htmlPage('Unknown department, or a site outside the caller\'s'), 422: htmlPage('Not confirmed') } },
  'GET /admin/posters/{department}': {
    operationId: 'downloadPoster', summary: 'A department\'s current A5 poster (`page=survey|complaint`, `format=pdf|png|svg`), as `npm run qr -- --out` writes it; audited',
    parameters: [{ name: 'department', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      200: { description: 'The poster', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } }, 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/svg+xml': { schema: { type: 'string' } } } },
      302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('Neither office head nor admin'), 404: htmlPage('Unknown department, page or format, or a site outside the caller\'s'),
    },
  },
  'GET /admin/sign-in': { operationId: 'startSignIn', summary: 'Starts the hosted sign-in (authorization code with PKCE)', responses: { 302: { description: 'To the hosted sign-in' } } },
  'GET /admin/callback': { operationId: 'finishSignIn', summary: 'Where the hosted sign-in returns; sets the HttpOnly, Secure, SameSite=Strict session cookie', responses: { 200: htmlPage('Continues to /admin'), 400: htmlPage('State or code refused'), 401: problem('The token the sign-in returned fails verification') } },
  'GET /admin/signed-out': { operationId: 'getSignedOutPage', summary: 'After sign-out', responses: { 200: htmlPage('Signed out') } },
  'GET /admin/complaints': {
    operationId: 'getInboxPage',
    summary: 'The complaint inbox page for one of the user\'s sites: open cases soonest due first, open safety signals pinned on top; responders see their departments\' only',
    parameters: [
      { name: 'site', in: 'query', required: false, schema: { type: 'string' }, description: 'The user\'s first site when omitted' },
      { name: 'status', in: 'query', required: false, schema: { type: 'string' }, description: 'Every open case when omitted' },
      { name: 'mine', in: 'query', required: false, schema: { type: 'string', enum: ['1'] }, description: 'Only the cases the user owns' },
      { name: 'overdue', in: 'query', required: false, schema: { type: 'string', enum: ['1'] }, description: 'Only open cases past their due date' },
      { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'The next page, as the page links it' },
    ],
    responses: { 200: htmlPage('The inbox'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('The role does not read complaints'), 404: htmlPage('A site outside the user\'s') },
  },
  'GET /admin/complaints/new': {
    operationId: 'getNewComplaintForm',
    summary: 'The office\'s form for a complaint received by phone, letter, opinion box, walk-in, e-mail, a supervisor or a callback; carries a fresh submissionId',
    responses: { 200: htmlPage('The form'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('The role does not enter complaints') },
  },
  'POST /admin/complaints/new': {
    operationId: 'submitNewComplaintForm',
    summary: 'Records the form\'s complaint as POST /v1/admin/complaints does (queued; the same submissionId twice is one complaint)',
    requestBody: { required: true, description: 'The form\'s fields, with `csrf`; `place` is `site/department`; times are the site\'s wall clock', content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
    responses: {
      200: htmlPage('Recorded: the tracking code'), 302: { description: 'No session: to /admin/sign-in' },
      403: htmlPage('A bad CSRF token or origin, or a role that does not enter complaints'), 413: problem('Body over 128 KiB'), 422: htmlPage('The form again, with each problem beside its field and the values kept'),
    },
  },
  'GET /admin/complaints/{id}': {
    operationId: 'getCasePage',
    summary: 'One case: safety banner, details, why it was classified so, contact details (office only), history, and the change form',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'saved', in: 'query', required: false, schema: { type: 'string', enum: ['1'] } }],
    responses: { 200: htmlPage('The case'), 302: { description: 'No session: to /admin/sign-in' }, 404: htmlPage('Unknown, or outside the user\'s departments') },
  },
  'POST /admin/complaints/{id}': {
    operationId: 'submitCaseChangeForm',
    summary: 'Changes the case as PATCH /v1/admin/complaints/{id} does, with the version the page was rendered from as its If-Match',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    requestBody: { required: true, description: 'The ComplaintChange fields (empty means no change), `version` and `csrf`', content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
    responses: {
      303: { description: 'Saved: to the case page' }, 302: { description: 'No session: to /admin/sign-in' },
      403: htmlPage('A bad CSRF token or origin, a role that may not change cases, or a field the role may not set'), 404: htmlPage('Unknown, or outside the user\'s departments'),
      409: htmlPage('Someone changed the case since the page was rendered: the current case, nothing changed'), 413: problem('Body over 128 KiB'), 422: htmlPage('A change the rules refuse: the case with the problem and the entered values'),
    },
  },
  'GET /admin/comments': {
    operationId: 'getCommentsPage',
    summary: 'The complaint office\'s comments to read (survey comments, complaints, callback notes), oldest first, the harmless ones ticked',
    parameters: [
      { name: 'site', in: 'query', required: false, schema: { type: 'string' }, description: 'The user\'s first site when omitted' },
      { name: 'done', in: 'query', required: false, schema: { type: 'string', enum: ['read', 'confirmed', 'dismissed', 'already'] }, description: 'What the last post did, shown as a notice' },
    ],
    responses: { 200: htmlPage('The comments to read'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('The role does not handle complaints'), 404: htmlPage('A site outside the user\'s, or a department responder') },
  },
  'POST /admin/comments': {
    operationId: 'submitCommentsForm',
    summary: 'Marks the ticked comments read (`id`, repeated), or confirms or dismisses one possible safety signal (`confirm` or `dismiss` = its id); a confirmed signal raises its case to critical or opens one',
    requestBody: { required: true, description: '`site`, `csrf`, `back` (inbox or comments), and `id`, `confirm` or `dismiss`', content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
    responses: {
      303: { description: 'Done: back to the inbox or the comments, with a notice' }, 302: { description: 'No session: to /admin/sign-in' },
      403: htmlPage('A bad CSRF token or origin, or a role that does not handle complaints'), 404: htmlPage('A site or comment outside the user\'s'), 413: problem('Body over 128 KiB'),
    },
  },
  'POST /admin/sign-out': {
    operationId: 'signOut',
    summary: 'Ends the session (form with CSRF token)',
    requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { csrf: { type: 'string' } } } } } },
    responses: { 302: { description: 'To the hosted sign-in\'s logout' }, 403: htmlPage('No session, or a bad CSRF token or origin'), 413: problem('Body over 16 KiB') },
  },
  'POST /v1/discharges': {
    operationId: 'postDischarges',
    summary: 'Up to 500 discharged patients due a call (the HIS, callback staff, the office); each stored once per site and dischargeId, a correction only when marked `correction: true`',
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/DischargeBatch' } } } },
    responses: {
      202: { description: 'Good rows queued; bad rows named by index and field', content: { 'application/json': { schema: { $ref: '#/components/schemas/DischargesAccepted' } } } },
      400: problem('Malformed JSON'), 401: unauthenticated, 403: problem('The role or scope may not post discharges'),
      404: problem('A site outside the caller\'s'), 413: problem('Body over 256 KiB'), 415: problem('Not JSON'), 422: problem('Not a batch: batchId, siteId, discharges (1 to 500)'),
    },
  },
  'POST /v1/callbacks': {
    operationId: 'postCallback',
    summary: 'One call attempt\'s outcome (callback staff, the call centre, the office); idempotent on submissionId; a reached patient\'s issues become complaints on channel callback',
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CallbackSubmission' } } } },
    responses: {
      202: { description: 'Accepted and queued', content: { 'application/json': { schema: { $ref: '#/components/schemas/CallbackAccepted' } } } },
      400: problem('Malformed JSON'), 401: unauthenticated, 403: problem('The role or scope may not record calls'),
      404: problem('Unknown call, or outside the caller\'s departments'), 409: problem('Another caller has taken the call: the detail names them'),
      413: problem('Body over 16 KiB'), 415: problem('Not JSON'), 422: problem('A field fails validation, or the call is closed already'),
    },
  },
  'GET /v1/admin/callbacks': {
    operationId: 'listCallbacks',
    summary: 'The calls due, soonest first: callback staff their departments\', the office every department\'s and the follow-up calls of key complaints; names with masked phone numbers',
    parameters: [
      { name: 'site', in: 'query', required: true, schema: { type: 'string' } },
      { name: 'department', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['due', 'attempted', 'done'] }, description: 'Every open call (due and attempted) when omitted' },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
      { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
    ],
    responses: {
      200: { description: '`{ items, cursor? }`', content: { 'application/json': { schema: { type: 'object' } } } },
      401: unauthenticated, 403: problem('The role may not read calls'), 404: problem('A site or department outside the caller\'s'), 422: problem('A query parameter fails validation'),
    },
  },
  'GET /admin/callbacks': {
    operationId: 'getCallbackWorklistPage',
    summary: 'The callback worklist page: calls due soonest first, names, masked numbers; the CSV upload of discharges',
    parameters: [
      { name: 'site', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'department', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
    ],
    responses: { 200: htmlPage('The worklist'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('The role does not make calls'), 404: htmlPage('A site outside the user\'s') },
  },
  'POST /admin/callbacks/upload': {
    operationId: 'uploadDischargesPage',
    summary: 'The CSV upload of discharges (multipart/form-data with the CSRF token): good rows taken, bad rows named by row and field',
    requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { csrf: { type: 'string' }, site: { type: 'string' }, file: { type: 'string', format: 'binary' } } } } } },
    responses: { 200: htmlPage('What was taken and what was refused'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('A bad CSRF token or origin, or a role that may not post discharges'), 413: problem('Body over 2 MiB'), 422: htmlPage('Not a CSV file with the expected header') },
  },
  'GET /admin/callbacks/{id}': {
    operationId: 'getCallPage',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: '`discharge:<dischargeId>` or `complaint:<complaintId>`' }],
    summary: 'One call: the patient, the number (in full only to the caller who pressed "call"), the attempts so far, the form to record an attempt',
    responses: { 200: htmlPage('The call'), 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('The role does not make calls'), 404: htmlPage('Unknown, or outside the user\'s departments') },
  },
  'POST /admin/callbacks/{id}': {
    operationId: 'recordCallPage',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: '`discharge:<dischargeId>` or `complaint:<complaintId>`' }],
    summary: 'Records an attempt from the call form (with the CSRF token and the version it was rendered from)',
    requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { csrf: { type: 'string' }, submissionId: { type: 'string' }, version: { type: 'string' }, outcome: { type: 'string', enum: [...CALL_OUTCOMES] } } } } } },
    responses: {
      303: { description: 'Recorded: to the worklist (or the complaint, for a patient not satisfied with a follow-up)' }, 302: { description: 'No session: to /admin/sign-in' },
      403: htmlPage('A bad CSRF token or origin, or a role that may not record calls'), 404: htmlPage('Unknown, or outside the user\'s departments'),
      409: htmlPage('Someone else holds the call, or recorded an attempt since the page was rendered'), 413: problem('Body over 128 KiB'), 422: htmlPage('A field fails validation: the form again with the problems'),
    },
  },
  'POST /admin/callbacks/{id}/call': {
    operationId: 'takeCallPage',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: '`discharge:<dischargeId>` or `complaint:<complaintId>`' }],
    summary: '"Call": takes the call for the user (the second caller is told who has it) and shows the number; every reveal is audited',
    responses: { 303: { description: 'To the call page, number shown' }, 302: { description: 'No session: to /admin/sign-in' }, 403: htmlPage('A bad CSRF token or origin'), 404: htmlPage('Unknown, or outside the user\'s departments'), 409: htmlPage('Someone else holds the call: the page names them') },
  },
  'POST /admin/callbacks/{id}/correct': {
    operationId: 'correctCallPage',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: '`discharge:<dischargeId>`' }],
    summary: 'A correction from the call page: a new phone number, or doNotCall (the call leaves the worklist, counted declined once); recorded in the history and audited',
    requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { csrf: { type: 'string' }, version: { type: 'string' }, phone: { type: 'string' }, doNotCall: { type: 'string', enum: ['true'] } } } } } },
    responses: {
      303: { description: 'Corrected: to the call (a new number) or the worklist (do not call)' }, 200: htmlPage('Nothing changed (the same number)'), 302: { description: 'No session: to /admin/sign-in' },
      403: htmlPage('A bad CSRF token or origin, or a role that may not make calls'), 404: htmlPage('Unknown, not a discharge call, or outside the user\'s departments'),
      409: htmlPage('The call changed since the page was rendered'), 413: problem('Body over 128 KiB'), 422: htmlPage('Not a phone number, or nothing to correct; or the call is closed'),
    },
  },
  'GET /v1/openapi.json': {
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
  },
};

export function buildOpenApiDocument(): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of ROUTES) {
    const operation = operations[route.key];
    const security = route.access === 'staff' || route.access === 'integration' ? [{ bearer: [] }] : route.access === 'staff-page' ? [{ session: [] }] : [];
    const responses = { ...operation.responses, 429: operation.responses[429] ?? throttled };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: { ...operation, responses, security } };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Patient feedback', version: '1.0.0', description: 'Patient-facing and integration API. Times are ISO-8601 with offset; ids are opaque.' },
    // Relative: the document is served by the deployment it describes (locally, the same paths on 127.0.0.1).
    servers: [{ url: '/', description: 'The deployment that serves this document' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A staff ID token, or a machine client access token (client credentials)' },
        session: { type: 'apiKey', in: 'cookie', name: 'pf_session', description: 'Set by the admin sign-in; HttpOnly, Secure, SameSite=Strict' },
      },
      schemas: {
        SurveySubmission: schema(SurveySubmissionSchema),
        SurveyAccepted: schema(SurveyAcceptedSchema),
        Problem: schema(ProblemSchema),
        TrackedComplaint: schema(TrackedComplaintSchema),
        ComplaintChange: schema(ComplaintChangeSchema),
        NewUser: schema(NewUserSchema),
        UserChange: schema(UserChangeSchema),
        SiteSettings: schema(SiteSettingsSchema),
        PatientComplaint: schema(PatientComplaintSchema),
        StaffComplaint: schema(StaffComplaintSchema),
        ComplaintAccepted: schema(ComplaintAcceptedSchema),
        DischargeBatch: schema(z.extend(DischargeBatchSchema, { discharges: z.array(DischargeSchema).check(z.minLength(1), z.maxLength(MAX_DISCHARGES_PER_BATCH)) })),
        DischargesAccepted: schema(DischargesAcceptedSchema),
        CallbackSubmission: schema(CallbackSubmissionSchema),
        CallbackAccepted: schema(CallbackAcceptedSchema),
        GatewayMessage: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'], description: 'What API Gateway itself answers, before any handler runs' },
      },
    },
  };
}
