import { App } from 'aws-cdk-lib';
import { PatientFeedbackStack } from '../../infra/stack.ts';

/** The stack as `infra/app.ts` builds it, with fixed mail settings. Synthesis bundles every function with esbuild, so build it once per file. */
export function buildStack(options: { acknowledgeNagFindings?: boolean } = {}): PatientFeedbackStack {
  const app = new App();
  return new PatientFeedbackStack(app, 'PatientFeedback', {
    mailIdentity: 'hospital.example.cn',
    mailFrom: 'feedback@hospital.example.cn',
    operatorEmail: 'ops@hospital.example.cn',
    authDomainPrefix: 'hospital-feedback-test',
    machineClientSites: ['demo'],
    ...options,
  });
}
