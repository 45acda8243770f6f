import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type QueueSpec, visibilityTimeoutSeconds } from '../topology.ts';

/** A work queue and its dead-letter queue, shaped by the topology; both encrypted with the data key and TLS-only. */
export class WorkerQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  private readonly spec: QueueSpec;

  constructor(scope: Construct, id: string, props: { readonly spec: QueueSpec; readonly key: IKey }) {
    super(scope, id);
    this.spec = props.spec;
    const common = { encryption: QueueEncryption.KMS, encryptionMasterKey: props.key, enforceSSL: true };
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', { ...common, retentionPeriod: Duration.days(props.spec.deadLetterRetentionDays) });
    this.queue = new Queue(this, 'Queue', {
      ...common,
      retentionPeriod: Duration.days(props.spec.retentionDays),
      visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds(props.spec)),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.spec.maxReceiveCount },
    });
  }

  /** The worker gets batches and reports the records it could not store, so only those are retried. */
  feed(worker: IFunction): void {
    worker.addEventSource(new SqsEventSource(this.queue, {
      batchSize: this.spec.batchSize,
      maxBatchingWindow: Duration.seconds(this.spec.maxBatchingWindowSeconds),
      reportBatchItemFailures: true,
    }));
  }
}
