import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpProblem } from './problem.ts';
import { header } from './request.ts';

// A multipart/form-data body (RFC 7578), as a browser sends a file upload without JavaScript. Only what
// the staff pages' uploads need: named fields, a file's bytes; parts' own headers beyond the name ignored.

export interface FormPart {
  readonly name: string;
  readonly filename?: string;
  readonly data: Buffer;
}

const malformed = (detail: string) => new HttpProblem(400, 'malformed-form', 'Malformed form', detail);

export const isMultipart = (event: APIGatewayProxyEventV2): boolean => (header(event, 'content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

export function parseMultipart(event: APIGatewayProxyEventV2, body: Buffer): Map<string, FormPart> {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(header(event, 'content-type') ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined) throw malformed('A multipart body needs a boundary.');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts = new Map<string, FormPart>();
  let position = body.indexOf(delimiter);
  if (position < 0) throw malformed('The multipart body has no parts.');
  for (;;) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw malformed('The multipart body is not terminated.');
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw malformed('A part has no headers.');
    const headers = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) parts.set(name, { name, ...(filename === undefined ? {} : { filename }), data: part.subarray(split + 4) });
    position = next;
  }
  return parts;
}
