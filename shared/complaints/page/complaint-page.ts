import { dayIn } from '../../platform/time.ts';
import type { SurveyTarget } from '../../sites/department-codes.ts';
import type { SlaLimits } from '../../sites/working-calendar.ts';
import type { TrackedComplaint } from '../tracking.ts';
import { escapeMarkup } from '../../web/markup.ts';
import { COMPLAINT_TEXT_LIMITS } from '../../schemas/complaint.ts';
import type { Department, Site } from '../../schemas/site.ts';
import type { Locale } from '../../schemas/survey.ts';
import {
  displayName, formField, layout, pageHeader, type ProblemWording, radio, renderProblemPage, type Resubmission, resubmissionId, resubmissionNotice, scriptMessages,
  textareaContent,
} from '../../web/patient-page.ts';
import { STATUS_LABELS } from '../complaint-labels.ts';
import { COMPLAINT_MESSAGES, type ComplaintMessages, complaintFieldLabel } from './complaint-page-labels.ts';
import { complaintPagePath, trackingPagePath, withLocale } from './complaint-paths.ts';
import type { OfficeContact } from '../settings.ts';
import { officeContactSection, officeContactsSection, type SiteOfficeContact } from './office-contact.ts';

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
  /** A refused plain form post: the form again, filled in as it was sent, with what to fix. */
  readonly again?: Resubmission;
  /** The complaint office's public contact, at the foot of the page. */
  readonly officeContact?: OfficeContact | undefined;
}

/** The form's fields, as a refused post shows them again. */
export const COMPLAINT_FORM_FIELDS = [
  'submissionId', 'code', 'locale', 'description', 'incidentDate', 'staffInvolved', 'desiredOutcome',
  'contact.name', 'contact.relation', 'contact.phone', 'contact.email', 'contact.consent',
] as const;

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
  const { again } = input;
  const field = (name: string) => formField(again, name);
  const department = displayName(input.locale, input.department);
  const relation = field('contact.relation');
  const relations = (['patient', 'family', 'other'] as const).map((r) => radio('contact.relation', r, t.relations[r], false, relation.chose(r))).join('');
  const description = field('description');
  const incidentDate = field('incidentDate');
  const staffInvolved = field('staffInvolved');
  const desiredOutcome = field('desiredOutcome');
  const name = field('contact.name');
  const phone = field('contact.phone');
  const email = field('contact.email');
  const consent = field('contact.consent');
  const other = input.locale === 'en' ? 'zh-CN' : 'en';
  return layout(t, `${again === undefined ? t.title : t.problemTitle} · ${department}`, `
${pageHeader({ locale: input.locale, switchLabel: t.switchLabel, siteName: displayName(input.locale, input.site), ...(again === undefined ? {} : { switchHref: withLocale(complaintPagePath(input.code), other) }) })}
<h1>${escapeMarkup(t.title)}</h1>
${again === undefined ? '' : resubmissionNotice(complaintProblemWording(input.locale), again)}
<p><b>${escapeMarkup(t.departmentLine(department))}</b></p>
<p>${escapeMarkup(t.intro(input.limits))}</p>
<p class="urgent">${escapeMarkup(t.urgent)}</p>
<form id="complaint" data-send method="post" action="${escapeMarkup(input.action)}" accept-charset="utf-8">
<input type="hidden" name="submissionId" value="${escapeMarkup(input.submissionId)}">
<input type="hidden" name="code" value="${escapeMarkup(input.code)}">
<input type="hidden" name="locale" value="${input.locale}">
<fieldset><legend><label for="description">${escapeMarkup(t.descriptionLabel)} <small>(${escapeMarkup(t.required)})</small></label></legend>
<p class="hint" id="description-hint">${escapeMarkup(t.descriptionHint)}</p><textarea id="description" name="description" maxlength="${COMPLAINT_TEXT_LIMITS.description}" required aria-describedby="description-hint"${description.marks}>${textareaContent(description.value)}</textarea></fieldset>
<fieldset><legend>${escapeMarkup(t.detailsHeading)}${optional(t)}</legend>
<label class="field">${escapeMarkup(t.incidentDateLabel)}<input type="date" name="incidentDate" max="${escapeMarkup(input.today)}"${incidentDate.valueAttribute}${incidentDate.marks}></label>
<label class="field">${escapeMarkup(t.staffInvolvedLabel)}<span class="hint">${escapeMarkup(t.staffInvolvedHint)}</span><input type="text" name="staffInvolved" maxlength="${COMPLAINT_TEXT_LIMITS.staffInvolved}"${staffInvolved.valueAttribute}${staffInvolved.marks}></label>
<label class="field">${escapeMarkup(t.desiredOutcomeLabel)}<span class="hint">${escapeMarkup(t.desiredOutcomeHint)}</span><textarea name="desiredOutcome" maxlength="${COMPLAINT_TEXT_LIMITS.desiredOutcome}"${desiredOutcome.marks}>${textareaContent(desiredOutcome.value)}</textarea></label>
</fieldset>
<fieldset data-field="contact"><legend>${escapeMarkup(t.contactHeading)}${optional(t)}</legend>
<p class="hint">${escapeMarkup(t.contactNote)}</p>
<p class="hint">${escapeMarkup(t.contactRetention(input.contactRetentionDays))}</p>
<label class="field">${escapeMarkup(t.contactName)}<input type="text" name="contact.name" maxlength="${COMPLAINT_TEXT_LIMITS.name}" autocomplete="name" placeholder="${escapeMarkup(t.contactNameHint)}"${name.valueAttribute}${name.marks}></label>
<div class="aspect${relation.invalidClass}" data-field="contact.relation" role="radiogroup" aria-label="${escapeMarkup(t.contactRelation)}"${relation.invalidAttribute}><p class="hint"><b>${escapeMarkup(t.contactRelation)}</b></p>${relations}</div>
<label class="field">${escapeMarkup(t.contactPhone)}<input type="tel" name="contact.phone" maxlength="20" autocomplete="tel" inputmode="tel"${phone.valueAttribute}${phone.marks}></label>
<label class="field">${escapeMarkup(t.contactEmail)}<input type="email" name="contact.email" maxlength="254" autocomplete="email"${email.valueAttribute}${email.marks}></label>
<label class="choice${consent.invalidClass}" data-field="contact.consent"${consent.invalidAttribute}><input type="checkbox" name="contact.consent" value="true"${consent.value === '' ? '' : ' checked'}><span>${escapeMarkup(t.contactConsent)}</span></label>
</fieldset>
<div id="alert" class="alert" role="alert"></div>
<p class="privacy">${escapeMarkup(t.privacy)}</p>
<button type="submit">${escapeMarkup(t.submit)}</button>
</form>
<section id="thanks" class="done" hidden tabindex="-1">${confirmation(t, input.locale, input.limits)}</section>
<p class="aside">${escapeMarkup(t.trackPrompt)} <a href="${escapeMarkup(withLocale(trackingPagePath(), input.locale))}">${escapeMarkup(t.trackTitle)}</a></p>
${officeContactSection(input.locale, input.officeContact)}
${scriptMessages(t, (path) => complaintFieldLabel(t, path))}`, true);
}

