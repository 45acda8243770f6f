// The one declaration of what runs: functions, routes, queues and schedules, composed from one file per
// feature under infra/topology/. The CDK stack (infra/stack.ts) and the local runtime (infra/local/) are
// both built from it. Who may call a route is the contract's (shared/http/routes.ts).
import { type HttpMethod, type Route, type RouteAccess, routeOf } from '../shared/http/routes.ts';
import { callbackFunctions, callbackRoutes } from './topology/callbacks.ts';
import { administrationFunctions, administrationRoutes } from './topology/administration.ts';
import { complaintFunctions, complaintRoutes, complaintSchedules } from './topology/complaints.ts';
import { digestFunctions, digestRoutes, digestSchedules } from './topology/digests.ts';
import { intakeFunctions, intakeQueues } from './topology/intake.ts';
import { noticeFunctions, noticeQueues } from './topology/notices.ts';
import { platformFunctions, platformRoutes, platformSchedules } from './topology/platform.ts';
import { reportingFunctions, reportingRoutes } from './topology/reporting.ts';
import type { FunctionSpec, QueueSpec as QueueShape, RouteBinding, ScheduleSpec as ScheduleShape } from './topology/specs.ts';
import { staffFunctions, staffRoutes } from './topology/staff.ts';
import { surveyFunctions, surveyRoutes } from './topology/surveys.ts';

export type { Access, FunctionSpec } from './topology/specs.ts';
export type { HttpMethod, RouteAccess };

export const functions = {
  ...platformFunctions,
  ...surveyFunctions,
  ...intakeFunctions,
  ...noticeFunctions,
  ...complaintFunctions,
  ...staffFunctions,
  ...reportingFunctions,
  ...callbackFunctions,
  ...digestFunctions,
  ...administrationFunctions,
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

const isFunctionName = (name: string): name is FunctionName => name in functions;
/** Every function name, typed (Object.keys alone loses the key type). */
export const functionNames: readonly FunctionName[] = Object.keys(functions).filter(isFunctionName);

export type QueueSpec = QueueShape<FunctionName>;
export type ScheduleSpec = ScheduleShape<FunctionName>;

export interface RouteSpec extends Route {
  readonly function: FunctionName;
}

const bindings: readonly RouteBinding<FunctionName>[] = [...surveyRoutes, ...platformRoutes, ...complaintRoutes, ...reportingRoutes, ...staffRoutes, ...callbackRoutes, ...digestRoutes, ...administrationRoutes];

export const routes: readonly RouteSpec[] = bindings.map((binding) => ({ ...routeOf(binding.key), function: binding.function }));

export const queues = { ...intakeQueues, ...noticeQueues } as const satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof queues;

const isQueueName = (name: string): name is QueueName => name in queues;
export const queueNames: readonly QueueName[] = Object.keys(queues).filter(isQueueName);

export const schedules = { ...platformSchedules, ...complaintSchedules, ...digestSchedules } as const satisfies Record<string, ScheduleSpec>;

export type ScheduleName = keyof typeof schedules;

export function visibilityTimeoutSeconds(queue: QueueSpec): number {
  return functions[queue.worker].timeoutSeconds * queue.visibilityTimeoutFactor;
}
