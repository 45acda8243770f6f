import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../schemas/zod.ts';
import { RoleSchema } from '../auth/identity.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { IdSchema } from '../schemas/site.ts';
import { allItems, withoutKeys } from './items.ts';
import { keys } from './keys.ts';

// Who receives which digest (one small partition, so the scheduled run lists it with one Query). The
// roles and sites are the ones the user had when they last saved their choice, kept for the record: the
// sender takes the scope from the staff directory at send time (shared/digests/send-digests.ts).

export const DIGEST_FREQUENCIES = ['weekly', 'monthly', 'both', 'none'] as const;
export const DigestFrequencySchema = z.enum(DIGEST_FREQUENCIES);
export type DigestFrequency = z.infer<typeof DigestFrequencySchema>;

export const DigestPreferenceSchema = z.object({
  username: z.string().check(z.minLength(1)),
  email: z.email(),
  locale: z.enum(['zh-CN', 'en']),
  frequency: DigestFrequencySchema,
  roles: z.array(RoleSchema),
  sites: z.array(IdSchema),
  updatedAt: z.string(),
});
export type DigestPreference = z.infer<typeof DigestPreferenceSchema>;

export const receives = (preference: DigestPreference, kind: 'week' | 'month'): boolean =>
  preference.frequency === 'both' || preference.frequency === (kind === 'week' ? 'weekly' : 'monthly');

export async function getDigestPreference(table: string, username: string): Promise<DigestPreference | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.digestPreference(username) }));
  return Item === undefined ? undefined : DigestPreferenceSchema.parse(withoutKeys(Item));
}

export async function putDigestPreference(table: string, preference: DigestPreference): Promise<void> {
  await dynamoDb.send(new PutCommand({ TableName: table, Item: { ...keys.digestPreference(preference.username), ...DigestPreferenceSchema.parse(preference) } }));
}

export async function listDigestPreferences(table: string): Promise<DigestPreference[]> {
  const { pk } = keys.digestPreference('');
  const items = await allItems((startKey) => dynamoDb.send(new QueryCommand({
    TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: startKey,
  })));
  return items.map((item) => DigestPreferenceSchema.parse(withoutKeys(item)));
}

/** The one-click unsubscribe: no more digests; true when the user had a choice on record. */
export async function unsubscribeDigests(table: string, username: string, now: Date): Promise<boolean> {
  try {
    await dynamoDb.send(new UpdateCommand({
      TableName: table, Key: keys.digestPreference(username),
      UpdateExpression: 'SET frequency = :none, updatedAt = :now', ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':none': 'none', ':now': now.toISOString() },
    }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
