import { CORRECTIONS_FORMAT, type Correction, type CorrectionsFile } from '../classify/model/corrections.ts';
import { ValidationError } from '../platform/domain-errors.ts';
import type { ComplaintRecord } from '../schemas/complaint.ts';
import { allComments } from '../storage/comments.ts';
import { listComplaints } from '../storage/complaints.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';

// The labels a hospital's staff gave in use, exported for `npm run classifier:train -- --with-corrections`:
// a category staff corrected on a case (the case keeps the classifier's `classifiedCategory` beside it),
// and a possible safety signal the office confirmed or dismissed (the comment keeps the answer). Nothing
// is stored twice: the labels live on the case and the comment, so they go when those go (a survey's
// comment with its survey, after SURVEY_RETENTION_DAYS; a complaint's with the case). The export holds the
// words and the label only: no contact item is read, and phone numbers and e-mail addresses a patient
// typed into the words are masked. Only a site whose settings say `trainingConsent: true` exports.

const PHONE = /\+?\d[\d -]{5,}\d/g;
const EMAIL = /[^\s@，。；;,]+@[^\s@，。；;,]+\.[^\s@，。；;,]+/g;

/** The words without the contact details a patient may have typed into them. */
export const withoutContactDetails = (text: string): string => text.replace(EMAIL, '[邮箱 email]').replace(PHONE, '[电话 phone]');

async function allCases(table: string, siteId: string): Promise<ComplaintRecord[]> {
  const cases: ComplaintRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await listComplaints(table, siteId, {}, 100, cursor);
    cases.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return cases;
}

export async function exportCorrections(table: string, siteId: string, now: Date): Promise<CorrectionsFile> {
  const settings = await getComplaintSettings(table, siteId);
  if (settings?.trainingConsent !== true) {
    throw ValidationError.field('trainingConsent', 'the site has not consented', `Site ${siteId} has not consented to its staff's labels training the classifier: set trainingConsent to true in its settings first.`);
  }
  const [comments, cases] = await Promise.all([allComments(table, siteId), allCases(table, siteId)]);
  const byId = new Map<string, { text: string; category?: Correction['category']; safety?: boolean }>();
  for (const record of cases) {
    if (record.classifiedCategory === undefined || record.classifiedCategory === record.category) continue;
    byId.set(record.id, { text: record.description, category: record.category });
  }
  for (const comment of comments) {
    const state = comment.review?.state;
    if (state !== 'confirmed' && state !== 'dismissed') continue;
    // A case opened for the comment carries its corrected category under the comment's own words.
    const key = comment.complaintId ?? comment.id;
    byId.set(key, { ...byId.get(key), text: comment.text, safety: state === 'confirmed' });
  }
  const corrections = [...byId.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, label]) => ({ ...label, text: withoutContactDetails(label.text) }));
  return { format: CORRECTIONS_FORMAT, siteId, exportedAt: now.toISOString(), trainingConsent: true, corrections };
}
