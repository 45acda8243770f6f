import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../aws/dynamodb.ts';
import type { ComplaintSettings } from '../complaints/settings.ts';
import { ComplaintSettingsSchema } from '../complaints/settings.ts';
import { type Department, DepartmentSchema, type Site, SiteSchema } from '../schemas/site.ts';
import { getVersionedComplaintSettings } from './complaint-settings.ts';
import { keys } from './keys.ts';
import { getSite, listDepartments } from './sites.ts';

// A site's settings as the settings pages edit them: the site item, its department items and its
// complaint settings item, read together and written in one transaction, conditioned on the version
// they were read at (kept on the complaint settings item).

/** A transaction holds at most 100 items: the site, the complaint settings and the departments. */
export const SETTINGS_MAX_DEPARTMENTS = 98;

export interface StoredSiteSettings {
  readonly siteId: string;
  readonly version: number;
  readonly site: Omit<Site, 'siteId'>;
  readonly departments: Omit<Department, 'siteId' | 'codeGeneration'>[];
  readonly complaints: ComplaintSettings;
}

export async function getSiteSettings(table: string, siteId: string): Promise<StoredSiteSettings | undefined> {
  const [site, departments, complaints] = await Promise.all([getSite(table, siteId), listDepartments(table, siteId), getVersionedComplaintSettings(table, siteId)]);
  if (site === undefined || complaints === undefined) return undefined;
  const { siteId: _site, ...siteFields } = site;
  return {
    siteId,
    version: complaints.version,
    site: siteFields,
    departments: departments.map(({ siteId: _s, codeGeneration: _g, ...rest }) => rest),
    complaints: complaints.settings,
  };
}

/** Every settable attribute of a department; SET for those given, REMOVE for the optional ones left out. */
const DEPARTMENT_FIELDS = ['name', 'nameEn', 'kind', 'surveyEnabled', 'email', 'ratingItems', 'asksWait', 'serviceType'] as const;

function departmentUpdate(table: string, department: Department) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':one': 1, ':site': department.siteId, ':dept': department.departmentId };
  const set: string[] = ['siteId = :site', 'departmentId = :dept', 'codeGeneration = if_not_exists(codeGeneration, :one)'];
  const remove: string[] = [];
  for (const field of DEPARTMENT_FIELDS) {
    names[`#${field}`] = field;
    const value = department[field];
    if (value === undefined) remove.push(`#${field}`);
    else {
      values[`:${field}`] = value;
      set.push(`#${field} = :${field}`);
    }
  }
  return {
    Update: {
      TableName: table,
      Key: keys.department(department.siteId, department.departmentId),
      // The code generation stays as the poster command left it: saving settings never revives a revoked code.
      UpdateExpression: `SET ${set.join(', ')}${remove.length === 0 ? '' : ` REMOVE ${remove.join(', ')}`}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Saves all of it if the settings are still at `expectedVersion`; false when someone saved first. */
export async function saveSiteSettings(table: string, siteId: string, expectedVersion: number, next: { site: Omit<Site, 'siteId'>; departments: readonly Omit<Department, 'siteId' | 'codeGeneration'>[]; complaints: ComplaintSettings }): Promise<boolean> {
  const site = SiteSchema.parse({ ...next.site, siteId });
  const departments = next.departments.map((d) => DepartmentSchema.parse({ ...d, siteId, codeGeneration: 1 }));
  const complaints = ComplaintSettingsSchema.parse(next.complaints);
  try {
    await dynamoDb.send(new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { ...keys.complaintSettings(siteId), ...complaints, settingsVersion: expectedVersion + 1 },
            // An item from before versions counts as version 1.
            ConditionExpression: expectedVersion === 1 ? 'attribute_not_exists(settingsVersion) OR settingsVersion = :v' : 'settingsVersion = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          },
        },
        { Put: { TableName: table, Item: { ...keys.site(siteId), ...site } } },
        ...departments.map((d) => departmentUpdate(table, d)),
      ],
    }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}
