import { type Acknowledgment, type App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** cdk-nag's AwsSolutions and HIPAA Security packs (cdk-nag v3: CDK validation plugins, run at synthesis). */
export function nagPacks(scope: IConstruct) {
  return [new AwsSolutionsChecks(scope), new HIPAASecurityChecks(scope)];
}

/**
 * Both packs on the whole app. At synthesis an unacknowledged error-level finding fails `npx cdk synth`
 * (exit code 1, report printed) and makes `app.synth()` throw in tests; every run writes
 * `validation-report.json` into the cloud assembly.
 */
export function applyNag(app: App): void {
  Validations.of(app).addPlugins(...nagPacks(app));
}

/**
 * Context key that turns acknowledgements off (the nag test uses it to check that each one still answers a
 * real finding, so stale reasons do not pile up). Set by `PatientFeedbackStack` from its props.
 */
export const ACKNOWLEDGE_CONTEXT = 'patient-feedback:acknowledge-nag-findings';

/** One acknowledgement and the construct it was placed on. */
export interface PlacedAcknowledgment extends Acknowledgment {
  readonly path: string;
}

const placed = new WeakMap<IConstruct, PlacedAcknowledgment[]>();

/**
 * Accept findings on purpose, on the construct that causes them (never the whole stack), each with the
 * reason a reviewer would ask for. Everything else is fixed in the constructs.
 */
export function acknowledge(scope: IConstruct, ...acknowledgments: Acknowledgment[]): void {
  const root = scope.node.root;
  const list = placed.get(root) ?? [];
  placed.set(root, list);
  list.push(...acknowledgments.map((a) => ({ ...a, path: scope.node.path })));
  if (scope.node.tryGetContext(ACKNOWLEDGE_CONTEXT) === false) return;
  Validations.of(scope).acknowledge(...acknowledgments);
}

/** Every acknowledgement placed in the app that `scope` belongs to (whether or not it was switched off). */
export function acknowledgmentsIn(scope: IConstruct): readonly PlacedAcknowledgment[] {
  return placed.get(scope.node.root) ?? [];
}

export interface NagFinding {
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
  readonly description: string;
}

/** The findings of both packs that no acknowledgement covers, run directly on a construct tree. */
export function unacknowledgedFindings(scope: IConstruct): NagFinding[] {
  return nagPacks(Stack.of(scope)).flatMap((pack) => pack.validateScope(scope).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      severity: violation.severity ?? 'error',
      path: resource.constructPath ?? resource.resourceLogicalId ?? '?',
      description: violation.description,
    }))));
}