/** The answer to a plain form post (no JavaScript) that was accepted. */
export function renderComplaintConfirmationPage(input: { readonly locale: Locale; readonly trackingCode: string; readonly contactGiven: boolean; readonly limits: SlaLimits; readonly officeContact: OfficeContact | undefined }): string {
  const t = COMPLAINT_MESSAGES[input.locale];
  return layout(t, t.confirmTitle, `<section class="done">${confirmation(t, input.locale, input.limits, input)}</section>
${officeContactSection(input.locale, input.officeContact)}`);
}

/**
 * What a refused plain form post gets: the complaint form again, filled in as it was sent, with the same
 * submissionId (when it was one), so sending it again is one complaint with one tracking code. Without
 * the department, the reason and what was written, to copy.
 */
export function renderRefusedComplaint(input: {
  readonly locale: Locale;
  readonly again: Resubmission;
  readonly target: SurveyTarget | undefined;
  readonly contactRetentionDays: number;
  readonly limits: SlaLimits;
  readonly now: Date;
  readonly officeContact: OfficeContact | undefined;
}): string {
  const { locale, again, target } = input;
  const wording = complaintProblemWording(locale);
  const t = COMPLAINT_MESSAGES[locale];
  if (target === undefined) {
    const kept = [['description', t.descriptionLabel], ['desiredOutcome', t.desiredOutcomeLabel], ['staffInvolved', t.staffInvolvedLabel]] as const;
    return renderProblemPage({ status: again.status, errors: again.errors, wording, kept: kept.map(([name, label]) => ({ label, text: again.values[name] ?? '' })), footer: officeContactSection(locale, input.officeContact) });
  }
  return renderComplaintPage({
    locale,
    site: target.site,
    department: target.department,
    code: again.values.code ?? '',
    submissionId: resubmissionId(again),
    contactRetentionDays: input.contactRetentionDays,
    limits: input.limits,
    today: dayIn(target.site.timeZone, input.now),
    action: '/v1/complaints',
    again,
    officeContact: input.officeContact,
  });
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
  /** The public contact of the complaint's office (of every site, on the look-up form). */
  readonly officeContacts?: readonly SiteOfficeContact[];
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
  const contacts = officeContactsSection(input.locale, input.officeContacts ?? []);
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
${tracked.response === undefined ? '' : `<h2 class="next">${escapeMarkup(t.responseLabel)}</h2><p class="next answer">${escapeMarkup(tracked.response)}</p>`}
</section>
${contacts}`);
  }
  const form = lookUpForm(t, input.locale, input.typed ?? '');
  if (input.refused === 404) {
    return layout(t, t.trackNotFoundTitle, `${header}
<h1>${escapeMarkup(t.trackNotFoundTitle)}</h1>
<div class="alert" role="alert"><p>${escapeMarkup(t.trackNotFoundBody)}</p></div>
${form}
${contacts}`);
  }
  const notice = input.refused === undefined ? `<p>${escapeMarkup(t.trackIntro)}</p>` : `<div class="alert" role="alert"><p>${escapeMarkup(t.trackTooMany)}</p></div>`;
  return layout(t, t.trackTitle, `${header}
<h1>${escapeMarkup(t.trackTitle)}</h1>
${notice}
${form}
${contacts}`);
}
