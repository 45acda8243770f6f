import { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { FunctionName, ScheduleSpec } from '../topology.ts';

/** EventBridge Scheduler schedules from the topology; each role may invoke only its own function. */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: { readonly schedules: Readonly<Record<string, ScheduleSpec>>; readonly lambda: (name: FunctionName) => IFunction; readonly key: IKey }) {
    super(scope, id);
    for (const [name, spec] of Object.entries(props.schedules)) {
      new Schedule(this, name, {
        description: spec.description,
        schedule: ScheduleExpression.rate(Duration.minutes(spec.everyMinutes)),
        target: new LambdaInvoke(props.lambda(spec.function), { retryAttempts: 2 }),
        key: props.key,
      });
    }
  }
}
