import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type Access, type FunctionName, functionNames, functions, queueNames, queues, routes, schedules, visibilityTimeoutSeconds } from '../../infra/topology.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { POSTER_FONTS, RESVG_WASM } from '../../shared/sites/poster-assets.ts';
import { NATIONAL_SCHEDULE } from '../../shared/sites/national-schedule.ts';
import { LEXICON_FILE_NAME } from '../../shared/classify/lexicon/lexicon-file.ts';
import { MODEL_FILE_NAME } from '../../shared/classify/model/model-file.ts';
import { buildStack } from '../support/cdk-stack.ts';

// The wiring the topology promises, pinned on the synthesized template.

let template: Template;
let assemblyDir = '';
beforeAll(() => {
  const stack = buildStack();
  template = Template.fromStack(stack);
  assemblyDir = Stage.of(stack)?.outdir ?? '';
});

const Resource = z.object({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).default({}) });
const resources = () => Object.entries(z.record(z.string(), Resource).parse(template.toJSON().Resources));
const GetAttArn = z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('Arn')]) });
const Statement = z.object({ Action: z.union([z.string(), z.array(z.string())]), Resource: z.unknown() });
const PolicyDocument = z.object({ Statement: z.array(Statement) });

function functionResource(name: FunctionName): [string, Record<string, unknown>] {
  const found = resources().filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === functions[name].description);
  expect(found, `one Lambda for ${name}`).toHaveLength(1);
  const [id, resource] = found[0] ?? ['', Resource.parse({ Type: '' })];
  return [id, resource.Properties];
}

/** Every IAM statement attached to a function's role. */
function statementsOf(name: FunctionName): z.infer<typeof Statement>[] {
  const roleId = GetAttArn.parse(functionResource(name)[1].Role)['Fn::GetAtt'][0];
  return resources()
    .filter(([, r]) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, r]) => PolicyDocument.parse(r.Properties.PolicyDocument).Statement);
}

const actionsOf = (name: FunctionName) => statementsOf(name).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** The queues a function may send to, by the construct that made them ('Intake', 'Notify'). */
const sendsTo = (name: FunctionName) => statementsOf(name)
  .filter((s) => JSON.stringify(s.Action).includes('sqs:SendMessage'))
  .map((s) => GetAttArn.parse(s.Resource)['Fn::GetAtt'][0].replace(/Queue[0-9A-F]{8}$/, ''))
  .sort();

const ENV_FOR_ACCESS: Record<Access, string[]> = {
  'table:read': [env.tableName],
  'table:write': [env.tableName],
  'queue:intake:send': [env.intakeQueueUrl],
  'queue:intake:inspect': [env.intakeQueueUrl, env.intakeDeadLetterQueueUrl],
  'queue:notify:send': [env.notifyQueueUrl],
  'queue:notify:inspect': [env.notifyQueueUrl, env.notifyDeadLetterQueueUrl],
  'signing-key:read': [env.signingKeySecretArn],
  'mail:send': [env.mailFrom, env.operatorEmail, env.publicBaseUrl],
  'auth:verify': [env.authIssuer, env.authClientIds, env.machineClientSites],
  'auth:sign-in': [env.authSignInUrl, env.authAdminClientId, env.publicBaseUrl],
  'auth:sign-out': [env.authUserPoolId],
  'auth:users:manage': [env.authUserPoolId],
  'auth:users:read': [env.authUserPoolId],
  'pages:staff': [env.authSignInUrl, env.publicBaseUrl],
  'mail:preview': [env.mailFrom],
};

