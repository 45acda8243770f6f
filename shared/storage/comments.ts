import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';
import { type CommentRecord, CommentRecordSchema, type SafetyReview } from '../schemas/comment.ts';
import { allItems } from './items.ts';
import { commentIndexKeys, INDEXES, keys, TTL_ATTRIBUTE } from './keys.ts';

// The comments a person must read: one item per submission, written once (a redelivered message changes
// nothing), in the site's unread range of the index until someone reads it. Reading, the reminder and the
// office's answer to a possible signal are conditional updates, so two officers clicking at once, or two
// overlapping monitor runs, change it once.

const indexKeys = (record: Pick<CommentRecord, 'siteId' | 'readAt' | 'receivedAt' | 'id'>) => commentIndexKeys(record.siteId, record.readAt !== undefined, record.receivedAt, record.id);

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** `expiresAt` (epoch seconds): a survey's comment goes when its survey does; a complaint's stays with the case. */
export async function putCommentIfAbsent(table: string, record: CommentRecord, expiresAt?: number): Promise<'stored' | 'duplicate'> {
  try {
    await dynamoDb.send(new PutCommand({
      TableName: table,
      Item: { ...keys.comment(record.id), ...indexKeys(record), ...CommentRecordSchema.parse(record), ...(expiresAt === undefined ? {} : { [TTL_ATTRIBUTE]: expiresAt }) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return 'stored';
  } catch (error) {
    if (isConditionFailure(error)) return 'duplicate';
    throw error;
  }
}

export async function getComment(table: string, id: string): Promise<CommentRecord | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.comment(id), ConsistentRead: true }));
  return Item === undefined ? undefined : CommentRecordSchema.parse(Item);
}

/** The notice of a possible signal went out. */
export async function clearCommentNotice(table: string, id: string): Promise<void> {
  await dynamoDb.send(new UpdateCommand({ TableName: table, Key: keys.comment(id), UpdateExpression: 'SET noticePending = :no', ExpressionAttributeValues: { ':no': false } }));
}

/** A site's comments in one range of the index, oldest first; at most `maxItems` (read page by page). */
async function commentsIn(table: string, siteId: string, range: 'UNREAD#' | 'READ#' | '', maxItems: number): Promise<CommentRecord[]> {
  const found: CommentRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDb.send(new QueryCommand({
      TableName: table,
      IndexName: INDEXES.byDue.name,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :range)',
      ExpressionAttributeNames: { '#pk': INDEXES.byDue.partitionKey, '#sk': INDEXES.byDue.sortKey },
      ExpressionAttributeValues: { ':pk': commentIndexKeys(siteId, false, '', '')[INDEXES.byDue.partitionKey], ':range': range },
      Limit: Math.min(100, maxItems - found.length),
      ExclusiveStartKey: startKey,
    }));
    found.push(...(page.Items ?? []).map((item) => CommentRecordSchema.parse(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && found.length < maxItems);
  return found;
}

/** A site's unread comments, oldest first (at most `maxItems`). */
export const unreadComments = (table: string, siteId: string, maxItems: number): Promise<CommentRecord[]> => commentsIn(table, siteId, 'UNREAD#', maxItems);

/** Every comment of a site still kept, read or not (the labels' export reads them all). */
export async function allComments(table: string, siteId: string): Promise<CommentRecord[]> {
  const items = await allItems((startKey) => dynamoDb.send(new QueryCommand({
    TableName: table,
    IndexName: INDEXES.byDue.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': INDEXES.byDue.partitionKey },
    ExpressionAttributeValues: { ':pk': commentIndexKeys(siteId, false, '', '')[INDEXES.byDue.partitionKey] },
    ExclusiveStartKey: startKey,
  })));
  return items.map((item) => CommentRecordSchema.parse(item));
}

/** Marks it read unless someone did; returns whether this call did. The index key moves to the read range. */
export async function markCommentRead(table: string, comment: CommentRecord, actor: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const moved = indexKeys({ ...comment, readAt: at });
  try {
    await dynamoDb.send(new UpdateCommand({
      TableName: table,
      Key: keys.comment(comment.id),
      UpdateExpression: 'SET readAt = :at, readBy = :by, #gsk = :gsk',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(readAt)',
      ExpressionAttributeNames: { '#gsk': INDEXES.byDue.sortKey },
      ExpressionAttributeValues: { ':at': at, ':by': actor, ':gsk': moved[INDEXES.byDue.sortKey] },
    }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * The office's answer to a possible signal, given once: the comment is read with it. Returns false when
 * somebody answered it first.
 */
export async function recordReview(table: string, comment: CommentRecord, state: Exclude<SafetyReview['state'], 'pending'>, actor: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const moved = indexKeys({ ...comment, readAt: comment.readAt ?? at });
  try {
    await dynamoDb.send(new UpdateCommand({
      TableName: table,
      Key: keys.comment(comment.id),
      UpdateExpression: 'SET review = :review, readAt = if_not_exists(readAt, :at), readBy = if_not_exists(readBy, :by), #gsk = :gsk',
      ConditionExpression: '#review.#state = :pending',
      ExpressionAttributeNames: { '#gsk': INDEXES.byDue.sortKey, '#review': 'review', '#state': 'state' },
      ExpressionAttributeValues: { ':review': { state, by: actor, at }, ':at': at, ':by': actor, ':gsk': moved[INDEXES.byDue.sortKey], ':pending': 'pending' },
    }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Marks an unread comment reminded, once; returns whether this call did (of two overlapping runs, one mails). */
export async function markCommentReminded(table: string, id: string, now: Date): Promise<boolean> {
  try {
    await dynamoDb.send(new UpdateCommand({
      TableName: table,
      Key: keys.comment(id),
      UpdateExpression: 'SET remindedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(remindedAt) AND attribute_not_exists(readAt)',
      ExpressionAttributeValues: { ':at': now.toISOString() },
    }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The case opened for a comment whose signal the office confirmed. */
export async function setCommentCase(table: string, id: string, complaintId: string): Promise<void> {
  await dynamoDb.send(new UpdateCommand({ TableName: table, Key: keys.comment(id), UpdateExpression: 'SET complaintId = :c', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':c': complaintId } }));
}
