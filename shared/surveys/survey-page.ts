import { asksWaitTime, type Department, ratingItemsOf, type Site } from '../schemas/site.ts';
import type { SurveyTarget } from '../sites/department-codes.ts';
import { type Locale, OVERALL_OPTIONS, RATING_ASPECTS, SURVEY_TEXT_LIMITS } from '../schemas/survey.ts';
import { complaintPagePath, withLocale } from '../complaints/page/complaint-paths.ts';
import { escapeMarkup } from '../web/markup.ts';
import type { OfficeContact } from '../complaints/settings.ts';
import { officeContactSection } from '../complaints/page/office-contact.ts';
import {
  displayName, formField, layout, pageHeader, type ProblemWording, radio, renderProblemPage, type Resubmission, resubmissionId, resubmissionNotice, scriptMessages,
  textareaContent,
} from '../web/patient-page.ts';
import { fieldLabel, MESSAGES, WAIT_BAND_MINUTES } from './survey-labels.ts';

// The survey page a department's QR code opens, its thank-you page, and the page for a code that no
// longer works; the shell they sit in is shared/web/patient-page.ts.

export interface SurveyPageInput {
  readonly locale: Locale;
  readonly site: Site;
  readonly department: Department;
  readonly code: string;
  /** Fixed when the page is rendered, so a double tap or a retry is the same response. */
  readonly submissionId: string;
  readonly askWaitTime: boolean;
  readonly contactRetentionDays: number;
  /** Where the form posts: `/v1/surveys` on this origin. */
  readonly action: string;
  /** A refused plain form post: the form again, filled in as it was sent, with what to fix. */
  readonly again?: Resubmission;
  /** The complaint office's public contact, at the foot of the page. */
  readonly officeContact?: OfficeContact | undefined;
}

/** The form's fields, as a refused post shows them again. */
export const SURVEY_FORM_FIELDS = [
  'submissionId', 'code', 'locale', 'overall', ...RATING_ASPECTS.map((aspect) => `ratings.${aspect}`), 'waitMinutes', 'comment',
  'contact.consent', 'contact.name', 'contact.phone', 'contact.email',
] as const;

export const surveyPagePath = (code: string): string => `/s/${encodeURIComponent(code)}`;

export function renderSurveyPage(input: SurveyPageInput): string {
  const t = MESSAGES[input.locale];
  const { again } = input;
  const field = (name: string) => formField(again, name);
  const department = displayName(input.locale, input.department);
  const overallField = field('overall');
  const overall = OVERALL_OPTIONS.map((option) => radio('overall', option, t.overall[option], true, overallField.chose(option))).join('');
  const ratings = ratingItemsOf(input.department).map((aspect) => {
    const rating = field(`ratings.${aspect}`);
    const points = t.scale.map((word, i) => {
      const v = String(i + 1);
      return `<label class="choice"><input type="radio" name="ratings.${aspect}" value="${v}"${rating.chose(v) ? ' checked' : ''}><span>${v}<small>${escapeMarkup(word)}</small></span></label>`;
    }).join('');
    return `<div class="aspect${rating.invalidClass}" data-field="ratings.${aspect}" data-label="${escapeMarkup(t.aspects[aspect])}" role="radiogroup" aria-label="${escapeMarkup(t.aspects[aspect])}"${rating.invalidAttribute}>
<p class="hint"><b>${escapeMarkup(t.aspects[aspect])}</b></p><div class="scale">${points}</div></div>`;
  }).join('');
  const waitField = field('waitMinutes');
  const wait = input.askWaitTime
    ? `<fieldset data-field="waitMinutes"${waitField.marks}><legend>${escapeMarkup(t.waitQuestion)} <small>(${escapeMarkup(t.optional)})</small></legend>${WAIT_BAND_MINUTES.map((minutes, i) => radio('waitMinutes', String(minutes), t.waitBands[i] ?? String(minutes), false, waitField.chose(String(minutes)))).join('')}</fieldset>`
    : '';
  const comment = field('comment');
  const consent = field('contact.consent');
  const name = field('contact.name');
  const phone = field('contact.phone');
  const email = field('contact.email');
  const contactOpen = [consent, name, phone, email].some((f) => f.value !== '' || f.invalidClass !== '');
  const other = input.locale === 'en' ? 'zh-CN' : 'en';
  return layout(t, `${again === undefined ? t.title : t.problemTitle} · ${department}`, `
${pageHeader({ locale: input.locale, switchLabel: t.switchLabel, siteName: displayName(input.locale, input.site), ...(again === undefined ? {} : { switchHref: withLocale(surveyPagePath(input.code), other) }) })}
<h1>${escapeMarkup(department)}</h1>
${again === undefined ? '' : resubmissionNotice(surveyProblemWording(input.locale, input.department), again)}
<p>${escapeMarkup(t.intro(department))}</p>
<p class="aside">${escapeMarkup(t.complaintPrompt)} <a href="${escapeMarkup(withLocale(complaintPagePath(input.code), input.locale))}">${escapeMarkup(t.complaintLink)}</a></p>
<form id="survey" data-send method="post" action="${escapeMarkup(input.action)}" accept-charset="utf-8">
<input type="hidden" name="submissionId" value="${escapeMarkup(input.submissionId)}">
<input type="hidden" name="code" value="${escapeMarkup(input.code)}">
<input type="hidden" name="locale" value="${input.locale}">
<fieldset data-field="overall"${overallField.marks}><legend>${escapeMarkup(t.overallQuestion)}</legend>${overall}</fieldset>
${wait}
<fieldset><legend>${escapeMarkup(t.ratingsHeading)} <small>(${escapeMarkup(t.optional)})</small></legend><p class="hint">${escapeMarkup(t.ratingsHint)}</p>${ratings}</fieldset>
<fieldset><legend><label for="comment">${escapeMarkup(t.commentLabel)} <small>(${escapeMarkup(t.optional)})</small></label></legend>
<p class="hint" id="comment-hint">${escapeMarkup(t.commentHint)}</p><textarea id="comment" name="comment" maxlength="${SURVEY_TEXT_LIMITS.comment}" aria-describedby="comment-hint"${comment.marks}>${textareaContent(comment.value)}</textarea></fieldset>
<details${contactOpen ? ' open' : ''}><summary>${escapeMarkup(t.contactSummary)} <small>(${escapeMarkup(t.optional)})</small></summary>
<p class="hint">${escapeMarkup(t.contactNote(input.contactRetentionDays))}</p>
<label class="choice${consent.invalidClass}" data-field="contact.consent"${consent.invalidAttribute}><input type="checkbox" name="contact.consent" value="true"${consent.value === '' ? '' : ' checked'}><span>${escapeMarkup(t.contactConsent)}</span></label>
<label class="field">${escapeMarkup(t.contactName)}<input type="text" name="contact.name" maxlength="${SURVEY_TEXT_LIMITS['contact.name']}" autocomplete="name"${name.valueAttribute}${name.marks}></label>
<label class="field">${escapeMarkup(t.contactPhone)}<input type="tel" name="contact.phone" maxlength="20" autocomplete="tel" inputmode="tel"${phone.valueAttribute}${phone.marks}></label>
<label class="field">${escapeMarkup(t.contactEmail)}<input type="email" name="contact.email" maxlength="254" autocomplete="email"${email.valueAttribute}${email.marks}></label>
</details>
<div id="alert" class="alert" role="alert"></div>
<p class="privacy">${escapeMarkup(t.privacy)}</p>
<button type="submit">${escapeMarkup(t.submit)}</button>
</form>
<section id="thanks" class="done" hidden tabindex="-1"><h2>${escapeMarkup(t.thanksTitle)}</h2><p>${escapeMarkup(t.thanksBody)}</p><p data-contact="yes" hidden>${escapeMarkup(t.thanksContact)}</p></section>
${officeContactSection(input.locale, input.officeContact)}
${scriptMessages(t, (path) => fieldLabel(t, path))}`, true);
}

