import type { UserIdentity } from '../auth/identity.ts';
import { CATEGORY_NAMES, SAFETY_KIND_NAMES } from '../classify/categories.ts';
import type { Bilingual } from '../complaints/complaint-labels.ts';
import { cell, type DepartmentNames } from '../complaints/office/office-pages.ts';
import { wallClockIn } from '../sites/working-calendar.ts';
import { awaitsReview, type CommentRecord, type CommentSource } from '../schemas/comment.ts';
import { escapeMarkup } from '../web/markup.ts';
import { layout, staffHeader } from '../web/staff-page.ts';
import type { ConfirmedReview } from './review.ts';

// The office's two lists of comments: "please look now" (possible safety signals, at the top of the
// inbox, confirmed or dismissed with one click) and "comments to read" (every survey comment, complaint
// and callback note until someone reads it; the harmless ones are ticked, so one click reads them all).
// Server-rendered, no script; the patient's words are escaped here, where they meet markup.

const e = escapeMarkup;
const bi = (name: Bilingual) => `${e(name.zh)} <span class="en">${e(name.en)}</span>`;

export const SOURCE_NAMES: Readonly<Record<CommentSource, Bilingual>> = {
  survey: { zh: '满意度调查', en: 'Survey' },
  complaint: { zh: '投诉', en: 'Complaint' },
  callback: { zh: '出院回访', en: 'Callback' },
};

const LEVEL_TAGS: Readonly<Record<CommentRecord['safetyLevel'], string>> = {
  signal: '<strong class="overdue">安全信号 <span class="en">Safety signal</span></strong>',
  possible: '<strong class="tag warn">可能的安全信号 · Possible safety signal</strong>',
  none: '',
};

/** How long it has waited: minutes, hours, or days and hours. */
export function waited(now: Date, since: string): Bilingual {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 60_000));
  if (minutes < 60) return { zh: `${minutes} 分钟`, en: `${minutes} min` };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { zh: `${hours} 小时`, en: `${hours} h` };
  return { zh: `${Math.floor(hours / 24)} 天 ${hours % 24} 小时`, en: `${Math.floor(hours / 24)} d ${hours % 24} h` };
}

const departmentName = (departments: DepartmentNames, id: string) => {
  const d = departments.get(id);
  return d === undefined ? e(id) : bi({ zh: d.name, en: d.nameEn });
};

const received = (c: CommentRecord, now: Date) =>
  `<span class="day">${e(wallClockIn(c.timeZone, c.receivedAt).replace('T', ' '))}</span> · 已等 <span class="en">waited</span> ${bi(waited(now, c.receivedAt))}${Date.parse(c.readDueAt) < now.getTime() ? ' <strong class="overdue">超时 <span class="en">late</span></strong>' : ''}`;

const caseLink = (c: CommentRecord) => (c.complaintId === undefined ? '' : ` · <a href="/admin/complaints/${encodeURIComponent(c.complaintId)}">案件 · Case</a>`);

const kinds = (c: CommentRecord) => (c.safetyKinds.length === 0 ? '' : `：${c.safetyKinds.map((k) => bi(SAFETY_KIND_NAMES[k])).join('、')}`);

const reviewButtons = (c: CommentRecord) =>
  `<span class="actions"><button class="danger" type="submit" name="confirm" value="${e(c.id)}">确认是安全信号 · Confirm</button><button type="submit" name="dismiss" value="${e(c.id)}">排除 · Dismiss</button></span>`;

export type CommentNotice =
  | { readonly kind: 'read'; readonly count: number }
  | ConfirmedReview
  | { readonly kind: 'dismissed' }
  | { readonly kind: 'already' };

export function noticeBlock(notice: CommentNotice | undefined): string {
  if (notice === undefined) return '';
  switch (notice.kind) {
    case 'read':
      return `<p class="notice" role="status">已读 ${notice.count} 条。<span class="en">${notice.count} comment(s) marked read.</span></p>`;
    case 'confirmed':
      if (notice.unalerted === true) return `<div class="notice problem" role="alert"><strong>已确认，案件已升为危急，但警报未能发出：请立即电话通知负责人和安全联系人。</strong><span class="en">Confirmed and raised to critical, but the alert could not be sent: phone the owner and the safety contact now.</span> <a href="/admin/complaints/${encodeURIComponent(notice.complaintId)}">案件 · Case</a></div>`;
      return notice.raised
        ? `<p class="notice" role="status">已确认为安全信号，案件为危急，负责人和安全联系人随即收到警报。<span class="en">Confirmed: the case is critical, and its owner and the safety contact are alerted within moments.</span> <a href="/admin/complaints/${encodeURIComponent(notice.complaintId)}">案件 · Case</a></p>`
        : `<div class="notice problem" role="alert">已记录确认，但案件已办结，未能升级，请直接处理。<span class="en">Confirmed and recorded, but the case is closed and was not raised: deal with it directly.</span> <a href="/admin/complaints/${encodeURIComponent(notice.complaintId)}">案件 · Case</a></div>`;
    case 'dismissed':
      return '<p class="notice" role="status">已排除，已记录为标注。<span class="en">Dismissed, and recorded as a label.</span></p>';
    default:
      return '<p class="notice" role="status">这条留言已有人处理。<span class="en">Someone answered this one already.</span></p>';
  }
}

export interface UnreadSummary {
  readonly count: number;
  /** More unread than were read for the page. */
  readonly more: boolean;
  readonly oldestReceivedAt?: string;
  /** Waiting longer than the site allows. */
  readonly late: number;
}

export function unreadSummary(comments: readonly CommentRecord[], more: boolean, now: Date): UnreadSummary {
  const oldest = comments[0];
  return { count: comments.length, more, late: comments.filter((c) => Date.parse(c.readDueAt) < now.getTime()).length, ...(oldest === undefined ? {} : { oldestReceivedAt: oldest.receivedAt }) };
}

