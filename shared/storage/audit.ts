import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamoDb } from '../aws/dynamodb.ts';
import { allItems } from './items.ts';
import { keys } from './keys.ts';

// The audit trail: sign-ins, failed sign-ins and every change a member of staff makes, with who and
// when. Append-only (each entry is a new item); never the content of a case or a patient's details.

export const AuditEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  actor: z.string().min(1),
  action: z.string().min(1),
  outcome: z.enum(['success', 'failure']),
  target: z.string().optional(),
  detail: z.string().max(500).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export async function recordAudit(table: string, entry: Omit<AuditEntry, 'at'>, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const item = AuditEntrySchema.parse({ ...entry, at });
  await dynamoDb.send(new PutCommand({ TableName: table, Item: { ...keys.audit(at.slice(0, 10), at, randomUUID()), ...item } }));
}

/** One UTC day's entries, oldest first. */
export async function auditEntries(table: string, day: string): Promise<AuditEntry[]> {
  const items = await allItems((startKey) => dynamoDb.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.auditPartition(day) },
    ExclusiveStartKey: startKey,
  })));
  return items.map((item) => AuditEntrySchema.parse(item)); // the schema strips pk and sk
}
