import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import { z } from 'zod';

// The SQS emulator keeps messages in memory. So that a restart of `npm start` loses nothing that was
// accepted, what is still queued or dead-lettered at shutdown is written beside the DynamoDB data and
// sent again on the next start. (Redelivery is safe: the worker counts each submission once.)

const SnapshotSchema = z.record(z.string(), z.array(z.string()));

export function saveQueueSnapshot(fauxqs: Pick<FauxqsServer, 'inspectQueue'>, queueNames: readonly string[], file: string): number {
  const snapshot: Record<string, string[]> = {};
  let total = 0;
  for (const name of queueNames) {
    const queue = fauxqs.inspectQueue(name);
    if (queue === undefined) continue;
    const bodies = [...queue.messages.ready, ...queue.messages.delayed, ...queue.messages.inflight.map((entry) => entry.message)].map((m) => m.body);
    if (bodies.length > 0) snapshot[name] = bodies;
    total += bodies.length;
  }
  if (total > 0) writeFileSync(file, JSON.stringify(snapshot), { mode: 0o600 });
  return total;
}

export async function restoreQueueSnapshot(sqs: SQSClient, queueUrlFor: (name: string) => string | undefined, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  let total = 0;
  for (const [name, bodies] of Object.entries(snapshot)) {
    const queueUrl = queueUrlFor(name);
    if (queueUrl === undefined) throw new Error(`saved messages for unknown queue ${name}; keeping ${file}`);
    for (let i = 0; i < bodies.length; i += 10) {
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: bodies.slice(i, i + 10).map((MessageBody, index) => ({ Id: String(index), MessageBody })) }));
    }
    total += bodies.length;
  }
  rmSync(file);
  return total;
}
