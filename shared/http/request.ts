import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { invalidField, malformedJson, payloadTooLarge, unsupportedMediaType } from './problem.ts';

/** Public routes take at most 16 KiB (api.md). */
export const PUBLIC_BODY_LIMIT_BYTES = 16 * 1024;

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function rawBody(event: APIGatewayProxyEventV2, limitBytes: number): Buffer {
  const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (body.byteLength > limitBytes) throw payloadTooLarge(limitBytes);
  return body;
}

export type BodyFormat = 'json' | 'form';

export function bodyFormat(event: APIGatewayProxyEventV2): BodyFormat {
  const contentType = (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (contentType === 'application/json' || contentType.endsWith('+json')) return 'json';
  if (contentType === 'application/x-www-form-urlencoded') return 'form';
  throw unsupportedMediaType(contentType);
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw malformedJson(error instanceof Error ? error.message : 'The body is not JSON.');
  }
}

/**
 * A plain HTML form (no JavaScript) posts flat fields; `a.b` names become nested objects, empty fields
 * are left out, and digits become numbers where the schema expects them. The zod schema still decides.
 */
export function formToObject(body: Buffer, numericFields: ReadonlySet<string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    const path = name.split('.');
    // `__proto__.x` would otherwise write to Object.prototype for the whole container.
    if (path.some((key) => FORBIDDEN_KEYS.has(key))) throw invalidField(name, 'unknown field');
    if (value.trim() === '') continue;
    let target = result;
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined;
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
        target = next as Record<string, unknown>;
      } else {
        const created: Record<string, unknown> = {};
        target[key] = created;
        target = created;
      }
    }
    const leaf = path[path.length - 1] ?? name;
    target[leaf] = coerceFormValue(name, value, numericFields);
  }
  return result;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function coerceFormValue(name: string, value: string, numericFields: ReadonlySet<string>): unknown {
  if (value === 'true' || value === 'on') return name.endsWith('consent') ? true : value;
  if (numericFields.has(name) && /^-?\d+$/.test(value.trim())) return Number(value);
  return value;
}

/** The page's script posts the form but asks for JSON, so it can show the result in place. */
export function prefersJson(event: APIGatewayProxyEventV2): boolean {
  const accept = (header(event, 'accept') ?? '').toLowerCase();
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function sourceIp(event: APIGatewayProxyEventV2): string {
  return event.requestContext.http.sourceIp;
}

export function cookie(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const entry of event.cookies ?? []) {
    const at = entry.indexOf('=');
    if (at > 0 && entry.slice(0, at).trim() === name) return entry.slice(at + 1).trim();
  }
  return undefined;
}
