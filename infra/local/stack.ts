import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { rateLimitEnv, type RateLimits } from '../../shared/intake/rate-limit-settings.ts';
import { startingReport } from '../../shared/platform/health.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { type FunctionName, type QueueName, queues, type ScheduleName, schedules, visibilityTimeoutSeconds } from '../topology.ts';
import { ensureTable, startDynamoDbLocal } from './dynamodb-local.ts';
import { ADMIN_CLIENT_ID, MACHINE_CLIENT_ID } from './auth-clients.ts';
import { startGateway } from './gateway.ts';
import { type Invoke, loadHandler } from './handlers.ts';
import { freePort, waitFor } from './ports.ts';
import { type Poller, startPoller } from './poller.ts';
import { journalSends, type QueueJournal, recoverQueueJournal } from './queue-journal.ts';
import { startSesEmulator } from './ses-emulator.ts';
import { startSqsEmulator } from './sqs-emulator.ts';
import { type Scheduler, startScheduler } from './scheduler.ts';
import type { LocalIssuer } from './token-issuer.ts';

// The whole system on one machine, no cloud account: DynamoDB Local, an SQS emulator (fauxqs), an SES
// emulator (aws-ses-v2-local), the HTTP gateway, the queue pollers and the scheduler, all listening on
// 127.0.0.1 only (none has authentication), all built from infra/topology.ts. Handler modules and SDK
// clients read their configuration from process.env at import, so a process runs one local stack, and
// handlers are imported only after the environment is set.

export interface LocalStackOptions {
  /** Gateway port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Keep DynamoDB data here; in memory when omitted. */
  readonly dataDir?: string;
  /** A stack for one test file: DynamoDB Local's JVM starts for a short run (startDynamoDbLocal). */
  readonly shortLived?: boolean;
  /**
   * A DynamoDB Local already running with a database per access key (the tests start one for all their
   * stacks, test/support/dynamodb-local-setup.ts): this stack signs with `accessKey`, so its tables are
   * its own, and deletes its table when it stops. Not with `dataDir`.
   */
  readonly dynamoDb?: { readonly endpoint: string; readonly accessKey: string };
  /** Base64 key that signs survey codes; random when omitted (so codes from another run are refused). */
  readonly signingKey?: string;
  /** Every rate-limit budget at this figure a minute (tests raise it out of their way); unset, the code's defaults, as in AWS. */
  readonly rateLimitPerMinute?: number;
  /** Rate-limit budgets one by one, over `rateLimitPerMinute`. */
  readonly rateLimits?: Partial<RateLimits>;
  /** Overrides the topology's visibility timeout, so tests see redelivery in seconds. */
  readonly visibilityTimeoutSeconds?: number;
  /** Pollers per queue: Lambda runs several batches at once, and so does this. 0 leaves messages queued. */
  readonly pollersPerQueue?: number;
  /** Starts with the pollers held, so messages wait until `resumePollers()` (the bench's backlog). */
  readonly pollersHeld?: boolean;
  readonly publicBaseUrl?: string;
  /** The local machine client's secret; random when omitted. */
  readonly machineClientSecret?: string;
  readonly log?: (line: string) => void;
  /** Load a week of demo discharges on the first start (`npm start`); tests start without, so their figures are their own. */
  readonly demoCallbacks?: boolean;
  /** Load a fortnight of demo complaints and comments on the first start (demo-cases.ts); tests start without. */
  readonly demoCases?: boolean;
  /** On the first start (the demo site just created), write this many days of demo history; none when omitted. */
  readonly demoHistoryDays?: number;
}

export interface LocalStack {
  readonly baseUrl: string;
  /** The environment every handler sees (and operator commands use). */
  readonly env: Record<string, string>;
  readonly endpoints: { readonly dynamodb: string; readonly sqs: string; readonly ses: string };
  readonly queueUrls: Record<QueueName, { readonly url: string; readonly deadLetterUrl: string }>;
  /** The local token issuer (Cognito's stand-in). */
  readonly issuer: LocalIssuer;
  surveyUrl(departmentId: string, siteId?: string): Promise<string>;
  runSchedule(name: ScheduleName): Promise<unknown>;
  /** Starts the pollers held by `pollersHeld` (no effect otherwise). */
  resumePollers(): void;
  stop(): Promise<void>;
}

