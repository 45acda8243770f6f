import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from '../../shared/schemas/zod.ts';
import type { Invoke } from './handlers.ts';

// Stands in for Lambda's SQS event-source mapping: receives batches, hands the worker a real SQSEvent,
// deletes what succeeded and leaves the reported `batchItemFailures` (or the whole batch when the worker
// throws) to come back after the visibility timeout, and on to the DLQ after maxReceiveCount. It tells the
// queue journal what the worker finished and what SQS will dead-letter, so a crash loses neither.

const BatchResponseSchema = z.object({ batchItemFailures: z.array(z.object({ itemIdentifier: z.string() })) });

export interface PollerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  readonly batchSize: number;
  /** The queue's redrive limit: a message failing its receive number `maxReceiveCount` goes to the DLQ next. */
  readonly maxReceiveCount: number;
  readonly invoke: Invoke;
  /** Told which messages were deleted and which SQS moves to the dead-letter queue (awaited before the next batch). */
  readonly settled?: {
    deleted(messageIds: readonly string[]): void;
    deadLettered(messageIds: readonly string[]): Promise<void>;
  };
  readonly onError: (error: unknown) => void;
}

export interface Poller {
  readonly running: () => boolean;
  stop(): Promise<void>;
}

export function toSqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** The message ids the worker handled: all but the reported failures, none when it threw. */
export async function deliver(invoke: Invoke, event: SQSEvent): Promise<Set<string>> {
  const result = await invoke(event);
  const failed = new Set(BatchResponseSchema.parse(result ?? { batchItemFailures: [] }).batchItemFailures.map((f) => f.itemIdentifier));
  return new Set(event.Records.map((record) => record.messageId).filter((id) => !failed.has(id)));
}

export function startPoller(options: PollerOptions): Poller {
  let active = true;
  // Stopping ends the long poll at once rather than after its wait: a receive cut short leaves its
  // messages in the queue, to come back after their visibility timeout like any batch not deleted.
  const stopped = new AbortController();
  const loop = (async () => {
    while (active) {
      try {
        const { Messages = [] } = await options.sqs.send(new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: options.batchSize,
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['All'],
        }), { abortSignal: stopped.signal });
        if (Messages.length === 0) continue;
        const event: SQSEvent = { Records: Messages.map((m) => toSqsRecord(m, options.queueArn, options.region)) };
        let handled = new Set<string>();
        try {
          handled = await deliver(options.invoke, event);
        } catch (error) {
          options.onError(error);
        }
        const done = Messages.filter((m) => m.MessageId !== undefined && handled.has(m.MessageId));
        const lastFailures = Messages.filter((m) => m.MessageId !== undefined && !handled.has(m.MessageId) && Number(m.Attributes?.ApproximateReceiveCount ?? 1) >= options.maxReceiveCount);
        if (lastFailures.length > 0) await options.settled?.deadLettered(lastFailures.map((m) => m.MessageId ?? ''));
        if (done.length > 0) {
          const { Successful = [] } = await options.sqs.send(new DeleteMessageBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: done.map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle ?? '' })),
          }));
          const deleted = Successful.flatMap(({ Id }) => done[Number(Id)]?.MessageId ?? []);
          if (deleted.length > 0) options.settled?.deleted(deleted);
        }
      } catch (error) {
        if (!active) break;
        options.onError(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();
  return {
    running: () => active,
    stop: async () => {
      active = false;
      stopped.abort();
      await loop;
    },
  };
}
