import { createHash } from 'node:crypto';
import type { UserIdentity } from '../auth/identity.ts';
import { hasAction } from '../auth/policy.ts';
import { escapeMarkup } from './markup.ts';

// The staff pages: server-rendered, bilingual labels (the office works in Chinese; visiting managers and
// auditors may not), no script at all, so the Content-Security-Policy allows only the page's own style.


/** The signed-in member of staff a page is for, and the CSRF token its forms carry. */
export interface StaffSession {
  readonly user: UserIdentity;
  readonly csrf: string;
}

/** What a page controller decided; shared/http/staff-pages.ts answers each outcome with its status. */
export type PageOutcome = 'shown' | 'not-for-role' | 'not-found' | 'conflict' | 'refused' | 'bad-request';

export type PageAnswer = { readonly outcome: PageOutcome; readonly body: string } | { readonly redirect: string };

const STYLE = `
body{margin:0;font:16px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1d2733;background:#f3f6f8}
header{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;align-items:center;padding:.75rem 1.25rem;background:#0b5cad;color:#fff}
header h1{font-size:1.15rem;margin:0}header form{margin:0}
header button{font:inherit;color:#0b5cad;background:#fff;border:0;border-radius:.4rem;padding:.35rem .8rem}
main{max-width:70rem;margin:0 auto;padding:1.25rem}
table{width:100%;border-collapse:collapse;background:#fff;border-radius:.5rem;overflow:hidden;box-shadow:0 1px 2px #0002}
th,td{padding:.55rem .7rem;text-align:left;border-bottom:1px solid #e3e8ec}th{background:#eef2f5;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#1b6e35}.below{color:#b3261e;font-weight:600}.few{color:#6b7785}
.meta{color:#4b5966}label .meta{display:block;font-weight:400;font-size:.9rem}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}nav a{color:#fff;font-weight:600}
a{color:#0b5cad}.en{color:#4b5966;font-weight:400}header .en{color:#dbe7f3}
.safety{background:#b3261e;color:#fff;padding:.75rem 1rem;border-radius:.5rem;margin:0 0 1rem}.safety a,.safety .en{color:#fff}
tr.signal td{background:#fdecea}.overdue{color:#b3261e;font-weight:600}.sev-high,.sev-critical{color:#b3261e;font-weight:600}
.tag{display:inline-block;font-size:.8rem;padding:0 .35rem;border-radius:.3rem;background:#fff3cd;color:#5c4400}
.notice{padding:.75rem 1rem;border-radius:.5rem;margin:0 0 1rem;background:#e7f3ea;border:1px solid #1b6e35}.notice.problem{background:#fdecea;border-color:#b3261e}
.err{color:#b3261e;font-weight:600;font-size:.9rem}
dl.case{display:grid;grid-template-columns:minmax(8rem,15rem) 1fr;gap:.4rem 1rem;background:#fff;padding:1rem;border-radius:.5rem;margin:0 0 1rem}
dt{color:#4b5966}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
form.staff{background:#fff;padding:1rem;border-radius:.5rem;display:grid;gap:.9rem;max-width:44rem}
fieldset{border:1px solid #d5dde3;border-radius:.5rem;display:grid;gap:.9rem;margin:0;min-width:0}form.staff>*,fieldset>*{min-width:0}
label{display:block;font-weight:600}.err{display:block}
input,select,textarea{display:block;width:100%;margin-top:.25rem;font:inherit;padding:.5rem;border:1px solid #8a98a5;border-radius:.35rem;background:#fff;min-height:2.75rem;box-sizing:border-box}
input[type=checkbox],input[type=radio]{display:inline-block;vertical-align:middle;width:1.4rem;height:1.4rem;min-height:0;margin:0 .5rem 0 0}textarea{min-height:6rem}
form.filters label:not(.check){min-width:12rem}form.filters label.check{padding-bottom:.6rem}
button.primary,a.button{font:inherit;font-weight:600;background:#0b5cad;color:#fff;border:0;border-radius:.4rem;padding:.6rem 1.2rem;min-height:2.75rem;text-decoration:none;display:inline-block}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:0 0 1rem}
.pager{display:flex;gap:1rem;margin:1rem 0}.code,.day{white-space:nowrap}.big{display:block;font-size:1.35rem;letter-spacing:.03em;overflow-wrap:anywhere}.pager{flex-wrap:wrap;align-items:center}section.pinned{margin:0 0 1.5rem}caption{padding:.25rem 0}
section.looknow{border:3px solid #b3261e;border-radius:.5rem;background:#fff;padding:.5rem 1rem;margin:0 0 1rem}section.looknow h3{color:#b3261e;margin:.25rem 0}
ul.comments{list-style:none;margin:0;padding:0}ul.comments li{border-top:1px solid #e3e8ec;padding:.6rem 0}
blockquote{margin:.25rem 0 .5rem;padding:.5rem .75rem;background:#f3f6f8;border-left:4px solid #8a98a5;white-space:pre-wrap;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}.actions button{font:inherit;font-weight:600;min-height:2.75rem;padding:.4rem 1rem;border-radius:.4rem;border:2px solid #0b5cad;background:#fff;color:#0b5cad}
.actions button.danger{background:#b3261e;border-color:#b3261e;color:#fff}.tag.warn{background:#fdecea;color:#8c1d18}
p.unread{background:#fff;padding:.6rem 1rem;border-radius:.5rem;margin:0 0 1rem}p.unread.late{border:2px solid #b3261e}.text{white-space:pre-wrap;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem;margin:0 0 1.25rem}.card{background:#fff;border-radius:.5rem;padding:.75rem 1rem;box-shadow:0 1px 2px #0002;border-left:.35rem solid #b8c2cc}
.card.ok{border-left-color:#1b6e35}.card.below{border-left-color:#b3261e}.card span{display:block}.card .value{font-size:1.8rem;font-weight:700}.card .sub,.note,.note-cell{color:#4b5966;font-size:.85rem}
section{margin:0 0 1.75rem}.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}.scroll{overflow-x:auto}svg.chart{background:#fff;border-radius:.5rem;max-width:44rem;display:block;margin:.5rem 0}
ul.comments q{display:block}ul.comments li,.overdue-list li{margin:0 0 .5rem}table.figures th{width:14rem}
@media (max-width:40rem){main{padding:.75rem}.dash-top{display:flex;flex-direction:column}.dash-top .cards{order:-1}form.filters label:not(.check){min-width:0;flex:1 1 45%}form.filters label:not(.check) select,form.filters label:not(.check) input{width:100%}table.figures th{width:auto}table.figures td.note-cell{display:none}table.cases thead{display:none}table.cases tr{display:block;border-bottom:3px solid #d5dde3}
table.cases td{display:grid;grid-template-columns:6.5rem 1fr;gap:.5rem;border:0;padding:.3rem .7rem}table.cases td::before{content:attr(data-label);color:#4b5966;font-weight:600}
dl.case{grid-template-columns:1fr}dt{font-weight:600;margin-top:.4rem}}
`;

