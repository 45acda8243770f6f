import * as z from './zod.ts';

// Free text as people type it on a phone: emoji, Chinese characters outside the Basic Multilingual Plane
// (𠮷), right-to-left scripts and combining marks are all kept exactly as sent (no trimming, no
// normalisation). Refused, with the field named, are only the code points that are never text: what
// XML 1.0 (and so SQS) calls no character, namely U+0000 and the other C0 controls but tab, line feed and
// carriage return, lone surrogates, and the noncharacters U+FFFE and U+FFFF.

// With the `u` flag a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate.
// eslint-disable-next-line no-control-regex -- the control characters are what it is for
const NON_TEXT = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\p{Cs}]/u;
const NON_TEXT_ALL = new RegExp(NON_TEXT.source, 'gu');

/** The first code point of `text` that is never text, or undefined when there is none. */
export function nonTextCharacter(text: string): string | undefined {
  return NON_TEXT.exec(text)?.[0];
}

/** `text` without the code points that are never text (what a refused form shows again, so it can be sent). */
export const withoutNonText = (text: string): string => text.replace(NON_TEXT_ALL, '');

/**
 * Characters as a patient counts them: code points, so an emoji or 𠮷 is one (UTF-16, and zod's
 * `z.maxLength()`, count two), and a line break is one, though a browser's form post sends it as CR LF.
 */
export const characterCount = (text: string): number => [...text.replace(/\r\n/g, '\n')].length;

const codePoint = (character: string) => `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

export interface TextFieldOptions {
  /** The most characters (characterCount) the field takes. */
  readonly max: number;
  /** Set for a field that must say something: the message when it is empty or only spaces. */
  readonly required?: string;
}

/**
 * A free-text field of a form or a body: any text up to `max` characters as a patient counts them. The
 * OpenAPI document gets `maxLength` (JSON Schema counts code points too).
 */
export function textField({ max, required }: TextFieldOptions) {
  return z.string().check(
    (context) => {
      const text = context.value;
      const bad = nonTextCharacter(text);
      if (bad !== undefined) context.issues.push({ code: 'custom', input: text, message: `contains ${codePoint(bad)}, which is not a text character` });
      if (required !== undefined && text.trim() === '') context.issues.push({ code: 'custom', input: text, message: required });
      const count = characterCount(text);
      if (count > max) context.issues.push({ code: 'custom', input: text, message: `at most ${max} characters (this has ${count})` });
    },
    z.meta({ maxLength: max, ...(required === undefined ? {} : { minLength: 1 }) }),
  );
}
