import { createHash, randomUUID } from 'node:crypto';
import * as z from '../schemas/zod.ts';
import type { FormValues } from '../http/request.ts';
import type { FieldError } from '../platform/domain-errors.ts';
import type { Locale } from '../schemas/survey.ts';
import { escapeMarkup } from './markup.ts';

// The shell of every patient page (survey, complaint, tracking), rendered on the server as one small
// HTML document each: no framework, no external file, so the page opens in one round trip on a weak
// mobile network. Forms post as plain HTML; when JavaScript runs, a few lines send the same form with
// fetch and show the answer in place. One style, one script and one CSP for all of them.

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
.scale .choice{flex:1;flex-direction:column;justify-content:center;padding:.35rem .1rem;gap:.2rem;text-align:center;line-height:1.2}
.scale small{display:block;font-size:.68rem;color:#4b5966;overflow-wrap:anywhere}
.aspect{margin-top:1rem}
.aspect:first-of-type{margin-top:0}
.hint{font-size:.9rem;color:#4b5966;margin:.25rem 0 .5rem}
textarea,input[type=tel],input[type=email],input[type=text],input[type=date]{width:100%;font:inherit;padding:.6rem;border:2px solid #c8d2db;border-radius:.5rem}
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
.alert h2{font-size:1.15rem;margin:0 0 .4rem}
.done{padding:1.5rem 1rem;background:#fff;border-radius:.75rem;text-align:center}
.aside{margin:.25rem 0 0;padding:.7rem 1rem;background:#fff;border-radius:.75rem;border-left:.3rem solid #0b5cad}
.urgent{padding:.7rem 1rem;border-radius:.75rem;background:#fff4e5;color:#5c3600;font-size:.95rem}
.code{display:block;margin:.5rem 0;padding:.6rem .4rem;font:700 1.35rem/1.3 ui-monospace,"DejaVu Sans Mono",Menlo,monospace;letter-spacing:.06em;background:#f3f6f8;border:2px dashed #0b5cad;border-radius:.5rem;user-select:all;overflow-wrap:anywhere}
span.hint{display:block}
.next{text-align:left}
.answer{white-space:pre-wrap;overflow-wrap:anywhere}
.office{margin-top:1.5rem;font-size:.95rem}
h2.next{font-size:1.15rem;margin:1.5rem 0 .25rem}
.next li{margin:.4rem 0}
.cta{display:block;min-height:3.4rem;padding:.8rem;font-weight:600;color:#fff;background:#0b5cad;border-radius:.75rem;text-decoration:none;text-align:center}
dl.facts{display:grid;grid-template-columns:auto 1fr;gap:.5rem 1rem;margin:1rem 0;text-align:left}
dl.facts dt{color:#4b5966}
dl.facts dd{margin:0;font-weight:600}
dl.facts .hint{font-weight:400}
`;

/** Progressive enhancement: sends the form with fetch (same submissionId on every retry) and shows the result in place. */
const SCRIPT = `
(function(){
var f=document.querySelector('form[data-send]'),m=document.getElementById('messages');
if(!f||!m||!window.fetch||!window.URLSearchParams||!window.FormData)return;
var t=JSON.parse(m.textContent),b=f.querySelector('button'),a=document.getElementById('alert'),d=document.getElementById('thanks');
function each(s,g){[].forEach.call(d.querySelectorAll(s),g)}
function done(j,c){each('[data-slot]',function(e){e.textContent=String(j[e.getAttribute('data-slot')]||'')});each('[data-href]',function(e){e.href=e.getAttribute('data-href').replace(/\\{(\\w+)\\}/g,function(_,k){return encodeURIComponent(String(j[k]||''))})});each('[data-contact]',function(e){e.hidden=(e.getAttribute('data-contact')==='yes')!==c});f.hidden=true;d.hidden=false;d.focus()}
function say(text,items){a.textContent=text;if(items){var u=document.createElement('ul');items.forEach(function(i){var l=document.createElement('li');l.textContent=i;u.appendChild(l)});a.appendChild(u)}a.scrollIntoView({block:'center'})}
function mark(path){var e=f.querySelector('[data-field="'+path+'"]')||(f.elements.namedItem(path));if(e&&e.classList){e.classList.add('invalid');e.setAttribute('aria-invalid','true')}return t.labels[path]||(e&&e.getAttribute('data-label'))||t.invalid}
function send(body,attempt){
fetch(f.action,{method:'POST',body:body,headers:{accept:'application/json'}}).then(function(r){
if(r.status===202)return r.json().catch(function(){return{}}).then(function(j){done(j||{},!!body.get('contact.consent'))});
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

/** The document around every patient page; `withScript` adds the progressive-enhancement script (the page needs `form[data-send]`). */
export function layout(messages: { readonly htmlLang: string }, title: string, body: string, withScript = false): string {
  return `<!doctype html>
<html lang="${messages.htmlLang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeMarkup(title)}</title>
<style>${STYLE}</style></head>
<body><main>${body}</main>${withScript ? `<script>${SCRIPT}</script>` : ''}</body></html>`;
}

export const displayName = (locale: Locale, thing: { name: string; nameEn: string }) => (locale === 'en' ? thing.nameEn : thing.name);

/** The top line of every patient page: the hospital's name and the switch to the other language. */
export function pageHeader(input: { readonly locale: Locale; readonly switchLabel: string; readonly siteName?: string; readonly switchHref?: string }): string {
  const other = input.locale === 'en' ? 'zh-CN' : 'en';
  return `<header><p class="site">${escapeMarkup(input.siteName ?? '')}</p><a class="lang" href="${escapeMarkup(input.switchHref ?? `?lang=${other}`)}" lang="${other}">${escapeMarkup(input.switchLabel)}</a></header>`;
}

/** The words the page's script shows (sending, offline, what to fix), handed to it as JSON. */
export interface ScriptWording {
  readonly fieldInvalid: string;
  readonly offline: string;
  readonly sending: string;
  readonly submit: string;
  readonly problemStatus: (status: number) => string;
  readonly fieldLabels: Readonly<Record<string, string>>;
}

export function scriptMessages(t: ScriptWording, label: (path: string) => string): string {
  const messages = {
    labels: Object.fromEntries(Object.keys(t.fieldLabels).map((path) => [path, label(path)])),
    invalid: t.fieldInvalid,
    offline: t.offline,
    sending: t.sending,
    submit: t.submit,
    status: { 413: t.problemStatus(413), 422: t.problemStatus(422), 429: t.problemStatus(429), 500: t.problemStatus(500) },
  };
  return `<script type="application/json" id="messages">${jsonData(messages)}</script>`;
}

export function radio(name: string, value: string, label: string, required = false, checked = false): string {
  return `<label class="choice"><input type="radio" name="${name}" value="${value}"${required ? ' required' : ''}${checked ? ' checked' : ''}><span>${escapeMarkup(label)}</span></label>`;
}

/** The words of a refused-form page: each form (survey, complaint) names its own fields and what was not sent. */
export interface ProblemWording {
  readonly htmlLang: string;
  readonly problemTitle: string;
  readonly problemBack: string;
  readonly problemStatus: (status: number) => string;
  readonly fieldLabel: (path: string) => string;
  /** Over a form shown again: what was typed is below, and sending it again is not counted twice. */
  readonly resendHint: string;
  /** Over what was typed, on a refused-form page that cannot show the form again. */
  readonly keptHeading: string;
}

/**
 * A plain form post (no JavaScript) that was refused, shown again: the values as typed (the same
 * submissionId among them, so sending again is never counted twice), and the fields to fix.
 */
export interface Resubmission {
  readonly status: number;
  readonly errors: readonly FieldError[];
  readonly values: FormValues;
}

const refusalItems = (t: ProblemWording, errors: readonly FieldError[]): string => {
  const paths = [...new Set(errors.map((e) => e.path))];
  return paths.length === 0 ? '' : `<ul>${paths.map((path) => `<li>${escapeMarkup(t.fieldLabel(path))}</li>`).join('')}</ul>`;
};

/** The submissionId a refused form carried, so sending it again is the same submission; a new one when it carried none. */
export function resubmissionId(again: Resubmission): string {
  const sent = again.values.submissionId ?? '';
  return z.uuid().safeParse(sent).success ? sent : randomUUID();
}

/** What a form shown again says above it: why it was not sent, the fields to fix, and that nothing typed was lost. */
export function resubmissionNotice(t: ProblemWording, again: Resubmission): string {
  return `<div class="alert" role="alert" id="refused"><h2>${escapeMarkup(t.problemTitle)}</h2><p>${escapeMarkup(t.problemStatus(again.status))}</p>${refusalItems(t, again.errors)}<p>${escapeMarkup(t.resendHint)}</p></div>`;
}

/** A textarea's content: the parser drops one newline right after the start tag, so one is put there for it. */
export const textareaContent = (text: string): string => `\n${escapeMarkup(text)}`;

/** One field of a form shown again: its value as typed, and the marks of a field to fix. */
export function formField(again: Resubmission | undefined, name: string) {
  const value = again?.values[name] ?? '';
  const invalid = again?.errors.some((e) => e.path === name || e.path.startsWith(`${name}.`)) ?? false;
  return {
    value,
    /** ` value="…"` for an input. */
    valueAttribute: value === '' ? '' : ` value="${escapeMarkup(value)}"`,
    /** Whether a radio button or checkbox with `option` was the one chosen. */
    chose: (option: string) => value === option,
    /** Added to the element's class list. */
    invalidClass: invalid ? ' invalid' : '',
    /** Added to the element's attributes. */
    invalidAttribute: invalid ? ' aria-invalid="true"' : '',
    /** Both, for an element with no class of its own. */
    marks: invalid ? ' class="invalid" aria-invalid="true"' : '',
  };
}

/**
 * What a plain form post gets back when it is refused and the form cannot be shown again (the code names
 * no department, or the department cannot be read): the reason in the patient's language, per field, and
 * what they wrote, to copy.
 */
export function renderProblemPage(input: {
  readonly status: number;
  readonly errors: readonly FieldError[];
  readonly wording: ProblemWording;
  /** The free text the patient wrote, by field label. */
  readonly kept?: readonly { readonly label: string; readonly text: string }[];
  /** Markup under it all (the complaint office's contact). */
  readonly footer?: string;
}): string {
  const t = input.wording;
  const kept = (input.kept ?? []).filter((k) => k.text !== '');
  const keptSection = kept.length === 0 ? '' : `<fieldset><legend>${escapeMarkup(t.keptHeading)}</legend>${kept.map((k) => `<label class="field">${escapeMarkup(k.label)}<textarea readonly>${textareaContent(k.text)}</textarea></label>`).join('')}</fieldset>`;
  return layout(t, t.problemTitle, `<h1>${escapeMarkup(t.problemTitle)}</h1>
<div class="alert" role="alert"><p>${escapeMarkup(t.problemStatus(input.status))}</p>${refusalItems(t, input.errors)}</div>
<p>${escapeMarkup(t.problemBack)}</p>${keptSection}${input.footer ?? ''}`);
}
