import { CfnElement, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { env } from '../../shared/platform/resource-env.ts';
import { acknowledge } from '../nag.ts';
import type { Access } from '../topology.ts';
import type { FeedbackData } from './data.ts';
import type { WorkerQueue } from './worker-queue.ts';
import type { StaffAuth } from './staff-auth.ts';

export interface Resources {
  readonly data: FeedbackData;
  readonly intake: WorkerQueue;
  readonly notify: WorkerQueue;
  readonly auth: StaffAuth;
  readonly apiUrl: string;
  readonly mail: { readonly from: string; readonly operator: string; readonly identity: string };
}

/**
 * The one place a topology access turns into IAM grants and the environment variables through which the
 * function finds the resource (shared/platform/resource-env.ts). Least privilege: a function gets only what it lists.
 */
export function grantAccess(fn: LambdaFunction, access: readonly Access[], resources: Resources): void {
  const { data, intake, notify, auth, mail } = resources;
  // Writing to the table or the queue encrypts with the data key: CDK's grant names the key's wildcard actions.
  const acknowledgeDataKeyWildcards = () => acknowledge(fn.role ?? fn,
    { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: 'CDK grant on the one customer-managed data key only: DynamoDB and SQS ask for data keys (GenerateDataKey, GenerateDataKeyWithoutPlaintext) for envelope encryption of what this function writes.' },
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: 'CDK grant on the one customer-managed data key only, which encrypts the table and the queues; no other key is reachable.' },
  );
  // CDK's table grants cover the table's indexes (`<table>/index/*`): only this table's, which the inbox queries.
  const acknowledgeTableIndexes = () => {
    const table = data.table.node.defaultChild;
    if (!(table instanceof CfnElement)) return;
    acknowledge(fn.role ?? fn, {
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(table).getLogicalId(table)}.Arn>/index/*]`,
      reason: 'CDK table grant: the indexes of the one table this function uses (byDue, for the complaint inbox and SLA checks); no other table is reachable.',
    });
  };
  const sendTo = (queue: WorkerQueue, urlVariable: string) => {
    queue.queue.grantSendMessages(fn);
    fn.addEnvironment(urlVariable, queue.queue.queueUrl);
    acknowledgeDataKeyWildcards();
  };
  // How deep a queue and its dead letters are (the health check, the dead-letter alert), nothing more.
  const inspect = (queue: WorkerQueue, urlVariable: string, deadLetterUrlVariable: string) => {
    queue.queue.grant(fn, 'sqs:GetQueueAttributes');
    queue.deadLetterQueue.grant(fn, 'sqs:GetQueueAttributes');
    fn.addEnvironment(urlVariable, queue.queue.queueUrl);
    fn.addEnvironment(deadLetterUrlVariable, queue.deadLetterQueue.queueUrl);
  };
  for (const need of access) {
    switch (need) {
      case 'table:read':
        data.table.grantReadData(fn);
        fn.addEnvironment(env.tableName, data.table.tableName);
        acknowledgeTableIndexes();
        break;
      case 'table:write':
        data.table.grantReadWriteData(fn);
        fn.addEnvironment(env.tableName, data.table.tableName);
        acknowledgeTableIndexes();
        acknowledgeDataKeyWildcards();
        break;
      case 'queue:intake:send':
        sendTo(intake, env.intakeQueueUrl);
        break;
      case 'queue:intake:inspect':
        inspect(intake, env.intakeQueueUrl, env.intakeDeadLetterQueueUrl);
        break;
      case 'queue:notify:send':
        sendTo(notify, env.notifyQueueUrl);
        break;
      case 'queue:notify:inspect':
        inspect(notify, env.notifyQueueUrl, env.notifyDeadLetterQueueUrl);
        break;
      case 'signing-key:read':
        data.signingKey.grantRead(fn);
        fn.addEnvironment(env.signingKeySecretArn, data.signingKey.secretArn);
        break;
      case 'mail:send': {
        const { partition, region, account } = Stack.of(fn);
        fn.addToRolePolicy(new PolicyStatement({
          // SES v2's SendEmail with simple content: no function sends raw MIME (the digest's did until 5 December).
          actions: ['ses:SendEmail'],
          resources: [`arn:${partition}:ses:${region}:${account}:identity/${mail.identity}`],
        }));
        fn.addEnvironment(env.mailFrom, mail.from);
        fn.addEnvironment(env.operatorEmail, mail.operator);
        // Mails link to the admin pages (a case, the inbox): the same base URL the sign-in uses.
        fn.addEnvironment(env.publicBaseUrl, resources.apiUrl);
        break;
      }
      case 'auth:verify':
        fn.addEnvironment(env.authIssuer, auth.issuer);
        fn.addEnvironment(env.authClientIds, `${auth.adminClient.userPoolClientId},${auth.machineClient.userPoolClientId}`);
        fn.addEnvironment(env.machineClientSites, Stack.of(fn).toJsonString({ [auth.machineClient.userPoolClientId]: auth.machineClientSites }));
        break;
      case 'auth:sign-in':
        fn.addEnvironment(env.authSignInUrl, auth.signInUrl);
        fn.addEnvironment(env.authAdminClientId, auth.adminClient.userPoolClientId);
        fn.addEnvironment(env.publicBaseUrl, resources.apiUrl);
        break;
      case 'auth:sign-out':
        // Cognito's global sign-out of the user signing out: this one action, on this one user pool.
        fn.addToRolePolicy(new PolicyStatement({ actions: ['cognito-idp:AdminUserGlobalSignOut'], resources: [auth.userPool.userPoolArn] }));
        fn.addEnvironment(env.authUserPoolId, auth.userPool.userPoolId);
        break;
      case 'auth:users:manage':
        // The admin's user administration: these actions, on this one user pool.
        fn.addToRolePolicy(new PolicyStatement({
          actions: [
            'cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser', 'cognito-idp:AdminCreateUser',
            'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminRemoveUserFromGroup', 'cognito-idp:AdminDisableUser',
            'cognito-idp:AdminEnableUser', 'cognito-idp:AdminResetUserPassword', 'cognito-idp:AdminSetUserMFAPreference', 'cognito-idp:AdminUserGlobalSignOut',
          ],
          resources: [auth.userPool.userPoolArn],
        }));
        fn.addEnvironment(env.authUserPoolId, auth.userPool.userPoolId);
        break;
      case 'pages:staff':
        fn.addEnvironment(env.authSignInUrl, auth.signInUrl);
        fn.addEnvironment(env.publicBaseUrl, resources.apiUrl);
        break;
      case 'mail:preview':
        fn.addEnvironment(env.mailFrom, mail.from);
        break;
      case 'auth:users:read':
        // Who a department's responders are, for the notice of a case handed to a department without an address.
        fn.addToRolePolicy(new PolicyStatement({ actions: ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'], resources: [auth.userPool.userPoolArn] }));
        fn.addEnvironment(env.authUserPoolId, auth.userPool.userPoolId);
        break;
    }
  }
}
