import { type ScheduleName, schedules } from '../topology.ts';
import type { Invoke } from './handlers.ts';

// Stands in for EventBridge Scheduler: fires every schedule of the topology at its rate, with the
// same input the deployed schedule sends.

export interface Scheduler {
  readonly running: () => boolean;
  run(name: ScheduleName): Promise<unknown>;
  stop(): void;
}

export function scheduleInput(name: ScheduleName): { schedule: ScheduleName } {
  return { schedule: name };
}

export function startScheduler(invokeFor: (name: ScheduleName) => Invoke, onError: (name: ScheduleName, error: unknown) => void): Scheduler {
  const names = Object.keys(schedules) as ScheduleName[];
  const run = (name: ScheduleName) => invokeFor(name)(scheduleInput(name));
  const timers = names.map((name) => setInterval(() => {
    run(name).catch((error: unknown) => onError(name, error));
  }, schedules[name].everyMinutes * 60_000));
  let active = true;
  return {
    running: () => active,
    run,
    stop: () => {
      active = false;
      for (const timer of timers) clearInterval(timer);
    },
  };
}
