import type { SurveyMessage } from '../schemas/intake-message.ts';
import { OVERALL_OPTIONS, RATING_ASPECTS } from '../schemas/survey.ts';
import { dayIn } from '../platform/time.ts';

// Aggregates are counters per (site, department, day) and per (site, day). They keep counts per answer
// option and per rating value, so every figure (share positive, top box, mean, waits within 15 minutes)
// is derived at read time, and reports sum days instead of reading responses.

export type Counters = Record<string, number>;

/** The department id used for the whole-site aggregate; real ids are lower-case, so it cannot collide. */
export const SITE_WIDE = 'ALL';

export const WAIT_TARGET_MINUTES = 15;

export const counterNames = {
  surveys: 'survey_n',
  overall: (option: string) => `survey_overall_${option}`,
  rating: (aspect: string, value: number) => `survey_rating_${aspect}_${value}`,
  waitAnswered: 'survey_wait_n',
  waitWithinTarget: 'survey_wait_within15',
  waitMinutesSum: 'survey_wait_minutes_sum',
  comments: 'survey_comments',
  contactRequested: 'survey_contact_requested',
} as const;

/** Every counter name a survey can touch: the contract between the worker and the readers. */
export const SURVEY_COUNTER_NAMES: readonly string[] = [
  counterNames.surveys,
  ...OVERALL_OPTIONS.map(counterNames.overall),
  ...RATING_ASPECTS.flatMap((aspect) => [1, 2, 3, 4, 5].map((value) => counterNames.rating(aspect, value))),
  counterNames.waitAnswered,
  counterNames.waitWithinTarget,
  counterNames.waitMinutesSum,
  counterNames.comments,
  counterNames.contactRequested,
];

/** The answers a survey counts (a reached callback's answers count the same way, channel "callback"). */
export type SurveyAnswers = Pick<SurveyMessage['survey'], 'overall' | 'ratings' | 'waitMinutes' | 'comment' | 'contact'>;

export function surveyCounters(message: SurveyMessage): Counters {
  return answerCounters(message.survey);
}

export function answerCounters(survey: SurveyAnswers): Counters {
  const counters: Counters = { [counterNames.surveys]: 1, [counterNames.overall(survey.overall)]: 1 };
  for (const aspect of RATING_ASPECTS) {
    const value = survey.ratings?.[aspect];
    if (value !== undefined) counters[counterNames.rating(aspect, value)] = 1;
  }
  if (survey.waitMinutes !== undefined) {
    counters[counterNames.waitAnswered] = 1;
    counters[counterNames.waitMinutesSum] = survey.waitMinutes;
    if (survey.waitMinutes <= WAIT_TARGET_MINUTES) counters[counterNames.waitWithinTarget] = 1;
  }
  if (survey.comment !== undefined && survey.comment.trim() !== '') counters[counterNames.comments] = 1;
  if (survey.contact !== undefined) counters[counterNames.contactRequested] = 1;
  return counters;
}

/**
 * Post-discharge callbacks, per patient (never per attempt), counted on the discharge day so that
 * coverage (reached ÷ discharged) is exact for any period: the digest and dashboard read these names.
 * Follow-up calls of key complaints count on the day the call closed.
 */
export const callbackCounterNames = {
  discharged: 'callback_discharged',
  attempted: 'callback_attempted',
  reached: 'callback_reached',
  /** Declined on the phone, or marked doNotCall by the HIS. */
  declined: 'callback_declined',
  unreachable: 'callback_unreachable',
  deceased: 'callback_deceased',
  complaints: 'callback_complaints',
  /** Reached patients' overall ratings, per option (the callbacks' own positive rate). */
  overall: (option: string) => `callback_overall_${option}`,
  /** Survey counters (survey_*) that came from callbacks rather than QR surveys. */
  surveyChannel: 'survey_channel_callback',
  followUpSatisfied: 'followup_satisfied',
  followUpNotSatisfied: 'followup_not_satisfied',
} as const;

export interface AggregateKey {
  readonly siteId: string;
  readonly departmentId: string;
  readonly day: string;
}

export interface AggregateDelta {
  readonly key: AggregateKey;
  readonly counters: Counters;
}

export function addCounters(into: Counters, from: Counters): Counters {
  for (const [name, value] of Object.entries(from)) into[name] = (into[name] ?? 0) + value;
  return into;
}

/** Every count goes to two aggregate items: its department's day and its site's day. */
export function aggregateKeys(siteId: string, departmentId: string, day: string): AggregateKey[] {
  return [{ siteId, departmentId, day }, { siteId, departmentId: SITE_WIDE, day }];
}

/** The aggregate items one survey updates. */
export function aggregateKeysFor(message: SurveyMessage): AggregateKey[] {
  return aggregateKeys(message.siteId, message.departmentId, dayIn(message.timeZone, message.receivedAt));
}

/** Coalesces the counter updates of many messages: one delta per aggregate item. */
export function coalesceDeltas(messages: readonly SurveyMessage[]): AggregateDelta[] {
  const deltas = new Map<string, AggregateDelta>();
  for (const message of messages) {
    const counters = surveyCounters(message);
    for (const key of aggregateKeysFor(message)) {
      const id = `${key.siteId}/${key.departmentId}/${key.day}`;
      const existing = deltas.get(id);
      if (existing === undefined) deltas.set(id, { key, counters: { ...counters } });
      else addCounters(existing.counters, counters);
    }
  }
  return [...deltas.values()];
}
