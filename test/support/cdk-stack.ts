import { App } from 'aws-cdk-lib';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { PatientFeedbackStack } from '../../infra/stack.ts';

/**
 * The stack as `infra/app.ts` builds it, with fixed mail settings. Synthesis bundles every function with
 * esbuild, so build it once per file; `bundle: false` skips that (CDK's own switch), for a check of the
 * template alone: it is the same but for the asset hashes.
 */
export function buildStack(options: { acknowledgeNagFindings?: boolean; bundle?: boolean } = {}): PatientFeedbackStack {
  const { bundle = true, ...stackOptions } = options;
  const app = new App(bundle ? {} : { context: { [BUNDLING_STACKS]: [] } });
  return new PatientFeedbackStack(app, 'PatientFeedback', {
    mailIdentity: 'hospital.example.cn',
    mailFrom: 'feedback@hospital.example.cn',
    operatorEmail: 'ops@hospital.example.cn',
    authDomainPrefix: 'hospital-feedback-test',
    machineClientSites: ['demo'],
    ...stackOptions,
  });
}
