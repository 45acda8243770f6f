import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { INDEXES, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../../shared/storage/keys.ts';
import { waitFor } from './ports.ts';
import { keepPrivate } from './private-files.ts';

// AWS's own DynamoDB emulator (Java), fetched by infra/local/setup.mjs. Data stays on disk under
// .local/ for `npm start`, in memory for tests. It runs through LoopbackDynamoDb.java, which binds it to
// 127.0.0.1: its own main listens on every interface.

const DIR = join(import.meta.dirname, '..', '..', '.cache', 'dynamodb-local');
const JAR = join(DIR, 'DynamoDBLocal.jar');
const LAUNCHER = join(import.meta.dirname, 'LoopbackDynamoDb.java');
// With -sharedDb, DynamoDB Local keeps every table in this one SQLite file under -dbPath.
const DB_FILE = 'shared-local-instance.db';

const execFileAsync = promisify(execFile);

/** The launcher's classes, compiled once per version of its source into the ignored cache. */
async function compiledLauncher(): Promise<string> {
  const out = join(DIR, `loopback-${createHash('sha256').update(readFileSync(LAUNCHER)).digest('hex').slice(0, 16)}`);
  if (existsSync(out)) return out;
  const work = mkdtempSync(join(DIR, 'loopback-build-'));
  try {
    // javac by way of the java command: the jdk.compiler module is in every JDK and in Debian's JRE
    // (openjdk-17-jre-headless), the javac command only in JDKs.
    await execFileAsync('java', ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-cp', JAR, '-d', work, LAUNCHER]).catch((error: unknown) => {
      throw new Error(`Could not compile ${LAUNCHER} (it needs Java 17+ with the jdk.compiler module): ${error instanceof Error ? error.message : String(error)}`);
    });
    // Renamed whole, so a start never sees half a build; when two starts race, either build will do.
    renameSync(work, out);
  } catch (error) {
    if (!existsSync(out)) throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * A JVM for the tests: the quick compiler only (no C2) and the serial collector. Measured when each test
 * file started its own, the optimising compiler's work never paid off in a run that short (a quarter
 * less CPU for the suite on two cores); the JVMs the tests now share per worker
 * (test/support/dynamodb-local-setup.ts) keep the flags, not measured again. `npm start` and the bench
 * keep the JVM's defaults, for its steady speed.
 */
const SHORT_LIVED_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export interface DynamoDbLocalOptions {
  /** For the tests (SHORT_LIVED_JVM). */
  readonly shortLived?: boolean;
  /**
   * One emulator for many stacks (a test run's): without -sharedDb, DynamoDB Local keeps a database of
   * its own for each access key and region, so each stack signing with its own key has its own tables.
   * In memory only: on disk those files would be created outside the owner-only one made here.
   */
  readonly databasePerAccessKey?: boolean;
}

export async function startDynamoDbLocal(port: number, dataDir: string | undefined, options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  if (!existsSync(JAR)) throw new Error('DynamoDB Local is not installed: run `npm run setup`');
  if (options.databasePerAccessKey === true && dataDir !== undefined) throw new Error('A database per access key is kept in memory only.');
  const launcher = await compiledLauncher();
  const storage = dataDir === undefined ? ['-inMemory'] : ['-dbPath', resolve(dataDir)];
  if (dataDir !== undefined) {
    // Java cannot set its umask: the database file is created here, owner-only, and SQLite keeps its mode
    // (and gives its journal the same).
    keepPrivate(dataDir);
    closeSync(openSync(join(dataDir, DB_FILE), 'a', 0o600));
  }
  const child: ChildProcess = spawn('java', [
    ...(options.shortLived === true ? SHORT_LIVED_JVM : []), '-Xms64m', '-Xmx512m', `-Djava.library.path=${join(DIR, 'DynamoDBLocal_lib')}`,
    // An IPv4 socket, so the listener is 127.0.0.1 itself rather than an IPv4-mapped IPv6 address.
    '-Djava.net.preferIPv4Stack=true',
    '-cp', [launcher, JAR].join(delimiter), 'LoopbackDynamoDb', '-port', String(port), ...(options.databasePerAccessKey === true ? [] : ['-sharedDb']), '-disableTelemetry', ...storage,
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
