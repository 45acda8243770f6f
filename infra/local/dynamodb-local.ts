import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { INDEXES, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../../shared/storage/keys.ts';
import { waitFor } from './ports.ts';

// AWS's own DynamoDB emulator (Java), fetched by infra/local/setup.mjs. Data stays on disk under
// .local/ for `npm start`, in memory for tests.

const DIR = join(import.meta.dirname, '..', '..', '.cache', 'dynamodb-local');

export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startDynamoDbLocal(port: number, dataDir: string | undefined): Promise<DynamoDbLocal> {
  const jar = join(DIR, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new Error('DynamoDB Local is not installed: run `npm run setup`');
  const storage = dataDir === undefined ? ['-inMemory'] : ['-dbPath', resolve(dataDir)];
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn('java', [
    '-Xms64m', '-Xmx512m', `-Djava.library.path=${join(DIR, 'DynamoDBLocal_lib')}`,
    '-jar', jar, '-port', String(port), '-sharedDb', '-disableTelemetry', ...storage,
  // DynamoDB Local writes dynamodb-local-metadata.json into its working directory: keep it in the ignored cache.
  ], { cwd: DIR, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await waitFor('DynamoDB Local', async () => {
      if (child.exitCode !== null) throw new Error(`java exited with ${child.exitCode}: ${stderr}`);
      await client.send(new ListTablesCommand({}));
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Creates the single table as the CDK stack defines it (keys and TTL), unless it exists. */
const indexes = Object.values(INDEXES).map((index) => ({
  IndexName: index.name,
  KeySchema: [{ AttributeName: index.partitionKey, KeyType: 'HASH' as const }, { AttributeName: index.sortKey, KeyType: 'RANGE' as const }],
  Projection: { ProjectionType: 'ALL' as const },
}));
const attributes = [PARTITION_KEY, SORT_KEY, ...Object.values(INDEXES).flatMap((i) => [i.partitionKey, i.sortKey])].map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));

/** The table as the CDK stack declares it; a table kept from an older version gains the indexes it lacks. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes,
      KeySchema: [{ AttributeName: PARTITION_KEY, KeyType: 'HASH' }, { AttributeName: SORT_KEY, KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: indexes,
    }));
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    for (const index of indexes.filter((i) => !existing.has(i.IndexName))) {
      await client.send(new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: attributes, GlobalSecondaryIndexUpdates: [{ Create: index }] }));
    }
  }
  await waitFor('table', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus !== 'ACTIVE') throw new Error(`table is ${Table?.TableStatus}`);
    if ((Table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexStatus !== 'ACTIVE')) throw new Error('an index is still being built');
  });
}
