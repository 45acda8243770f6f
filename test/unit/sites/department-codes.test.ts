import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { signSurveyCode, surveyUrl, verifySurveyCode } from '../../../shared/sites/department-codes.ts';
import { TEST_SIGNING_KEY } from '../../support/survey-target.ts';

const claims = { siteId: 'demo', departmentId: 'cardiology-ward', generation: 1 };
const OTHER_KEY = Buffer.from('another-key-another-key-another!', 'utf8');
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const genuineClaims = fc.record({ siteId: slug, departmentId: slug, generation: fc.integer({ min: 1, max: 1_000_000 }) });

describe('survey codes', () => {
  it('verify gives back the claims a code was signed with', () => {
    // Prepare
    const code = signSurveyCode(TEST_SIGNING_KEY, claims);

    // Act
    const verified = verifySurveyCode(TEST_SIGNING_KEY, code);

    // Assess
    expect(verified).toEqual(claims);
    expect(code).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}$/);
  });

  it('refuses a code with any one character changed', () => {
    const code = signSurveyCode(TEST_SIGNING_KEY, claims);
    let tried = 0;
    for (let at = 0; at < code.length; at++) {
      if (code[at] === '.') continue;
      const replacement = code[at] === 'A' ? 'B' : 'A';
      expect(verifySurveyCode(TEST_SIGNING_KEY, `${code.slice(0, at)}${replacement}${code.slice(at + 1)}`)).toBeUndefined();
      tried += 1;
    }
    expect(tried).toBe(code.length - 1);
  });

  it('refuses a code signed with another key', () => {
    const code = signSurveyCode(OTHER_KEY, claims);

    expect(verifySurveyCode(OTHER_KEY, code)).toEqual(claims);
    expect(verifySurveyCode(TEST_SIGNING_KEY, code)).toBeUndefined();
  });

  it('refuses a truncated code, one with the signature alone, and garbage', () => {
    const code = signSurveyCode(TEST_SIGNING_KEY, claims);
    const [payload = '', signature = ''] = code.split('.');
    for (const damaged of [code.slice(0, -1), code.slice(1), payload, `${payload}.`, `.${signature}`, `${code}A`, `${code}.${signature}`, '', '.', 'not a code', '<script>alert(1)</script>', code.replace('.', '')]) {
      expect(verifySurveyCode(TEST_SIGNING_KEY, damaged)).toBeUndefined();
    }
  });

  it.each([
    ['a generation of 0', { ...claims, generation: 0 }],
    ['a fractional generation', { ...claims, generation: 1.5 }],
    ['an empty site', { ...claims, siteId: '' }],
    ['an empty department', { ...claims, departmentId: '' }],
    ['a separator inside a claim', { ...claims, siteId: 'demo:x' }],
  ])('refuses a correctly signed code whose claims are malformed: %s', (_, malformed) => {
    // The MAC is right, so only the structure check stands between this code and the survey.
    expect(verifySurveyCode(TEST_SIGNING_KEY, signSurveyCode(TEST_SIGNING_KEY, malformed))).toBeUndefined();
  });

  it('builds the URL a poster carries, whatever trailing slashes the base URL has', () => {
    expect(surveyUrl('https://feedback.example.cn//', 'abc.def')).toBe('https://feedback.example.cn/s/abc.def');
  });

  test.prop([genuineClaims], { numRuns: 200 })('round-trips any well-formed claims', (any) => {
    expect(verifySurveyCode(TEST_SIGNING_KEY, signSurveyCode(TEST_SIGNING_KEY, any))).toEqual(any);
  });

  test.prop([fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{16}$/))], { numRuns: 500 })(
    'refuses any string that is not a genuine code, and never throws',
    (text) => {
      expect(verifySurveyCode(TEST_SIGNING_KEY, text)).toBeUndefined();
    },
  );

  test.prop([genuineClaims, fc.nat(), fc.constantFrom(...BASE64URL)], { numRuns: 300 })(
    'refuses a genuine code with any one character replaced by another',
    (signed, position, replacement) => {
      const code = signSurveyCode(TEST_SIGNING_KEY, signed);
      const at = position % code.length;
      fc.pre(code[at] !== '.' && code[at] !== replacement);
      expect(verifySurveyCode(TEST_SIGNING_KEY, `${code.slice(0, at)}${replacement}${code.slice(at + 1)}`)).toBeUndefined();
    },
  );
});
