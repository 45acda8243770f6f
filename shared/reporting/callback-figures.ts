import { OVERALL_OPTIONS } from '../schemas/survey.ts';
import { type Counters, callbackCounterNames as names } from './counters.ts';

// The callback figures of a period (api.md): patients discharged in it (by discharge day), how many were
// called, reached, declined (doNotCall included) and closed unreachable, coverage = reached ÷ discharged
// against the site's target, the share positive of the reached patients' overall ratings (as the FFT
// counts it: very good + good over every answer), complaints raised on calls, and the follow-up calls
// of key complaints.

export interface CallbackFigures {
  readonly discharged: number;
  readonly attempted: number;
  readonly reached: number;
  readonly declined: number;
  readonly unreachable: number;
  /** reached ÷ discharged; null when nobody was discharged in the period. */
  readonly coverage: number | null;
  readonly target: number;
  readonly meetsTarget: boolean | null;
  readonly positiveRate: number | null;
  readonly rated: number;
  readonly complaintsRaised: number;
  readonly followUps: { readonly satisfied: number; readonly notSatisfied: number };
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

export function callbackFigures(counters: Counters, target: number): CallbackFigures {
  const get = (name: string): number => counters[name] ?? 0;
  const discharged = get(names.discharged);
  const reached = get(names.reached);
  const rated = OVERALL_OPTIONS.reduce((sum, option) => sum + get(names.overall(option)), 0);
  const coverage = share(reached, discharged);
  return {
    discharged,
    attempted: get(names.attempted),
    reached,
    declined: get(names.declined),
    unreachable: get(names.unreachable),
    coverage,
    target,
    meetsTarget: coverage === null ? null : coverage >= target,
    positiveRate: share(get(names.overall('very_good')) + get(names.overall('good')), rated),
    rated,
    complaintsRaised: get(names.complaints),
    followUps: { satisfied: get(names.followUpSatisfied), notSatisfied: get(names.followUpNotSatisfied) },
  };
}
