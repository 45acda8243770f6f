import type { SQSBatchItemFailure, SQSBatchResponse } from 'aws-lambda';
import { z } from 'zod';
import { IntakeMessageSchema, type SurveyMessage } from './schemas/intake-message.ts';
import { logger } from './observability.ts';
import type { Retention } from './retention.ts';
import { storeSurveys } from './storage/surveys.ts';

// The intake worker: parses every record, stores the good ones with coalesced counter updates in one
// transaction, and reports the rest as batch item failures so SQS retries them and, after the queue's
// max receive count, moves them to the dead-letter queue. It never swallows an error it cannot place.

/** The part of an SQS record the worker reads. */
export interface IntakeRecord {
  readonly messageId: string;
  readonly body: string;
}

export interface BatchOutcome {
  readonly response: SQSBatchResponse;
  readonly stored: number;
  readonly duplicates: number;
}

const BodySchema = z.string().transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: 'body is not JSON' });
    return z.NEVER;
  }
}).pipe(IntakeMessageSchema);

export async function processIntakeBatch(table: string, records: readonly IntakeRecord[], retention: Retention): Promise<BatchOutcome> {
  const failures: SQSBatchItemFailure[] = [];
  const surveys: { record: IntakeRecord; message: SurveyMessage }[] = [];
  for (const record of records) {
    const parsed = BodySchema.safeParse(record.body);
    if (parsed.success) {
      surveys.push({ record, message: parsed.data });
    } else {
      // The message id only: the body carries patient data.
      logger.error('unreadable intake message', { messageId: record.messageId, issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`) });
      failures.push({ itemIdentifier: record.messageId });
    }
  }

  let stored = 0;
  let duplicates = 0;
  if (surveys.length > 0) {
    try {
      const result = await storeSurveys(table, surveys.map((s) => s.message), retention);
      stored += result.stored.length;
      duplicates += result.duplicates.length;
    } catch (error) {
      // Something in the batch cannot be written: isolate it, so the rest is still stored once.
      logger.warn('batch write failed; storing record by record', { error: errorName(error) });
      for (const { record, message } of surveys) {
        try {
          const result = await storeSurveys(table, [message], retention);
          stored += result.stored.length;
          duplicates += result.duplicates.length;
        } catch (recordError) {
          logger.error('cannot store intake message', { messageId: record.messageId, error: errorName(recordError) });
          failures.push({ itemIdentifier: record.messageId });
        }
      }
    }
  }
  return { response: { batchItemFailures: failures }, stored, duplicates };
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
