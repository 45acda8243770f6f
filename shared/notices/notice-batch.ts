import type { SQSBatchItemFailure, SQSBatchResponse } from 'aws-lambda';
import { mailCommentNotice } from '../comments/comment-notices.ts';
import { type ComplaintMailContext, mailCaseNotice, mailCaseOpened } from '../complaints/notices.ts';
import { errorSummary, logger } from '../platform/observability.ts';
import { NotifyMessageSchema } from '../schemas/notify-message.ts';
import { queueBody, type QueueRecord } from '../schemas/queue-body.ts';

// The notices' worker: mails what the notify queue says is owed (a new case's first mails, a comment's
// notice, a change's notice), each from its record as it stands now, and reports every message it could
// not mail as a batch item failure, so SQS retries it and, after the queue's max receive count, moves it to
// the notify dead-letter queue, whose depth the operator is mailed about. The intake worker and the
// changes to cases queue these; they store, this one mails, so a mail service that refuses delays
// mails and nothing else (and only this function may send mail or read the staff directory for them).

export interface NoticeWorkerContext {
  readonly table: string;
  readonly mail: ComplaintMailContext;
  /** Who is on duty is read at this moment; now when omitted (the demo loader replays past days). */
  readonly now?: Date;
}

const BodySchema = queueBody(NotifyMessageSchema);

export async function processNoticeBatch(context: NoticeWorkerContext, records: readonly QueueRecord[]): Promise<{ response: SQSBatchResponse; handled: number }> {
  const failures: SQSBatchItemFailure[] = [];
  let handled = 0;
  for (const record of records) {
    const parsed = BodySchema.safeParse(record.body);
    if (!parsed.success) {
      logger.error('unreadable notice message', { messageId: record.messageId, issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`) });
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const message = parsed.data;
    try {
      if (message.kind === 'case-opened') await mailCaseOpened(context.table, message.complaintId, context.mail);
      else if (message.kind === 'comment-notice') await mailCommentNotice(context.table, message.commentId, context.mail, context.now ?? new Date());
      else await mailCaseNotice(context.table, message, context.mail);
      handled += 1;
    } catch (error) {
      // The record's id only: the mails name people, and the case or comment is found by it.
      logger.error('cannot mail notice', { messageId: record.messageId, kind: message.kind, error: errorSummary(error) });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { response: { batchItemFailures: failures }, handled };
}
