import { type Counters, counterNames } from './counters.ts';
import { OVERALL_OPTIONS, type Overall, RATING_ASPECTS, type RatingAspect } from '../schemas/survey.ts';

// Figures derived from summed counters. Conventions (README, "Figures"):
// - share positive = (very good + good) / all responses, "don't know" included, as the NHS FFT counts it;
// - top box = share of 5s on a rating; mean is over answered ratings only;
// - below the site's minimum number of responses a rate is null and `tooFewResponses` is true,
//   so a small sample is never shown as a score (HCAHPS shows "too few" under 100).

export interface RatingFigures {
  readonly n: number;
  readonly counts: Record<'1' | '2' | '3' | '4' | '5', number>;
  readonly mean: number | null;
  readonly topBoxRate: number | null;
}

export interface SurveyFigures {
  readonly n: number;
  readonly counts: Record<Overall, number>;
  readonly tooFewResponses: boolean;
  readonly positiveRate: number | null;
  readonly negativeRate: number | null;
  readonly ratings: Record<RatingAspect, RatingFigures>;
  readonly wait: { readonly n: number; readonly within15Rate: number | null; readonly meanMinutes: number | null };
  readonly comments: number;
  readonly contactRequested: number;
}

const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;

function rate(numerator: number, denominator: number, enough: boolean): number | null {
  return enough && denominator > 0 ? round(numerator / denominator) : null;
}

export function surveyFigures(counters: Counters, minResponses: number): SurveyFigures {
  const get = (name: string): number => counters[name] ?? 0;
  const n = get(counterNames.surveys);
  const enough = n >= minResponses;
  const counts = Object.fromEntries(OVERALL_OPTIONS.map((option) => [option, get(counterNames.overall(option))])) as Record<Overall, number>;
  const ratings = Object.fromEntries(RATING_ASPECTS.map((aspect) => {
    const ratingCounts = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    let answered = 0;
    let total = 0;
    for (const value of [1, 2, 3, 4, 5] as const) {
      const count = get(counterNames.rating(aspect, value));
      ratingCounts[`${value}`] = count;
      answered += count;
      total += value * count;
    }
    const figures: RatingFigures = {
      n: answered,
      counts: ratingCounts,
      mean: enough && answered > 0 ? round(total / answered, 2) : null,
      topBoxRate: rate(ratingCounts['5'], answered, enough),
    };
    return [aspect, figures];
  })) as Record<RatingAspect, RatingFigures>;
  const waitN = get(counterNames.waitAnswered);
  return {
    n,
    counts,
    tooFewResponses: !enough,
    positiveRate: rate(counts.very_good + counts.good, n, enough),
    negativeRate: rate(counts.poor + counts.very_poor, n, enough),
    ratings,
    wait: {
      n: waitN,
      within15Rate: rate(get(counterNames.waitWithinTarget), waitN, enough),
      meanMinutes: enough && waitN > 0 ? round(get(counterNames.waitMinutesSum) / waitN, 1) : null,
    },
    comments: get(counterNames.comments),
    contactRequested: get(counterNames.contactRequested),
  };
}