const countText = (s: UnreadSummary) => `${s.count}${s.more ? '+' : ''}`;

/** The inbox's top: the "please look now" list with its buttons, and how many comments wait unread. */
export function inboxLead(input: { csrf: string; siteId: string; now: Date; departments: DepartmentNames; lookNow: readonly CommentRecord[]; summary: UnreadSummary; notice?: CommentNotice }): string {
  const { summary, now } = input;
  const look = input.lookNow.length === 0 ? '' : `<section class="looknow" aria-label="请立即查看 · Please look now"><h3>请立即查看 <span class="en">Please look now</span>（${input.lookNow.length}）</h3>
<p class="meta">可能含有安全信号：阅读后请确认或排除，您的回答会用于改进分类。<span class="en">These may carry a safety signal: read each, then confirm or dismiss it; your answer teaches the classifier.</span></p>
<form method="post" action="/admin/comments"><input type="hidden" name="csrf" value="${e(input.csrf)}"><input type="hidden" name="site" value="${e(input.siteId)}"><input type="hidden" name="back" value="inbox">
<ul class="comments">${input.lookNow.map((c) => `<li><p class="meta">${bi(SOURCE_NAMES[c.source])} · ${departmentName(input.departments, c.departmentId)} · ${received(c, now)}${caseLink(c)}</p><blockquote>${e(c.text)}</blockquote>${reviewButtons(c)}</li>`).join('')}</ul></form></section>`;
  const unread = summary.count === 0
    ? '<p class="unread">没有待读留言。<span class="en">No comments to read.</span></p>'
    : `<p class="unread${summary.late > 0 ? ' late' : ''}"><a href="/admin/comments?site=${encodeURIComponent(input.siteId)}">待读留言 ${countText(summary)} 条 <span class="en">${countText(summary)} comment(s) to read</span></a>${summary.oldestReceivedAt === undefined ? '' : `，最早已等 ${bi(waited(now, summary.oldestReceivedAt))}`}${summary.late > 0 ? `，<strong class="overdue">${summary.late} 条超时 <span class="en">${summary.late} late</span></strong>` : ''}</p>`;
  return `${noticeBlock(input.notice)}${look}${unread}`;
}

export interface CommentsPageInput {
  readonly user: UserIdentity;
  readonly csrf: string;
  readonly now: Date;
  readonly site: { readonly siteId: string; readonly name: string };
  readonly departments: DepartmentNames;
  /** Unread, oldest first. */
  readonly comments: readonly CommentRecord[];
  readonly summary: UnreadSummary;
  readonly notice?: CommentNotice;
}

function commentRow(c: CommentRecord, departments: DepartmentNames, now: Date): string {
  const pending = awaitsReview(c);
  // The plainly harmless are ticked, so one click reads them; a signal is ticked by the reader, once read.
  const tick = pending ? '' : `<label class="check"><input type="checkbox" name="id" value="${e(c.id)}"${c.safetyLevel === 'none' ? ' checked' : ''}>已读 <span class="en">Read</span></label>`;
  return `<tr${c.safetyLevel === 'none' ? '' : ' class="signal"'}>${[
    cell('选择 Select', tick === '' ? reviewButtons(c) : tick),
    cell('收到 Received', received(c, now)),
    cell('来源 Source', `${bi(SOURCE_NAMES[c.source])}${caseLink(c)}`),
    cell('科室 Department', departmentName(departments, c.departmentId)),
    cell('留言 Comment', `${LEVEL_TAGS[c.safetyLevel]}${c.safetyLevel === 'none' ? '' : kinds(c)}${c.safetyLevel === 'none' ? '' : '<br>'}<span class="text">${e(c.text)}</span>`),
    cell('类别 Category', bi(CATEGORY_NAMES[c.category])),
  ].join('')}</tr>`;
}

export function renderComments(input: CommentsPageInput): string {
  const { summary } = input;
  const list = input.comments.length === 0
    ? '<p>没有待读留言。<span class="en">No comments to read.</span></p>'
    : `<form method="post" action="/admin/comments"><input type="hidden" name="csrf" value="${e(input.csrf)}"><input type="hidden" name="site" value="${e(input.site.siteId)}"><input type="hidden" name="back" value="comments">
<table class="cases comments"><caption class="meta">最早的在前；无安全信号的已预先勾选 · Oldest first; the ones with no safety signal are ticked</caption><thead><tr><th>选择 <span class="en">Select</span></th><th>收到 <span class="en">Received</span></th><th>来源 <span class="en">Source</span></th><th>科室 <span class="en">Department</span></th><th>留言 <span class="en">Comment</span></th><th>类别 <span class="en">Category</span></th></tr></thead><tbody>${input.comments.map((c) => commentRow(c, input.departments, input.now)).join('')}</tbody></table>
<p><button class="primary" type="submit" name="action" value="read">勾选的标为已读 · Mark the ticked ones read</button></p></form>`;
  const body = `<p><a href="/admin/complaints?site=${encodeURIComponent(input.site.siteId)}">« 投诉列表 · Inbox</a></p><h2>待读留言 <span class="en">Comments to read</span> — ${e(input.site.name)}</h2>
<p class="meta">每条留言都要有人读过：满意度调查留言、投诉和回访记录。<span class="en">A person reads every comment: survey comments, complaints and callback notes.</span> ${countText(summary)} 条未读 <span class="en">unread</span>${summary.late > 0 ? `，<strong class="overdue">${summary.late} 条超时 <span class="en">late</span></strong>` : ''}</p>${noticeBlock(input.notice)}${list}`;
  return layout('待读留言 · Comments to read', body, staffHeader(input.user, input.csrf));
}