describe('functions', () => {
  it.each(functionNames)('%s runs its handler on Node 24 arm64 with the environment its access needs', (name) => {
    const spec = functions[name];
    const [, props] = functionResource(name);
    expect(props).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: spec.timeoutSeconds, MemorySize: spec.memoryMb, TracingConfig: { Mode: 'Active' } });
    const variables = z.object({ Variables: z.record(z.string(), z.unknown()) }).parse(props.Environment).Variables;
    const expected = new Set(['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_LOG_LEVEL', ...spec.access.flatMap((a) => ENV_FOR_ACCESS[a])]);
    expect(Object.keys(variables).sort()).toEqual([...expected].sort());
  });

  it('lets only the intake functions send to the intake queue, only those that owe mails to the notify queue, and no function read the signing key unless it checks or derives codes', () => {
    // Surveys and patients' complaints, the office's complaints from the JSON API and the admin pages' form,
    // and discharges and call outcomes from the HIS, the call centre and the callback pages; the mails a
    // stored case or comment owes (the worker) and a change's notices (the complaint API and the office's pages).
    const senders: Partial<Record<FunctionName, string[]>> = {
      surveyIntake: ['Intake'], complaintIntake: ['Intake'], callbackApi: ['Intake'], callbackPages: ['Intake'],
      adminComplaints: ['Intake', 'Notify'], complaintOfficePages: ['Intake', 'Notify'], storeSubmissions: ['Notify'],
    };
    for (const name of functionNames) expect(sendsTo(name), name).toEqual(senders[name] ?? []);
    expect(actionsOf('surveyPage')).toContain('secretsmanager:GetSecretValue');
    // The worker derives the tracking codes of the follow-up cases surveys open.
    expect(actionsOf('storeSubmissions')).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('complaintSlaMonitor')).not.toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('deadLetterAlert')).not.toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('surveyPage').filter((a) => a.startsWith('dynamodb:') && /Put|Update|Delete|Write/.test(a))).toEqual([]);
  });

  it('lets only the sign-out sign a user out of Cognito, on the staff user pool only, and every token-checking function read the revoked sessions', () => {
    const pools = resources().filter(([, r]) => r.Type === 'AWS::Cognito::UserPool').map(([id]) => id);
    expect(pools).toHaveLength(1);
    const signOuts = statementsOf('staffSession').filter((s) => JSON.stringify(s.Action).includes('cognito-idp:'));
    expect(signOuts).toEqual([{ Action: 'cognito-idp:AdminUserGlobalSignOut', Resource: { 'Fn::GetAtt': [pools[0], 'Arn'] } }]);
    // The admin's user administration, the notices' look-up of a department's responders and the digest's of
    // its recipients: on the staff pool only.
    const managers: readonly FunctionName[] = ['adminUsers', 'accountPages'];
    const readers: readonly FunctionName[] = ['sendNotices', 'digestSender'];
    for (const name of managers) {
      const statements = statementsOf(name).filter((s) => JSON.stringify(s.Action).includes('cognito-idp:'));
      expect(statements, name).toHaveLength(1);
      expect(statements[0]?.Resource, name).toEqual({ 'Fn::GetAtt': [pools[0], 'Arn'] });
      expect(actionsOf(name).filter((a) => a.startsWith('cognito-idp:')).sort(), name).toEqual([
        'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser', 'cognito-idp:AdminGetUser',
        'cognito-idp:AdminListGroupsForUser', 'cognito-idp:AdminRemoveUserFromGroup', 'cognito-idp:AdminResetUserPassword', 'cognito-idp:AdminSetUserMFAPreference',
        'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup',
      ]);
    }
    for (const name of readers) {
      expect(statementsOf(name).filter((s) => JSON.stringify(s.Action).includes('cognito-idp:')), name).toEqual([{ Action: ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'], Resource: { 'Fn::GetAtt': [pools[0], 'Arn'] } }]);
    }
    for (const name of functionNames.filter((n) => n !== 'staffSession' && !managers.includes(n) && !readers.includes(n))) expect(actionsOf(name).filter((a) => a.startsWith('cognito-idp:')), name).toEqual([]);
    // A signed-out session is looked up in the table on every staff request.
    const verifies = (access: readonly Access[]) => access.includes('auth:verify');
    for (const name of functionNames.filter((n) => verifies(functions[n].access))) expect(actionsOf(name), name).toContain('dynamodb:GetItem');
  });

  it('lets only the notices\' worker mail a case\'s or a comment\'s notices: the worker, the complaint API and the office\'s pages queue them', () => {
    for (const name of ['adminComplaints', 'complaintOfficePages', 'storeSubmissions'] as const) expect(actionsOf(name).filter((a) => a.startsWith('ses:')), name).toEqual([]);
    expect(actionsOf('sendNotices')).toContain('ses:SendEmail');
    expect(actionsOf('sendNotices').filter((a) => a.startsWith('sqs:SendMessage'))).toEqual([]);
    // Every mail is a simple message SES builds: no function may send raw MIME.
    for (const name of functionNames) expect(actionsOf(name).filter((a) => a.startsWith('ses:') && a !== 'ses:SendEmail'), name).toEqual([]);
  });

  it('lets the callback API queue discharges and outcomes behind the JWT authorizer, reading no secret and sending no mail', () => {
    const actions = actionsOf('callbackApi');
    expect(actions).toEqual(expect.arrayContaining(['sqs:SendMessage', 'dynamodb:GetItem', 'dynamodb:Query']));
    expect(actions.filter((a) => a.startsWith('secretsmanager:') || a.startsWith('ses:'))).toEqual([]);
    expect(actionsOf('callbackPages').filter((a) => a.startsWith('ses:'))).toEqual([]);
    for (const key of ['POST /v1/discharges', 'POST /v1/callbacks', 'GET /v1/admin/callbacks']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key, AuthorizationType: 'JWT' });
    }
  });

  it('lets the complaint page check codes but write nothing, like the survey page', () => {
    expect(actionsOf('complaintPage')).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('complaintPage').filter((a) => a.startsWith('dynamodb:') && /Put|Update|Delete|Write/.test(a))).toEqual([]);
  });

  it('grants nothing on "*" but X-Ray tracing, and logs only to the function\'s own log group', () => {
    for (const name of functionNames) {
      const statements = statementsOf(name);
      const onEverything = statements.filter((s) => s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*')));
      expect(onEverything.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).filter((a) => !a.startsWith('xray:')), name).toEqual([]);
      const [, props] = functionResource(name);
      const logGroup = z.object({ LogGroup: z.object({ Ref: z.string() }) }).parse(props.LoggingConfig).LogGroup.Ref;
      const logs = statements.filter((s) => JSON.stringify(s.Action).includes('logs:'));
      expect(logs.length, name).toBeGreaterThan(0);
      for (const statement of logs) expect(statement.Resource, name).toEqual({ 'Fn::GetAtt': [logGroup, 'Arn'] });
      const role = resources().find(([id]) => id === GetAttArn.parse(props.Role)['Fn::GetAtt'][0])?.[1];
      expect(role?.Properties.ManagedPolicyArns, `${name} has no managed policy (no AWSLambdaBasicExecutionRole)`).toBeUndefined();
    }
  });

  it('scopes mail to the verified identity, never to every identity', () => {
    const mail = functionNames.flatMap((name) => statementsOf(name)).filter((s) => JSON.stringify(s.Action).includes('ses:'));
    expect(mail.length).toBeGreaterThan(0);
    for (const statement of mail) expect(JSON.stringify(statement.Resource)).toContain(':identity/hospital.example.cn');
  });
});

