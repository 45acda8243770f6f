import type { Department, Site } from '../schemas/site.ts';
import { type Locale, OVERALL_OPTIONS, RATING_ASPECTS } from '../schemas/survey.ts';
import { complaintPagePath, withLocale } from '../complaints/page/complaint-paths.ts';
import { escapeMarkup } from '../web/markup.ts';
import { displayName, layout, pageHeader, type ProblemWording, radio, scriptMessages } from '../web/patient-page.ts';
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
}

export function renderSurveyPage(input: SurveyPageInput): string {
  const t = MESSAGES[input.locale];
  const department = displayName(input.locale, input.department);
  const overall = OVERALL_OPTIONS.map((option) => radio('overall', option, t.overall[option], true)).join('');
  const ratings = RATING_ASPECTS.map((aspect) => `<div class="aspect" data-field="ratings.${aspect}" data-label="${escapeMarkup(t.aspects[aspect])}" role="radiogroup" aria-label="${escapeMarkup(t.aspects[aspect])}">
<p class="hint"><b>${escapeMarkup(t.aspects[aspect])}</b></p><div class="scale">${[1, 2, 3, 4, 5].map((v) => radio(`ratings.${aspect}`, String(v), String(v))).join('')}</div>
<div class="ends"><span>${escapeMarkup(t.scaleLow)}</span><span>${escapeMarkup(t.scaleHigh)}</span></div></div>`).join('');
  const wait = input.askWaitTime
    ? `<fieldset data-field="waitMinutes"><legend>${escapeMarkup(t.waitQuestion)} <small>(${escapeMarkup(t.optional)})</small></legend>${WAIT_BAND_MINUTES.map((minutes, i) => radio('waitMinutes', String(minutes), t.waitBands[i] ?? String(minutes))).join('')}</fieldset>`
    : '';
  return layout(t, `${t.title} · ${department}`, `
${pageHeader({ locale: input.locale, switchLabel: t.switchLabel, siteName: displayName(input.locale, input.site) })}
<h1>${escapeMarkup(department)}</h1>
<p>${escapeMarkup(t.intro(department))}</p>
<p class="aside">${escapeMarkup(t.complaintPrompt)} <a href="${escapeMarkup(withLocale(complaintPagePath(input.code), input.locale))}">${escapeMarkup(t.complaintLink)}</a></p>
<form id="survey" data-send method="post" action="${escapeMarkup(input.action)}" accept-charset="utf-8">
<input type="hidden" name="submissionId" value="${escapeMarkup(input.submissionId)}">
<input type="hidden" name="code" value="${escapeMarkup(input.code)}">
<input type="hidden" name="locale" value="${input.locale}">
<fieldset data-field="overall"><legend>${escapeMarkup(t.overallQuestion)}</legend>${overall}</fieldset>
${wait}
<fieldset><legend>${escapeMarkup(t.ratingsHeading)} <small>(${escapeMarkup(t.optional)})</small></legend><p class="hint">${escapeMarkup(t.ratingsHint)}</p>${ratings}</fieldset>
<fieldset><legend><label for="comment">${escapeMarkup(t.commentLabel)} <small>(${escapeMarkup(t.optional)})</small></label></legend>
<p class="hint" id="comment-hint">${escapeMarkup(t.commentHint)}</p><textarea id="comment" name="comment" maxlength="2000" aria-describedby="comment-hint"></textarea></fieldset>
<details><summary>${escapeMarkup(t.contactSummary)} <small>(${escapeMarkup(t.optional)})</small></summary>
<p class="hint">${escapeMarkup(t.contactNote(input.contactRetentionDays))}</p>
<label class="choice" data-field="contact.consent"><input type="checkbox" name="contact.consent" value="true"><span>${escapeMarkup(t.contactConsent)}</span></label>
<label class="field">${escapeMarkup(t.contactName)}<input type="text" name="contact.name" maxlength="100" autocomplete="name"></label>
<label class="field">${escapeMarkup(t.contactPhone)}<input type="tel" name="contact.phone" maxlength="20" autocomplete="tel" inputmode="tel"></label>
<label class="field">${escapeMarkup(t.contactEmail)}<input type="email" name="contact.email" maxlength="254" autocomplete="email"></label>
</details>
<div id="alert" class="alert" role="alert"></div>
<p class="privacy">${escapeMarkup(t.privacy)}</p>
<button type="submit">${escapeMarkup(t.submit)}</button>
</form>
<section id="thanks" class="done" hidden tabindex="-1"><h2>${escapeMarkup(t.thanksTitle)}</h2><p>${escapeMarkup(t.thanksBody)}</p><p data-contact="yes" hidden>${escapeMarkup(t.thanksContact)}</p></section>
${scriptMessages(t, (path) => fieldLabel(t, path))}`, true);
}

export function renderThankYouPage(input: { readonly locale: Locale; readonly contactRequested: boolean }): string {
  const t = MESSAGES[input.locale];
  return layout(t, t.thanksTitle, `<section class="done"><h1>${escapeMarkup(t.thanksTitle)}</h1><p>${escapeMarkup(t.thanksBody)}</p>${input.contactRequested ? `<p>${escapeMarkup(t.thanksContact)}</p>` : ''}</section>`);
}

/** The survey form's words for a refused post. */
export const surveyProblemWording = (locale: Locale): ProblemWording => {
  const t = MESSAGES[locale];
  return { ...t, fieldLabel: (path) => fieldLabel(t, path) };
};

/** A forged, revoked or switched-off code: a friendly page, never a stack trace or a bare 404. */
export function renderUnknownCodePage(input: { readonly locale: Locale }): string {
  const t = MESSAGES[input.locale];
  return layout(t, t.unknownCodeTitle, `<h1>${escapeMarkup(t.unknownCodeTitle)}</h1><p>${escapeMarkup(t.unknownCodeBody)}</p>`);
}
