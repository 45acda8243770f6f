import { describe, expect, it } from 'vitest';
import { codeOf, postJson, surveyBody, useLocalStack } from '../support/local-stack.ts';

const stack = useLocalStack({ pollersPerQueue: 0, rateLimitPerMinute: 3 });

describe('rate limiting of public intake', () => {
  it('answers 429 with Retry-After once a source is over its limit for the minute', async () => {
    const code = codeOf(await stack().surveyUrl('surgery-clinic'));
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 7; i++) {
      const response = await postJson(`${stack().baseUrl}/v1/surveys`, surveyBody(code));
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    // A minute boundary may fall inside the loop and restart the count: 7 requests span at most two
    // windows, so at most 6 are accepted and at least one is refused.
    const accepted = statuses.filter((s) => s === 202).length;
    expect(accepted).toBeGreaterThanOrEqual(3);
    expect(accepted).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s !== 202 && s !== 429)).toEqual([]);
    expect(limited).toBeDefined();
    const retryAfter = Number(limited?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited?.headers.get('content-type')).toContain('application/problem+json');
  });
});