describe('the intake and notify queues', () => {
  it.each(queueNames)('%s feeds its worker in batches that report item failures', (queue) => {
    const spec = queues[queue];
    const [processId] = functionResource(spec.worker);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: processId },
      BatchSize: spec.batchSize,
      MaximumBatchingWindowInSeconds: spec.maxBatchingWindowSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it.each(queueNames)('%s moves a message to its encrypted DLQ after 5 receives, with visibility at least 6 × its worker\'s timeout', (queue) => {
    const spec = queues[queue];
    const visibility = visibilityTimeoutSeconds(spec);
    expect(visibility).toBeGreaterThanOrEqual(6 * functions[spec.worker].timeoutSeconds);
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: visibility,
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
      KmsMasterKeyId: Match.anyValue(),
    });
  });

  it('has two queues, each with its dead-letter queue, all encrypted; the dead-letter alert watches both', () => {
    template.resourceCountIs('AWS::SQS::Queue', 4);
    template.allResourcesProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    expect(functions.deadLetterAlert.access).toEqual(expect.arrayContaining(['queue:intake:inspect', 'queue:notify:inspect']));
  });
});

describe('the table', () => {
  it('is on demand, recoverable, encrypted with the customer-managed key and expires items by TTL', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('the HTTP API and schedules', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r.function] as const))('routes %s to %s', (routeKey, name) => {
    const route = resources().find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.RouteKey === routeKey);
    expect(route, routeKey).toBeDefined();
    const target = JSON.stringify(route?.[1].Properties.Target);
    const integrationId = resources().find(([id, r]) => r.Type === 'AWS::ApiGatewayV2::Integration' && target.includes(id))?.[1];
    const [functionId] = functionResource(name);
    expect(JSON.stringify(integrationId?.Properties.IntegrationUri)).toContain(functionId);
  });

  it('has no route that the topology does not declare', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
  });

  it('puts the JWT authorizer on every staff and integration route, and leaves only patient routes and the cookie-signed admin pages without it', () => {
    const authorizers = resources().filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0] ?? ['', Resource.parse({ Type: '' })];
    expect(authorizer.Properties).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    const audiences = JSON.stringify(authorizer.Properties.JwtConfiguration);
    const clients = resources().filter(([, r]) => r.Type === 'AWS::Cognito::UserPoolClient').map(([id]) => id);
    expect(clients).toHaveLength(2);
    for (const client of clients) expect(audiences).toContain(client);

    for (const route of routes) {
      const found = resources().find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.RouteKey === `${route.method} ${route.path}`)?.[1].Properties;
      if (route.access === 'staff' || route.access === 'integration') {
        expect(found, route.path).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(['public', 'staff-page'], route.path).toContain(route.access);
        expect(found?.AuthorizationType ?? 'NONE', route.path).toBe('NONE');
      }
    }
    // Admin pages check the session cookie themselves: their function must be the cookie-verifying one.
    for (const route of routes.filter((r) => r.access === 'staff-page')) expect(functions[route.function].access).toContain('auth:verify');
  });

  it('keeps staff in a user pool with a group per role, required MFA, no self sign-up and the custom scope attributes', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'sites' }), Match.objectLike({ Name: 'departments' })]),
    });
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 6);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthFlows: ['code'], GenerateSecret: false });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthFlows: ['client_credentials'], GenerateSecret: true });
  });

  it('has exactly the schedules and functions the topology declares', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', Object.keys(schedules).length);
    expect(Object.keys(schedules)).toContain('complaint-sla-monitor');
    template.resourceCountIs('AWS::Lambda::Function', functionNames.length);
  });

  it('lets the SLA monitor write cases and send mail, and touch no queue or secret', () => {
    const actions = actionsOf('complaintSlaMonitor');
    expect(actions).toEqual(expect.arrayContaining(['ses:SendEmail', 'dynamodb:PutItem', 'dynamodb:Query']));
    expect(actions.filter((a) => a.startsWith('sqs:') || a.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('runs the digest sender every 15 minutes (due from 08:00 in each site\'s zone), retried, with mail, the table, the key and a read of the user pool, and no queue', () => {
    const [functionId] = functionResource('digestSender');
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId, 'Arn'] }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }) }),
    });
    const actions = actionsOf('digestSender');
    expect(actions).toEqual(expect.arrayContaining(['ses:SendEmail', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'secretsmanager:GetSecretValue']));
    expect(actions.filter((a) => a.startsWith('sqs:'))).toEqual([]);
    // It asks the user pool who is still a manager or office head, for which sites; it can change nothing there.
    expect(actions.filter((a) => a.startsWith('cognito-idp:')).sort()).toEqual(['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup']);
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Description: Match.stringLikeRegexp('Monday 08:00') });
  });

  it.each(Object.entries(schedules))('runs schedule %s at its rate', (_name, spec) => {
    const [functionId] = functionResource(spec.function);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `rate(${spec.everyMinutes} minutes)`,
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId, 'Arn'] } }),
    });
  });
});

