import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';
import { type Department, DepartmentSchema, type Site, SiteSchema } from '../schemas/site.ts';
import { keys } from './keys.ts';

// Sites and departments. Items are parsed with their schemas on the way out, so a damaged item fails
// here, by name, and never travels further as a half-typed object.

const strip = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;

export async function getSite(table: string, siteId: string): Promise<Site | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.site(siteId) }));
  return Item === undefined ? undefined : SiteSchema.parse(strip(Item));
}

export async function getDepartment(table: string, siteId: string, departmentId: string): Promise<Department | undefined> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.department(siteId, departmentId) }));
  return Item === undefined ? undefined : DepartmentSchema.parse(strip(Item));
}

export async function listDepartments(table: string, siteId: string): Promise<Department[]> {
  const departments: Department[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDb.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.site(siteId).pk, ':prefix': keys.departmentPrefix },
      ExclusiveStartKey: startKey,
    }));
    for (const item of page.Items ?? []) departments.push(DepartmentSchema.parse(strip(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return departments;
}

/** Writes a site unless it exists: seeding twice changes nothing. Returns whether it was created. */
export async function createSiteIfAbsent(table: string, site: Site): Promise<boolean> {
  return putIfAbsent(table, { ...keys.site(site.siteId), ...SiteSchema.parse(site) });
}

export async function createDepartmentIfAbsent(table: string, department: Department): Promise<boolean> {
  return putIfAbsent(table, { ...keys.department(department.siteId, department.departmentId), ...DepartmentSchema.parse(department) });
}

async function putIfAbsent(table: string, item: Record<string, unknown>): Promise<boolean> {
  try {
    await dynamoDb.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
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
  return DepartmentSchema.parse(strip(Attributes ?? {}));
}
