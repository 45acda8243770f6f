import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, PutCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';

// What every storage module does with raw items: drop the key attributes before parsing, write once,
// read a query or scan to its end, and read many items by key.

export const withoutKeys = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;

/** Writes the item unless one with its key exists; returns whether it was written (seeding twice changes nothing). */
export async function putIfAbsent(table: string, item: Record<string, unknown>): Promise<boolean> {
  try {
    await dynamoDb.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

type Page = { readonly Items?: Record<string, unknown>[]; readonly LastEvaluatedKey?: Record<string, unknown> };

/** Every item of a Query or Scan, following LastEvaluatedKey page after page. */
export async function allItems(read: (startKey: Record<string, unknown> | undefined) => Promise<Page>): Promise<Record<string, unknown>[]> {
  return itemsUpTo(read, Number.POSITIVE_INFINITY);
}

/** Pages until at least `max` items have come (or the last page). */
export async function itemsUpTo(read: (startKey: Record<string, unknown> | undefined) => Promise<Page>, max: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await read(startKey);
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && items.length < max);
  return items;
}

/** BatchGetItem's limit of keys per request. */
const BATCH_GET_KEYS = 100;
const BATCH_GET_ATTEMPTS = 8;

/** A read's parameters for fetching only these attributes of each item (all when undefined). */
export const projectionOf = (attributes: readonly string[] | undefined): { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } => (attributes === undefined
  ? {}
  : { ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '), ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])) });

export interface BatchGetOptions {
  /** Only these attributes of each item. */
  readonly attributes?: readonly string[];
  readonly consistentRead?: boolean;
}

/**
 * The items with these keys (those that exist), in batches of 100 sent together, each batch's unprocessed
 * keys sent again with a growing pause (as DynamoDB asks). Also counts the requests it made.
 */
export async function getItems(table: string, itemKeys: readonly Record<string, unknown>[], options: BatchGetOptions = {}): Promise<{ items: Record<string, unknown>[]; requests: number }> {
  const { attributes, consistentRead } = options;
  const projection = projectionOf(attributes);
  let requests = 0;
  const batches = [];
  for (let i = 0; i < itemKeys.length; i += BATCH_GET_KEYS) batches.push(itemKeys.slice(i, i + BATCH_GET_KEYS));
  const found = await Promise.all(batches.map(async (batch) => {
    const items: Record<string, unknown>[] = [];
    let pending: Record<string, unknown>[] = [...batch];
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > BATCH_GET_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${BATCH_GET_ATTEMPTS} attempts`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const result: BatchGetCommandOutput = await dynamoDb.send(new BatchGetCommand({
        RequestItems: { [table]: { Keys: pending, ...projection, ...(consistentRead === true ? { ConsistentRead: true } : {}) } },
      }));
      requests += 1;
      items.push(...(result.Responses?.[table] ?? []));
      pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
    }
    return items;
  }));
  return { items: found.flat(), requests };
}
