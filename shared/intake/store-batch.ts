import type { SQSBatchItemFailure, SQSBatchResponse } from 'aws-lambda';
import { classify } from '../classify/classifier.ts';
import { queueBody, type QueueRecord } from '../schemas/queue-body.ts';
import { type CommentInput, triageComment } from '../comments/triage-comment.ts';
import type { ComplaintSettings } from '../complaints/settings.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import { receiveComplaint } from '../complaints/receive.ts';
import { surveyFollowUp } from '../complaints/triage.ts';
import { storeDischarges } from '../callbacks/discharges.ts';
import { callComment, storeCallback } from '../callbacks/record.ts';
import { type CallbackMessage, type ComplaintMessage, type DischargesMessage, IntakeMessageSchema, type SurveyMessage } from '../schemas/intake-message.ts';
import type { CaseNoticeMessage, NotifyMessage } from '../schemas/notify-message.ts';
import { errorSummary, logger } from '../platform/observability.ts';
import type { Retention } from '../platform/retention.ts';
import { addDays, epochSeconds } from '../platform/time.ts';
import { storeSurveys } from '../storage/surveys.ts';

// The intake worker: parses every record, stores the good surveys with coalesced counter updates in one
// transaction and each complaint in its own, queues the mails they owe on the notify queue (a new case's,
// a comment's; the notices' worker sends them), and reports the rest as batch item failures so SQS retries
// them and, after the queue's max receive count, moves them to the dead-letter queue. It never swallows an
// error it cannot place.

export interface WorkerContext {
  readonly table: string;
  readonly retention: Retention;
  /** Derives the tracking codes of the follow-up cases surveys open. */
  readonly key: Buffer;
  /** Queues a notice on the notify queue. */
  readonly notify: (message: NotifyMessage) => Promise<unknown>;
  readonly now?: Date;
}

export interface BatchOutcome {
  readonly response: SQSBatchResponse;
  readonly stored: number;
  readonly duplicates: number;
  /** New complaint cases, follow-ups of surveys included. */
  readonly complaints: number;
}

const BodySchema = queueBody(IntakeMessageSchema);

