import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach } from 'vitest';
import { forgetCodeChecks } from '../../shared/sites/department-codes.ts';
import { forgetSeenBuckets } from '../../shared/storage/rate-buckets.ts';

// Each test mocks its own store: what an earlier test's code checks read, and the rate-limit buckets
// it saw, must not answer for it.
beforeEach(() => {
  forgetCodeChecks();
  forgetSeenBuckets();
});
