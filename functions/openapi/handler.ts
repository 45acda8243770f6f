import { httpFunction, json } from '../../shared/http/middleware.ts';
import { buildOpenApiDocument } from '../../shared/http/openapi.ts';

const document = buildOpenApiDocument();

/** GET /v1/openapi.json: the contract, generated from the same zod schemas the handlers parse with. */
export const handler = httpFunction(() => Promise.resolve(json(200, document, { 'cache-control': 'public, max-age=300' })));
