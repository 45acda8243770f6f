import { httpFunction, json } from '../../shared/http/middleware.ts';
import { buildOpenApiDocument } from '../../shared/http/openapi.ts';

// Built on the first request, not at import: turning every schema into JSON Schema is most of this
// function's cold start, and it is asked for rarely.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** GET /v1/openapi.json: the contract, generated from the same zod schemas the handlers parse with. */
export const handler = httpFunction(() => Promise.resolve(json(200, document ??= buildOpenApiDocument(), { 'cache-control': 'public, max-age=300' })));
