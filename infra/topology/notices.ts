import type { FunctionSpec, QueueSpec } from './specs.ts';

// The queue of mails owed (a new case's, a comment's, a change's), and the worker that sends them. Apart
// from the intake queue so that storing needs neither the mail service nor the staff directory, and a
// mail service that refuses holds up mails and nothing else: their retries and dead letters are their own.

export const noticeFunctions = {
  sendNotices: {
    entry: 'functions/send-notices/handler.ts',
    description: 'Mails what the notify queue says is owed: a new case\'s safety alert and its owner\'s and handler\'s notices, a comment\'s notice, a change\'s notice',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: ['table:read', 'table:write', 'mail:send', 'auth:users:read'],
  },
} as const satisfies Record<string, FunctionSpec>;

export const noticeQueues = {
  notify: {
    worker: 'sendNotices',
    batchSize: 10,
    // A safety alert waits for no batch to fill.
    maxBatchingWindowSeconds: 0,
    maxReceiveCount: 5,
    visibilityTimeoutFactor: 6,
    retentionDays: 4,
    deadLetterRetentionDays: 14,
  },
} as const satisfies Record<string, QueueSpec<keyof typeof noticeFunctions>>;
