import type { SlaLimits } from '../../sites/working-calendar.ts';
import type { TrackedComplaint } from '../tracking.ts';
import { escapeMarkup } from '../../web/markup.ts';
import type { Department, Site } from '../../schemas/site.ts';
import type { Locale } from '../../schemas/survey.ts';
import { displayName, layout, pageHeader, type ProblemWording, radio, scriptMessages } from '../../web/patient-page.ts';
import { STATUS_LABELS } from '../complaint-labels.ts';
import { COMPLAINT_MESSAGES, type ComplaintMessages, complaintFieldLabel } from './complaint-page-labels.ts';
import { trackingPagePath, withLocale } from './complaint-paths.ts';

// The patient's complaint page, the confirmation with the tracking code, and the tracking page. They use
// the survey page's layout, style, script and Content-Security-Policy (PAGE_CONTENT_SECURITY_POLICY), so
// every patient page is one small document that works without JavaScript.

export interface ComplaintPageInput {
  readonly locale: Locale;
  readonly site: Site;
  readonly department: Department;
  readonly code: string;
  /** Fixed when the page is rendered, so a double tap or a retry is one complaint with one tracking code. */
  readonly submissionId: string;
  readonly contactRetentionDays: number;
  readonly limits: SlaLimits;
  /** The site's today (YYYY-MM-DD): an incident cannot be in the future. */
  readonly today: string;
  /** Where the form posts: `/v1/complaints` on this origin. */
  readonly action: string;
}

const optional = (t: ComplaintMessages) => ` <small>(${escapeMarkup(t.optional)})</small>`;

/**
 * What the patient keeps: the tracking code, the way to the tracking page, and what happens next. Without
 * an outcome it is the template the page's script fills in (`data-slot`, `data-href`, `data-contact`).
 */
function confirmation(t: ComplaintMessages, locale: Locale, limits: SlaLimits, outcome?: { readonly trackingCode: string; readonly contactGiven: boolean }): string {
  const heading = outcome === undefined ? 'h2' : 'h1';
  const code = outcome?.trackingCode;
  const track = withLocale(trackingPagePath(code), locale);
  const contactNote = (given: boolean, text: string) =>
    `<p class="next" data-contact="${given ? 'yes' : 'no'}"${outcome === undefined || outcome.contactGiven !== given ? ' hidden' : ''}>${escapeMarkup(text)}</p>`;
  return `<${heading}>${escapeMarkup(t.confirmTitle)}</${heading}>
<p>${escapeMarkup(t.confirmCodeLabel)}</p>
<output class="code" data-slot="trackingCode">${escapeMarkup(code ?? '')}</output>
<p class="hint">${escapeMarkup(t.confirmCodeHint)}</p>
<a class="cta" href="${escapeMarkup(track)}" data-href="${escapeMarkup(withLocale('/t/{trackingCode}', locale))}">${escapeMarkup(t.confirmTrack)}</a>
<h2 class="next">${escapeMarkup(t.nextHeading)}</h2>
<ol class="next">${t.nextSteps(limits).map((step) => `<li>${escapeMarkup(step)}</li>`).join('')}</ol>
${contactNote(true, t.confirmContact)}${contactNote(false, t.confirmNoContact)}`;
}

export function renderComplaintPage(input: ComplaintPageInput): string {
  const t = COMPLAINT_MESSAGES[input.locale];
  const department = displayName(input.locale, input.department);
  const relations = (['patient', 'family', 'other'] as const).map((relation) => radio('contact.relation', relation, t.relations[relation])).join('');
  return layout(t, `${t.title} · ${department}`, `
${pageHeader({ locale: input.locale, switchLabel: t.switchLabel, siteName: displayName(input.locale, input.site) })}
<h1>${escapeMarkup(t.title)}</h1>
<p><b>${escapeMarkup(t.departmentLine(department))}</b></p>
<p>${escapeMarkup(t.intro(input.limits))}</p>
<p class="urgent">${escapeMarkup(t.urgent)}</p>
<form id="complaint" data-send method="post" action="${escapeMarkup(input.action)}" accept-charset="utf-8">
<input type="hidden" name="submissionId" value="${escapeMarkup(input.submissionId)}">
<input type="hidden" name="code" value="${escapeMarkup(input.code)}">
<input type="hidden" name="locale" value="${input.locale}">
<fieldset><legend><label for="description">${escapeMarkup(t.descriptionLabel)} <small>(${escapeMarkup(t.required)})</small></label></legend>
<p class="hint" id="description-hint">${escapeMarkup(t.descriptionHint)}</p><textarea id="description" name="description" maxlength="4000" required aria-describedby="description-hint"></textarea></fieldset>
<fieldset><legend>${escapeMarkup(t.detailsHeading)}${optional(t)}</legend>
<label class="field">${escapeMarkup(t.incidentDateLabel)}<input type="date" name="incidentDate" max="${escapeMarkup(input.today)}"></label>
<label class="field">${escapeMarkup(t.staffInvolvedLabel)}<span class="hint">${escapeMarkup(t.staffInvolvedHint)}</span><input type="text" name="staffInvolved" maxlength="200"></label>
<label class="field">${escapeMarkup(t.desiredOutcomeLabel)}<span class="hint">${escapeMarkup(t.desiredOutcomeHint)}</span><textarea name="desiredOutcome" maxlength="1000"></textarea></label>
</fieldset>
<fieldset data-field="contact"><legend>${escapeMarkup(t.contactHeading)}${optional(t)}</legend>
<p class="hint">${escapeMarkup(t.contactNote)}</p>
<p class="hint">${escapeMarkup(t.contactRetention(input.contactRetentionDays))}</p>
<label class="field">${escapeMarkup(t.contactName)}<input type="text" name="contact.name" maxlength="100" autocomplete="name" placeholder="${escapeMarkup(t.contactNameHint)}"></label>
<div class="aspect" data-field="contact.relation" role="radiogroup" aria-label="${escapeMarkup(t.contactRelation)}"><p class="hint"><b>${escapeMarkup(t.contactRelation)}</b></p>${relations}</div>
<label class="field">${escapeMarkup(t.contactPhone)}<input type="tel" name="contact.phone" maxlength="20" autocomplete="tel" inputmode="tel"></label>
<label class="field">${escapeMarkup(t.contactEmail)}<input type="email" name="contact.email" maxlength="254" autocomplete="email"></label>
<label class="choice" data-field="contact.consent"><input type="checkbox" name="contact.consent" value="true"><span>${escapeMarkup(t.contactConsent)}</span></label>
</fieldset>
<div id="alert" class="alert" role="alert"></div>
<p class="privacy">${escapeMarkup(t.privacy)}</p>
<button type="submit">${escapeMarkup(t.submit)}</button>
</form>
<section id="thanks" class="done" hidden tabindex="-1">${confirmation(t, input.locale, input.limits)}</section>
<p class="aside">${escapeMarkup(t.trackPrompt)} <a href="${escapeMarkup(withLocale(trackingPagePath(), input.locale))}">${escapeMarkup(t.trackTitle)}</a></p>
${scriptMessages(t, (path) => complaintFieldLabel(t, path))}`, true);
}

