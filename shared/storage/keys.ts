// The single-table key layout. Every item has `pk` and `sk`; `expiresAt` (epoch seconds) is the TTL.
//   SITE#<site>            SITE               the site
//   SITE#<site>            DEPT#<dept>        a department
//   SURVEY#<submissionId>  SURVEY             a survey response (guards exactly-once counting)
//   SURVEY#<submissionId>  CONTACT            contact details the patient consented to; expires sooner
//   AGG#<site>#<dept|ALL>  DAY#<yyyy-mm-dd>   counters for one department's (or the whole site's) day
//   RATE#<hash>            RATE               a rate-limit window for one source, under a salted hash
//   USER#<username>        USER               a local staff account (the local issuer; Cognito in AWS)
//   AUDIT#<yyyy-mm-dd>     <iso time>#<id>    who signed in, failed to, or changed what, and when

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
  user: (username: string) => ({ pk: `USER#${username}`, sk: 'USER' }),
  userPrefix: 'USER#',
  audit: (day: string, at: string, id: string) => ({ pk: `AUDIT#${day}`, sk: `${at}#${id}` }),
  auditPartition: (day: string) => `AUDIT#${day}`,
} as const;

export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
