import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../schemas/zod.ts';
import { RoleSchema } from '../auth/identity.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { IdSchema } from '../schemas/site.ts';
import { allItems, putIfAbsent } from './items.ts';
import { keys } from './keys.ts';

// Local staff accounts, for the local token issuer (in AWS, Cognito keeps them). The same attributes as
// the Cognito user pool: groups (roles), sites and departments. Failed sign-ins are counted per name, known
// or not, in sign-in-attempts.ts.

export const UsernameSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, dots, dashes'));

export const StaffUserSchema = z.object({
  username: UsernameSchema,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Where the user hears of cases handed to their departments (responders), and of digests. */
  email: z.optional(z.email()),
  passwordHash: z.string().check(z.startsWith('scrypt$')),
  roles: z.array(RoleSchema).check(z.minLength(1)),
  sites: z.array(IdSchema).check(z.minLength(1)),
  departments: z.array(IdSchema),
  disabled: z.boolean(),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;

/** The schema strips the key attributes. */
const parse = (item: Record<string, unknown>): StaffUser => StaffUserSchema.parse(item);

export async function getUser(table: string, username: string): Promise<StaffUser | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.user(username) }));
  return Item === undefined ? undefined : parse(Item);
}

export async function createUserIfAbsent(table: string, user: StaffUser): Promise<boolean> {
  return putIfAbsent(table, { ...keys.user(user.username), ...StaffUserSchema.parse(user) });
}

/** Every local user; a scan is fine for a local directory of a few dozen staff. */
export async function listUsers(table: string): Promise<StaffUser[]> {
  const items = await allItems((startKey) => dynamoDb.send(new ScanCommand({
    TableName: table,
    FilterExpression: 'begins_with(pk, :prefix)',
    ExpressionAttributeValues: { ':prefix': keys.userPrefix },
    ExclusiveStartKey: startKey,
  })));
  return items.map(parse).sort((a, b) => a.username.localeCompare(b.username));
}

/** Replaces an account's attributes (not its name, which is its key); false when there is no such account. */
export async function saveUser(table: string, user: StaffUser): Promise<boolean> {
  try {
    await dynamoDb.send(new PutCommand({ TableName: table, Item: { ...keys.user(user.username), ...StaffUserSchema.parse(user) }, ConditionExpression: 'attribute_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function setUserDisabled(table: string, username: string, disabled: boolean): Promise<boolean> {
  try {
    await dynamoDb.send(new UpdateCommand({
      TableName: table, Key: keys.user(username), UpdateExpression: 'SET disabled = :d', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':d': disabled },
    }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
