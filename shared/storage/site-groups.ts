import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';
import { type SiteGroup, SiteGroupSchema } from '../schemas/site.ts';
import { allItems, putIfAbsent, withoutKeys } from './items.ts';
import { keys } from './keys.ts';

// Groups of sites (医联体, 对口帮扶): one small partition, so listing them is one Query.

export async function getSiteGroup(table: string, groupId: string): Promise<SiteGroup | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.siteGroup(groupId) }));
  return Item === undefined ? undefined : SiteGroupSchema.parse(withoutKeys(Item));
}

export async function listSiteGroups(table: string): Promise<SiteGroup[]> {
  const { pk } = keys.siteGroup('');
  const items = await allItems((startKey) => dynamoDb.send(new QueryCommand({
    TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: startKey,
  })));
  return items.map((item) => SiteGroupSchema.parse(withoutKeys(item)));
}

export async function createSiteGroupIfAbsent(table: string, group: SiteGroup): Promise<boolean> {
  return putIfAbsent(table, { ...keys.siteGroup(group.groupId), ...SiteGroupSchema.parse(group) });
}
