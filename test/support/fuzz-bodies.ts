import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';

// Bodies for the public submission routes that must all be refused: random shapes, near-valid surveys and
// complaints with one or more defects, bytes that are not UTF-8, huge strings, prototype keys, form and
// multipart posts, any content type and Accept header. Every one is invalid by construction (it carries
// no genuine code, or carries a defect the schema must refuse), so a 2xx is as much a failure as a 5xx.
// Shared by test/integration/public-fuzz.test.ts (a CI-sized run) and the bench (10,000 bodies).

export interface FuzzRequest {
  readonly path: '/v1/surveys' | '/v1/complaints';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** What kind of body it is, for the tally. */
  readonly kind: string;
}

const PATHS = ['/v1/surveys', '/v1/complaints'] as const;
const ACCEPT = fc.constantFrom('text/html,application/xhtml+xml,*/*;q=0.8', 'application/json', '*/*', '');
const LANGUAGE = fc.constantFrom('zh-CN,zh;q=0.9', 'en-US,en;q=0.8', 'fr', '', 'zh-TW;q=0,en;q=abc');
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** A code that looks genuine but whose signature was changed, so it verifies for no department. */
const damaged = (code: string) => `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;

/**
 * One or more things the schema must refuse, for a survey and for a complaint, as JSON and as a form
 * alike (so no blank values, which a form leaves out, and no lone surrogates, which a form cannot carry).
 */
const surveyDefect = fc.constantFrom<Record<string, unknown>>(
  { overall: 'excellent' }, { overall: 42 }, { overall: null }, { submissionId: 'not-a-uuid' }, { ipAddress: '203.0.113.9' },
  { comment: 'x'.repeat(2001) }, { comment: 'a\u0000b' }, { comment: '很好\uFFFF' }, { waitMinutes: -1 }, { waitMinutes: 601 },
  { waitMinutes: 1.5 }, { ratings: { waiting: 6 } }, { ratings: { speed: 3 } }, { contact: { phone: '13800138000' } }, { contact: { name: '名'.repeat(101), phone: '13800138000', consent: true } },
  { locale: 'fr' },
);
const complaintDefect = fc.constantFrom<Record<string, unknown>>(
  { description: '' }, { description: '  \u3000 ' }, { description: '护'.repeat(4001) }, { description: '有\u0000人' }, { description: '\uFFFE' },
  { incidentDate: 'yesterday' }, { submissionId: 'x' }, { bedNumber: '12' }, { contact: { name: '李', phone: '13800138000', consent: true } },
  { contact: { name: '李', relation: 'family' } }, { staffInvolved: '夜'.repeat(201) }, { locale: 'de' },
);

function jsonRequest(path: FuzzRequest['path'], body: string | Buffer, kind: string, accept: string, language: string): FuzzRequest {
  return { path, kind, body: typeof body === 'string' ? Buffer.from(body) : body, headers: { 'content-type': 'application/json', accept, 'accept-language': language } };
}

function formRequest(path: FuzzRequest['path'], body: string | Buffer, kind: string, accept: string, language: string): FuzzRequest {
  return { path, kind, body: typeof body === 'string' ? Buffer.from(body) : body, headers: { 'content-type': 'application/x-www-form-urlencoded', accept, 'accept-language': language } };
}

/** Flat form fields of a nested body (`contact.name`), as the page posts them. */
function flatten(value: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(value).flatMap(([key, field]) => (typeof field === 'object' && field !== null && !Array.isArray(field)
    ? flatten(field as Record<string, unknown>, `${prefix}${key}.`)
    : [[`${prefix}${key}`, String(field)] as [string, string]]));
}

/** Where the valid bodies below hold their text, to put a defect in its place. */
const MARKER = '👍';

export function fuzzRequests(code: string, count: number, seed: number): FuzzRequest[] {
  const common = { path: fc.constantFrom(...PATHS), accept: ACCEPT, language: LANGUAGE };
  const baseOf = (path: FuzzRequest['path'], submissionId: string): Record<string, unknown> => (path === '/v1/surveys'
    ? { submissionId, code, overall: 'good', comment: '排队很久 👍' }
    : { submissionId, code, description: '护士态度很差 👍', contact: { name: '李女士', relation: 'family', phone: '13800138000', consent: true } });
  const defects = (path: FuzzRequest['path']) => fc.array(path === '/v1/surveys' ? surveyDefect : complaintDefect, { minLength: 1, maxLength: 3 });
  const nearValid = fc.record({ ...common, submissionId: fc.uuid({ version: 4 }) }).chain(({ path, accept, language, submissionId }) =>
    defects(path).map((list) => ({ path, accept, language, body: Object.assign(baseOf(path, submissionId), ...list) as Record<string, unknown> })));

  const request: fc.Arbitrary<FuzzRequest> = fc.oneof(
    // Random JSON of any shape, and random text sent as JSON.
    { weight: 3, arbitrary: fc.record({ ...common, value: fc.jsonValue() }).map(({ path, accept, language, value }) => jsonRequest(path, JSON.stringify(value), 'random-json', accept, language)) },
    { weight: 2, arbitrary: fc.record({ ...common, text: fc.string({ unit: 'binary', maxLength: 400 }) }).map(({ path, accept, language, text }) => jsonRequest(path, text, 'random-text', accept, language)) },
    // A survey or complaint with the genuine code and one to three defects, as JSON and as the page's form.
    { weight: 4, arbitrary: nearValid.map(({ path, accept, language, body }) => jsonRequest(path, JSON.stringify(body), 'near-valid-json', accept, language)) },
    { weight: 4, arbitrary: nearValid.map(({ path, accept, language, body }) => formRequest(path, new URLSearchParams(flatten(body)).toString(), 'near-valid-form', accept, language)) },
    // A valid body whose code's signature does not verify.
    { weight: 1, arbitrary: fc.record({ ...common, submissionId: fc.uuid({ version: 4 }) }).map(({ path, accept, language, submissionId }) => jsonRequest(path, JSON.stringify({ ...baseOf(path, submissionId), code: damaged(code) }), 'damaged-code', accept, language)) },
    // Bytes that are not UTF-8, raw in JSON and percent-encoded in a form, and a lone surrogate, inside an otherwise valid body.
    { weight: 2, arbitrary: fc.record({ ...common, submissionId: fc.uuid({ version: 4 }), bad: fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe5, 0xa5], [0xf8, 0x88, 0x80, 0x80, 0x80]) }).map(({ path, accept, language, submissionId, bad }) => {
      const [head = '', tail = ''] = JSON.stringify(baseOf(path, submissionId)).split(MARKER);
      return jsonRequest(path, Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from(tail)]), 'invalid-utf8-json', accept, language);
    }) },
    { weight: 1, arbitrary: fc.record({ ...common, submissionId: fc.uuid({ version: 4 }), surrogate: fc.constantFrom('\uD83D', '\uDC4D', 'a\uDBFF') }).map(({ path, accept, language, submissionId, surrogate }) =>
      jsonRequest(path, JSON.stringify(baseOf(path, submissionId)).replace(MARKER, surrogate.replace(/[\uD800-\uDFFF]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`)), 'lone-surrogate-json', accept, language)) },
    { weight: 2, arbitrary: fc.record({ ...common, submissionId: fc.uuid({ version: 4 }), bad: fc.constantFrom('%FF', '%C0%AF', '%ED%A0%80', '%E5%A5', '%F4%90%80%80') }).map(({ path, accept, language, submissionId, bad }) => {
      const form = new URLSearchParams(flatten(baseOf(path, submissionId))).toString();
      return formRequest(path, `${form}&${path === '/v1/surveys' ? 'comment' : 'desiredOutcome'}=${bad}`, 'invalid-utf8-form', accept, language);
    }) },
    // Huge strings: past the JSON limit, past the form limit, past a field's limit.
    { weight: 1, arbitrary: fc.record({ ...common, submissionId: fc.uuid({ version: 4 }), size: fc.integer({ min: 4_001, max: 30_000 }), character: fc.constantFrom('a', '好', '👍') }).chain(({ path, accept, language, submissionId, size, character }) => fc.boolean().map((asForm) => {
      const body = { ...baseOf(path, submissionId), [path === '/v1/surveys' ? 'comment' : 'description']: character.repeat(size) };
      return asForm ? formRequest(path, new URLSearchParams(flatten(body)).toString(), 'huge-form', accept, language) : jsonRequest(path, JSON.stringify(body), 'huge-json', accept, language);
    })) },
    // Prototype keys at the top, nested, and as dotted form names.
    { weight: 2, arbitrary: fc.record({ ...common, submissionId: fc.uuid({ version: 4 }), key: fc.constantFrom(...PROTOTYPE_KEYS), nested: fc.boolean(), value: fc.jsonValue({ maxDepth: 2 }) }).map(({ path, accept, language, submissionId, key, nested, value }) => {
      const body = baseOf(path, submissionId);
      const contact = typeof body.contact === 'object' && body.contact !== null ? { ...body.contact } : {};
      // defineProperty, so "__proto__" is an own key of the JSON, as a client can send it.
      Object.defineProperty(nested ? contact : body, key, { value, enumerable: true, writable: true, configurable: true });
      return jsonRequest(path, JSON.stringify(nested ? { ...body, contact } : body), 'prototype-json', accept, language);
    }) },
    { weight: 2, arbitrary: fc.record({ ...common, submissionId: fc.uuid({ version: 4 }), key: fc.constantFrom(...PROTOTYPE_KEYS.map((k) => `${k}.polluted`), 'contact.__proto__.x', 'ratings.constructor', 'constructor.prototype.x') }).map(({ path, accept, language, submissionId, key }) =>
      formRequest(path, `${new URLSearchParams(flatten(baseOf(path, submissionId))).toString()}&${encodeURIComponent(key)}=1`, 'prototype-form', accept, language)) },
    // Random form fields, and multipart bodies (never taken: the pages post urlencoded).
    { weight: 2, arbitrary: fc.record({ ...common, fields: fc.dictionary(fc.oneof(fc.constantFrom('overall', 'comment', 'description', 'code', 'contact.consent', 'ratings.waiting'), fc.string()), fc.string({ unit: 'grapheme', maxLength: 30 }), { maxKeys: 6 }) }).map(({ path, accept, language, fields }) =>
      formRequest(path, new URLSearchParams(fields).toString(), 'random-form', accept, language)) },
    { weight: 2, arbitrary: fc.record({ ...common, submissionId: fc.uuid({ version: 4 }), boundary: fc.stringMatching(/^[A-Za-z0-9]{1,40}$/) }).map(({ path, accept, language, submissionId, boundary }) => ({
      path,
      kind: 'multipart',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, accept, 'accept-language': language },
      body: Buffer.from(flatten(baseOf(path, submissionId)).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') + `--${boundary}--\r\n`),
    })) },
    // Any content type at all, with any bytes.
    { weight: 1, arbitrary: fc.record({ ...common, contentType: fc.oneof(fc.constantFrom('text/plain', 'application/xml', 'application/octet-stream', 'application/json; charset=latin1', ''), fc.string({ maxLength: 30 })), bytes: fc.uint8Array({ maxLength: 300 }) }).map(({ path, accept, language, contentType, bytes }) => ({
      path, kind: 'random-type', headers: { 'content-type': contentType, accept, 'accept-language': language }, body: Buffer.from(bytes),
    })) },
  );
  return fc.sample(request, { numRuns: count, seed });
}

