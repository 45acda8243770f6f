import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../schemas/zod.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { type StoredContact, StoredContactSchema } from '../schemas/complaint.ts';
import { withoutKeys } from './items.ts';
import { keys, TTL_ATTRIBUTE } from './keys.ts';

// A complaint's contact details, kept apart from the case so they can expire on their own (TTL) and be
// read only by those who may see them (the complaint office, never a department responder).

export type ContactReading =
  | { readonly state: 'present'; readonly contact: StoredContact }
  /** The case had contact details, but their retention after closing has run out. */
  | { readonly state: 'expired' }
  | { readonly state: 'none' };

const ExpirySchema = z.optional(z.int());

/**
 * The contact item of a case. DynamoDB deletes expired items up to a few days late, so an item past its
 * expiry is treated as already gone: nobody reads contact details after their retention has run out.
 */
export async function readComplaintContact(table: string, id: string, hadContact: boolean, now: Date): Promise<ContactReading> {
  if (!hadContact) return { state: 'none' };
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.complaintContact(id), ConsistentRead: true }));
  if (Item === undefined) return { state: 'expired' };
  const { [TTL_ATTRIBUTE]: expiresAt, ...rest } = withoutKeys(Item);
  const expiry = ExpirySchema.parse(expiresAt);
  if (expiry !== undefined && expiry * 1000 <= now.getTime()) return { state: 'expired' };
  return { state: 'present', contact: StoredContactSchema.parse(rest) };
}
