import { describe, expect, it } from 'vitest';
import { addDays, dayIn, epochSeconds, isValidDay } from '../../../shared/platform/time.ts';

describe('dayIn', () => {
  it.each([
    ['2026-11-22T15:59:59.999Z', '2026-11-22'],
    ['2026-11-22T16:00:00.000Z', '2026-11-23'],
    ['2026-11-22T23:59:59.000Z', '2026-11-23'],
    ['2026-11-23T00:00:00.000Z', '2026-11-23'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2026-11-23T07:59:00+08:00', '2026-11-23'],
  ])('puts %s on %s in Asia/Shanghai', (instant, day) => {
    expect(dayIn('Asia/Shanghai', instant)).toBe(day);
  });

  it('counts the same instant on different days in different zones', () => {
    const instant = new Date('2026-11-22T20:00:00Z');

    expect([dayIn('Asia/Shanghai', instant), dayIn('UTC', instant), dayIn('America/Los_Angeles', instant)]).toEqual(['2026-11-23', '2026-11-22', '2026-11-22']);
  });

  it('refuses an unknown time zone instead of guessing one', () => {
    expect(() => dayIn('Mars/Olympus_Mons', new Date())).toThrow(RangeError);
  });
});

describe('isValidDay', () => {
  it.each([['2026-11-22', true], ['2028-02-29', true], ['2026-02-29', false], ['2026-13-01', false], ['2026-11-31', false], ['2026-1-2', false], ['20261122', false], ['2026-11-22T00:00', false], ['', false]])(
    '%s → %s',
    (day, valid) => {
      expect(isValidDay(day)).toBe(valid);
    },
  );
});

describe('day arithmetic', () => {
  it('adds whole days and converts to epoch seconds', () => {
    const start = new Date('2026-11-22T16:30:00.500Z');

    expect(addDays(start, 90).toISOString()).toBe('2027-02-20T16:30:00.500Z');
    expect(addDays(start, -1).toISOString()).toBe('2026-11-21T16:30:00.500Z');
    expect(epochSeconds(start)).toBe(Date.UTC(2026, 10, 22, 16, 30) / 1000);
  });
});
