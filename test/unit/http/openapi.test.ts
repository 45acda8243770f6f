import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { routes } from '../../../infra/topology.ts';
import { buildOpenApiDocument, operations } from '../../../shared/http/openapi.ts';
import { ROUTES } from '../../../shared/http/routes.ts';

const Operation = z.object({ operationId: z.string(), responses: z.record(z.string(), z.unknown()) });

describe('the OpenAPI document', () => {
  const document = z.object({
    paths: z.record(z.string(), z.record(z.string(), Operation)),
    components: z.object({
      schemas: z.record(z.string(), z.object({
        required: z.array(z.string()).optional(),
        additionalProperties: z.boolean().optional(),
        properties: z.record(z.string(), z.unknown()).optional(),
      })),
    }),
  }).parse(buildOpenApiDocument());
  const operationOf = (route: { path: string; method: string }) => document.paths[route.path]?.[route.method.toLowerCase()];

  it('describes every route of the contract, which the topology serves, and nothing else', () => {
    expect(Object.keys(operations).sort()).toEqual(routes.map((route) => route.key).sort());
    expect(ROUTES.map((route) => route.key).sort()).toEqual(routes.map((route) => route.key).sort());
    for (const route of routes) expect(operationOf(route)).toBeDefined();
  });

  it('carries the survey schema as the handlers parse it: unknown fields refused, required fields listed', () => {
    const submission = document.components.schemas.SurveySubmission;
    expect(submission?.additionalProperties).toBe(false);
    expect(submission?.required?.sort()).toEqual(['code', 'overall', 'submissionId']);
    expect(submission?.properties?.overall).toEqual({ type: 'string', enum: ['very_good', 'good', 'neither', 'poor', 'very_poor', 'dont_know'] });
  });

  // A client generated from the document names its methods by operationId: a rename breaks every
  // integrator's build, so the published names are pinned here, not derived.
  it('gives every operation its published operationId, camelCase and unique', () => {
    const ids = Object.fromEntries(ROUTES.map((route) => [route.key, operationOf(route)?.operationId]));
    expect(ids).toEqual({
      'GET /s/{code}': 'getSurveyPage',
      'POST /v1/surveys': 'submitSurvey',
      'GET /v1/health': 'getHealth',
      'GET /v1/openapi.json': 'getOpenApiDocument',
      'POST /v1/complaints': 'submitComplaint',
      'GET /v1/complaints/track/{trackingCode}': 'trackComplaint',
      'GET /c/{code}': 'getComplaintPage',
      'GET /t': 'getTrackingPage',
      'GET /t/{trackingCode}': 'getComplaintStatusPage',
      'GET /v1/admin/metrics': 'getMetrics',
      'POST /v1/admin/complaints': 'recordStaffComplaint',
      'GET /v1/admin/complaints': 'listComplaints',
      'GET /v1/admin/complaints/{id}': 'getComplaint',
      'PATCH /v1/admin/complaints/{id}': 'changeComplaint',
      'GET /admin': 'getDashboardPage',
      'GET /admin/export.csv': 'getDashboardCsv',
      'GET /admin/digests': 'getDigestSettingsPage',
      'POST /admin/digests': 'saveDigestSettings',
      'GET /digests/unsubscribe': 'getUnsubscribePage',
      'POST /digests/unsubscribe': 'unsubscribeDigest',
      'GET /admin/sign-in': 'startSignIn',
      'GET /admin/callback': 'finishSignIn',
      'GET /admin/signed-out': 'getSignedOutPage',
      'POST /admin/sign-out': 'signOut',
      'GET /admin/complaints': 'getInboxPage',
      'GET /admin/complaints/new': 'getNewComplaintForm',
      'POST /admin/complaints/new': 'submitNewComplaintForm',
      'GET /admin/complaints/{id}': 'getCasePage',
      'POST /admin/complaints/{id}': 'submitCaseChangeForm',
      'POST /v1/discharges': 'postDischarges',
      'POST /v1/callbacks': 'postCallback',
      'GET /v1/admin/callbacks': 'listCallbacks',
      'GET /admin/callbacks': 'getCallbackWorklistPage',
      'POST /admin/callbacks/upload': 'uploadDischargesPage',
      'GET /admin/callbacks/{id}': 'getCallPage',
      'POST /admin/callbacks/{id}': 'recordCallPage',
      'POST /admin/callbacks/{id}/call': 'takeCallPage',
      'POST /admin/callbacks/{id}/correct': 'correctCallPage',
      'GET /admin/comments': 'getCommentsPage',
      'POST /admin/comments': 'submitCommentsForm',
      'GET /v1/admin/users': 'listUsers',
      'POST /v1/admin/users': 'createUser',
      'PATCH /v1/admin/users/{username}': 'changeUser',
      'GET /v1/admin/audit': 'readAuditTrail',
      'GET /v1/admin/sites/{site}/settings': 'getSiteSettings',
      'PUT /v1/admin/sites/{site}/settings': 'replaceSiteSettings',
      'GET /admin/users': 'getUsersPage',
      'POST /admin/users': 'submitNewUserForm',
      'GET /admin/users/{username}': 'getUserPage',
      'POST /admin/users/{username}': 'submitUserChangeForm',
      'GET /admin/audit': 'getAuditPage',
      'GET /admin/audit.csv': 'exportAuditCsv',
      'GET /admin/site': 'getSiteSettingsPage',
      'POST /admin/site': 'submitSiteSettingsForm',
      'GET /admin/posters': 'getPostersPage',
      'POST /admin/posters': 'submitRevokeCodesForm',
      'GET /admin/posters/{department}': 'downloadPoster',
    });
    const all = Object.values(ids);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('lists the 4xx answers each kind of route gives: every route the stage throttle, staff routes 401/403/404, bodies 413/422', () => {
    const statusesOf = (key: string) => {
      const route = ROUTES.find((r) => r.key === key);
      return Object.keys(route === undefined ? {} : operationOf(route)?.responses ?? {}).filter((status) => status.startsWith('4'));
    };
    for (const route of ROUTES) expect(statusesOf(route.key), route.key).toContain('429');
    for (const route of ROUTES.filter((r) => r.access === 'staff')) expect(statusesOf(route.key), route.key).toEqual(expect.arrayContaining(['401', '403', '404']));
    expect(statusesOf('POST /v1/surveys')).toEqual(['400', '413', '415', '422', '429']);
    expect(statusesOf('POST /v1/complaints')).toEqual(['400', '413', '415', '422', '429']);
    expect(statusesOf('POST /v1/admin/complaints')).toEqual(['400', '401', '403', '404', '413', '415', '422', '429']);
    expect(statusesOf('PATCH /v1/admin/complaints/{id}')).toEqual(['400', '401', '403', '404', '409', '413', '422', '428', '429']);
  });
});

/** The document as GET /v1/openapi.json serves it: JSON, so a checker cannot share objects with the module. */
const served = (document: unknown = buildOpenApiDocument()): Record<string, unknown> => z.record(z.string(), z.unknown()).parse(JSON.parse(JSON.stringify(document)));

async function lint(document: Record<string, unknown>) {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}`);
}

describe('the OpenAPI document, checked as integrators check it', { timeout: 30_000 }, () => {
  it('is valid against the OpenAPI 3.1 schema', async () => {
    const result = await new Validator().validate(served());
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('passes Redocly\'s recommended rules with no error; the warnings left are known and deliberate', async () => {
    const problems = await lint(served());
    expect(problems.filter((p) => p.startsWith('error'))).toEqual([]);
    expect(problems).toEqual([
      // The API is a hospital's own, under no public licence; naming one would mislead.
      'warn info-license #/info',
      // These answer only a redirect: to the saved digest choice, to the hosted sign-in, to its logout, to the saved case and to the comment lists (303, so a reload does not post again).
      'warn operation-2xx-response #/paths/~1admin~1digests/post/responses',
      'warn operation-2xx-response #/paths/~1admin~1sign-in/get/responses',
      'warn operation-2xx-response #/paths/~1admin~1sign-out/post/responses',
      'warn operation-2xx-response #/paths/~1admin~1complaints~1{id}/post/responses',
      'warn operation-2xx-response #/paths/~1admin~1callbacks~1{id}/post/responses',
      'warn operation-2xx-response #/paths/~1admin~1callbacks~1{id}~1call/post/responses',
      'warn operation-2xx-response #/paths/~1admin~1comments/post/responses',
      // The admin pages' forms likewise answer a saved change with 303 to the page.
      'warn operation-2xx-response #/paths/~1admin~1users/post/responses',
      'warn operation-2xx-response #/paths/~1admin~1users~1{username}/post/responses',
      'warn operation-2xx-response #/paths/~1admin~1site/post/responses',
      'warn operation-2xx-response #/paths/~1admin~1posters/post/responses',
    ]);
  });

  it('would fail on the faults the issue found (a control: a description inside a media type, no servers)', async () => {
    const requestBody = { content: { 'application/json': { schema: {}, description: 'not allowed here' } } };
    const broken = served({ ...buildOpenApiDocument(), servers: undefined, paths: { '/v1/surveys': { post: { ...operations['POST /v1/surveys'], requestBody, security: [] } } } });
    expect((await new Validator().validate(broken)).valid).toBe(false);
    expect((await lint(broken)).filter((p) => p.startsWith('error'))).toEqual([
      'error no-empty-servers #/openapi',
      'error struct #/paths/~1v1~1surveys/post/requestBody/content/application~1json/description',
    ]);
  });
});
