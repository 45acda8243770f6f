import { Metrics } from '@aws-lambda-powertools/metrics';

// Apart from the logger (observability.ts): a module-scope Metrics is kept by every bundle that imports
// it, and only the HTTP functions, the intake worker and the notices' worker emit metrics of their own
// (the scheduled functions' alarms read Lambda's Errors). About 12 KB each for the others.
export const metrics = new Metrics({ namespace: 'PatientFeedback', serviceName: 'patient-feedback' });
