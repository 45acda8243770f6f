import { describe, expect, it, vi } from 'vitest';
import { useLocalStack } from '../support/local-stack.ts';
import { runFaultScenario } from '../support/store-faults.ts';

// Issue 9: faults in the stores lose nothing. A fifth of the handlers' DynamoDB and SQS attempts fail
// (throttling, 500/503, timeouts, connection resets; test/support/store-faults.ts), the intake's and the
// worker's alike, while surveys come through the HTTP API. Every refusal must be a clean 500 or 503
// problem that the page's retry (same submissionId) gets through, every 202 counted once, and the DLQ
// empty once the faults stop. `npm run bench` runs the same with 5,000 submissions.

// The faults that outlast the SDK's retries would each log an error: the figures count them instead.
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
// A message the worker fails comes back after the visibility timeout: 10 s here, not the topology's 3 min.
const stack = useLocalStack({ rateLimitPerMinute: 10_000_000, visibilityTimeoutSeconds: 10 });
const SUBMISSIONS = Number(process.env.FAULT_SUBMISSIONS ?? 1000);

describe('faults in DynamoDB and SQS', () => {
  it('lose no accepted survey and count each once; every refusal is a clean 500 or 503 the retry gets through', async () => {
    const figures = await runFaultScenario(stack(), { submissions: SUBMISSIONS, concurrency: 16, rate: 0.2, departmentId: 'outpatient-pharmacy' });
    console.info(`store faults: ${JSON.stringify(figures)}`);
    expect(figures.injected.attempts).toBeGreaterThan(SUBMISSIONS * 2);
    expect(Object.values(figures.injected.faults).every((n) => n > 0)).toBe(true);
    expect(Object.keys(figures.refusals).length).toBeGreaterThan(0);
    expect(figures.unclean).toEqual([]);
    expect(figures.accepted).toBe(SUBMISSIONS);
    expect(figures.stored).toBe(SUBMISSIONS);
    expect(figures.counted).toBe(SUBMISSIONS);
    expect(figures.lost).toBe(0);
    expect(figures.deadLettered).toBe(0);
  }, 300_000);
});
