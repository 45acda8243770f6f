import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, type BatchGetCommandInput, type DynamoDBDocumentClient, GetCommand, type GetCommandInput, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { DEMO_COMPLAINT_SETTINGS, DEMO_DEPARTMENTS, DEMO_SITE } from '../../infra/local/demo-site.ts';
import type { Department, Site } from '../../shared/schemas/site.ts';
import { keys } from '../../shared/storage/keys.ts';
import { signSurveyCode } from '../../shared/sites/department-codes.ts';

// A fixed signing key for unit tests, so the codes in events/ fixtures stay valid across runs.
export const TEST_SIGNING_KEY = Buffer.from('unit-test-signing-key-32-bytes!!', 'utf8');
export const TEST_SIGNING_KEY_BASE64 = TEST_SIGNING_KEY.toString('base64');
export const TEST_TABLE = 'patient-feedback-unit';
export const TEST_QUEUE_URL = 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/patient-feedback-intake';

export function demoDepartment(departmentId: string): Department {
  const department = DEMO_DEPARTMENTS.find((d) => d.departmentId === departmentId);
  if (department === undefined) throw new Error(`no demo department "${departmentId}"`);
  return department;
}

/** The code a department's current poster carries, signed with the test key. */
export function genuineCode(departmentId = 'cardiology-ward', generation = 1): string {
  return signSurveyCode(TEST_SIGNING_KEY, { siteId: DEMO_SITE.siteId, departmentId, generation });
}

/** The items as the table stores them: key attributes plus the schema's fields. */
export const siteItem = (site: Site = DEMO_SITE) => ({ ...keys.site(site.siteId), ...site });
export const departmentItem = (department: Department) => ({ ...keys.department(department.siteId, department.departmentId), ...department });


/**
 * Answers the reads that resolve a survey code, one by one or batched: the demo site, its complaint
 * settings (the office's public contact) and the given departments, and the site registry. Any other
 * key finds nothing.
 */
export function serveDemoSite(dynamoMock: AwsClientStub<DynamoDBDocumentClient>, departments: readonly Department[] = DEMO_DEPARTMENTS): void {
  const items: Record<string, unknown>[] = [siteItem(), { ...keys.complaintSettings(DEMO_SITE.siteId), ...DEMO_COMPLAINT_SETTINGS }, ...departments.map(departmentItem)];
  const itemOf = (key: Record<string, unknown> | undefined) => items.find((item) => item.pk === key?.pk && item.sk === key?.sk);
  dynamoMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const item = itemOf(input.Key);
    return item === undefined ? {} : { Item: item };
  });
  dynamoMock.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => ({
    Responses: Object.fromEntries(Object.entries(input.RequestItems ?? {}).map(([table, { Keys }]) => [table, (Keys ?? []).flatMap((key) => itemOf(key) ?? [])])),
  }));
  dynamoMock.on(QueryCommand, { ExpressionAttributeValues: { ':pk': keys.siteIndex('').pk, ':prefix': keys.siteIndex('').sk } }).resolves({ Items: [{ ...keys.siteIndex(DEMO_SITE.siteId), siteId: DEMO_SITE.siteId }] });
}

/**
 * Fresh mocked stores for a public intake: the demo site resolves its codes, every rate-limit bucket
 * update succeeds and the queue takes each message with `messageId`.
 */
export function serveIntakeStores(dynamoMock: AwsClientStub<DynamoDBDocumentClient>, sqsMock: AwsClientStub<SQSClient>, messageId = 'm-1'): void {
  dynamoMock.reset();
  sqsMock.reset();
  serveDemoSite(dynamoMock);
  dynamoMock.on(UpdateCommand).resolves({});
  sqsMock.on(SendMessageCommand).resolves({ MessageId: messageId });
}

/** The demo site's complaint settings and every department, as the mails read them. */
export function serveDemoSettings(dynamoMock: AwsClientStub<DynamoDBDocumentClient>): void {
  dynamoMock.on(GetCommand, { Key: keys.complaintSettings(DEMO_SITE.siteId) }).resolves({ Item: { ...keys.complaintSettings(DEMO_SITE.siteId), ...DEMO_COMPLAINT_SETTINGS } });
  for (const department of DEMO_DEPARTMENTS) {
    dynamoMock.on(GetCommand, { Key: keys.department(DEMO_SITE.siteId, department.departmentId) }).resolves({ Item: { ...keys.department(DEMO_SITE.siteId, department.departmentId), ...department } });
  }
}

/**
 * The notices' worker on mocked stores: both mocks reset, SES accepting every mail, the demo site's
 * settings and departments served, any other item not found and every update taken. A test stores its case.
 */
export function serveNoticeStores(dynamoMock: AwsClientStub<DynamoDBDocumentClient>, sesMock: AwsClientStub<SESv2Client>): void {
  dynamoMock.reset();
  sesMock.reset();
  sesMock.on(SendEmailCommand).resolves({});
  dynamoMock.on(GetCommand).resolves({});
  dynamoMock.on(UpdateCommand).resolves({});
  serveDemoSettings(dynamoMock);
}

/** The worker's comment step on mocked stores: the demo site's complaint settings, no caseloads yet, and every comment written anew. */
export function serveCommentStores(dynamoMock: AwsClientStub<DynamoDBDocumentClient>): void {
  dynamoMock.on(BatchGetCommand).resolves({});
  dynamoMock.on(GetCommand, { Key: keys.complaintSettings(DEMO_SITE.siteId) }).resolves({ Item: { ...keys.complaintSettings(DEMO_SITE.siteId), ...DEMO_COMPLAINT_SETTINGS } });
  dynamoMock.on(PutCommand).resolves({});
}
