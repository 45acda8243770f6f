import { describe, expect, it } from 'vitest';
import { checkHealth, registerHealthProbe, startingReport } from '../../../shared/platform/health.ts';

describe('startingReport', () => {
  it('names the parts still starting, in order', () => {
    expect(startingReport(new Map([['table', true], ['intake-queue', false], ['pollers', false]]))).toEqual({
      status: 'starting',
      checks: { table: 'ok', 'intake-queue': 'starting', pollers: 'starting' },
      missing: ['intake-queue', 'pollers'],
    });
  });
});

describe('checkHealth', () => {
  it('is ok when every probe, registered ones included, passes, and names the ones that fail', async () => {
    const table = { name: 'table', check: () => Promise.resolve() };
    expect(await checkHealth([table])).toEqual({ status: 'ok', checks: { table: 'ok' } });

    const unregister = registerHealthProbe({ name: 'pollers', check: () => Promise.reject(new Error('stopped')) });
    try {
      expect(await checkHealth([table])).toEqual({ status: 'unavailable', checks: { table: 'ok', pollers: 'unreachable' }, missing: ['pollers'] });
    } finally {
      unregister();
    }
    expect(await checkHealth([table])).toEqual({ status: 'ok', checks: { table: 'ok' } });
  });
});
