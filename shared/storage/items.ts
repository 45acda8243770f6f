import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';

// What every storage module does with raw items: drop the key attributes before parsing, write once,
// and read a query or scan to its end.

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