export const TABLE_NAME = 'patient-feedback';
const DEMO_SITE_ID = 'demo';
const REGION = 'cn-north-1';
let started = false;

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  if (started) throw new Error('A process runs one local stack: handlers and SDK clients are configured at import.');
  started = true;
  const log = options.log ?? (() => undefined);
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
    started = false;
  };
  try {
    // The gateway listens first and answers 503, naming what is still starting, until every part is up.
    const parts = new Map(['table', 'queues', 'ses-emulator', 'demo-site', 'token-issuer', 'pollers', 'scheduler'].map((part) => [part, false]));
    const up = (part: string) => { parts.set(part, true); };
    // Each handler module is imported on its first invocation, like a Lambda cold start, and kept.
    const loaded = new Map<FunctionName, Promise<Invoke>>();
    const invoke = (name: FunctionName): Invoke => (event) => {
      let handler = loaded.get(name);
      if (handler === undefined) {
        handler = loadHandler(name);
        loaded.set(name, handler);
      }
      return handler.then((run) => run(event));
    };
    const gatewayPort = options.port ?? 0;
    const server: Server = await startGateway(gatewayPort, {
      invoke: (route) => invoke(route.function),
      starting: () => [...parts.values()].every(Boolean) ? undefined : startingReport(parts),
    });
    const closeGateway = () => new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    stops.push(closeGateway);
    const address = server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : gatewayPort}`;

    const [sqsPort, sesPort] = await Promise.all([freePort(), freePort()]);

    if (options.dynamoDb !== undefined && options.dataDir !== undefined) throw new Error('A stack keeps its data on disk in a DynamoDB Local of its own.');
    // The tests' shared emulator, or one of this stack's own, which it stops.
    const { endpoint: dynamoEndpoint, accessKey } = options.dynamoDb ?? await (async () => {
      const dynamo = await startDynamoDbLocal(await freePort(), options.dataDir, { shortLived: options.shortLived === true });
      stops.push(() => dynamo.stop());
      return { endpoint: dynamo.endpoint, accessKey: 'local' };
    })();
    log(`DynamoDB Local   ${dynamoEndpoint}${options.dataDir === undefined ? ' (in memory)' : ` (data in ${options.dataDir})`}`);

    const fauxqs = await startSqsEmulator(sqsPort, REGION);
    stops.push(() => fauxqs.stop());
    const sqsEndpoint = `http://127.0.0.1:${fauxqs.port}`;
    log(`SQS emulator     ${sqsEndpoint}`);

    const ses = await startSesEmulator('127.0.0.1', sesPort);
    stops.push(() => new Promise<void>((resolve) => { ses.close(() => resolve()); ses.closeAllConnections(); }));
    const sesEndpoint = `http://127.0.0.1:${sesPort}`;
    log(`SES emulator     ${sesEndpoint} (sent mail: ${sesEndpoint}/)`);
    up('ses-emulator');

    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: accessKey,
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SQS: sqsEndpoint,
      AWS_ENDPOINT_URL_SESV2: sesEndpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    const dynamoClient = new DynamoDBClient({});
    // A shared emulator may still be starting (the tests start theirs in the background).
    if (options.dynamoDb !== undefined) await waitFor('DynamoDB Local', () => dynamoClient.send(new ListTablesCommand({})));
    await ensureTable(dynamoClient, TABLE_NAME);
    if (options.dynamoDb === undefined) dynamoClient.destroy();
    else stops.push(async () => {
      // The shared emulator keeps every stack's database in memory until the run ends. Best effort: an
      // emulator already gone has nothing to free, and the other parts must still stop.
      await dynamoClient.send(new DeleteTableCommand({ TableName: TABLE_NAME })).catch(() => undefined);
      dynamoClient.destroy();
    });
    up('table');

    const sqs = new SQSClient({ endpoint: sqsEndpoint });
    stops.push(() => sqs.destroy());
    const queueUrls = await createQueues(sqs, options.visibilityTimeoutSeconds);
    // With data on disk, the queues are journalled too (queue-journal.ts): a crash loses no accepted message.
    let journal: QueueJournal | undefined;
    if (options.dataDir !== undefined) {
      const urlByName = new Map(Object.entries(queueUrls).flatMap(([name, urls]) => [[name, urls.url], [`${name}-dlq`, urls.deadLetterUrl]]));
      const recovered = await recoverQueueJournal(join(options.dataDir, 'queue-journal.jsonl'), { sqs, queueUrlFor: (name) => urlByName.get(name), legacySnapshotFile: join(options.dataDir, 'queued-messages.json') });
      journal = recovered.journal;
      stops.push(() => recovered.journal.close());
      if (recovered.restored > 0) log(`Queues           ${recovered.restored} message(s) not yet stored at the last stop are queued again`);
    }
    up('queues');

    const issuerPort = await freePort();
    const issuerUrl = `http://127.0.0.1:${issuerPort}`;
    const machineClientSites = { [MACHINE_CLIENT_ID]: [DEMO_SITE_ID] };

    const handlerEnv: Record<string, string> = {
      [env.tableName]: TABLE_NAME,
      [env.intakeQueueUrl]: queueUrls.intake.url,
      [env.intakeDeadLetterQueueUrl]: queueUrls.intake.deadLetterUrl,
      [env.notifyQueueUrl]: queueUrls.notify.url,
      [env.notifyDeadLetterQueueUrl]: queueUrls.notify.deadLetterUrl,
      [env.signingKey]: options.signingKey ?? randomBytes(32).toString('base64'),
      [env.publicBaseUrl]: options.publicBaseUrl ?? baseUrl,
      [env.mailFrom]: 'feedback@hospital.example',
      [env.operatorEmail]: 'operator@hospital.example',
      ...rateLimitEnv(options.rateLimitPerMinute, options.rateLimits),
      [env.authIssuer]: issuerUrl,
      [env.authSignInUrl]: issuerUrl,
      [env.authAdminClientId]: ADMIN_CLIENT_ID,
      [env.authClientIds]: `${ADMIN_CLIENT_ID},${MACHINE_CLIENT_ID}`,
      [env.machineClientSites]: JSON.stringify(machineClientSites),
      POWERTOOLS_SERVICE_NAME: 'patient-feedback',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    };
    Object.assign(process.env, handlerEnv);

    // Imported only now: these modules create SDK clients and read their configuration at import.
    if (journal !== undefined) stops.push(journalSends((await import('../../shared/aws/sqs.ts')).sqs, journal));
    const { seedDemoSite, seedDemoUsers } = await import('./seed.ts');
    const created = await seedDemoSite(TABLE_NAME);
    if (created > 0) log(`Demo site        loaded (${created} items)`);
    if (options.demoCallbacks === true) {
      const { seedDemoCallbacks } = await import('./demo-callbacks.ts');
      const { signingKey } = await import('../../shared/aws/secrets.ts');
      const discharges = await seedDemoCallbacks(TABLE_NAME, await signingKey());
      if (discharges > 0) log(`Demo callbacks   ${discharges} discharges of the last week, some already called`);
    }
    const users = await seedDemoUsers(TABLE_NAME);
    if (users > 0) log(`Demo staff       ${users} local accounts (README, "Local staff accounts")`);
    // Before the history, whose complaint counters leave out the days these cases count on; after the
    // staff, whose addresses the cases' notices go to.
    if (options.demoCases === true) {
      const { seedDemoCases } = await import('./demo-cases.ts');
      const { signingKey } = await import('../../shared/aws/secrets.ts');
      const demo = await seedDemoCases(TABLE_NAME, await signingKey(), { from: handlerEnv[env.mailFrom] ?? '', baseUrl: handlerEnv[env.publicBaseUrl] ?? baseUrl });
      if (demo.cases > 0) log(`Demo cases       ${demo.cases} complaints and ${demo.comments} survey comments of the last two weeks (${demo.mailsSent} mails of the last two hours sent)`);
    }
    if (created > 0 && (options.demoHistoryDays ?? 0) > 0) {
      const { writeDemoHistory } = await import('./demo-history.ts');
      const { dayIn } = await import('../../shared/platform/time.ts');
      const history = await writeDemoHistory(TABLE_NAME, options.demoHistoryDays ?? 0, dayIn('Asia/Shanghai', new Date()));
      log(`Demo history     ${options.demoHistoryDays ?? 0} days, ${history.surveys} surveys (npm run demo -- --days 365 for a year)`);
    }
    up('demo-site');

    const { startTokenIssuer } = await import('./token-issuer.ts');
    const issuer = await startTokenIssuer({
      port: issuerPort,
      table: TABLE_NAME,
      adminRedirectUris: [`${handlerEnv[env.publicBaseUrl] ?? baseUrl}/admin/callback`],
      machineClientSecret: options.machineClientSecret ?? randomBytes(24).toString('base64url'),
      machineClientSites: machineClientSites[MACHINE_CLIENT_ID],
    });
    stops.push(() => issuer.stop());
    log(`Token issuer     ${issuer.url} (JWKS ${issuer.url}/.well-known/jwks.json)`);
    up('token-issuer');

    const pollers: Poller[] = [];
    const pollerStarts: (() => void)[] = [];
    for (const [queueName, spec] of Object.entries(queues)) {
      const urls = queueUrls[queueName as QueueName];
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: urls.url, AttributeNames: ['QueueArn'] }));
      for (let i = 0; i < (options.pollersPerQueue ?? 2); i++) {
        pollerStarts.push(() => pollers.push(startPoller({
          sqs, queueUrl: urls.url, queueArn: Attributes?.QueueArn ?? '', region: REGION, batchSize: spec.batchSize, maxReceiveCount: spec.maxReceiveCount, invoke: invoke(spec.worker),
          ...(journal === undefined ? {} : { settled: { deleted: (ids) => journal.deleted(ids), deadLettered: (ids) => journal.moved(ids, `${queueName}-dlq`) } }),
          onError: (error) => process.stderr.write(`[poller ${queueName}] ${error instanceof Error ? error.message : String(error)}\n`),
        })));
      }
    }
    const resumePollers = () => {
      for (const start of pollerStarts.splice(0)) start();
    };
    if (options.pollersHeld !== true) resumePollers();
    up('pollers');
    stops.push(async () => {
      // Stop taking submissions and let the workers finish what is queued (what is left stays journalled).
      await closeGateway();
      const deadline = Date.now() + 10_000;
      const waiting = async () => (await Promise.all(Object.values(queueUrls).map((urls) => queueDepth(sqs, urls.url)))).some((depth) => depth > 0);
      while (pollers.length > 0 && Date.now() < deadline && await waiting()) await new Promise((resolve) => setTimeout(resolve, 100));
      await Promise.all(pollers.map((p) => p.stop()));
    });

    const scheduler: Scheduler = startScheduler((name) => invoke(schedules[name].function), (name, error) => {
      process.stderr.write(`[scheduler ${name}] ${error instanceof Error ? error.message : String(error)}\n`);
    });
    stops.push(() => scheduler.stop());

    const { registerHealthProbe } = await import('../../shared/platform/health.ts');
    stops.push(registerHealthProbe({ name: 'ses-emulator', check: async () => { const r = await fetch(`${sesEndpoint}/health-check`); if (!r.ok) throw new Error(String(r.status)); } }));
    if ((options.pollersPerQueue ?? 2) > 0) stops.push(registerHealthProbe({ name: 'pollers', check: () => pollers.every((p) => p.running()) ? Promise.resolve() : Promise.reject(new Error('stopped')) }));
    stops.push(registerHealthProbe({ name: 'scheduler', check: () => scheduler.running() ? Promise.resolve() : Promise.reject(new Error('stopped')) }));
    up('scheduler');
    await waitFor('health', async () => { const r = await fetch(`${baseUrl}/v1/health`); if (r.status !== 200) throw new Error(await r.text()); });
    log(`Gateway          ${baseUrl}`);

    const { surveyUrlFor } = await import('./seed.ts');
    return {
      baseUrl,
      env: { ...handlerEnv, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: accessKey, AWS_SECRET_ACCESS_KEY: 'local', AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint, AWS_ENDPOINT_URL_SQS: sqsEndpoint, AWS_ENDPOINT_URL_SESV2: sesEndpoint, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      endpoints: { dynamodb: dynamoEndpoint, sqs: sqsEndpoint, ses: sesEndpoint },
      queueUrls,
      issuer,
      surveyUrl: (departmentId, siteId = 'demo') => surveyUrlFor(TABLE_NAME, siteId, departmentId),
      runSchedule: (name) => scheduler.run(name),
      resumePollers,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

async function createQueues(sqs: SQSClient, visibilityOverride: number | undefined): Promise<LocalStack['queueUrls']> {
  const result: Partial<Record<QueueName, { url: string; deadLetterUrl: string }>> = {};
  for (const [name, spec] of Object.entries(queues)) {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq`, Attributes: { MessageRetentionPeriod: String(spec.deadLetterRetentionDays * 86_400) } }));
    const dlqAttributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }));
    const queue = await sqs.send(new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(visibilityOverride ?? visibilityTimeoutSeconds(spec)),
        MessageRetentionPeriod: String(spec.retentionDays * 86_400),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqAttributes.Attributes?.QueueArn, maxReceiveCount: spec.maxReceiveCount }),
      },
    }));
    result[name as QueueName] = { url: queue.QueueUrl ?? '', deadLetterUrl: dlq.QueueUrl ?? '' };
  }
  const none = { url: '', deadLetterUrl: '' };
  return { intake: result.intake ?? none, notify: result.notify ?? none };
}