/** The answer to a plain form post (no JavaScript) that was accepted. */
export function renderComplaintConfirmationPage(input: { readonly locale: Locale; readonly trackingCode: string; readonly contactGiven: boolean; readonly limits: SlaLimits }): string {
  const t = COMPLAINT_MESSAGES[input.locale];
  return layout(t, t.confirmTitle, `<section class="done">${confirmation(t, input.locale, input.limits, input)}</section>`);
}

/** The refused-form page (renderProblemPage) in the complaint form's words. */
export function complaintProblemWording(locale: Locale): ProblemWording {
  const t = COMPLAINT_MESSAGES[locale];
  return { ...t, fieldLabel: (path) => complaintFieldLabel(t, path) };
}

export interface TrackingPageInput {
  readonly locale: Locale;
  /** The complaint found; absent for the empty look-up form and for a refused look-up. */
  readonly tracked?: TrackedComplaint;
  /** A look-up that was refused: 404 no such code, 429 too many look-ups. */
  readonly refused?: 404 | 429;
  /** What the patient typed, put back in the form when it was not found. */
  readonly typed?: string;
}

const OPEN_STATUSES: ReadonlySet<string> = new Set(['received', 'acknowledged', 'investigating']);

function lookUpForm(t: ComplaintMessages, locale: Locale, typed: string): string {
  return `<form method="get" action="${trackingPagePath()}" accept-charset="utf-8">
<input type="hidden" name="lang" value="${locale}">
<fieldset><legend><label for="tracking-code">${escapeMarkup(t.trackCodeLabel)}</label></legend>
<p class="hint" id="tracking-code-hint">${escapeMarkup(t.trackCodeHint)}</p>
<input type="text" id="tracking-code" name="code" value="${escapeMarkup(typed)}" required maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="tracking-code-hint"></fieldset>
<button type="submit">${escapeMarkup(t.trackSubmit)}</button>
</form>`;
}

/** Status, received date and due date of one complaint, in words; or the form to type a code in. No personal data. */
export function renderTrackingPage(input: TrackingPageInput): string {
  const t = COMPLAINT_MESSAGES[input.locale];
  const other = input.locale === 'en' ? 'zh-CN' : 'en';
  const header = pageHeader({ locale: input.locale, switchLabel: t.switchLabel, switchHref: withLocale(trackingPagePath(input.tracked?.trackingCode), other) });
  const { tracked } = input;
  if (tracked !== undefined) {
    const label = STATUS_LABELS[tracked.status];
    const lang = input.locale === 'en' ? 'en' : 'zh';
    return layout(t, t.trackTitle, `${header}
<h1>${escapeMarkup(t.trackTitle)}</h1>
<section class="done">
<p>${escapeMarkup(t.trackCodeLabel)}</p><output class="code">${escapeMarkup(tracked.trackingCode)}</output>
<dl class="facts"><dt>${escapeMarkup(t.statusLabel)}</dt><dd>${escapeMarkup(label.name[lang])}<p class="hint">${escapeMarkup(label.meaning[lang])}</p></dd>
<dt>${escapeMarkup(t.receivedLabel)}</dt><dd>${escapeMarkup(t.date(tracked.receivedDate))}</dd>
<dt>${escapeMarkup(t.dueLabel)}</dt><dd>${escapeMarkup(t.date(tracked.dueDate))}</dd></dl>
${OPEN_STATUSES.has(tracked.status) ? `<p class="hint">${escapeMarkup(t.dueNote)}</p>` : ''}
</section>`);
  }
  const form = lookUpForm(t, input.locale, input.typed ?? '');
  if (input.refused === 404) {
    return layout(t, t.trackNotFoundTitle, `${header}
<h1>${escapeMarkup(t.trackNotFoundTitle)}</h1>
<div class="alert" role="alert"><p>${escapeMarkup(t.trackNotFoundBody)}</p></div>
${form}`);
  }
  const notice = input.refused === undefined ? `<p>${escapeMarkup(t.trackIntro)}</p>` : `<div class="alert" role="alert"><p>${escapeMarkup(t.trackTooMany)}</p></div>`;
  return layout(t, t.trackTitle, `${header}
<h1>${escapeMarkup(t.trackTitle)}</h1>
${notice}
${form}`);
}
