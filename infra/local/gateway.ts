import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from '../../shared/schemas/zod.ts';
import type { HealthReport } from '../../shared/platform/health.ts';
import { type RouteSpec, routes } from '../topology.ts';
import type { Invoke } from './handlers.ts';

// A thin node:http → API Gateway HTTP API (payload v2) adapter: the routes of the topology, the same
// event shape, the same response rules. No maintained Docker-free library does this. Like API Gateway,
// it answers a request it cannot route with a 4xx, never a 500: a malformed target is 400, an unknown
// route 404, a body over the limit 413 (read to its end first, so the connection stays usable).

const MAX_BODY_BYTES = 10 * 1024 * 1024; // HTTP API's own payload limit

interface CompiledRoute {
  readonly route: RouteSpec;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(route: RouteSpec): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

const compiled = routes.map(compile);

/** The request target as a URL, or undefined when it is not a well-formed path (`/s/%E0%A4%A`, `*`). */
export function requestUrl(target: string): URL | undefined {
  // Prefixing the host keeps `//x` a path rather than an authority; an absolute target is taken as it is.
  const url = target.startsWith('/') ? new URL(`http://local${target}`) : /^https?:\/\//i.test(target) && URL.canParse(target) ? new URL(target) : undefined;
  if (url === undefined) return undefined;
  try {
    decodeURI(url.pathname);
  } catch {
    return undefined;
  }
  return url;
}

/** The route for a well-formed path (see requestUrl), with its parameters decoded. */
export function matchRoute(method: string, path: string): { route: RouteSpec; pathParameters: Record<string, string> } | undefined {
  for (const { route, pattern, names } of compiled) {
    if (route.method !== method) continue;
    const match = pattern.exec(path);
    if (match === null) continue;
    const pathParameters: Record<string, string> = {};
    names.forEach((name, index) => { pathParameters[name] = decodeURIComponent(match[index + 1] ?? ''); });
    return { route, pathParameters };
  }
  return undefined;
}

const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml|problem\+json|[\w.+-]+\+json))/i;

export function toEvent(request: IncomingMessage, url: URL, body: Buffer, routeKey: string, pathParameters: Record<string, string>): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const cookies = request.headers.cookie?.split(';').map((c) => c.trim()).filter((c) => c !== '');
  // A text body that is not UTF-8 goes on as bytes (base64), so the handler sees what was sent, not U+FFFD.
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '') && isUtf8(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies === undefined || cookies.length === 0 ? {} : { cookies }),
    headers,
    ...(Object.keys(query).length === 0 ? {} : { queryStringParameters: query }),
    ...(Object.keys(pathParameters).length === 0 ? {} : { pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.byteLength === 0 ? {} : { body: isText ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body.byteLength > 0 && !isText,
  };
}

const StructuredResultSchema = z.object({
  statusCode: z.int(),
  headers: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  body: z.optional(z.string()),
  isBase64Encoded: z.optional(z.boolean()),
  cookies: z.optional(z.array(z.string())),
});

/** Writes a handler's result the way HTTP API does: a non-structured result is 200 JSON. */
export function writeResult(response: ServerResponse, result: unknown): void {
  // Lambda returns the result as JSON, which drops undefined values (middy unsets headers that way).
  const serialized: unknown = result === undefined ? null : JSON.parse(JSON.stringify(result));
  const parsed = StructuredResultSchema.safeParse(serialized);
  if (!parsed.success) {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(serialized));
    return;
  }
  const { statusCode, headers = {}, body = '', isBase64Encoded = false, cookies = [] } = parsed.data;
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  if (cookies.length > 0) out['set-cookie'] = cookies;
  response.writeHead(statusCode, out).end(Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8'));
}

/** A request's body, or undefined when it passes `limitBytes` (the local servers' one body reader). */
export async function readBody(request: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped: stopping would destroy the socket, and a keep-alive
  // client's next request on it would be reset. (The server's requestTimeout bounds an endless body.)
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.byteLength;
    if (size <= limitBytes) chunks.push(buffer);
  }
  return size > limitBytes ? undefined : Buffer.concat(chunks);
}

function problem(response: ServerResponse, status: number, title: string, detail = title, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/problem+json', ...headers })
    .end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

export interface GatewayTarget {
  /** The handler behind a route; called only once `starting` answers undefined. */
  readonly invoke: (route: RouteSpec) => Invoke;
  /** Health while the stack is starting (every route answers 503 meanwhile), undefined once it has. */
  readonly starting: () => HealthReport | undefined;
}

/** Listens on 127.0.0.1 from the start of the stack, so a caller sees 503 "starting" rather than a refused connection. */
export function startGateway(port: number, target: GatewayTarget): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const url = requestUrl(request.url ?? '/');
      if (url === undefined) return problem(response, 400, 'Bad Request', 'The request path is not well-formed.');
      const matched = matchRoute(request.method ?? 'GET', url.pathname);
      if (matched === undefined) return problem(response, 404, 'Not Found');
      const body = await readBody(request);
      if (body === undefined) return problem(response, 413, 'Request Entity Too Large');
      const { route, pathParameters } = matched;
      const starting = target.starting();
      if (starting !== undefined) {
        const headers = { 'retry-after': '1', 'cache-control': 'no-store' };
        if (route.function !== 'health') return problem(response, 503, 'Service Unavailable', `Still starting: ${(starting.missing ?? []).join(', ')}.`, headers);
        response.writeHead(503, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(starting));
        return;
      }
      const event = toEvent(request, url, body, `${route.method} ${route.path}`, pathParameters);
      writeResult(response, await target.invoke(route)(event));
    })().catch((error: unknown) => {
      // What API Gateway answers when the integration fails.
      process.stderr.write(`[gateway] ${request.method} ${request.url}: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!response.headersSent) problem(response, 500, 'Internal Server Error');
    });
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
