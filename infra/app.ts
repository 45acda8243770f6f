import { App } from 'aws-cdk-lib';
import { applyNag } from './nag.ts';
import { PatientFeedbackStack } from './stack.ts';

// `npx cdk synth`: offline, no credentials (the stack is environment-agnostic). Mail settings come from
// context (`-c mailIdentity=hospital.example.cn -c mailFrom=... -c operatorEmail=...`); staff sign-in from
// `-c authDomainPrefix=<unique prefix> -c machineClientSites=site1,site2`.
const app = new App();
const context = (key: string, fallback: string): string => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : fallback;
};
const mailIdentity = context('mailIdentity', 'feedback.example.cn');
new PatientFeedbackStack(app, 'PatientFeedback', {
  description: 'Patient-experience feedback: survey intake, processing and figures',
  mailIdentity,
  mailFrom: context('mailFrom', `no-reply@${mailIdentity}`),
  operatorEmail: context('operatorEmail', `operator@${mailIdentity}`),
  authDomainPrefix: context('authDomainPrefix', 'patient-feedback-staff'),
  machineClientSites: context('machineClientSites', 'demo').split(','),
});
applyNag(app);
