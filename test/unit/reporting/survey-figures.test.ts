import { QueryCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { addCounters, type Counters, coalesceDeltas } from '../../../shared/reporting/counters.ts';
import { surveyFigures } from '../../../shared/reporting/survey-figures.ts';
import { buildReport, formatReport, UnknownScopeError } from '../../../shared/reporting/report.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { surveyMessage } from '../../support/survey-messages.ts';
import { demoDepartment, serveDemoSite, TEST_TABLE } from '../../support/survey-target.ts';

/** Counters as the aggregates would hold them after these answers (built by the worker's own code). */
function countersFor(answers: readonly Parameters<typeof surveyMessage>[1][]): Counters {
  const deltas = coalesceDeltas(answers.map((answer, i) => surveyMessage(i + 1, answer)));
  return deltas.find((d) => d.key.departmentId !== 'ALL')?.counters ?? {};
}

const repeat = <T>(times: number, value: T): T[] => Array.from({ length: times }, () => value);

describe('survey figures', () => {
  it('derives share positive over all responses (don\'t know included), share negative, means, top box and waits', () => {
    // Prepare: 10 responses, minimum 10.
    const counters = countersFor([
      ...repeat(4, { survey: { overall: 'very_good' as const, ratings: { waiting: 5 }, waitMinutes: 5 } }),
      ...repeat(3, { survey: { overall: 'good' as const, ratings: { waiting: 4 }, waitMinutes: 15 } }),
      { survey: { overall: 'neither', ratings: { waiting: 3 }, waitMinutes: 16 } },
      { survey: { overall: 'poor', ratings: { waiting: 1 }, waitMinutes: 60 } },
      { survey: { overall: 'dont_know', comment: 'no idea', contact: { phone: '13800138000', consent: true } } },
    ]);

    // Act
    const figures = surveyFigures(counters, 10);

    // Assess
    expect(figures.n).toBe(10);
    expect(figures.counts).toEqual({ very_good: 4, good: 3, neither: 1, poor: 1, very_poor: 0, dont_know: 1 });
    expect(figures.tooFewResponses).toBe(false);
    expect(figures.positiveRate).toBe(0.7);
    expect(figures.negativeRate).toBe(0.1);
    // waiting: 4×5 + 3×4 + 3 + 1 = 36 over 9 answers.
    expect(figures.ratings.waiting).toEqual({ n: 9, counts: { '1': 1, '2': 0, '3': 1, '4': 3, '5': 4 }, mean: 4, topBoxRate: 0.4444 });
    expect(figures.ratings.privacy).toEqual({ n: 0, counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, mean: null, topBoxRate: null });
    // waits: 4×5 + 3×15 + 16 + 60 = 141 over 9; 7 within 15 minutes.
    expect(figures.wait).toEqual({ n: 9, within15Rate: 0.7778, meanMinutes: 15.7 });
    expect(figures.comments).toBe(1);
    expect(figures.contactRequested).toBe(1);
  });

  it('shows "too few responses" below the site minimum: counts, but no rate, mean or share', () => {
    const counters = countersFor(repeat(29, { survey: { overall: 'very_good' as const, ratings: { privacy: 5 }, waitMinutes: 3 } }));

    const figures = surveyFigures(counters, 30);

    expect(figures.tooFewResponses).toBe(true);
    expect(figures.n).toBe(29);
    expect(figures.counts.very_good).toBe(29);
    expect([figures.positiveRate, figures.negativeRate, figures.ratings.privacy.mean, figures.ratings.privacy.topBoxRate, figures.wait.within15Rate, figures.wait.meanMinutes]).toEqual([null, null, null, null, null, null]);
  });

  it('scores from exactly the minimum number of responses', () => {
    const figures = surveyFigures(countersFor(repeat(30, { survey: { overall: 'good' as const } })), 30);

    expect(figures.tooFewResponses).toBe(false);
    expect(figures.positiveRate).toBe(1);
    expect(figures.wait.within15Rate).toBeNull();
  });

  it('sums days correctly: figures from summed counters equal figures from one batch', () => {
    const day1 = countersFor(repeat(2, { survey: { overall: 'good' as const, waitMinutes: 10 } }));
    const day2 = countersFor([{ survey: { overall: 'very_poor', waitMinutes: 40 } }]);

    const figures = surveyFigures(addCounters(addCounters({}, day1), day2), 1);

    expect(figures).toMatchObject({ n: 3, positiveRate: 0.6667, negativeRate: 0.3333, wait: { n: 3, within15Rate: 0.6667, meanMinutes: 20 } });
  });

  it('is all zeros and nulls for no data', () => {
    expect(surveyFigures({}, 1)).toMatchObject({ n: 0, tooFewResponses: true, positiveRate: null, wait: { n: 0, within15Rate: null, meanMinutes: null } });
  });
});

describe('the report', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);

  beforeEach(() => {
    dynamoMock.reset();
    serveDemoSite(dynamoMock, [demoDepartment('registration-billing')]);
  });

  function aggregateItem(day: string, counters: Counters) {
    return { ...keys.aggregate('demo', 'registration-billing', day), siteId: 'demo', departmentId: 'registration-billing', day, updatedAt: '2026-11-22T16:30:00.000Z', ...counters };
  }

  it('sums the department days over every page, and prints the numbers a person reads', async () => {
    // Prepare: 30 responses over two days and two result pages; 27 positive, 24 of 30 waits within 15 minutes.
    const first = countersFor([...repeat(18, { survey: { overall: 'very_good' as const, waitMinutes: 5, ratings: { registration: 5 } } })]);
    const second = countersFor([
      ...repeat(9, { survey: { overall: 'good' as const, waitMinutes: 10, ratings: { registration: 4 } } }),
      ...repeat(3, { survey: { overall: 'very_poor' as const, waitMinutes: 45, ratings: { registration: 1 } } }),
    ]);
    // waits: 18×5 + 9×10 + 3×45 = 315 over 30, within 15: 27 (0.9).
    dynamoMock.on(QueryCommand).resolvesOnce({ Items: [aggregateItem('2026-11-20', first)], LastEvaluatedKey: { pk: 'AGG#demo#registration-billing', sk: 'DAY#2026-11-20' } }).resolvesOnce({ Items: [aggregateItem('2026-11-21', second)] });

    // Act
    const report = await buildReport(TEST_TABLE, 'demo', 'registration-billing', '2026-11-02', '2026-11-30');
    const text = formatReport(report);

    // Assess
    expect(dynamoMock).toHaveReceivedCommandTimes(QueryCommand, 2);
    expect(dynamoMock).toHaveReceivedNthCommandWith(QueryCommand, 1, {
      TableName: TEST_TABLE,
      ExpressionAttributeValues: { ':pk': 'AGG#demo#registration-billing', ':from': 'DAY#2026-11-02', ':to': 'DAY#2026-11-30' },
    });
    expect(dynamoMock).toHaveReceivedNthCommandWith(QueryCommand, 2, { ExclusiveStartKey: { pk: 'AGG#demo#registration-billing', sk: 'DAY#2026-11-20' } });
    expect(report.period).toEqual({ from: '2026-11-02', to: '2026-11-30', timeZone: 'Asia/Shanghai', daysWithData: 2 });
    expect(report.surveys).toMatchObject({
      n: 30,
      tooFewResponses: false,
      positiveRate: 0.9,
      meetsPositiveTarget: true,
      wait: { n: 30, within15Rate: 0.9, meanMinutes: 10.5 },
      meetsWaitTarget: true,
    });
    expect(report.surveys.ratings.registration).toMatchObject({ n: 30, mean: 4.3, topBoxRate: 0.6 });
    for (const line of [
      '门诊挂号收费窗口 (Outpatient Registration & Billing), 示范区人民医院',
      '2026-11-02 … 2026-11-30 (Asia/Shanghai)',
      'Survey responses      30',
      'very good 18 · good 9 · neither 0 · poor 0 · very poor 3 · don\'t know 0',
      'Share positive        90.0%  (target 90.0%)  ✓ meets target',
      'Share negative        10.0%',
      'Waits ≤ 15 minutes    90.0% of 30 answered',
      'Mean wait             10.5 min',
      '  registration         4.30     60.0%   30',
    ]) expect(text).toContain(line);
  });

  it('says "too few responses" with the site minimum, and shows no score', async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [aggregateItem('2026-11-20', countersFor(repeat(5, { survey: { overall: 'poor' as const } })))] });
    // The site report also lists the departments with no complaint: here the site has none listed.
    dynamoMock.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'SITE#demo', ':prefix': 'DEPT#' } }).resolves({ Items: [] });

    const report = await buildReport(TEST_TABLE, 'demo', undefined, '2026-11-02', '2026-11-30');
    const text = formatReport(report);

    expect(dynamoMock).toHaveReceivedCommandWith(QueryCommand, { ExpressionAttributeValues: { ':pk': 'AGG#demo#ALL', ':from': 'DAY#2026-11-02', ':to': 'DAY#2026-11-30' } });
    expect(report.surveys).toMatchObject({ n: 5, tooFewResponses: true, positiveRate: null, meetsPositiveTarget: null });
    expect(text).toContain('Survey responses      5  — too few responses to score (minimum 30)');
    expect(text).toContain('Share positive        —  (target 90.0%)\n');
    expect(text.split('\n')[0]).toBe('示范区人民医院 (Demo District People\'s Hospital)');
  });

  it('refuses a site or department that does not exist, by name', async () => {
    await expect(buildReport(TEST_TABLE, 'nowhere', undefined, '2026-11-02', '2026-11-30')).rejects.toThrow(new UnknownScopeError('unknown site "nowhere"'));
    await expect(buildReport(TEST_TABLE, 'demo', 'emergency', '2026-11-02', '2026-11-30')).rejects.toThrow(UnknownScopeError);
    expect(dynamoMock).toHaveReceivedCommandTimes(QueryCommand, 0);
  });
});
