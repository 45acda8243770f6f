import type { AddressInfo } from 'node:net';
import { buildApp, type FauxqsServer } from 'fauxqs';
// fauxqs's startFauxqs listens on 0.0.0.0 whatever its options say (its host option only names queue
// URLs), so its app is served here on 127.0.0.1 instead. The app keeps its queues in these stores, which
// the package does not export: they are imported by path (fauxqs is pinned to an exact version).
import { S3Store } from '../../node_modules/fauxqs/dist/s3/s3Store.js';
import { SnsStore } from '../../node_modules/fauxqs/dist/sns/snsStore.js';
import { SqsStore } from '../../node_modules/fauxqs/dist/sqs/sqsStore.js';

/** What the local stack uses of fauxqs's own server handle. */
export type SqsEmulator = Pick<FauxqsServer, 'port' | 'stop' | 'inspectQueue'>;

export async function startSqsEmulator(port: number, region: string): Promise<SqsEmulator> {
  const sqsStore = new SqsStore();
  const app = buildApp({ logger: false, host: '127.0.0.1', defaultRegion: region, stores: { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() } });
  await app.listen({ port, host: '127.0.0.1' });
  const address: AddressInfo | string | null = app.server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : port,
    stop: () => app.close(),
    inspectQueue: (name) => sqsStore.inspectQueue(name),
  };
}
