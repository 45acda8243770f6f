import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../../shared/http/problem.ts';
import { answersWithPage, formEntries, formToObject, formValues, parseJson } from '../../../shared/http/request.ts';
import { httpEvent } from '../../support/http-events.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');

function refusal(act: () => unknown): { status: number; slug: string } {
  try {
    act();
  } catch (error) {
    if (error instanceof HttpProblem) return { status: error.status, slug: error.slug };
    throw error;
  }
  throw new Error('not refused');
}

describe('formEntries', () => {
  it('decodes what a browser posts: UTF-8 percent escapes, emoji and characters outside the BMP included, + as a space', () => {
    const body = Buffer.from(new URLSearchParams({ comment: '很好 👍 𠮷', 'contact.name': 'e\u0301 & =' }).toString());

    expect(formEntries(body)).toEqual([['comment', '很好 👍 𠮷'], ['contact.name', 'e\u0301 & =']]);
  });

  it('keeps a % that starts no escape, as the URL standard does', () => {
    expect(formEntries(Buffer.from('comment=100%&x=%zz%4'))).toEqual([['comment', '100%'], ['x', '%zz%4']]);
  });

  it.each([
    ['an escape that is not UTF-8', 'comment=%FF'],
    ['a truncated sequence', 'comment=%E5%A5'],
    ['an encoded surrogate', 'comment=%ED%A0%80'],
    ['an overlong encoding', 'comment=%C0%AF'],
    ['raw bytes that are not UTF-8', 'comment=\xff\xfe'],
  ])('refuses %s with 400, rather than put U+FFFD in the patient\'s words', (_, body) => {
    expect(refusal(() => formEntries(bytes(body)))).toEqual({ status: 400, slug: 'malformed-form' });
  });

  it('still refuses prototype keys in dotted names', () => {
    expect(refusal(() => formToObject(Buffer.from('__proto__.x=1'), new Set()))).toEqual({ status: 422, slug: 'validation-failed' });
  });
});

describe('parseJson', () => {
  it('refuses a body that is not UTF-8 with 400', () => {
    expect(refusal(() => parseJson(bytes('{"comment":"\xff"}')))).toEqual({ status: 400, slug: 'malformed-json' });
  });

  it('reads escaped and raw characters outside the BMP alike', () => {
    expect(parseJson(Buffer.from('{"a":"👍","b":"\\ud83d\\udc4d"}'))).toEqual({ a: '👍', b: '👍' });
  });
});

describe('formValues', () => {
  it('reads a refused form back leniently, only the named fields, without the characters that are never text', () => {
    const values = formValues(bytes('comment=a%00b%FFc&toString=x&__proto__=y'), ['comment', 'toString', 'missing']);

    expect(values).toEqual({ comment: 'ab\uFFFDc', toString: 'x', missing: '' });
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });
});

describe('answersWithPage', () => {
  const event = (contentType: string | undefined, accept: string | undefined) => httpEvent({ headers: { 'content-type': contentType, accept } });

  it.each([
    ['a browser\'s form post', 'application/x-www-form-urlencoded', 'text/html,application/xhtml+xml,*/*;q=0.8', true],
    ['a form post with no Accept', 'application/x-www-form-urlencoded', undefined, true],
    ['the page\'s script (asks for JSON)', 'application/x-www-form-urlencoded', 'application/json', false],
    ['a JSON body', 'application/json', 'text/html', false],
    ['a multipart post from a browser', 'multipart/form-data; boundary=x', 'text/html', true],
    ['a multipart post from a script', 'multipart/form-data; boundary=x', '*/*', false],
    ['no content type from curl', undefined, '*/*', false],
  ])('%s: %s', (_, contentType, accept, page) => {
    expect(answersWithPage(event(contentType, accept))).toBe(page);
  });
});
