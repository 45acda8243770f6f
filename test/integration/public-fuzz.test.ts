import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { fuzzRequests, sendFuzz, storedSubmissions } from '../support/fuzz-bodies.ts';
import { codeOf, useLocalStack } from '../support/local-stack.ts';

// Generated bodies that must all be refused (test/support/fuzz-bodies.ts), fired at the public
// submission routes of the running local stack: never a 5xx, never a 2xx, nothing queued or stored, and
// Object.prototype untouched in the process that ran the handlers. The bench fires 10,000 of them.

const BODIES = Number(process.env.FUZZ_BODIES ?? 2_000);
// No pollers: whatever an answer let through would still be in the queue to be counted.
const stack = useLocalStack({ pollersPerQueue: 0, rateLimitPerMinute: 10_000_000 });

async function queued(): Promise<number> {
  const sqs = new SQSClient({ endpoint: stack().endpoints.sqs });
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: stack().queueUrls.intake.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

describe('the public submission routes, fuzzed', () => {
  it(`refuse ${BODIES} generated bodies with a 4xx each, and keep nothing`, async () => {
    // Prepare
    const code = codeOf(await stack().surveyUrl('cardiology-ward'));
    const requests = fuzzRequests(code, BODIES, 20_261_203);
    const storedBefore = await storedSubmissions(stack().endpoints.dynamodb, TABLE_NAME);

    // Act
    const { statuses } = await sendFuzz(stack().baseUrl, requests, 8);

    // Assess
    const answered = Object.entries(statuses).map(([status, count]) => ({ status: Number(status), count }));
    expect(answered.filter(({ status }) => status < 400 || status >= 500)).toEqual([]);
    expect(answered.reduce((sum, { count }) => sum + count, 0)).toBe(BODIES);
    expect(await queued()).toBe(0);
    expect(await storedSubmissions(stack().endpoints.dynamodb, TABLE_NAME)).toBe(storedBefore);
    const fresh: Record<string, unknown> = {};
    expect([fresh.polluted, fresh.x]).toEqual([undefined, undefined]);
  });
});
