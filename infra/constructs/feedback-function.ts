import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AssetHashType, type BundlingOptions, DockerImage, Duration, type ILocalBundling, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleFolder, ROOT } from '../bundling.ts';
import { acknowledge } from '../nag.ts';
import { type FunctionSpec, functions } from '../topology.ts';

/**
 * Function logs are kept one year: they carry no personal data (the Logger policy), only what an operator
 * needs to investigate an incident, and a year covers a complaint's whole life and the hospital's annual
 * review. The records themselves, and the audit trail of who changed what, live in the table.
 */
export const FUNCTION_LOG_RETENTION = RetentionDays.ONE_YEAR;

const BUNDLE_SCRIPT = join(ROOT, 'infra', 'bundle-function.ts');

/**
 * Every function's bundle for one synthesis, built the first time one is asked for: one child process
 * (`bundle-function.ts`, under tsx) bundles them all, esbuild's builds side by side. One process per
 * function, as until 5 December, started tsx 26 times: 43 s to construct the stack, 16 s now. Keyed by the
 * folder the CDK stages bundles in (the cloud assembly's), so another App in the same process, whose
 * assembly is another folder, bundles afresh. The batch's folder is removed once every bundle is copied,
 * when the bundling fails, or when the process exits.
 */
const batches = new Map<string, { readonly outRoot: string; readonly waiting: Set<string> }>();

/** Copies the bundle of `entry` into `outputDir`, from its synthesis's batch; the batch's folder goes once every bundle is copied. */
function copyBundle(entry: string, outputDir: string): void {
  const stagingFolder = dirname(outputDir);
  let batch = batches.get(stagingFolder);
  if (batch === undefined) {
    const entries = [...new Set([...Object.values(functions).map((spec) => spec.entry), entry])];
    // Inside the assembly's folder, so whatever a synthesis that stops halfway leaves goes with the assembly.
    const outRoot = mkdtempSync(join(stagingFolder, 'bundles-'));
    const remove = () => rmSync(outRoot, { recursive: true, force: true });
    process.once('exit', remove);
    try {
      execFileSync(process.execPath, ['--import', 'tsx', BUNDLE_SCRIPT, outRoot, ...entries], { cwd: ROOT, stdio: 'inherit' });
    } catch (error) {
      remove();
      throw error;
    }
    batch = { outRoot, waiting: new Set(entries) };
    batches.set(stagingFolder, batch);
  }
  cpSync(bundleFolder(batch.outRoot, entry), outputDir, { recursive: true });
  batch.waiting.delete(entry);
  if (batch.waiting.size === 0) {
    rmSync(batch.outRoot, { recursive: true, force: true });
    batches.delete(stagingFolder);
  }
}

/**
 * The asset's bundling: esbuild on this machine, never Docker, through `bundleFunction` (infra/bundling.ts).
 * The CDK asks for it synchronously and esbuild's plugins need its asynchronous API, so it runs
 * `bundle-function.ts` as a child process (once per synthesis, for every function: `copyBundle`). The entry is
 * a field, not only captured, because the CDK keys its cache of bundles on these options' JSON: without it
 * every function would get the first one's bundle.
 */
class LocalEsbuild implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    copyBundle(this.entry, outputDir);
    return true;
  }
}

/** The bundling of the function whose handler is `entry` (a path in the repository). */
function localBundling(entry: string): BundlingOptions {
  // The image is required by the type and never pulled: the local bundler always succeeds or throws.
  return { image: DockerImage.fromRegistry('local-esbuild-only'), local: new LocalEsbuild(entry) };
}

export interface FeedbackFunctionProps {
  readonly spec: FunctionSpec;
  readonly logKey: IKey;
}

/** Every Lambda's defaults in one place: Node 24 on arm64, esbuild on this machine, its own role, encrypted logs, tracing, Powertools. */
export class FeedbackFunction extends Construct {
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: FeedbackFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: FUNCTION_LOG_RETENTION,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role instead of AWSLambdaBasicExecutionRole (logs on every log group in the account): it
    // may write to its own log group only. Grants from the topology's access list are added by access.ts.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${id}: ${props.spec.description}`.slice(0, 1000),
    });
    logGroup.grantWrite(role);

    this.function = new LambdaFunction(this, 'Function', {
      // Bundled by infra/bundling.ts (esbuild with a plugin, which the CDK's NodejsFunction cannot take);
      // the asset's hash is its output's, as NodejsFunction's is.
      code: Code.fromAsset(ROOT, { assetHashType: AssetHashType.OUTPUT, bundling: localBundling(props.spec.entry) }),
      handler: 'index.handler',
      description: props.spec.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      timeout: Duration.seconds(props.spec.timeoutSeconds),
      memorySize: props.spec.memoryMb,
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'patient-feedback',
        POWERTOOLS_METRICS_NAMESPACE: 'PatientFeedback',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });

    acknowledge(this,
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions; the stack test pins that nothing else is granted on "*".' },
      { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: 'CDK grants write one least-privilege policy per function role, owned by that role alone; a managed policy could be attached to other roles.' },
      { id: 'HIPAA.Security-LambdaConcurrency', reason: 'Concurrency is bounded by the API stage throttle and by the SQS event source; reserving concurrency per function would take capacity from the rest of the account and fail deployment in accounts with a low concurrency quota.' },
      { id: 'HIPAA.Security-LambdaDLQ', reason: 'No function is invoked with an event that would be lost: the worker is fed by SQS, whose own dead-letter queue keeps failed submissions; HTTP functions are synchronous (the caller sees the error and the page retries with the same submission id); the scheduled check re-runs every 15 minutes.' },
      { id: 'HIPAA.Security-LambdaInsideVPC', reason: 'The functions reach only AWS APIs (DynamoDB, SQS, SES, Secrets Manager) over TLS with IAM; there is no private resource to protect, and a VPC would add NAT cost and cold-start time.' },
    );
  }
}