describe('what ships beside the bundles', () => {
  /** The files of a function's code asset, as the CDK staged them for upload. */
  const assetDir = (name: FunctionName) => {
    const key = z.object({ S3Key: z.string() }).parse(functionResource(name)[1].Code).S3Key;
    return join(assemblyDir, `asset.${key.replace(/\.zip$/, '')}`);
  };
  const assetFiles = (name: FunctionName) => readdirSync(assetDir(name)).sort();
  const isCode = (file: string) => file.endsWith('.mjs');

  /** A template value as the function sees it: a Join its parts joined, any other intrinsic (a Ref, a GetAtt) a placeholder URL. */
  const resolved = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const joined = z.object({ 'Fn::Join': z.tuple([z.string(), z.array(z.unknown())]) }).safeParse(value);
    return joined.success ? joined.data['Fn::Join'][1].map(resolved).join(joined.data['Fn::Join'][0]) : 'https://placeholder.invalid';
  };

  // The local runtime gives every handler every variable, so only this shows a module that reads one at load
  // time its function is not given (the staff pages once read the sign-in URL nothing but sign-in had).
  it.each(functionNames)('%s loads with only the environment the stack gives it', (name) => {
    const variables = z.object({ Variables: z.record(z.string(), z.unknown()) }).parse(functionResource(name)[1].Environment).Variables;
    // Lambda's own region, and no warning of this machine's Node 20 (Lambda runs 24).
    const environment = { PATH: process.env.PATH ?? '', AWS_REGION: 'cn-north-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, resolved(value)])) };
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(join(assetDir(name), 'index.mjs'))});`], { env: environment, encoding: 'utf8' });
    // The error's own line: the rest of a stack trace through a minified bundle is the bundle.
    const failure = run.status === 0 && run.stderr === '' ? '' : /^\w*Error: .*$/m.exec(run.stderr)?.[0] ?? run.stderr.slice(-500);
    expect(failure, name).toBe('');
  });

  it('builds each handler\'s own bundle (the CDK caches bundles by their options)', () => {
    const keys = functionNames.map((name) => z.object({ S3Key: z.string() }).parse(functionResource(name)[1].Code).S3Key);
    expect(new Set(keys).size).toBe(new Set(functionNames.map((name) => functions[name].entry)).size);
  });

  it('puts the poster renderer\'s WebAssembly and fonts beside the poster pages\' bundle, and beside no function that makes no poster', () => {
    const posterData = [RESVG_WASM, ...POSTER_FONTS].map((asset) => asset.file);
    expect(assetFiles('posterPages').filter((file) => !isCode(file))).toEqual([...posterData].sort());
    for (const name of functionNames.filter((n) => n !== 'posterPages')) expect(assetFiles(name).filter((file) => posterData.includes(file)), name).toEqual([]);
  });

  it('gives the poster\'s memory to the poster pages alone: the other admin pages run at 256 MB', () => {
    const memoryOf = (name: FunctionName) => z.object({ MemorySize: z.number() }).parse(functionResource(name)[1]).MemorySize;
    expect(memoryOf('posterPages')).toBe(1024);
    expect(memoryOf('accountPages')).toBe(256);
    expect(memoryOf('sitePages')).toBe(256);
  });

  it('ships each bundle as its handler\'s entry and every chunk its code imports, and no other code', () => {
    for (const name of functionNames) {
      const code = assetFiles(name).filter(isCode);
      expect(code, name).toContain('index.mjs');
      const imported = new Set(code.flatMap((file) => [...readFileSync(join(assetDir(name), file), 'utf8').matchAll(/["']\.\/(chunk-\w+\.mjs)["']/g)].map(([, chunk]) => chunk)));
      expect(code.filter((file) => file !== 'index.mjs').sort(), name).toEqual([...imported].sort());
    }
  });

  it('ships the DynamoDB client only to functions that read or write the table', () => {
    const code = (name: FunctionName) => assetFiles(name).filter(isCode).map((file) => readFileSync(join(assetDir(name), file), 'utf8')).join('\n');
    for (const name of functionNames) {
      const usesTable = functions[name].access.some((a) => a === 'table:read' || a === 'table:write');
      expect(code(name).includes('DynamoDB_20120810'), name).toBe(usesTable);
    }
  });

  it('splits exactly the functions with a rare path loaded on first use (an import() elsewhere would add its chunk to every function importing that module)', () => {
    const split: readonly FunctionName[] = ['callbackPages', 'posterPages'];
    for (const name of functionNames) expect(assetFiles(name).filter(isCode).length > 1, name).toBe(split.includes(name));
  });

  it('puts the classifier\'s weights and lexicon beside the worker only: the office\'s pages queue a confirmed signal\'s case for it', () => {
    for (const name of functionNames) expect(assetFiles(name).includes(MODEL_FILE_NAME), name).toBe(name === 'storeSubmissions');
    for (const name of functionNames) expect(assetFiles(name).includes(LEXICON_FILE_NAME), name).toBe(name === 'storeSubmissions');
  });

  it('puts the national holiday schedule beside exactly the functions that count working days', () => {
    const timing: readonly FunctionName[] = ['storeSubmissions', 'adminComplaints', 'complaintOfficePages', 'complaintSlaMonitor', 'adminSite', 'sitePages'];
    for (const name of functionNames) expect(assetFiles(name).includes(NATIONAL_SCHEDULE.file), name).toBe(timing.includes(name));
  });
});