export interface FuzzOutcome {
  /** How many responses had each status. */
  readonly statuses: Readonly<Record<number, number>>;
  readonly seconds: number;
}

/** Sends every request to the stack at `baseUrl`, `concurrency` at a time, and counts the statuses. */
export async function sendFuzz(baseUrl: string, requests: readonly FuzzRequest[], concurrency: number): Promise<FuzzOutcome> {
  const statuses: Record<number, number> = {};
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests.length) {
      const request = requests[next++];
      if (request === undefined) break;
      const response = await fetch(`${baseUrl}${request.path}`, { method: 'POST', headers: request.headers, body: new Uint8Array(request.body) });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  }));
  return { statuses, seconds: (performance.now() - started) / 1000 };
}

/** Surveys and complaints in the table: what a refused request must never add to. */
export async function storedSubmissions(dynamoDbEndpoint: string, table: string): Promise<number> {
  const client = new DynamoDBClient({ endpoint: dynamoDbEndpoint });
  let count = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({
      TableName: table,
      Select: 'COUNT',
      FilterExpression: 'begins_with(pk, :survey) OR begins_with(pk, :complaint)',
      ExpressionAttributeValues: { ':survey': { S: 'SURVEY#' }, ':complaint': { S: 'COMPLAINT#' } },
      ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
    }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey !== undefined);
  return count;
}
