import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';
import { type ComplaintSettings, ComplaintSettingsSchema } from '../complaints/settings.ts';
import { putIfAbsent, withoutKeys } from './items.ts';
import { keys } from './keys.ts';

// One item per site: its complaint office's rota, routing rules, calendar override and limits.

export async function getComplaintSettings(table: string, siteId: string): Promise<ComplaintSettings | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.complaintSettings(siteId) }));
  return Item === undefined ? undefined : ComplaintSettingsSchema.parse(withoutKeys(Item));
}

/** Writes a site's settings unless it has some: seeding twice changes nothing. */
export async function createComplaintSettingsIfAbsent(table: string, siteId: string, settings: ComplaintSettings): Promise<boolean> {
  return putIfAbsent(table, { ...keys.complaintSettings(siteId), ...ComplaintSettingsSchema.parse(settings) });
}