/** Only the page's own style; forms post here, and sign-out may continue to the hosted sign-in's logout. */
export function adminContentSecurityPolicy(signInUrl: string): string {
  return `default-src 'none'; img-src data:; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; form-action 'self' ${new URL(signInUrl).origin}; base-uri 'none'; frame-ancestors 'none'`;
}

export function layout(title: string, body: string, header = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><link rel="icon" href="data:,"><title>${escapeMarkup(title)}</title><style>${STYLE}</style></head><body>${header}<main>${body}</main></body></html>`;
}

export const ROLE_LABELS: Readonly<Record<string, string>> = {
  'office-officer': '医患办专员 Complaint officer',
  'office-head': '医患办主任 Office head',
  responder: '科室负责人 Department responder',
  'callback-staff': '回访人员 Callback staff',
  manager: '院领导/质控 Manager',
  admin: '系统管理员 Administrator',
};

/** The header of every signed-in page: who is signed in, the pages their role has, sign-out. */
export function staffHeader(user: UserIdentity, csrf: string): string {
  const links = [
    '<a href="/admin">满意度 · Satisfaction</a>',
    ...(hasAction(user, 'complaints:read') ? ['<a href="/admin/complaints">投诉 · Complaints</a>'] : []),
    ...(hasAction(user, 'complaints:create') ? ['<a href="/admin/complaints/new">登记投诉 · New complaint</a>', '<a href="/admin/comments">待读留言 · Comments to read</a>'] : []),
    ...(hasAction(user, 'callbacks:read') ? ['<a href="/admin/callbacks">出院回访 · Callbacks</a>'] : []),
    ...(user.roles.some((role) => role === 'manager' || role === 'office-head') ? ['<a href="/admin/digests">摘要邮件 · Digests</a>'] : []),
    ...(hasAction(user, 'users:manage') ? ['<a href="/admin/users">账号 · Accounts</a>'] : []),
    ...(hasAction(user, 'audit:read') ? ['<a href="/admin/audit">审计 · Audit</a>'] : []),
    ...(hasAction(user, 'settings:manage') ? ['<a href="/admin/site">设置 · Settings</a>', '<a href="/admin/posters">海报 · Posters</a>'] : []),
  ];
  return `<header><h1>患者体验 · Patient experience</h1><nav aria-label="页面 · Pages">${links.join('')}</nav><span>${escapeMarkup(user.name ?? user.username)} · ${user.roles.map((r) => escapeMarkup(ROLE_LABELS[r] ?? r)).join('、')}</span>
<form method="post" action="/admin/sign-out"><input type="hidden" name="csrf" value="${escapeMarkup(csrf)}"><button type="submit">退出 · Sign out</button></form></header>`;
}
