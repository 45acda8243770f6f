import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { cdkBundling } from '../bundling.ts';
import type { FunctionSpec } from '../topology.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface FeedbackFunctionProps {
  readonly spec: FunctionSpec;
  readonly logKey: IKey;
}

/** Every Lambda's defaults in one place: Node 24 on arm64, local esbuild, encrypted logs kept a year, tracing, Powertools. */
export class FeedbackFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: FeedbackFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(ROOT, props.spec.entry),
      handler: 'handler',
      description: props.spec.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      timeout: Duration.seconds(props.spec.timeoutSeconds),
      memorySize: props.spec.memoryMb,
      tracing: Tracing.ACTIVE,
      logGroup,
      bundling: cdkBundling(),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'patient-feedback',
        POWERTOOLS_METRICS_NAMESPACE: 'PatientFeedback',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
  }
}
