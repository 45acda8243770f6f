import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../schemas/zod.ts';
import { dynamoDb } from '../aws/dynamodb.ts';
import { type Department, DepartmentSchema, IdSchema, type Site, SiteSchema } from '../schemas/site.ts';
import { allItems, getItems, putIfAbsent, withoutKeys } from './items.ts';
import { keys } from './keys.ts';

// Sites and departments. Items are parsed with their schemas on the way out, so a damaged item fails
// here, by name, and never travels further as a half-typed object.

export async function getSite(table: string, siteId: string): Promise<Site | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.site(siteId) }));
  return Item === undefined ? undefined : SiteSchema.parse(withoutKeys(Item));
}

/** The sites that exist of these, by id: one request for a page's site and its picker's others. */
export async function getSites(table: string, siteIds: readonly string[]): Promise<ReadonlyMap<string, Site>> {
  const { items } = await getItems(table, [...new Set(siteIds)].map(keys.site));
  return new Map(items.map((item) => SiteSchema.parse(withoutKeys(item))).map((site) => [site.siteId, site]));
}

/** A site's departments by id: what a page looks a case's or a comment's department up in. */
export async function departmentsById(table: string, siteId: string): Promise<ReadonlyMap<string, Department>> {
  return new Map((await listDepartments(table, siteId)).map((d) => [d.departmentId, d]));
}

export async function getDepartment(table: string, siteId: string, departmentId: string): Promise<Department | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.department(siteId, departmentId) }));
  return Item === undefined ? undefined : DepartmentSchema.parse(withoutKeys(Item));
}

export async function listDepartments(table: string, siteId: string): Promise<Department[]> {
  const items = await allItems((startKey) => dynamoDb.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.site(siteId).pk, ':prefix': keys.departmentPrefix },
    ExclusiveStartKey: startKey,
  })));
  return items.map((item) => DepartmentSchema.parse(withoutKeys(item)));
}

/**
 * Writes a site unless it exists: seeding twice changes nothing. Returns whether it was created. The
 * registry entry is written whether or not the site was new, so a table seeded before the registry
 * existed (or a write interrupted between the two puts) gets its entry on the next seed.
 */
export async function createSiteIfAbsent(table: string, site: Site): Promise<boolean> {
  const parsed = SiteSchema.parse(site);
  const created = await putIfAbsent(table, { ...keys.site(parsed.siteId), ...parsed });
  await putIfAbsent(table, { ...keys.siteIndex(parsed.siteId), siteId: parsed.siteId });
  return created;
}

const SiteIndexItemSchema = z.object({ siteId: IdSchema });

/** Every site's id, from the registry (one small partition: a Query, never a Scan of the table). */
export async function listSiteIds(table: string): Promise<string[]> {
  const { pk, sk: prefix } = keys.siteIndex('');
  const items = await allItems((startKey) => dynamoDb.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ExclusiveStartKey: startKey,
  })));
  return items.map((item) => SiteIndexItemSchema.parse(item).siteId);
}

export async function createDepartmentIfAbsent(table: string, department: Department): Promise<boolean> {
  return putIfAbsent(table, { ...keys.department(department.siteId, department.departmentId), ...DepartmentSchema.parse(department) });
}

/** Revokes every code printed so far for the department; returns the department with its new generation. */
export async function bumpCodeGeneration(table: string, siteId: string, departmentId: string): Promise<Department> {
  const { Attributes } = await dynamoDb.send(new UpdateCommand({
    TableName: table,
    Key: keys.department(siteId, departmentId),
    UpdateExpression: 'ADD codeGeneration :one',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':one': 1 },
    ReturnValues: 'ALL_NEW',
  }));
  return DepartmentSchema.parse(withoutKeys(Attributes ?? {}));
}
