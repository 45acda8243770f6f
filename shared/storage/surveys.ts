import type { Retention } from '../platform/retention.ts';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { coalesceDeltas } from '../reporting/counters.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import type { SurveyMessage } from '../schemas/intake-message.ts';
import { type SurveyContact, SurveyContactSchema } from '../schemas/survey.ts';
import { withoutKeys } from './items.ts';
import { addDays, epochSeconds } from '../platform/time.ts';
import { aggregateWrites } from './aggregates.ts';
import type { TransactItem } from './items.ts';
import { recentCommentItems } from './recent-comments.ts';
import { keys, TTL_ATTRIBUTE } from './keys.ts';

// Exactly-once storage of survey responses (design.md, "Exactly once"): the response items and the
// counter updates for them commit in one DynamoDB transaction, each response guarded by a condition
// that it does not exist yet. A redelivered message therefore changes nothing.

export type { TransactItem } from './items.ts';

export interface StoreResult {
  /** Submission ids written by this call. */
  readonly stored: readonly string[];
  /** Submission ids that were already stored (or repeated within the batch): nothing was counted again. */
  readonly duplicates: readonly string[];
}

/**
 * A transaction holds at most 100 actions: n messages need at most n responses + n contacts + 2n comment
 * copies + 2n days + 2n months + 2n years (their department's and the site's), so 10 fit, an SQS batch.
 */
export const MAX_MESSAGES_PER_TRANSACTION = 10;
const MAX_CONFLICT_RETRIES = 4;

function surveyItems(table: string, message: SurveyMessage, retention: Retention): TransactItem[] {
  const { survey } = message;
  const received = new Date(message.receivedAt);
  const { contact, ...response } = survey;
  const items: TransactItem[] = [{
    Put: {
      TableName: table,
      Item: {
        ...keys.survey(survey.submissionId),
        ...response,
        siteId: message.siteId,
        departmentId: message.departmentId,
        receivedAt: message.receivedAt,
        contactRequested: contact !== undefined,
        [TTL_ATTRIBUTE]: epochSeconds(addDays(received, retention.surveyDays)),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }];
  items.push(...recentCommentItems(table, message));
  if (contact !== undefined) {
    // Contact details live in their own item so they can expire long before the response does.
    items.push({ Put: { TableName: table, Item: { ...keys.surveyContact(survey.submissionId), ...contact, [TTL_ATTRIBUTE]: epochSeconds(addDays(received, retention.contactDays)) } } });
  }
  return items;
}

export function buildSurveyTransaction(table: string, messages: readonly SurveyMessage[], retention: Retention, now: Date): TransactItem[] {
  return [
    ...messages.flatMap((message) => surveyItems(table, message, retention)),
    ...aggregateWrites(table, coalesceDeltas(messages), now.toISOString()),
  ];
}

type Cancellation = { readonly kind: 'duplicates'; readonly ids: ReadonlySet<string> } | { readonly kind: 'conflict' } | { readonly kind: 'other' };

/** Why a transaction was cancelled: responses already stored, a concurrent writer, or anything else. */
function classifyCancellation(error: TransactionCanceledException, items: readonly TransactItem[]): Cancellation {
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  if (codes.some((code) => !['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(code))) return { kind: 'other' };
  const ids = new Set<string>();
  codes.forEach((code, index) => {
    const pk: unknown = items[index]?.Put?.Item?.pk;
    if (code === 'ConditionalCheckFailed' && typeof pk === 'string') ids.add(pk.slice('SURVEY#'.length));
  });
  if (ids.size > 0) return { kind: 'duplicates', ids };
  return codes.includes('TransactionConflict') ? { kind: 'conflict' } : { kind: 'other' };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stores the responses and their counters together. Responses already stored are dropped and the rest
 * retried, so one redelivered message never blocks the others. Anything else is thrown for the caller
 * to isolate record by record.
 */
export async function storeSurveys(table: string, messages: readonly SurveyMessage[], retention: Retention, now = new Date()): Promise<StoreResult> {
  const duplicates: string[] = [];
  const seen = new Set<string>();
  let pending = messages.filter((message) => {
    const id = message.survey.submissionId;
    if (seen.has(id)) {
      duplicates.push(id);
      return false;
    }
    seen.add(id);
    return true;
  });
  if (pending.length > MAX_MESSAGES_PER_TRANSACTION) throw new Error(`at most ${MAX_MESSAGES_PER_TRANSACTION} messages per transaction`);
  let conflicts = 0;
  while (pending.length > 0) {
    const items = buildSurveyTransaction(table, pending, retention, now);
    try {
      await dynamoDb.send(new TransactWriteCommand({ TransactItems: items }));
      return { stored: pending.map((message) => message.survey.submissionId), duplicates };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const cancellation = classifyCancellation(error, items);
      if (cancellation.kind === 'other') throw error;
      if (cancellation.kind === 'conflict') {
        // Another worker was updating the same aggregate item at that moment: back off and try again.
        if (++conflicts > MAX_CONFLICT_RETRIES) throw error;
        await pause(20 * 2 ** conflicts * Math.random());
        continue;
      }
      duplicates.push(...cancellation.ids);
      pending = pending.filter((message) => !cancellation.ids.has(message.survey.submissionId));
    }
  }
  return { stored: [], duplicates };
}

/** The contact details a survey's patient left, while they are kept (they expire before the response). */
export async function getSurveyContact(table: string, submissionId: string): Promise<SurveyContact | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.surveyContact(submissionId), ConsistentRead: true }));
  if (Item === undefined) return undefined;
  const { [TTL_ATTRIBUTE]: _expires, ...contact } = withoutKeys(Item);
  return SurveyContactSchema.parse(contact);
}
