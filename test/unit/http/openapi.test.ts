import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routes } from '../../../infra/topology.ts';
import { buildOpenApiDocument, operations } from '../../../shared/http/openapi.ts';
import { ROUTES } from '../../../shared/http/routes.ts';

describe('the OpenAPI document', () => {
  const document = z.object({
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.object({
      schemas: z.record(z.string(), z.object({
        required: z.array(z.string()).optional(),
        additionalProperties: z.boolean().optional(),
        properties: z.record(z.string(), z.unknown()).optional(),
      })),
    }),
  }).parse(buildOpenApiDocument());

  it('describes every route of the contract, which the topology serves, and nothing else', () => {
    expect(Object.keys(operations).sort()).toEqual(routes.map((route) => route.key).sort());
    expect(ROUTES.map((route) => route.key).sort()).toEqual(routes.map((route) => route.key).sort());
    for (const route of routes) expect(document.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
  });

  it('carries the survey schema as the handlers parse it: unknown fields refused, required fields listed', () => {
    const submission = document.components.schemas.SurveySubmission;
    expect(submission?.additionalProperties).toBe(false);
    expect(submission?.required?.sort()).toEqual(['code', 'overall', 'submissionId']);
    expect(submission?.properties?.overall).toEqual({ type: 'string', enum: ['very_good', 'good', 'neither', 'poor', 'very_poor', 'dont_know'] });
  });
});
