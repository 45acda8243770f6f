import { Logger } from '@aws-lambda-powertools/logger';

// A module-scope logger, shared by every function. Events are never logged: they carry patient data.
export const logger = new Logger({ serviceName: 'patient-feedback' });

/** An error as a log line may carry it: its name and message, never the event that caused it. */
export const errorSummary = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
