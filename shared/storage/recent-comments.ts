import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../schemas/zod.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import type { SurveyMessage } from '../schemas/intake-message.ts';
import { SITE_WIDE } from '../reporting/counters.ts';
import { addDays, dayIn, epochSeconds } from '../platform/time.ts';
import type { ReadMeter } from './aggregates.ts';
import type { TransactItem } from './items.ts';
import { keys, TTL_ATTRIBUTE } from './keys.ts';

// A department's and a site's recent survey comments, newest first, for the digest and the dashboard: a
// copy of the comment alone (no contact; the submission id only in the key), with digit runs, e-mail
// addresses and ID numbers taken out, kept 90 days. Written in the survey's own transaction, so each copy
// exists exactly once.

export const COMMENT_KEEP_DAYS = 90;
const SHOWN_LENGTH = 280;

/** Takes out what could identify someone by number or address: phones, ID and bed numbers, e-mails. */
export function withoutIdentifiers(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/gu, '…')
    .replace(/[0-9０-９][0-9０-９\s-]{3,}[0-9０-９xX]/gu, '…')
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, SHOWN_LENGTH);
}

/**
 * The comment's copies: one in its department's partition, one in its site's (SITE_WIDE), so a report over
 * a whole site reads its newest comments with one query instead of one per department.
 */
export function recentCommentItems(table: string, message: SurveyMessage): TransactItem[] {
  const comment = message.survey.comment?.trim();
  if (comment === undefined || comment === '') return [];
  const item = {
    departmentId: message.departmentId,
    day: dayIn(message.timeZone, message.receivedAt),
    overall: message.survey.overall,
    text: withoutIdentifiers(comment),
    [TTL_ATTRIBUTE]: epochSeconds(addDays(new Date(message.receivedAt), COMMENT_KEEP_DAYS)),
  };
  return [message.departmentId, SITE_WIDE].map((partition) => ({
    Put: { TableName: table, Item: { ...keys.recentComment(message.siteId, partition, message.receivedAt, message.survey.submissionId), ...item } },
  }));
}

const RecentCommentSchema = z.object({ sk: z.string(), departmentId: z.string(), day: z.string(), overall: z.string(), text: z.string() });
export type RecentComment = z.infer<typeof RecentCommentSchema>;

/** Comments newest first; `more` when older ones are left. */
export interface CommentPage {
  readonly comments: readonly RecentComment[];
  readonly more: boolean;
}

/** The newest `limit` comments received on or before `to` (a day) of a department, or of the whole site (`SITE_WIDE`). */
export async function recentComments(table: string, siteId: string, departmentId: string, to: string, limit: number, meter?: ReadMeter): Promise<CommentPage> {
  const { Items = [], LastEvaluatedKey } = await dynamoDb.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND sk <= :to',
    ExpressionAttributeValues: { ':pk': keys.recentCommentPartition(siteId, departmentId), ':to': `${to}~` },
    ScanIndexForward: false,
    Limit: limit,
  }));
  if (meter !== undefined) {
    meter.queries += 1;
    meter.items += Items.length;
  }
  return { comments: Items.map((item) => RecentCommentSchema.parse(item)), more: LastEvaluatedKey !== undefined };
}
