import { CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';
import type { FunctionName, ScheduleSpec } from '../topology.ts';

export interface SchedulesProps {
  readonly schedules: Readonly<Record<string, ScheduleSpec>>;
  readonly lambda: (name: FunctionName) => IFunction;
  readonly key: IKey;
}

/** EventBridge Scheduler schedules from the topology; each has its own role, which may invoke only its function. */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    for (const [name, spec] of Object.entries(props.schedules)) {
      const fn = props.lambda(spec.function);
      // Only schedules of this account may assume it (confused-deputy guard).
      const role = new Role(this, `${name}Role`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
        description: `EventBridge Scheduler: runs ${spec.function} (${name})`,
      });
      new Schedule(this, name, {
        description: spec.description,
        schedule: ScheduleExpression.rate(Duration.minutes(spec.everyMinutes)),
        target: new LambdaInvoke(fn, { role, retryAttempts: 2 }),
        key: props.key,
      });
      const cfnFunction = fn.node.defaultChild;
      const functionId = CfnElement.isCfnElement(cfnFunction) ? stack.getLogicalId(cfnFunction) : fn.node.id;
      acknowledge(role,
        { id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`, reason: 'CDK\'s invoke grant: the role may invoke the one function this schedule targets, including its versions and aliases (the ":*"), and nothing else.' },
        { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: 'The invoke grant is a policy owned by this role alone; a managed policy could be attached to other roles.' },
      );
    }
  }
}
