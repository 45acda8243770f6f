// Step 1 of the classifier (classifier.ts): every later step reads the normalised text.

/** NFKC (full-width to half-width), lower case, and a phone keyboard's curly apostrophe as a plain one ("didn’t"). */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[‘’′]/g, "'");
}
