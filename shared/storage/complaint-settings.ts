import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../schemas/zod.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { type ComplaintSettings, ComplaintSettingsSchema } from '../complaints/settings.ts';
import { getItems, putIfAbsent, withoutKeys } from './items.ts';
import { keys } from './keys.ts';

// One item per site: its complaint office's rota, routing rules, calendar override and limits, and the
// version of the site's settings (`settingsVersion`, bumped by every save of the settings pages).

const SettingsVersionSchema = z._default(z.int().check(z.minimum(1)), 1);

/** The settings an item holds and their version (1 for an item written before settings were versioned). */
function versionedSettings(item: Record<string, unknown>): { settings: ComplaintSettings; version: number } {
  const { settingsVersion, ...rest } = withoutKeys(item);
  return { settings: ComplaintSettingsSchema.parse(rest), version: SettingsVersionSchema.parse(settingsVersion) };
}

export async function getVersionedComplaintSettings(table: string, siteId: string): Promise<{ settings: ComplaintSettings; version: number } | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.complaintSettings(siteId) }));
  return Item === undefined ? undefined : versionedSettings(Item);
}

export async function getComplaintSettings(table: string, siteId: string): Promise<ComplaintSettings | undefined> {
  return (await getVersionedComplaintSettings(table, siteId))?.settings;
}

/** Several sites' settings in one request, by site id; a site with none is absent. */
export async function getComplaintSettingsOf(table: string, siteIds: readonly string[]): Promise<ReadonlyMap<string, ComplaintSettings>> {
  const { items } = await getItems(table, [...new Set(siteIds)].map(keys.complaintSettings));
  // A site has one settings item, so its partition key names it.
  const byPk = new Map(items.map((item) => [item.pk, item]));
  return new Map(siteIds.flatMap((siteId) => {
    const item = byPk.get(keys.complaintSettings(siteId).pk);
    return item === undefined ? [] : [[siteId, versionedSettings(item).settings] as const];
  }));
}

/** Writes a site's settings unless it has some: seeding twice changes nothing. */
export async function createComplaintSettingsIfAbsent(table: string, siteId: string, settings: ComplaintSettings): Promise<boolean> {
  return putIfAbsent(table, { ...keys.complaintSettings(siteId), ...ComplaintSettingsSchema.parse(settings) });
}