export function renderThankYouPage(input: { readonly locale: Locale; readonly contactRequested: boolean; readonly officeContact: OfficeContact | undefined }): string {
  const t = MESSAGES[input.locale];
  return layout(t, t.thanksTitle, `<section class="done"><h1>${escapeMarkup(t.thanksTitle)}</h1><p>${escapeMarkup(t.thanksBody)}</p>${input.contactRequested ? `<p>${escapeMarkup(t.thanksContact)}</p>` : ''}</section>
${officeContactSection(input.locale, input.officeContact)}`);
}

/** The survey form's words for a refused post; a rating of an item the department does not ask says so (the form has no such field to mark). */
export const surveyProblemWording = (locale: Locale, department?: Department): ProblemWording => {
  const t = MESSAGES[locale];
  const asked = department === undefined ? undefined : new Set<string>(ratingItemsOf(department).map((aspect) => `ratings.${aspect}`));
  return { ...t, fieldLabel: (path) => (asked !== undefined && path.startsWith('ratings.') && !asked.has(path) ? `${fieldLabel(t, path)}: ${t.ratingNotAsked}` : fieldLabel(t, path)) };
};

/**
 * What a refused plain form post gets: the survey again, filled in as it was sent, with the same
 * submissionId (when it was one), so sending it again is never counted twice. Without the department,
 * the reason and the comment to copy.
 */
export function renderRefusedSurvey(input: { readonly locale: Locale; readonly again: Resubmission; readonly target: SurveyTarget | undefined; readonly contactRetentionDays: number; readonly officeContact: OfficeContact | undefined }): string {
  const { locale, again, target } = input;
  const wording = surveyProblemWording(locale);
  if (target === undefined) {
    return renderProblemPage({ status: again.status, errors: again.errors, wording, kept: [{ label: wording.fieldLabel('comment'), text: again.values.comment ?? '' }], footer: officeContactSection(locale, input.officeContact) });
  }
  return renderSurveyPage({
    locale,
    site: target.site,
    department: target.department,
    code: again.values.code ?? '',
    submissionId: resubmissionId(again),
    askWaitTime: asksWaitTime(target.department),
    contactRetentionDays: input.contactRetentionDays,
    action: '/v1/surveys',
    again,
    officeContact: input.officeContact,
  });
}

/**
 * A forged, revoked or switched-off code: a friendly page, never a stack trace or a bare 404. The office's
 * contact of the code's site when it is known (a revoked code), else where to ask.
 */
export function renderUnknownCodePage(input: { readonly locale: Locale; readonly officeContact: OfficeContact | undefined }): string {
  const t = MESSAGES[input.locale];
  return layout(t, t.unknownCodeTitle, `<h1>${escapeMarkup(t.unknownCodeTitle)}</h1><p>${escapeMarkup(t.unknownCodeBody)}</p>
${officeContactSection(input.locale, input.officeContact)}`);
}
