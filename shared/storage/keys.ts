// The single-table key layout. Every item has `pk` and `sk`; `expiresAt` (epoch seconds) is the TTL.
//   SITE#<site>            SITE               the site
//   SITE#<site>            DEPT#<dept>        a department
//   SURVEY#<submissionId>  SURVEY             a survey response (guards exactly-once counting)
//   SURVEY#<submissionId>  CONTACT            contact details the patient consented to; expires sooner
//   AGG#<site>#<dept|ALL>  DAY#<yyyy-mm-dd>   counters for one department's (or the whole site's) day
//   AGG#<site>#<dept|ALL>  MONTH#<yyyy-mm>    the same counters rolled up by month, written in the day's transaction
//   COMMENTS#<site>#<dept> <iso time>#<id>    a survey comment without identifiers, for the reports; expires after 90 days
//   DIGEST#<site>#<period> <username>         a digest sent (or being sent) to one recipient for one period: exactly once (a group: DIGEST#group:<id>#…)
//   DIGESTPREFS            USER#<username>    which digests a member of staff receives, where, in which language, for which scope
//   GROUPS                 GROUP#<group>      a group of sites (医联体, 对口帮扶) and its members
//   IMPORT#<name>          <id>               a counted import (the demo history's complaint counters): counts it once
//   RATE#<hash>            RATE               a rate-limit bucket for one source and budget, under a salted hash
//   COMPLAINT#<id>         CASE               a complaint: owner, handler, status, due dates, version
//   COMPLAINT#<id>         HIST#<at>#<v>#<n>  one entry of its append-only history
//   COMPLAINT#<id>         CONTACT            the complainant's contact details; expire after closing
//   TRACK#<trackingCode>   TRACK              which complaint a patient's tracking code names
//   STAFF#<site>#<user>    CASELOAD           an officer's open cases, for spreading new complaints
//   SITE#<site>            COMPLAINTS         the site's complaint settings: rota, contacts, routing
//   SITES                  SITE#<site>        the site registry: one item per site, so scheduled jobs can list every site
//   USER#<username>        USER               a local staff account (the local issuer; Cognito in AWS)
//   SIGNIN#<hash>          ATTEMPTS           failed sign-ins of one name (known or not), under a keyed hash of it
//   SESSION#<id>           REVOKED            a staff session ended at sign-out, until its token would expire
//   AUDIT#<yyyy-mm-dd>     <iso time>#<id>    who signed in, failed to, or changed what, and when
//   DISCHARGE#<site>#<id>  DISCHARGE          a discharged patient as the HIS sent it (guards exactly-once counting)
//   DISCHARGE#<site>#<id>  PERSON             the patient's name and phone number; expire after the call closes
//   DISCHARGE#<site>#<id>  CALL               the call due: status, attempts, window, claim, version
//   DISCHARGE#<site>#<id>  HIST#<at>#<v>#<n>  the discharge's and its call's history (corrections, attempts)
//   COMPLAINT#<id>         FOLLOWUP           the follow-up call of a closed key complaint
//   CALLBACK#<submissionId> CALLBACK          one recorded call attempt (guards exactly-once counting)
//   SITE#<site>            CALLBACKS          the site's callback settings: window, retries, retention, target
//   COMMENT#<id>           COMMENT            a free-text comment to read (survey, complaint, callback), its safety level and review

export const TTL_ATTRIBUTE = 'expiresAt';

