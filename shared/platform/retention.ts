import { numberEnv } from './config.ts';
import { env } from './resource-env.ts';

/** How long records are kept (domain.md: only as long as needed). The survey page tells patients the contact figure. */
export interface Retention {
  readonly surveyDays: number;
  readonly contactDays: number;
}

/** Survey answers feed two years of trend figures; contact details are only needed for the follow-up call. */
export const DEFAULT_RETENTION: Retention = { surveyDays: 730, contactDays: 90 };

export function retentionFromEnv(): Retention {
  return {
    surveyDays: numberEnv(env.surveyRetentionDays, DEFAULT_RETENTION.surveyDays),
    contactDays: numberEnv(env.contactRetentionDays, DEFAULT_RETENTION.contactDays),
  };
}
