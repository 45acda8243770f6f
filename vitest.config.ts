import { defineConfig } from 'vitest/config';

const env = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  AWS_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
};

// Four kinds of test (style.md): unit (mocks at the SDK client), integration (the local emulators),
// browser (real Chromium) and cdk (assertions and cdk-nag). `npm test` runs them all.
//
// Two files at a time, whatever the kind. Vitest's default (cores - 1) is one on a 2-core machine, and the
// integration and browser files spend much of their time waiting on their own stack (each file starts its
// own emulators and gateway on free ports, in its own process; DynamoDB Local is one per worker, started by
// the globalSetup), so two halve their time.
export default defineConfig({
  test: {
    maxWorkers: 2,
    env,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env, setupFiles: ['test/support/unit-setup.ts'] } },
      { test: { name: 'cdk', include: ['test/cdk/**/*.test.ts'], env, testTimeout: 180_000, hookTimeout: 180_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], env, testTimeout: 120_000, hookTimeout: 120_000, globalSetup: ['test/support/dynamodb-local-setup.ts'] } },
      { test: { name: 'browser', include: ['test/browser/**/*.test.ts'], env, testTimeout: 120_000, hookTimeout: 120_000, globalSetup: ['test/support/dynamodb-local-setup.ts'] } },
    ],
  },
});
