import type { FunctionSpec, QueueSpec } from './specs.ts';

// The queue every accepted submission waits in, and the worker that stores it exactly once; the mails a
// stored case or comment owes go on the notify queue (topology/notices.ts).

export const intakeFunctions = {
  storeSubmissions: {
    entry: 'functions/store-submissions/handler.ts',
    description: 'Stores queued surveys, complaints, discharges and call outcomes and updates the aggregates, exactly once; triages complaints and queues the mails they owe',
    timeoutSeconds: 30,
    memoryMb: 512,
    access: ['table:read', 'table:write', 'signing-key:read', 'queue:notify:send'],
  },
} as const satisfies Record<string, FunctionSpec>;

export const intakeQueues = {
  intake: {
    worker: 'storeSubmissions',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    maxReceiveCount: 5,
    visibilityTimeoutFactor: 6,
    retentionDays: 4,
    deadLetterRetentionDays: 14,
  },
} as const satisfies Record<string, QueueSpec<keyof typeof intakeFunctions>>;
