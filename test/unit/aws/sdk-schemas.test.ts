import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction, ROOT } from '../../../infra/bundling.ts';
import * as z from '../../../shared/schemas/zod.ts';

// The bundles rewrite the SDK clients' schema files so esbuild can drop the operations a function never
// calls (sdkSchemaLiteralKeys in infra/bundling.ts). A schema is also how the SDK writes a request and
// reads a response or an error, so the same calls, from source and from a bundle, must send the same
// requests to the same fake service and come back with the same results and the same named errors.

const PackageSchema = z.object({ version: z.string() });

interface Seen { readonly method?: string; readonly url?: string; readonly target?: string; readonly type?: string; readonly body: string }

const seen: Seen[] = [];
/** Each request's user agent, apart: the SDK's CommonJS build (what runs from source) names an older version than its package.json. */
const agents: string[] = [];
const answer = (request: IncomingMessage, body: string, response: ServerResponse) => {
  const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
  const target = request.headers['x-amz-target'];
  if (request.url === '/v2/email/outbound-emails') {
    if (body.includes('"Headers"')) return json(200, { MessageId: 'sent-1' });
    return json(400, { message: 'Email address is not verified.' }, { 'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/' });
  }
  if (target === 'DynamoDB_20120810.GetItem') return json(200, { Item: { pk: { S: 'SITE#demo' }, n: { N: '3' }, names: { L: [{ S: '心内科' }] }, open: { M: { yes: { BOOL: true } } } } }, { 'x-amzn-crc32': '0' });
  if (target === 'DynamoDB_20120810.PutItem') return json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' });
  return json(500, { message: 'unexpected' });
};
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    seen.push({ method: request.method, url: request.url, target: request.headers['x-amz-target']?.toString(), type: request.headers['content-type'], body });
    agents.push(request.headers['user-agent'] ?? '');
    answer(request, body, response);
  });
});

const out = mkdtempSync(join(tmpdir(), 'sdk-schemas-'));
let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake service has no port');
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(() => {
  server.close();
  rmSync(out, { recursive: true, force: true });
});

/** The probe's outcomes, and the requests it sent, run in a process of its own (`nodeArgs` choose source or bundle). */
async function run(nodeArgs: readonly string[], module: string): Promise<{ outcomes: unknown; requests: Seen[]; agents: string[] }> {
  seen.length = 0;
  agents.length = 0;
  const env = { ...process.env, AWS_ENDPOINT_URL_SESV2: endpoint, AWS_ENDPOINT_URL_DYNAMODB: endpoint, AWS_REGION: 'cn-north-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_MAX_ATTEMPTS: '1' };
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeArgs, '--input-type=module', '-e', `const { probe } = await import(${JSON.stringify(pathToFileURL(module).href)}); process.stdout.write(JSON.stringify(await probe()));`], { cwd: ROOT, env, encoding: 'utf8' });
  return { outcomes: JSON.parse(stdout), requests: [...seen], agents: [...agents] };
}

describe('the SDK clients in a bundle', () => {
  it('send the same requests and read the same answers and errors as from source, carrying only the schemas they use', async () => {
    // Arrange
    const { file, files } = await bundleFunction('test/support/sdk-schema-probe.ts', out);

    // Act
    const fromSource = await run(['--import', 'tsx'], join(ROOT, 'test/support/sdk-schema-probe.ts'));
    const bundled = await run([], file);

    // Assert
    expect(fromSource.outcomes).toMatchObject([
      { result: 'sent-1' },
      { error: 'MessageRejected' },
      { result: { Item: { pk: 'SITE#demo', n: 3, names: ['心内科'], open: { yes: true } } } },
      { error: 'ConditionalCheckFailedException' },
    ]);
    expect(bundled.outcomes).toEqual(fromSource.outcomes);
    expect(bundled.requests).toEqual(fromSource.requests);
    expect(bundled.requests.map((request) => request.url ?? '')).toEqual(['/v2/email/outbound-emails', '/v2/email/outbound-emails', '/', '/']);
    // The bundle carries each client's package.json as its version alone (infra/bundling.ts): still in the user agent.
    const version = (client: string) => PackageSchema.parse(JSON.parse(readFileSync(join(ROOT, 'node_modules', '@aws-sdk', client, 'package.json'), 'utf8'))).version;
    const [ses, dynamodb] = [`api/sesv2#${version('client-sesv2')}`, `api/dynamodb#${version('client-dynamodb')}`];
    expect(bundled.agents.map((agent) => /\bapi\/\S+/u.exec(agent)?.[0])).toEqual([ses, ses, dynamodb, dynamodb]);
    const code = files.map((each) => readFileSync(each, 'utf8')).join('\n');
    expect(['CreateContactList', 'PutAccountDetails', 'DescribeContinuousBackups'].filter((unused) => code.includes(unused))).toEqual([]);
  });
});
