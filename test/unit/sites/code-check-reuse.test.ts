import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CODE_CHECK_REUSE_MS, resolveSurveyCode } from '../../../shared/sites/department-codes.ts';
import { demoDepartment, genuineCode, serveDemoSite, TEST_SIGNING_KEY, TEST_TABLE } from '../../support/survey-target.ts';

// A code check reads the site and the department once per CODE_CHECK_REUSE_MS; a revocation (a new
// generation) or a department switched off is refused once that time has passed, and not later.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const START = new Date('2026-12-03T08:00:00.000Z');

describe('code checks reuse a recent read', () => {
  beforeEach(() => {
    dynamoMock.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('reads once for many checks, concurrent or not, within the reuse time', async () => {
    serveDemoSite(dynamoMock);
    const code = genuineCode();

    const targets = await Promise.all(Array.from({ length: 10 }, () => resolveSurveyCode(TEST_TABLE, TEST_SIGNING_KEY, code)));
    vi.setSystemTime(START.getTime() + CODE_CHECK_REUSE_MS - 1);
    targets.push(await resolveSurveyCode(TEST_TABLE, TEST_SIGNING_KEY, code));

    expect(targets.every((target) => target?.department.departmentId === 'cardiology-ward')).toBe(true);
    expect(dynamoMock).toHaveReceivedCommandTimes(GetCommand, 2);
  });

  it('refuses a revoked code once the reuse time has passed', async () => {
    serveDemoSite(dynamoMock);
    const oldCode = genuineCode('cardiology-ward', 1);
    expect(await resolveSurveyCode(TEST_TABLE, TEST_SIGNING_KEY, oldCode)).toBeDefined();

    serveDemoSite(dynamoMock, [{ ...demoDepartment('cardiology-ward'), codeGeneration: 2 }]);
    vi.setSystemTime(START.getTime() + CODE_CHECK_REUSE_MS);

    expect(await resolveSurveyCode(TEST_TABLE, TEST_SIGNING_KEY, oldCode)).toBeUndefined();
    expect(await resolveSurveyCode(TEST_TABLE, TEST_SIGNING_KEY, genuineCode('cardiology-ward', 2))).toBeDefined();
  });

  it('refuses a department switched off once the reuse time has passed', async () => {
    serveDemoSite(dynamoMock);
    const code = genuineCode();
    expect(await resolveSurveyCode(TEST_TABLE, TEST_SIGNING_KEY, code)).toBeDefined();

    serveDemoSite(dynamoMock, [{ ...demoDepartment('cardiology-ward'), surveyEnabled: false }]);
    vi.setSystemTime(START.getTime() + CODE_CHECK_REUSE_MS);

    expect(await resolveSurveyCode(TEST_TABLE, TEST_SIGNING_KEY, code)).toBeUndefined();
  });

  it('keeps no failed read: the next check reads again', async () => {
    dynamoMock.on(GetCommand).rejectsOnce(new Error('store down'));
    const code = genuineCode();
    await expect(resolveSurveyCode(TEST_TABLE, TEST_SIGNING_KEY, code)).rejects.toThrow('store down');

    serveDemoSite(dynamoMock);

    expect(await resolveSurveyCode(TEST_TABLE, TEST_SIGNING_KEY, code)).toBeDefined();
  });
});