export const keys = {
  site: (siteId: string) => ({ pk: `SITE#${siteId}`, sk: 'SITE' }),
  department: (siteId: string, departmentId: string) => ({ pk: `SITE#${siteId}`, sk: `DEPT#${departmentId}` }),
  departmentPrefix: 'DEPT#',
  siteIndex: (siteId: string) => ({ pk: 'SITES', sk: `SITE#${siteId}` }),
  survey: (submissionId: string) => ({ pk: `SURVEY#${submissionId}`, sk: 'SURVEY' }),
  surveyContact: (submissionId: string) => ({ pk: `SURVEY#${submissionId}`, sk: 'CONTACT' }),
  aggregate: (siteId: string, departmentId: string, day: string) => ({ pk: `AGG#${siteId}#${departmentId}`, sk: `DAY#${day}` }),
  aggregatePartition: (siteId: string, departmentId: string) => `AGG#${siteId}#${departmentId}`,
  dayKey: (day: string) => `DAY#${day}`,
  aggregateMonth: (siteId: string, departmentId: string, month: string) => ({ pk: `AGG#${siteId}#${departmentId}`, sk: `MONTH#${month}` }),
  monthKey: (month: string) => `MONTH#${month}`,
  aggregateYear: (siteId: string, departmentId: string, year: string) => ({ pk: `AGG#${siteId}#${departmentId}`, sk: `YEAR#${year}` }),
  yearKey: (year: string) => `YEAR#${year}`,
  recentComment: (siteId: string, departmentId: string, receivedAt: string, id: string) => ({ pk: `COMMENTS#${siteId}#${departmentId}`, sk: `${receivedAt}#${id}` }),
  recentCommentPartition: (siteId: string, departmentId: string) => `COMMENTS#${siteId}#${departmentId}`,
  digestSent: (siteId: string, period: string, username: string) => ({ pk: `DIGEST#${siteId}#${period}`, sk: username }),
  digestPreference: (username: string) => ({ pk: 'DIGESTPREFS', sk: `USER#${username}` }),
  importGuard: (name: string, id: string) => ({ pk: `IMPORT#${name}`, sk: id }),
  siteGroup: (groupId: string) => ({ pk: 'GROUPS', sk: `GROUP#${groupId}` }),
  rate: (hash: string) => ({ pk: `RATE#${hash}`, sk: 'RATE' }),
  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'CASE' }),
  /** Unique per change: the case version it produced, and its place among that change's entries. */
  complaintHistory: (id: string, at: string, version: number, n: number) => ({ pk: `COMPLAINT#${id}`, sk: `HIST#${at}#${String(version).padStart(6, '0')}#${n}` }),
  complaintContact: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'CONTACT' }),
  tracking: (code: string) => ({ pk: `TRACK#${code}`, sk: 'TRACK' }),
  caseload: (siteId: string, username: string) => ({ pk: `STAFF#${siteId}#${username}`, sk: 'CASELOAD' }),
  complaintSettings: (siteId: string) => ({ pk: `SITE#${siteId}`, sk: 'COMPLAINTS' }),
  user: (username: string) => ({ pk: `USER#${username}`, sk: 'USER' }),
  userPrefix: 'USER#',
  signInAttempts: (nameHash: string) => ({ pk: `SIGNIN#${nameHash}`, sk: 'ATTEMPTS' }),
  revokedSession: (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'REVOKED' }),
  audit: (siteId: string, day: string, at: string, id: string) => ({ pk: `AUDIT#${siteId}#${day}`, sk: `${at}#${id}` }),
  auditPartition: (siteId: string, day: string) => `AUDIT#${siteId}#${day}`,
  discharge: (siteId: string, dischargeId: string) => ({ pk: `DISCHARGE#${siteId}#${dischargeId}`, sk: 'DISCHARGE' }),
  dischargePerson: (siteId: string, dischargeId: string) => ({ pk: `DISCHARGE#${siteId}#${dischargeId}`, sk: 'PERSON' }),
  dischargeCall: (siteId: string, dischargeId: string) => ({ pk: `DISCHARGE#${siteId}#${dischargeId}`, sk: 'CALL' }),
  dischargeHistory: (siteId: string, dischargeId: string, at: string, version: number, n: number) => ({ pk: `DISCHARGE#${siteId}#${dischargeId}`, sk: `HIST#${at}#${String(version).padStart(6, '0')}#${n}` }),
  followUpCall: (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: 'FOLLOWUP' }),
  callback: (submissionId: string) => ({ pk: `CALLBACK#${submissionId}`, sk: 'CALLBACK' }),
  callbackSettings: (siteId: string) => ({ pk: `SITE#${siteId}`, sk: 'CALLBACKS' }),
  comment: (id: string) => ({ pk: `COMMENT#${id}`, sk: 'COMMENT' }),
} as const;

/**
 * Secondary indexes, declared once for the CDK table and DynamoDB Local. `byDue`: a site's complaints in
 * due-date order, open ones first (OPEN sorts before SHUT), for the inbox and the SLA monitor.
 */
export const INDEXES = {
  byDue: { name: 'byDue', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
} as const;

export const byDueKeys = (siteId: string, open: boolean, dueAt: string, id: string) => ({
  [INDEXES.byDue.partitionKey]: `COMPLAINTS#${siteId}`,
  [INDEXES.byDue.sortKey]: `${open ? 'OPEN' : 'SHUT'}#${dueAt}#${id}`,
});

/**
 * The callback worklist in the same index: one partition per (site, department) of discharge calls, one
 * per site of follow-up calls (the office's), open calls by due day first (OPEN sorts before SHUT).
 */
export const callListPartition = (siteId: string, group: string) => `CALLS#${siteId}#${group}`;
export const FOLLOW_UP_GROUP = '~follow-up';

export const callListKeys = (siteId: string, group: string, open: boolean, day: string, callId: string) => ({
  [INDEXES.byDue.partitionKey]: callListPartition(siteId, group),
  [INDEXES.byDue.sortKey]: `${open ? 'OPEN' : 'SHUT'}#${day}#${callId}`,
});

/**
 * The same index, overloaded: a site's comments, unread ones first and oldest first (UNREAD sorts before
 * READ), for the "comments to read" list, the inbox's count and the reminder; no second index to pay for.
 */
export const commentIndexKeys = (siteId: string, read: boolean, receivedAt: string, id: string) => ({
  [INDEXES.byDue.partitionKey]: `COMMENTS#${siteId}`,
  [INDEXES.byDue.sortKey]: `${read ? 'READ' : 'UNREAD'}#${receivedAt}#${id}`,
});

export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
