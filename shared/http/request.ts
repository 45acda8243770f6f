import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { withoutNonText } from '../schemas/text.ts';
import { HttpProblem, invalidField, malformedJson, payloadTooLarge, unsupportedMediaType } from './problem.ts';

/** JSON bodies on public routes take at most 16 KiB (api.md): a 4,000-character Chinese complaint is about 12 KB. */
export const PUBLIC_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * Form posts (the patient pages, with or without JavaScript, and the staff forms) take at most 128 KiB.
 * Percent-encoding makes a Chinese character 9 bytes and an emoji 12, so the largest valid form (the
 * office's complaint entry: 7,400 characters of text, every one an emoji) is about 91 KB, and a patient's
 * 4,000-character complaint in Chinese about 37 KB.
 */
export const FORM_BODY_LIMIT_BYTES = 128 * 1024;

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The body's bytes, however API Gateway passed them (text, or base64 for what it took as binary). */
export function bodyBytes(event: APIGatewayProxyEventV2): Buffer {
  return Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
}

export function withinLimit(body: Buffer, limitBytes: number): Buffer {
  if (body.byteLength > limitBytes) throw payloadTooLarge(limitBytes);
  return body;
}

export function rawBody(event: APIGatewayProxyEventV2, limitBytes: number): Buffer {
  return withinLimit(bodyBytes(event), limitBytes);
}

export type BodyFormat = 'json' | 'form';

const contentTypeOf = (event: APIGatewayProxyEventV2): string => (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** JSON or a form post; undefined for any other content type. */
export function bodyFormatOf(event: APIGatewayProxyEventV2): BodyFormat | undefined {
  const contentType = contentTypeOf(event);
  if (contentType === 'application/json' || contentType.endsWith('+json')) return 'json';
  if (contentType === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

export function bodyFormat(event: APIGatewayProxyEventV2): BodyFormat {
  const format = bodyFormatOf(event);
  if (format === undefined) throw unsupportedMediaType(contentTypeOf(event));
  return format;
}

const malformedForm = (detail: string) => new HttpProblem(400, 'malformed-form', 'Malformed form', detail);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text. Bytes that are not UTF-8 make the body malformed (400): they never become U+FFFD. */
function utf8Text(body: Buffer, malformed: (detail: string) => HttpProblem): string {
  try {
    return utf8.decode(body);
  } catch {
    throw malformed('The body is not UTF-8.');
  }
}

export function parseJson(body: Buffer): unknown {
  const text = utf8Text(body, malformedJson);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw malformedJson(error instanceof Error ? error.message : 'The body is not JSON.');
  }
}

/**
 * One name or value of a form post, decoded as the URL standard does (a `%` that starts no escape is kept
 * as it is), except that escapes which do not decode to UTF-8 make the form malformed (400), where
 * URLSearchParams would put U+FFFD in the patient's words.
 */
function formComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' ').replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    throw malformedForm('The form is not UTF-8.');
  }
}

/** The fields of an application/x-www-form-urlencoded body, in order, decoded strictly. */
export function formEntries(body: Buffer): [string, string][] {
  return utf8Text(body, malformedForm).split('&').filter((pair) => pair !== '').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [formComponent(pair), ''] : [formComponent(pair.slice(0, at)), formComponent(pair.slice(at + 1))];
  });
}

/**
 * A plain HTML form (no JavaScript) posts flat fields; `a.b` names become nested objects, empty fields
 * are left out, and digits become numbers where the schema expects them. The zod schema still decides.
 */
export function formToObject(body: Buffer, numericFields: ReadonlySet<string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of formEntries(body)) {
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

/** What a form's fields held, as text, to show them again; empty for a field it did not send. */
export type FormValues = Readonly<Record<string, string>>;

/**
 * The named fields of a form post as a refused form shows them again: decoded leniently (whatever can be
 * read is kept) and without the characters that are never text, so the form can be sent as shown.
 */
export function formValues(body: Buffer, names: readonly string[]): FormValues {
  const form = new URLSearchParams(body.toString('utf8'));
  return Object.fromEntries(names.map((name) => [name, withoutNonText(form.get(name) ?? '')]));
}

/** The page's script posts the form but asks for JSON, so it can show the result in place. */
export function prefersJson(event: APIGatewayProxyEventV2): boolean {
  const accept = (header(event, 'accept') ?? '').toLowerCase();
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * A browser's own form post (no script) is answered with a page, whatever the outcome: a body that is not
 * JSON, from a client that did not ask for JSON, and either a form or from a client that reads HTML.
 * Everyone else gets JSON and problem+json.
 */
export function answersWithPage(event: APIGatewayProxyEventV2): boolean {
  const format = bodyFormatOf(event);
  if (format === 'json' || prefersJson(event)) return false;
  return format === 'form' || (header(event, 'accept') ?? '').toLowerCase().includes('text/html');
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
