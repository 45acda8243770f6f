import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { freePort } from '../../infra/local/ports.ts';

// DynamoDB Local for every test stack (vitest's globalSetup of the integration and browser projects),
// one per worker, instead of a JVM started and stopped by each file: that was two to three seconds of a
// file's wall time, and several of CPU, before its first test. Each keeps a database per access key and
// region (no -sharedDb), and each file's stack signs with a key of its own (test/support/local-stack.ts),
// so no file sees another's items. The two projects share the JVMs.

declare module 'vitest' {
  export interface ProvidedContext {
    /** One endpoint per worker: the file in worker N (VITEST_POOL_ID) uses the Nth. */
    dynamoDbLocal: string[];
  }
}

interface Emulators {
  readonly endpoints: string[];
  readonly started: Promise<DynamoDbLocal>[];
  users: number;
}

declare global {
  // On globalThis: vitest loads this module once per project, in the one main process.
  var testDynamoDbLocal: Promise<Emulators> | undefined;
}

async function startEmulators(count: number): Promise<Emulators> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const started = ports.map((port) => startDynamoDbLocal(port, undefined, { databasePerAccessKey: true, shortLived: true }));
  // The first is awaited, so a JVM that cannot start (Java or the jar missing) fails the run with its
  // reason; the others start while the first files load, and a file waiting for one that failed times out.
  for (const emulator of started.slice(1)) emulator.catch((error: unknown) => { process.stderr.write(`DynamoDB Local did not start: ${error instanceof Error ? error.message : String(error)}\n`); });
  await started[0];
  return { endpoints: ports.map((port) => `http://127.0.0.1:${port}`), started, users: 0 };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // As many as files can run at once: one for a single file.
  globalThis.testDynamoDbLocal ??= startEmulators(Math.max(1, Math.min(project.globalConfig.maxWorkers, project.vitest.state.getFilepaths().length)));
  const emulators = await globalThis.testDynamoDbLocal;
  emulators.users += 1;
  project.provide('dynamoDbLocal', emulators.endpoints);
  return async () => {
    emulators.users -= 1;
    if (emulators.users > 0) return;
    globalThis.testDynamoDbLocal = undefined;
    await Promise.all(emulators.started.map(async (starting) => (await starting.catch(() => undefined))?.stop()));
  };
}
