import type { RouteKey } from '../../shared/http/routes.ts';

// The shapes every feature's part of the topology is written in (infra/topology.ts composes them).

/** What a function may touch; the CDK stack turns these into grants, the local runtime into env vars. */
export type Access = 'table:read' | 'table:write' | 'queue:intake:send' | 'queue:intake:inspect' | 'queue:notify:send' | 'queue:notify:inspect' | 'signing-key:read' | 'mail:send' | 'auth:verify' | 'auth:sign-in' | 'auth:sign-out'
  /** Cognito user administration on the staff pool (AWS); locally the local user store in the table. */
  | 'auth:users:manage'
  /** Reading the staff pool's users and groups (who a ward's responders are). */
  | 'auth:users:read'
  /** Serving staff pages: where a signed-out user is sent to sign in, and the site's base URL for links. */
  | 'pages:staff'
  /** Showing a mail as it will be sent (the digest preview): the sender's address, without the right to send. */
  | 'mail:preview';

export interface FunctionSpec {
  /** Path of the handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly access: readonly Access[];
}

/** Which function serves a route of the contract (shared/http/routes.ts says who may call it). */
export interface RouteBinding<F extends string> {
  readonly key: RouteKey;
  readonly function: F;
}

export interface QueueSpec<F extends string = string> {
  readonly worker: F;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Visibility timeout as a multiple of the worker's timeout (AWS advises at least 6). */
  readonly visibilityTimeoutFactor: number;
  readonly retentionDays: number;
  readonly deadLetterRetentionDays: number;
}

export interface ScheduleSpec<F extends string = string> {
  readonly function: F;
  /** Minutes between runs (EventBridge Scheduler `rate(N minutes)`). */
  readonly everyMinutes: number;
  readonly description: string;
}
