import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { grantAccess } from './constructs/access.ts';
import { FeedbackData } from './constructs/data.ts';
import { FeedbackFunction } from './constructs/feedback-function.ts';
import { PublicApi } from './constructs/http-api.ts';
import { WorkerQueue } from './constructs/worker-queue.ts';
import { Schedules } from './constructs/schedules.ts';
import { StaffAuth } from './constructs/staff-auth.ts';
import { ACKNOWLEDGE_CONTEXT } from './nag.ts';
import { type FunctionName, functionNames, functions, queues, routes, schedules } from './topology.ts';

export interface PatientFeedbackStackProps extends StackProps {
  /** The verified SES identity (domain or address) mail is sent from. */
  readonly mailIdentity: string;
  readonly mailFrom: string;
  /** Who hears about dead-lettered submissions. */
  readonly operatorEmail: string;
  /** Globally unique prefix of Cognito's hosted sign-in domain. */
  readonly authDomainPrefix: string;
  /** The sites the integration client may post for. */
  readonly machineClientSites: readonly string[];
  /** Off only in the nag test, which checks that every acknowledgement still matches a real finding. */
  readonly acknowledgeNagFindings?: boolean;
}

/** The whole system in one environment-agnostic stack, built from the topology. */
export class PatientFeedbackStack extends Stack {
  constructor(scope: Construct, id: string, props: PatientFeedbackStackProps) {
    super(scope, id, props);
    // Acknowledgements sit on the constructs that cause them (infra/nag.ts); this switch turns them all off.
    if (props.acknowledgeNagFindings === false) this.node.setContext(ACKNOWLEDGE_CONTEXT, false);
    const data = new FeedbackData(this, 'Data');
    const intake = new WorkerQueue(this, 'Intake', { spec: queues.intake, key: data.key });
    const notify = new WorkerQueue(this, 'Notify', { spec: queues.notify, key: data.key });
    const mail = { from: props.mailFrom, operator: props.operatorEmail, identity: props.mailIdentity };

    const built = new Map<FunctionName, LambdaFunction>();
    for (const name of functionNames) built.set(name, new FeedbackFunction(this, name, { spec: functions[name], logKey: data.key }).function);
    const lambda = (name: FunctionName): LambdaFunction => {
      const fn = built.get(name);
      if (fn === undefined) throw new Error(`no function ${name} in the topology`);
      return fn;
    };
    intake.feed(lambda(queues.intake.worker));
    notify.feed(lambda(queues.notify.worker));

    const api = new PublicApi(this, 'Http', { logKey: data.key });
    const auth = new StaffAuth(this, 'Auth', { apiUrl: api.api.apiEndpoint, domainPrefix: props.authDomainPrefix, machineClientSites: props.machineClientSites });
    api.addTopologyRoutes(routes, lambda, auth.authorizer);
    for (const name of functionNames) grantAccess(lambda(name), functions[name].access, { data, intake, notify, auth, apiUrl: api.api.apiEndpoint, mail });
    new Schedules(this, 'Schedules', { schedules, lambda, key: data.key });

    new CfnOutput(this, 'ApiUrl', { value: api.api.apiEndpoint });
    new CfnOutput(this, 'StaffSignInUrl', { value: `${api.api.apiEndpoint}/admin` });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'IntakeQueueUrl', { value: intake.queue.queueUrl });
    new CfnOutput(this, 'IntakeDeadLetterQueueUrl', { value: intake.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'NotifyQueueUrl', { value: notify.queue.queueUrl });
    new CfnOutput(this, 'NotifyDeadLetterQueueUrl', { value: notify.deadLetterQueue.queueUrl });
  }
}
