import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, inject } from 'vitest';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../infra/local/stack.ts';

/**
 * Starts one local stack (SQS and SES emulators, gateway) for a test file, its tables in a database of
 * its own in the project's DynamoDB Local (test/support/dynamodb-local-setup.ts); a stack that keeps its
 * data on disk (`dataDir`) starts its own.
 */
export function useLocalStack(options: LocalStackOptions = {}): () => LocalStack {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    const endpoints = inject('dynamoDbLocal');
    const endpoint = endpoints[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % endpoints.length];
    // Without an endpoint the SDK would sign for AWS itself: refuse instead.
    if (endpoint === undefined) throw new Error('no DynamoDB Local: the project lacks test/support/dynamodb-local-setup.ts as its globalSetup');
    // DynamoDB Local takes only letters and digits in an access key.
    const shared = options.dataDir === undefined ? { dynamoDb: { endpoint, accessKey: `file${randomUUID().replaceAll('-', '')}` } } : {};
    stack = await startLocalStack({ shortLived: true, ...shared, ...options });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (stack === undefined) throw new Error('the local stack is not running');
    return stack;
  };
}

/** Polls until `probe` returns a value, or fails with what it last saw. No fixed sleeps. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last instanceof Error ? ` (${last.message})` : ''}`);
}

export function codeOf(surveyUrl: string): string {
  return surveyUrl.slice(surveyUrl.lastIndexOf('/') + 1);
}

export function surveyBody(code: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { submissionId: randomUUID(), code, overall: 'good', ...overrides };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Messages waiting or in flight in a queue of the stack (0 once the worker has been through them all). */
export async function queueDepth(stack: LocalStack, queueUrl: string): Promise<number> {
  const client = new SQSClient({ endpoint: stack.endpoints.sqs });
  try {
    const { Attributes = {} } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  } finally {
    client.destroy();
  }
}

/** An access token of the local machine client (the HIS), by client credentials as Cognito issues them. */
export async function machineToken(stack: LocalStack): Promise<string> {
  const { clientId, secret } = stack.issuer.machineClient;
  const response = await fetch(`${stack.issuer.url}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('access_token' in body) || typeof body.access_token !== 'string') throw new Error(`no access token (${response.status})`);
  return body.access_token;
}
