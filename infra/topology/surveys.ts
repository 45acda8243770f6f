import type { FunctionSpec, RouteBinding } from './specs.ts';

// The patient's survey: the page a QR code opens, and the intake that checks and queues an answer.

export const surveyFunctions = {
  surveyPage: {
    entry: 'functions/survey-page/handler.ts',
    description: 'Serves the mobile survey page for one department (GET /s/{code})',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: ['table:read', 'signing-key:read'],
  },
  surveyIntake: {
    entry: 'functions/survey-intake/handler.ts',
    description: 'Validates a survey response and queues it (POST /v1/surveys)',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'queue:intake:send', 'signing-key:read'],
  },
} as const satisfies Record<string, FunctionSpec>;

export const surveyRoutes: readonly RouteBinding<keyof typeof surveyFunctions>[] = [
  { key: 'GET /s/{code}', function: 'surveyPage' },
  { key: 'POST /v1/surveys', function: 'surveyIntake' },
];
