import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { freePort } from '../../infra/local/ports.ts';

// DynamoDB Local for every stack of a test project (vitest's globalSetup), one per worker, instead of a
// JVM started and stopped by each file: that was two to three seconds of a file's wall time, and several
// of CPU, before its first test. Each keeps a database per access key (no -sharedDb), and each file's
// stack signs with a key of its own (test/support/local-stack.ts), so no file sees another's items.

declare module 'vitest' {
  export interface ProvidedContext {
    /** One endpoint per worker: the file in worker N (VITEST_POOL_ID) uses the Nth. */
    dynamoDbLocal: string[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulators = await Promise.all(Array.from({ length: Math.max(1, project.globalConfig.maxWorkers) }, async () => startDynamoDbLocal(await freePort(), undefined, { databasePerAccessKey: true, shortLived: true })));
  project.provide('dynamoDbLocal', emulators.map((e) => e.endpoint));
  return async () => {
    await Promise.all(emulators.map((e) => e.stop()));
  };
}
