import { normalise } from '../normalise-text.ts';

// What the learned model reads of a comment: the distinct n-grams of its normalised text (normalise-text.ts),
// in order of first appearance, so the same text always gives the same list.
// - Chinese: character 1- and 2-grams within each run of Han characters (no segmentation: jieba gained
//   nothing in the experiment and needs a native binary). A number inside a run is one character
//   "#" (等了2个小时 and 等了3个小时 are the same wait).
// - English: word 1- and 2-grams within a clause (words: letters, with an inner apostrophe, "didn't"), and
//   the character 4-grams of each word marked at its ends ("~<kio", "~iosk", "~osk>"): with few English
//   examples, "crashed" and "crashing" share most of their evidence.
// Cross-validation chose these (README, "The learned model"): Chinese 3-grams added nothing to the
// categories and cost the safety model, English 4-grams added more than a point.

const HAN_RUN = /[\p{Script=Han}#]+/gu;
const HAN = /\p{Script=Han}/u;
const CLAUSE = /[^,.!?;:()"\n]+/g;
const WORD = /[a-z]+(?:'[a-z]+)?/g;
const CHAR_GRAM = 4;

const prepared = (text: string) => normalise(text).replace(/\d+(?:\.\d+)?/g, '#');

export function ngrams(text: string): string[] {
  const normalised = prepared(text);
  const seen = new Set<string>();
  for (const run of normalised.match(HAN_RUN) ?? []) {
    if (!HAN.test(run)) continue;
    const chars = [...run];
    for (let n = 1; n <= 2; n++) {
      for (let i = 0; i + n <= chars.length; i++) seen.add(chars.slice(i, i + n).join(''));
    }
  }
  for (const clause of normalised.match(CLAUSE) ?? []) {
    const words = clause.match(WORD) ?? [];
    words.forEach((word, i) => {
      seen.add(word);
      const next = words[i + 1];
      if (next !== undefined) seen.add(`${word} ${next}`);
    });
    for (const word of words) {
      const marked = `<${word}>`;
      for (let i = 0; i + CHAR_GRAM <= marked.length; i++) seen.add(`~${marked.slice(i, i + CHAR_GRAM)}`);
    }
  }
  return [...seen];
}

/** An n-gram as staff read it: a character 4-gram is shown as the word of the comment it came from. */
export function shownGram(gram: string, text: string): string {
  if (!gram.startsWith('~')) return gram;
  const inner = gram.slice(1);
  return prepared(text).match(WORD)?.find((word) => `<${word}>`.includes(inner)) ?? inner;
}
