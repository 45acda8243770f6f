import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { type RouteSpec, routes } from '../topology.ts';
import type { Invoke } from './handlers.ts';

// A thin node:http → API Gateway HTTP API (payload v2) adapter: the routes of the topology, the same
// event shape, the same response rules. No maintained Docker-free library does this.

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

export function toEvent(request: IncomingMessage, body: Buffer, routeKey: string, pathParameters: Record<string, string>): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://local');
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
  statusCode: z.number().int(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
  cookies: z.array(z.string()).optional(),
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

/** A request's body, or undefined once it passes `limitBytes` (the local servers' one body reader). */
export async function readBody(request: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.byteLength;
    if (size > limitBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function problem(response: ServerResponse, status: number, title: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json' })
    .end(JSON.stringify({ type: 'about:blank', title, status, detail: title }));
}

export function startGateway(port: number, invokeRoute: (route: RouteSpec) => Invoke): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://local').pathname;
      const matched = matchRoute(request.method ?? 'GET', path);
      if (matched === undefined) return problem(response, 404, 'Not Found');
      const body = await readBody(request);
      if (body === undefined) return problem(response, 413, 'Request Entity Too Large');
      const { route, pathParameters } = matched;
      const event = toEvent(request, body, `${route.method} ${route.path}`, pathParameters);
      writeResult(response, await invokeRoute(route)(event));
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
