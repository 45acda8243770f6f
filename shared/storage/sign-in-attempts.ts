import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../schemas/zod.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { keys, TTL_ATTRIBUTE } from './keys.ts';

// One item per sign-in name, known or not, keyed by a keyed hash of the name (what someone typed is never
// stored): the attempts since the last successful sign-in and when the last one was made. It expires some
// time after the last attempt, so guessed names do not pile up.

const AttemptsSchema = z.object({ attempts: z.int().check(z.minimum(0)), lastAttemptAt: z.int().check(z.minimum(0)) });
export type SignInAttempts = z.infer<typeof AttemptsSchema>;

const NONE: SignInAttempts = { attempts: 0, lastAttemptAt: 0 };

/**
 * Counts one attempt in a single atomic update and returns what was there before it, so attempts made at
 * the same moment each see a different count, exactly as if they had been made one after another.
 */
export async function countSignInAttempt(table: string, nameHash: string, nowSeconds: number, expiresAt: number): Promise<SignInAttempts> {
  const { Attributes } = await dynamoDb.send(new UpdateCommand({
    TableName: table,
    Key: keys.signInAttempts(nameHash),
    UpdateExpression: 'ADD attempts :one SET lastAttemptAt = :now, #ttl = :ttl',
    ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
    ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ':ttl': expiresAt },
    ReturnValues: 'UPDATED_OLD',
  }));
  return Attributes === undefined ? NONE : AttemptsSchema.parse(Attributes);
}

/** A successful sign-in forgets the failures. */
export async function clearSignInAttempts(table: string, nameHash: string): Promise<void> {
  await dynamoDb.send(new DeleteCommand({ TableName: table, Key: keys.signInAttempts(nameHash) }));
}

export async function signInAttempts(table: string, nameHash: string): Promise<SignInAttempts> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.signInAttempts(nameHash), ConsistentRead: true }));
  return Item === undefined ? NONE : AttemptsSchema.parse(Item);
}
