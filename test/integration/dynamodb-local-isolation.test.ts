import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { waitFor } from '../../infra/local/ports.ts';

// What keeps the test files apart (test/support/dynamodb-local-setup.ts): the DynamoDB Local they share
// keeps a database per access key and region, so a stack signing with its own key sees only its tables.

const [endpoint] = inject('dynamoDbLocal');
if (endpoint === undefined) throw new Error('no DynamoDB Local: see test/support/dynamodb-local-setup.ts');
const clients: DynamoDBClient[] = [];
const clientFor = (accessKey: string, region = 'cn-north-1') => {
  const client = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: accessKey, secretAccessKey: 'local' } });
  clients.push(client);
  return client;
};
const key = () => `iso${randomUUID().replaceAll('-', '')}`;
const TABLE = 'isolation';

afterAll(() => {
  for (const client of clients) client.destroy();
});

describe('the DynamoDB Local the test files share', () => {
  it('keeps each access key\'s tables and items to itself', async () => {
    const [a, b] = [clientFor(key()), clientFor(key())];
    await waitFor('DynamoDB Local', () => a.send(new ListTablesCommand({})));
    for (const client of [a, b]) {
      await client.send(new CreateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
    }
    await a.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'x' }, by: { S: 'a' } } }));

    expect((await a.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'x' } } }))).Item?.by).toEqual({ S: 'a' });
    expect((await b.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'x' } } }))).Item).toBeUndefined();
    expect((await clientFor(key()).send(new ListTablesCommand({}))).TableNames).toEqual([]);
  });
});
