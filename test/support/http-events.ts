import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';

export interface HttpRequest {
  readonly method?: string;
  readonly path?: string;
  /** Header names as a client sends them; `undefined` values are left out. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly sourceIp?: string;
}

export const TEST_SOURCE_IP = '203.0.113.77';

/**
 * A complete API Gateway HTTP API (payload 2.0) event, checked against Powertools' v2 schema so a
 * fixture cannot drift from what API Gateway sends.
 */
export function httpEvent(request: HttpRequest = {}): APIGatewayProxyEventV2 {
  const method = request.method ?? 'POST';
  const path = request.path ?? '/v1/surveys';
  const headers: Record<string, string> = { host: 'feedback.example.cn', 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Mobile' };
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name] = value;
  const body = request.body;
  const isBase64Encoded = request.isBase64Encoded ?? false;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: 'feedback.example.cn',
      domainPrefix: 'feedback',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: request.sourceIp ?? TEST_SOURCE_IP, userAgent: headers['user-agent'] ?? '' },
      requestId: 'Ab1Cd2Ef3Gh4=',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '22/Nov/2026:16:30:00 +0000',
      timeEpoch: Date.UTC(2026, 10, 22, 16, 30),
    },
    isBase64Encoded,
    ...(body === undefined ? {} : { body }),
  };
  APIGatewayProxyEventV2Schema.parse(event);
  return event;
}

export function jsonPost(body: unknown, headers: Record<string, string | undefined> = {}): APIGatewayProxyEventV2 {
  return httpEvent({ headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export function formPost(fields: Readonly<Record<string, string>>): APIGatewayProxyEventV2 {
  return httpEvent({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

/** A response header by name, whatever case the handler used. */
export function responseHeader(result: APIGatewayProxyStructuredResultV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(result.headers ?? {})) if (key.toLowerCase() === wanted) return String(value);
  return undefined;
}

/** RFC 9457 problem details as api.md promises them. */
export const ProblemSchema = z.object({
  type: z.string().min(1),
  title: z.string().min(1),
  status: z.number().int(),
  detail: z.string().min(1),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ProblemBody = z.infer<typeof ProblemSchema>;
