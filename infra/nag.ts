import { type Acknowledgment, type App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** cdk-nag's AwsSolutions and HIPAA Security packs on the whole app (cdk-nag v3: validation plugins). */
export function nagPacks(scope: IConstruct) {
  return [new AwsSolutionsChecks(scope), new HIPAASecurityChecks(scope)];
}

export function applyNag(app: App): void {
  Validations.of(app).addPlugins(...nagPacks(app));
}

/**
 * Findings accepted on purpose, each with the reason a reviewer would ask for. Everything else is fixed
 * in the constructs, and a new finding fails `npx cdk synth` and the nag test.
 */
export const ACKNOWLEDGEMENTS: readonly Acknowledgment[] = [
    { id: 'AwsSolutions-APIG4', reason: 'Patient routes are public by design (QR code, no login); abuse is limited by the stage throttle and the per-source rate limit in the intake handler.' },
    { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: 'The basic execution role only lets a function write its own logs; CDK attaches it to every Lambda.' },
    { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: 'CDK grant on the one data key: SQS and DynamoDB need data keys for envelope encryption.' },
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: 'CDK grant on the one data key, which encrypts the queues and the table.' },
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions.' },
    { id: 'AwsSolutions-IAM5[Resource::<dlqWatchFunctionB3E56661.Arn>:*]', reason: 'Scheduler may invoke the versions of the one function it targets.' },
    { id: 'AwsSolutions-SMG4', reason: 'The signing key signs the survey codes printed on QR posters; rotating it would void every poster. It is rotated deliberately, with a poster reprint.' },
    { id: 'HIPAA.Security-SecretsManagerRotationEnabled', reason: 'As AwsSolutions-SMG4: the signing key is rotated deliberately, with a poster reprint.' },
    { id: 'AwsSolutions-COG8', reason: 'Staff sign in with a required authenticator-app second factor and Cognito locks out repeated failed sign-ins; the Plus tier\'s threat protection is a per-user cost the hospital can turn on later.' },
    { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: 'CDK grants write one least-privilege policy per role, owned by that role alone; a managed policy would be shareable across roles.' },
    { id: 'HIPAA.Security-LambdaConcurrency', reason: 'Concurrency is bounded by the API stage throttle and the SQS event source; reserved concurrency would take capacity from the rest of the account.' },
    { id: 'HIPAA.Security-LambdaDLQ', reason: 'The worker is fed by SQS, whose own dead-letter queue holds failed records; HTTP functions are synchronous (the caller sees the error) and scheduled ones are retried by Scheduler.' },
    { id: 'HIPAA.Security-LambdaInsideVPC', reason: 'The functions reach only AWS APIs (DynamoDB, SQS, SES, Secrets Manager) over TLS with IAM; a VPC adds NAT cost and cold-start time without protecting any private resource.' },
    { id: 'HIPAA.Security-DynamoDBInBackupPlan', reason: 'Point-in-time recovery (35 days) is on; an AWS Backup plan is an account-level decision for the hospital operator.' },
];

export function acknowledgeFindings(stack: Stack): void {
  Validations.of(stack).acknowledge(...ACKNOWLEDGEMENTS);
}

/** The findings that are not acknowledged, for tests and for the synth check. */
export function unacknowledgedFindings(scope: IConstruct): string[] {
  return nagPacks(Stack.of(scope)).flatMap((pack) => pack.validateScope(scope).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} ${resource.constructPath ?? resource.resourceLogicalId}: ${violation.description}`)));
}