export async function processIntakeBatch(context: WorkerContext, records: readonly QueueRecord[]): Promise<BatchOutcome> {
  const { table, retention } = context;
  const failures: SQSBatchItemFailure[] = [];
  const surveys: { record: QueueRecord; message: SurveyMessage }[] = [];
  const complaints: { record: QueueRecord; message: ComplaintMessage }[] = [];
  const calls: { record: QueueRecord; message: DischargesMessage | CallbackMessage }[] = [];
  const comments: { record: QueueRecord; input: CommentInput }[] = [];
  const notices: { record: QueueRecord; message: CaseNoticeMessage }[] = [];
  for (const record of records) {
    const parsed = BodySchema.safeParse(record.body);
    if (!parsed.success) {
      // The message id only: the body carries patient data.
      logger.error('unreadable intake message', { messageId: record.messageId, issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`) });
      failures.push({ itemIdentifier: record.messageId });
    } else if (parsed.data.kind === 'survey') {
      surveys.push({ record, message: parsed.data });
    } else if (parsed.data.kind === 'complaint') {
      complaints.push({ record, message: parsed.data });
    } else if (parsed.data.kind === 'case-notice') {
      notices.push({ record, message: parsed.data });
    } else {
      calls.push({ record, message: parsed.data });
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
      logger.warn('batch write failed; storing record by record', { error: errorSummary(error) });
      for (const { record, message } of surveys) {
        try {
          const result = await storeSurveys(table, [message], retention);
          stored += result.stored.length;
          duplicates += result.duplicates.length;
        } catch (recordError) {
          logger.error('cannot store intake message', { messageId: record.messageId, error: errorSummary(recordError) });
          failures.push({ itemIdentifier: record.messageId });
        }
      }
    }
  }
  // Follow-ups and comments of every survey in the batch, stored or duplicate: a survey redelivered after
  // its case or its comment failed still gets them, and one that has them changes nothing.
  const failed = new Set(failures.map((f) => f.itemIdentifier));
  for (const { record, message } of surveys) {
    if (failed.has(record.messageId)) continue;
    const { survey } = message;
    const text = survey.comment?.trim() ?? '';
    const classification = text === '' ? undefined : classify(text);
    const followUp = surveyFollowUp(message, context.key, classification?.safetyLevel ?? 'none');
    if (followUp !== undefined) complaints.push({ record, message: followUp });
    if (classification !== undefined) {
      comments.push({ record, input: {
        id: survey.submissionId, siteId: message.siteId, departmentId: message.departmentId, source: 'survey', receivedAt: message.receivedAt,
        timeZone: message.timeZone, text, classification, expiresAt: epochSeconds(addDays(new Date(message.receivedAt), retention.surveyDays)),
        ...(followUp === undefined ? {} : { complaintId: followUp.complaint.submissionId }),
      } });
    }
  }
  // Discharges and call outcomes, each stored once; the complaints a call raises join the complaints below
  // (on a redelivery too: a case that exists changes nothing).
  for (const { record, message } of calls) {
    try {
      if (message.kind === 'discharges') {
        const result = await storeDischarges(table, message, context.now ?? new Date());
        stored += result.stored + result.corrected;
        duplicates += result.duplicates;
      } else {
        const result = await storeCallback({ table, key: context.key, now: context.now ?? new Date() }, message);
        if (result.result === 'stored') stored += 1;
        else duplicates += 1;
        for (const complaint of result.complaints) complaints.push({ record, message: complaint });
        // The notes are what the patient said, kept as long as a survey's comment.
        const comment = callComment(message, epochSeconds(addDays(new Date(message.receivedAt), retention.surveyDays)));
        if (comment !== undefined) comments.push({ record, input: comment });
      }
    } catch (error) {
      logger.error('cannot store intake message', { messageId: record.messageId, kind: message.kind, error: errorSummary(error) });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  let newCases = 0;
  for (const { record, message } of complaints) {
    try {
      const result = await receiveComplaint({ table, contactDays: retention.contactDays, notify: context.notify, now: context.now ?? new Date() }, message);
      if (result === 'stored') newCases += 1;
      // Follow-ups of surveys, the cases a call opens and a confirmed callback note's case (review.ts) are
      // counted as their survey or call.
      if (message.channel !== 'survey-follow-up' && message.callId === undefined && message.enteredBy !== 'callback') {
        if (result === 'stored') stored += 1;
        else duplicates += 1;
      }
    } catch (error) {
      logger.error('cannot store complaint', { messageId: record.messageId, error: errorSummary(error) });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  // After the follow-up cases, so the office finds the case a comment names. A site's settings are read
  // once a batch (the reading times and the rota), not once a comment.
  const settings = new Map<string, Promise<ComplaintSettings | undefined>>();
  for (const { record, input } of comments) {
    if (failures.some((f) => f.itemIdentifier === record.messageId)) continue;
    try {
      const site = settings.get(input.siteId) ?? getComplaintSettings(table, input.siteId);
      settings.set(input.siteId, site);
      const siteSettings = await site;
      await triageComment({ table, notify: context.notify, ...(siteSettings === undefined ? {} : { settings: siteSettings }) }, input);
    } catch (error) {
      logger.error('cannot store comment', { messageId: record.messageId, error: errorSummary(error) });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  // A change's notice queued here before notices had their own queue (5 December): passed on to it, stored
  // nowhere. Migration only: remove once every deployment has run the notify queue for 14 days (the
  // intake dead-letter queue's retention), with the kind in IntakeMessageSchema.
  for (const { record, message } of notices) {
    try {
      await context.notify(message);
    } catch (error) {
      logger.error('cannot pass case notice on', { messageId: record.messageId, complaintId: message.complaintId, error: errorSummary(error) });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { response: { batchItemFailures: failures }, stored, duplicates, complaints: newCases };
}
