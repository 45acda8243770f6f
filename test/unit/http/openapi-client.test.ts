import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../shared/http/openapi.ts';

// What a hospital's HIS vendor does with the contract: generate types from the served document with
// openapi-typescript, then write a client against them with openapi-fetch. Both files are compiled in
// memory beside this test (so `openapi-fetch` resolves from the project's node_modules), strictly.

const here = dirname(fileURLToPath(import.meta.url));
const SCHEMA_FILE = join(here, 'generated-client', 'schema.ts');
const CLIENT_FILE = join(here, 'generated-client', 'client.ts');

/** Calls a vendor would write; each `@ts-expect-error` must be a real error, so types that went slack (`any`) fail too. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

const client = createClient<paths, 'application/json' | 'application/problem+json'>({ baseUrl: 'https://feedback.hospital.example' });

export async function submitSurvey(code: string): Promise<string | components['schemas']['Problem']['errors']> {
  const { data, error } = await client.POST('/v1/surveys', {
    body: { submissionId: '0b0f5d1e-8f3a-4f57-9a57-3f2b3c1d2e4f', code, overall: 'good', ratings: { waiting: 4 } },
  });
  // 200 is the page a plain form post gets back; a JSON post gets 202 with the response's id.
  if (data !== undefined) return 'id' in data ? data.id : 'thank-you page';
  // problem+json from the handler, or API Gateway's own { message } when it throttles
  return 'title' in error ? error.errors : error.message;
}

export async function trackComplaint(trackingCode: string): Promise<string | undefined> {
  const { data } = await client.GET('/v1/complaints/track/{trackingCode}', { params: { path: { trackingCode } } });
  return data?.dueDate;
}

export async function closeComplaint(id: string, version: string): Promise<number> {
  const { response } = await client.PATCH('/v1/admin/complaints/{id}', {
    params: { path: { id }, header: { 'If-Match': version } },
    body: { reason: 'Resolved by phone', status: 'closed', outcome: 'substantiated' },
  });
  return response.status;
}

export const answers: operations['submitSurvey']['requestBody']['content']['application/json']['overall'][] = ['very_good', 'dont_know'];

// @ts-expect-error an answer the survey does not offer
export const unknownAnswer: operations['submitSurvey']['requestBody']['content']['application/json']['overall'] = 'excellent';

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error the tracking code is a required path parameter
  await client.GET('/v1/complaints/track/{trackingCode}', {});
  // @ts-expect-error a survey needs its submissionId
  await client.POST('/v1/surveys', { body: { code: 'x', overall: 'good' } });
  // @ts-expect-error no such route
  await client.GET('/v1/surveys/{id}', { params: { path: { id: 'x' } } });
}
`;

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  // The standard library and openapi-fetch are not what is under test; the two generated files are still checked.
  skipLibCheck: true,
  noEmit: true,
};

function compile(files: ReadonlyMap<string, string>): string[] {
  const base = ts.createCompilerHost(options);
  const folders = new Set([...files.keys()].map((name) => dirname(name)));
  const host: ts.CompilerHost = {
    ...base,
    directoryExists: (name) => folders.has(name) || (base.directoryExists?.(name) ?? false),
    fileExists: (name) => files.has(name) || base.fileExists(name),
    readFile: (name) => files.get(name) ?? base.readFile(name),
    getSourceFile: (name, language, ...rest) => {
      const text = files.get(name);
      return text === undefined ? base.getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language, true);
    },
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a typed client generated from the OpenAPI document', () => {
  it('compiles strictly, with an operation per route and the request and answer types of the contract', async () => {
    const schema = astToString(await openapiTS(JSON.stringify(buildOpenApiDocument())));
    expect(schema).toContain('submitSurvey: {');
    expect(compile(new Map([[SCHEMA_FILE, schema], [CLIENT_FILE, CLIENT]]))).toEqual([]);
  }, 60_000); // a whole TypeScript program, with the DOM's fetch types: seconds on a busy machine

});
