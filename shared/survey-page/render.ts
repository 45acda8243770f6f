import { createHash } from 'node:crypto';
import type { Problem } from '../http/problem.ts';
import type { Department, Site } from '../schemas/site.ts';
import { type Locale, OVERALL_OPTIONS, RATING_ASPECTS } from '../schemas/survey.ts';
import { fieldLabel, MESSAGES, type Messages, WAIT_BAND_MINUTES } from './i18n.ts';
import { escapeMarkup } from '../markup.ts';

// The patient's pages, rendered on the server as one small HTML document each: no framework, no
// external file, so the page opens in one round trip on a weak mobile network. The form posts as plain
// HTML; when JavaScript runs, a few lines send the same form with fetch and show the thanks in place.


/** `<script type="application/json">` content: `<` escaped so the text can never close the element. */
const jsonData = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:18px/1.55 -apple-system,"PingFang SC","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;color:#1d2733;background:#f3f6f8}
main{max-width:34rem;margin:0 auto;padding:1rem 1rem 3rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem}
h1{font-size:1.45rem;margin:.4rem 0}
.site{color:#4b5966;font-size:.95rem;margin:0}
.lang{font-size:1rem;white-space:nowrap;padding:.5rem 0}
a{color:#0b5cad}
fieldset{border:0;margin:1rem 0;padding:1rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 2px #0002}
legend{float:left;width:100%;font-weight:600;margin-bottom:.5rem;padding:0}
legend+*{clear:left}
.choice{display:flex;align-items:center;gap:.75rem;min-height:3rem;margin:.4rem 0;padding:.35rem .9rem;border:2px solid #c8d2db;border-radius:.6rem;background:#fff}
.choice:has(:checked){border-color:#0b5cad;background:#e8f1fb}
input[type=radio],input[type=checkbox]{width:1.4rem;height:1.4rem;margin:0;accent-color:#0b5cad;flex:none}
.scale{display:flex;gap:.4rem}
.scale .choice{flex:1;justify-content:center;padding:.35rem;gap:.3rem}
.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#4b5966}
.aspect{margin-top:1rem}
.aspect:first-of-type{margin-top:0}
.hint{font-size:.9rem;color:#4b5966;margin:.25rem 0 .5rem}
textarea,input[type=tel],input[type=email],input[type=text]{width:100%;font:inherit;padding:.6rem;border:2px solid #c8d2db;border-radius:.5rem}
textarea{min-height:7rem}
details{margin:1rem 0;padding:1rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 2px #0002}
summary{font-weight:600;min-height:2rem;cursor:pointer}
.field{display:block;margin:.75rem 0}
button{width:100%;min-height:3.4rem;font:inherit;font-weight:600;color:#fff;background:#0b5cad;border:0;border-radius:.75rem}
button:disabled{background:#6b8fb5}
.privacy{font-size:.85rem;color:#4b5966}
.invalid{border-color:#b3261e;box-shadow:0 0 0 2px #b3261e}
.alert{padding:1rem;border-radius:.75rem;background:#fdecea;color:#5f1410}
.alert:empty{display:none}
.done{padding:1.5rem 1rem;background:#fff;border-radius:.75rem;text-align:center}
`;

/** Progressive enhancement: sends the form with fetch (same submissionId on every retry) and shows the result in place. */
const SCRIPT = `
(function(){
var f=document.getElementById('survey'),m=document.getElementById('messages');
if(!f||!m||!window.fetch||!window.URLSearchParams||!window.FormData)return;
var t=JSON.parse(m.textContent),b=f.querySelector('button'),a=document.getElementById('alert');
function say(text,items){a.textContent=text;if(items){var u=document.createElement('ul');items.forEach(function(i){var l=document.createElement('li');l.textContent=i;u.appendChild(l)});a.appendChild(u)}a.scrollIntoView({block:'center'})}
function mark(path){var e=f.querySelector('[data-field="'+path+'"]')||(f.elements.namedItem(path));if(e&&e.classList){e.classList.add('invalid');e.setAttribute('aria-invalid','true')}return t.labels[path]||(e&&e.getAttribute('data-label'))||t.invalid}
function send(body,attempt){
fetch(f.action,{method:'POST',body:body,headers:{accept:'application/json'}}).then(function(r){
if(r.status===202){f.hidden=true;var d=document.getElementById('thanks');d.hidden=false;if(body.get('contact.consent'))document.getElementById('thanks-contact').hidden=false;d.focus();return}
if(r.status>=500&&attempt<2)return retry(body,attempt);
return r.json().then(function(p){b.disabled=false;b.textContent=t.submit;say(t.status[r.status]||t.status[r.status>=500?500:422],(p.errors||[]).map(function(e){return mark(e.path)}))})
}).catch(function(){attempt<2?retry(body,attempt):(b.disabled=false,b.textContent=t.submit,say(t.offline))})}
function retry(body,attempt){setTimeout(function(){send(body,attempt+1)},1000*(attempt+1)*(attempt+1))}
f.addEventListener('submit',function(e){e.preventDefault();a.textContent='';[].forEach.call(f.querySelectorAll('.invalid'),function(x){x.classList.remove('invalid');x.removeAttribute('aria-invalid')});b.disabled=true;b.textContent=t.sending;send(new URLSearchParams(new FormData(f)),0)})
})();
`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Every patient page's Content-Security-Policy: only this module's own style and script (by hash) run,
 * forms post to this origin only, and the page cannot be framed. No `sandbox` (the page has a form and
 * a script) and no `upgrade-insecure-requests` (AWS serves HTTPS only; the local runtime is plain HTTP).
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${hash(STYLE)}`,
  `script-src ${hash(SCRIPT)}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function layout(messages: Messages, title: string, body: string, withScript = false): string {
  return `<!doctype html>
<html lang="${messages.htmlLang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeMarkup(title)}</title>
<style>${STYLE}</style></head>
<body><main>${body}</main>${withScript ? `<script>${SCRIPT}</script>` : ''}</body></html>`;
}

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

const displayName = (locale: Locale, thing: { name: string; nameEn: string }) => (locale === 'en' ? thing.nameEn : thing.name);

function radio(name: string, value: string, label: string, required = false): string {
  return `<label class="choice"><input type="radio" name="${name}" value="${value}"${required ? ' required' : ''}><span>${escapeMarkup(label)}</span></label>`;
}

export function renderSurveyPage(input: SurveyPageInput): string {
  const t = MESSAGES[input.locale];
  const department = displayName(input.locale, input.department);
  const other = input.locale === 'en' ? 'zh-CN' : 'en';
  const overall = OVERALL_OPTIONS.map((option) => radio('overall', option, t.overall[option], true)).join('');
  const ratings = RATING_ASPECTS.map((aspect) => `<div class="aspect" data-field="ratings.${aspect}" data-label="${escapeMarkup(t.aspects[aspect])}" role="radiogroup" aria-label="${escapeMarkup(t.aspects[aspect])}">
<p class="hint"><b>${escapeMarkup(t.aspects[aspect])}</b></p><div class="scale">${[1, 2, 3, 4, 5].map((v) => radio(`ratings.${aspect}`, String(v), String(v))).join('')}</div>
<div class="ends"><span>${escapeMarkup(t.scaleLow)}</span><span>${escapeMarkup(t.scaleHigh)}</span></div></div>`).join('');
  const wait = input.askWaitTime
    ? `<fieldset data-field="waitMinutes"><legend>${escapeMarkup(t.waitQuestion)} <small>(${escapeMarkup(t.optional)})</small></legend>${WAIT_BAND_MINUTES.map((minutes, i) => radio('waitMinutes', String(minutes), t.waitBands[i] ?? String(minutes))).join('')}</fieldset>`
    : '';
  const clientMessages = {
    labels: Object.fromEntries(Object.keys(t.fieldLabels).map((path) => [path, fieldLabel(t, path)])),
    invalid: t.fieldInvalid,
    offline: t.offline,
    sending: t.sending,
    submit: t.submit,
    status: { 413: t.problemStatus(413), 422: t.problemStatus(422), 429: t.problemStatus(429), 500: t.problemStatus(500) },
  };
  return layout(t, `${t.title} · ${department}`, `
<header><p class="site">${escapeMarkup(displayName(input.locale, input.site))}</p><a class="lang" href="?lang=${other}" lang="${other}">${escapeMarkup(t.switchLabel)}</a></header>
<h1>${escapeMarkup(department)}</h1>
<p>${escapeMarkup(t.intro(department))}</p>
<form id="survey" method="post" action="${escapeMarkup(input.action)}" accept-charset="utf-8">
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
<section id="thanks" class="done" hidden tabindex="-1"><h2>${escapeMarkup(t.thanksTitle)}</h2><p>${escapeMarkup(t.thanksBody)}</p><p id="thanks-contact" hidden>${escapeMarkup(t.thanksContact)}</p></section>
<script type="application/json" id="messages">${jsonData(clientMessages)}</script>`, true);
}

export function renderThankYouPage(input: { readonly locale: Locale; readonly contactRequested: boolean }): string {
  const t = MESSAGES[input.locale];
  return layout(t, t.thanksTitle, `<section class="done"><h1>${escapeMarkup(t.thanksTitle)}</h1><p>${escapeMarkup(t.thanksBody)}</p>${input.contactRequested ? `<p>${escapeMarkup(t.thanksContact)}</p>` : ''}</section>`);
}

/** What a plain form post gets back when it is refused: the reason in the patient's language, per field. */
export function renderProblemPage(input: { readonly locale: Locale; readonly status: number; readonly problem: Problem }): string {
  const t = MESSAGES[input.locale];
  const paths = [...new Set((input.problem.errors ?? []).map((e) => e.path))];
  const items = paths.map((path) => `<li>${escapeMarkup(fieldLabel(t, path))}</li>`).join('');
  return layout(t, t.problemTitle, `<h1>${escapeMarkup(t.problemTitle)}</h1>
<div class="alert" role="alert"><p>${escapeMarkup(t.problemStatus(input.status))}</p>${items === '' ? '' : `<ul>${items}</ul>`}</div>
<p>${escapeMarkup(t.problemBack)}</p>`);
}

/** A forged, revoked or switched-off code: a friendly page, never a stack trace or a bare 404. */
export function renderUnknownCodePage(input: { readonly locale: Locale }): string {
  const t = MESSAGES[input.locale];
  return layout(t, t.unknownCodeTitle, `<h1>${escapeMarkup(t.unknownCodeTitle)}</h1><p>${escapeMarkup(t.unknownCodeBody)}</p>`);
}
