import { createHash } from 'node:crypto';
import { SqsRecordSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

const QUEUE_ARN = 'arn:aws-cn:sqs:cn-north-1:123456789012:patient-feedback-intake';

/**
 * A complete SQS record, shaped as Lambda delivers it. The result is checked against Powertools' SQS
 * record schema, so a test cannot pass on a half-built record the real envelope would refuse.
 */
export function sqsRecord(messageId: string, body: string, overrides: Partial<SQSRecord> = {}): SQSRecord {
  const sentAt = Date.UTC(2026, 10, 22, 16, 30);
  const record: SQSRecord = {
    messageId,
    receiptHandle: `AQEB${Buffer.from(messageId).toString('base64')}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(sentAt),
      SenderId: 'AROAEXAMPLE:survey-intake',
      ApproximateFirstReceiveTimestamp: String(sentAt + 15),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: 'cn-north-1',
    ...overrides,
  };
  SqsRecordSchema.parse(record);
  return record;
}

/** A record whose body is the JSON of `message` (anything: tests also send what the worker must refuse). */
export function jsonRecord(messageId: string, message: unknown): SQSRecord {
  return sqsRecord(messageId, JSON.stringify(message));
}

export function sqsEvent(records: readonly SQSRecord[]): SQSEvent {
  return { Records: [...records] };
}
