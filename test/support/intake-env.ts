import { vi } from 'vitest';
import { TEST_QUEUE_URL, TEST_SIGNING_KEY_BASE64, TEST_TABLE } from './survey-target.ts';

/** What the survey-intake function reads at module scope: stub it before the handler is imported. */
export function stubIntakeEnv(): void {
  vi.stubEnv('TABLE_NAME', TEST_TABLE);
  vi.stubEnv('INTAKE_QUEUE_URL', TEST_QUEUE_URL);
  vi.stubEnv('SIGNING_KEY', TEST_SIGNING_KEY_BASE64);
  vi.stubEnv('RATE_LIMIT_PER_MINUTE', '20');
}
