// The single-table key layout. Every item has `pk` and `sk`; `expiresAt` (epoch seconds) is the TTL.
//   SITE#<site>            SITE               the site
//   SITE#<site>            DEPT#<dept>        a department
//   SURVEY#<submissionId>  SURVEY             a survey response (guards exactly-once counting)
//   SURVEY#<submissionId>  CONTACT            contact details the patient consented to; expires sooner
//   AGG#<site>#<dept|ALL>  DAY#<yyyy-mm-dd>   counters for one department's (or the whole site's) day
//   RATE#<hash>            RATE               a rate-limit window for one source, under a salted hash

export const TTL_ATTRIBUTE = 'expiresAt';

export const keys = {
  site: (siteId: string) => ({ pk: `SITE#${siteId}`, sk: 'SITE' }),
  department: (siteId: string, departmentId: string) => ({ pk: `SITE#${siteId}`, sk: `DEPT#${departmentId}` }),
  departmentPrefix: 'DEPT#',
  survey: (submissionId: string) => ({ pk: `SURVEY#${submissionId}`, sk: 'SURVEY' }),
  surveyContact: (submissionId: string) => ({ pk: `SURVEY#${submissionId}`, sk: 'CONTACT' }),
  aggregate: (siteId: string, departmentId: string, day: string) => ({ pk: `AGG#${siteId}#${departmentId}`, sk: `DAY#${day}` }),
  aggregatePartition: (siteId: string, departmentId: string) => `AGG#${siteId}#${departmentId}`,
  dayKey: (day: string) => `DAY#${day}`,
  rate: (hash: string) => ({ pk: `RATE#${hash}`, sk: 'RATE' }),
} as const;

export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
