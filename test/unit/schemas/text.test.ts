import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { fieldErrors } from '../../../shared/platform/domain-errors.ts';
import { PatientComplaintSchema } from '../../../shared/schemas/complaint.ts';
import { SurveySubmissionSchema } from '../../../shared/schemas/survey.ts';
import { characterCount, nonTextCharacter, textField, withoutNonText } from '../../../shared/schemas/text.ts';
import { uuidFor } from '../../support/survey-messages.ts';

const field = textField({ max: 5 });
const messages = (value: unknown) => {
  const result = z.object({ comment: field }).safeParse({ comment: value });
  return result.success ? [] : fieldErrors(result.error).map((e) => `${e.path}: ${e.message}`);
};

describe('textField', () => {
  it.each([
    ['an emoji', '很好 👍'],
    ['a character outside the BMP', '𠮷野家'],
    ['right-to-left text', 'שלום'],
    ['combining marks', 'e\u0301\u0323'],
    ['a family emoji (one grapheme, five code points)', '👨‍👩‍👧'],
    ['tab, line feed and carriage return', 'a\tb\r\nc'],
    ['U+FFFD and the C1 controls', '\uFFFD\u0085\u009F'],
  ])('keeps %s exactly as sent', (_, text) => {
    // Act
    const parsed = textField({ max: 100 }).parse(text);

    // Assess: the same code units, nothing trimmed or normalised.
    expect(parsed).toBe(text);
  });

  it('counts code points, so an emoji is one character where UTF-16 (and zod\'s max) counts two', () => {
    expect(messages('👍'.repeat(5))).toEqual([]);
    expect(messages('𠮷'.repeat(6))).toEqual(['comment: at most 5 characters (this has 6)']);
  });

  it('counts a line break as one character, as the browser\'s maxlength does, though the form post sends CR LF', () => {
    expect(characterCount('a\r\nb\r\nc')).toBe(5);
    expect(messages('ab\r\n\r\nc')).toEqual([]);
  });

  it.each([
    ['U+0000', 'a\u0000b', 'U+0000'],
    ['a lone high surrogate', 'a\uD83Db', 'U+D83D'],
    ['a lone low surrogate', '\uDC4Da', 'U+DC4D'],
    ['U+FFFE', 'a\uFFFE', 'U+FFFE'],
    ['U+FFFF', '\uFFFF', 'U+FFFF'],
    ['a C0 control (form feed)', 'a\fb', 'U+000C'],
  ])('refuses %s with a message that names the character', (_, text, name) => {
    expect(messages(text)).toEqual([`comment: contains ${name}, which is not a text character`]);
  });

  it('refuses a required field that is empty or only spaces (any kind of space)', () => {
    const required = z.object({ description: textField({ max: 10, required: 'say what happened' }) });
    for (const blank of ['', '   ', '\u3000\n']) {
      const result = required.safeParse({ description: blank });
      expect(result.success ? [] : fieldErrors(result.error)).toEqual([{ path: 'description', message: 'say what happened' }]);
    }
  });

  it('tells the OpenAPI document its limit as maxLength (JSON Schema counts code points too)', () => {
    expect(z.toJSONSchema(textField({ max: 2000 }))).toMatchObject({ type: 'string', maxLength: 2000 });
    expect(z.toJSONSchema(textField({ max: 10, required: 'x' }))).toMatchObject({ maxLength: 10, minLength: 1 });
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 12 })])('accepts a string exactly when it holds only text and at most its limit', (text) => {
    const accepted = field.safeParse(text).success;
    expect(accepted).toBe(nonTextCharacter(text) === undefined && characterCount(text) <= 5);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 40 })])('withoutNonText leaves text that the field accepts, and changes none that it accepted', (text) => {
    const cleaned = withoutNonText(text);
    expect(nonTextCharacter(cleaned)).toBeUndefined();
    if (nonTextCharacter(text) === undefined) expect(cleaned).toBe(text);
  });
});

describe('the free-text fields of the public forms', () => {
  const survey = { submissionId: uuidFor(1), code: 'c', overall: 'good' };
  const complaint = { submissionId: uuidFor(1), code: 'c', description: '护士态度很差' };

  it('take the promised number of characters, whatever the characters', () => {
    for (const character of ['好', '👍', '𠮷']) {
      expect(SurveySubmissionSchema.safeParse({ ...survey, comment: character.repeat(2000), contact: { name: character.repeat(100), phone: '13800138000', consent: true } }).success).toBe(true);
      expect(PatientComplaintSchema.safeParse({ ...complaint, description: character.repeat(4000), desiredOutcome: character.repeat(1000), staffInvolved: character.repeat(200) }).success).toBe(true);
      expect(SurveySubmissionSchema.safeParse({ ...survey, comment: character.repeat(2001) }).success).toBe(false);
      expect(PatientComplaintSchema.safeParse({ ...complaint, description: character.repeat(4001) }).success).toBe(false);
    }
  });

  it('name the field that holds a character that is never text', () => {
    const result = PatientComplaintSchema.safeParse({ ...complaint, staffInvolved: '夜班\u0000护士', contact: { name: '\uFFFF', relation: 'family', consent: true } });
    expect(result.success ? [] : fieldErrors(result.error).map((e) => e.path).sort()).toEqual(['contact.name', 'staffInvolved']);
  });
});
