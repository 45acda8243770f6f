import { describe, expect, it } from 'vitest';
import { aggregateKeysFor, coalesceDeltas, counterNames, SITE_WIDE, SURVEY_COUNTER_NAMES, surveyCounters } from '../../../shared/reporting/counters.ts';
import { surveyMessage } from '../../support/survey-messages.ts';

describe('survey counters', () => {
  it('counts a minimal survey once, under its overall answer, and nothing else', () => {
    // Prepare
    const message = surveyMessage(1, { survey: { overall: 'neither' } });

    // Act
    const counters = surveyCounters(message);

    // Assess
    expect(counters).toEqual({ survey_n: 1, survey_overall_neither: 1 });
  });

  it('counts each answered rating under its value, the wait within 15 minutes, a comment and a contact request', () => {
    const message = surveyMessage(2, {
      survey: {
        overall: 'very_good',
        ratings: { registration: 5, waiting: 2, privacy: 5 },
        waitMinutes: 15,
        comment: 'Quick and friendly.',
        contact: { phone: '13800138000', consent: true },
      },
    });

    expect(surveyCounters(message)).toEqual({
      survey_n: 1,
      survey_overall_very_good: 1,
      survey_rating_registration_5: 1,
      survey_rating_waiting_2: 1,
      survey_rating_privacy_5: 1,
      survey_wait_n: 1,
      survey_wait_minutes_sum: 15,
      survey_wait_within15: 1,
      survey_comments: 1,
      survey_contact_requested: 1,
    });
  });

  it('counts a wait of 16 minutes as answered but not within the target', () => {
    const counters = surveyCounters(surveyMessage(3, { survey: { waitMinutes: 16 } }));

    expect(counters).toMatchObject({ survey_wait_n: 1, survey_wait_minutes_sum: 16 });
    expect(counters).not.toHaveProperty(counterNames.waitWithinTarget);
  });

  it('counts a wait of 0 minutes as within the target', () => {
    expect(surveyCounters(surveyMessage(4, { survey: { waitMinutes: 0 } }))).toMatchObject({ survey_wait_n: 1, survey_wait_minutes_sum: 0, survey_wait_within15: 1 });
  });

  it('does not count a blank comment as a comment', () => {
    expect(surveyCounters(surveyMessage(5, { survey: { comment: '   \n' } }))).not.toHaveProperty(counterNames.comments);
  });

  it('only ever touches the counter names the readers know', () => {
    const counters = surveyCounters(surveyMessage(6, {
      survey: { overall: 'dont_know', ratings: { registration: 1, waiting: 2, environment: 3, communication: 4, privacy: 5 }, waitMinutes: 600, comment: 'c', contact: { email: 'a@example.cn', consent: true } },
    }));

    for (const name of Object.keys(counters)) expect(SURVEY_COUNTER_NAMES).toContain(name);
  });
});

describe('aggregate keys', () => {
  it('updates the department day and the whole-site day, counted in the site time zone', () => {
    // 16:30 UTC on 22 November is 00:30 on 23 November in Shanghai.
    const message = surveyMessage(1, { receivedAt: '2026-11-22T16:30:00.000Z', departmentId: 'emergency' });

    expect(aggregateKeysFor(message)).toEqual([
      { siteId: 'demo', departmentId: 'emergency', day: '2026-11-23' },
      { siteId: 'demo', departmentId: SITE_WIDE, day: '2026-11-23' },
    ]);
  });
});

describe('coalescing a batch', () => {
  it('sums the deltas of every message for the same aggregate item', () => {
    // Prepare
    const messages = [
      surveyMessage(1, { survey: { overall: 'good', waitMinutes: 10, ratings: { waiting: 4 } } }),
      surveyMessage(2, { survey: { overall: 'good', waitMinutes: 20, ratings: { waiting: 4 } } }),
      surveyMessage(3, { survey: { overall: 'poor', waitMinutes: 5, ratings: { waiting: 1 } } }),
    ];

    // Act
    const deltas = coalesceDeltas(messages);

    // Assess
    const expected = {
      survey_n: 3,
      survey_overall_good: 2,
      survey_overall_poor: 1,
      survey_wait_n: 3,
      survey_wait_minutes_sum: 35,
      survey_wait_within15: 2,
      survey_rating_waiting_4: 2,
      survey_rating_waiting_1: 1,
    };
    expect(deltas).toEqual([
      { key: { siteId: 'demo', departmentId: 'cardiology-ward', day: '2026-11-23' }, counters: expected },
      { key: { siteId: 'demo', departmentId: SITE_WIDE, day: '2026-11-23' }, counters: expected },
    ]);
  });

  it('keeps separate items for separate departments and days, and sums both into the site day', () => {
    const messages = [
      surveyMessage(1, { departmentId: 'emergency', receivedAt: '2026-11-22T03:00:00.000Z' }),
      surveyMessage(2, { departmentId: 'cardiology-ward', receivedAt: '2026-11-22T04:00:00.000Z' }),
      // 16:00 UTC is already the next day in Shanghai.
      surveyMessage(3, { departmentId: 'emergency', receivedAt: '2026-11-22T16:00:00.000Z' }),
    ];

    const byItem = Object.fromEntries(coalesceDeltas(messages).map((d) => [`${d.key.departmentId}/${d.key.day}`, d.counters.survey_n]));

    expect(byItem).toEqual({
      'emergency/2026-11-22': 1,
      'ALL/2026-11-22': 2,
      'cardiology-ward/2026-11-22': 1,
      'emergency/2026-11-23': 1,
      'ALL/2026-11-23': 1,
    });
  });

  it('does not let one message change the counters of another (deltas are copies)', () => {
    const message = surveyMessage(7);
    coalesceDeltas([message, surveyMessage(8)]);

    expect(coalesceDeltas([message])[0]?.counters).toEqual({ survey_n: 1, survey_overall_good: 1 });
  });

  it('has nothing to write for an empty batch', () => {
    expect(coalesceDeltas([])).toEqual([]);
  });
});
