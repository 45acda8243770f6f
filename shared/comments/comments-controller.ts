import * as z from '../schemas/zod.ts';
import type { UserIdentity } from '../auth/identity.ts';
import { hasAction } from '../auth/policy.ts';
import { signingKey } from '../aws/secrets.ts';
import { intakeSender, notifySender } from '../aws/sqs.ts';
import type { DepartmentNames } from '../complaints/office/office-pages.ts';
import { renderNoSuchCase, renderNotForRole } from '../complaints/office/office-pages.ts';
import { requireEnv } from '../platform/config.ts';
import { env } from '../platform/resource-env.ts';
import { retentionFromEnv } from '../platform/retention.ts';
import { awaitsReview } from '../schemas/comment.ts';
import { IdSchema } from '../schemas/site.ts';
import { unreadComments } from '../storage/comments.ts';
import { departmentsById, getSite } from '../storage/sites.ts';
import type { PageAnswer, StaffSession } from '../web/staff-page.ts';
import { type CommentNotice, inboxLead, renderComments, unreadSummary } from './comments-pages.ts';
import { mayReadComments, readComments, reviewComment } from './review.ts';

// The office's comment lists: GET /admin/comments (the comments to read), POST /admin/comments (read the
// ticked ones, or confirm or dismiss a possible signal), and the lead of the inbox (the "please look now"
// list and the unread count). The handler checks the session, the CSRF token and the origin before a
// post runs; the list and the lead run while the session's sign-out is looked up (the handler's
// READ_ONLY), so they must never write.

const table = requireEnv(env.tableName);
const { contactDays } = retentionFromEnv();
const enqueue = intakeSender();
const notify = notifySender();

/** Unread comments read for a page: the oldest this many (the count says "+" beyond). */
const UNREAD_SHOWN = 200;

const NoticeSchema = z.union([
  z.pipe(
    z.object({ done: z.literal('read'), n: z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10_000)) }),
    z.transform((q): CommentNotice => ({ kind: 'read', count: q.n })),
  ),
  z.pipe(
    z.object({ done: z.literal('confirmed'), case: z.string().check(z.minLength(1), z.maxLength(100)), raised: z.enum(['0', '1']), unalerted: z.optional(z.literal('1')) }),
    z.transform((q): CommentNotice => ({ kind: 'confirmed', complaintId: q.case, raised: q.raised === '1', ...(q.unalerted === undefined ? {} : { unalerted: true as const }) })),
  ),
  z.pipe(z.object({ done: z.enum(['dismissed', 'already']) }), z.transform((q): CommentNotice => ({ kind: q.done }))),
]);

/** What the redirect after a post says; an edited query shows no notice rather than an error. */
const noticeOf = (query: Record<string, string | undefined>): CommentNotice | undefined => {
  const parsed = NoticeSchema.safeParse(query);
  return parsed.success ? parsed.data : undefined;
};

const noticeQuery = (notice: CommentNotice): Record<string, string> => {
  switch (notice.kind) {
    case 'read': return { done: 'read', n: String(notice.count) };
    case 'confirmed': return { done: 'confirmed', case: notice.complaintId, raised: notice.raised ? '1' : '0', ...(notice.unalerted === true ? { unalerted: '1' } : {}) };
    default: return { done: notice.kind };
  }
};

async function unread(siteId: string, now: Date) {
  const comments = await unreadComments(table, siteId, UNREAD_SHOWN + 1);
  const shown = comments.slice(0, UNREAD_SHOWN);
  return { shown, summary: unreadSummary(shown, comments.length > UNREAD_SHOWN, now) };
}

/**
 * The inbox's lead for the complaint office ('' for anyone else): the "please look now" list and the unread
 * count. The department names only label the list, so the comments are read while the inbox reads them;
 * the inbox awaits `departmentsRead` itself, so a lead it does not show leaves no rejection unhandled.
 */
export async function commentsLead(session: StaffSession, siteId: string, query: Record<string, string | undefined>, departmentsRead: Promise<DepartmentNames>): Promise<string> {
  if (!mayReadComments(session.user, siteId)) return '';
  const now = new Date();
  const [{ shown, summary }, departments] = await Promise.all([unread(siteId, now), departmentsRead]);
  const notice = noticeOf(query);
  return inboxLead({ csrf: session.csrf, siteId, now, departments, lookNow: shown.filter(awaitsReview), summary, ...(notice === undefined ? {} : { notice }) });
}

const SiteQuerySchema = z.object({ site: z.optional(IdSchema) });

/** The site asked for, else the user's first site whose comments they may read. */
function siteOf(user: UserIdentity, asked: string | undefined): string | undefined {
  const sites = user.sites.filter((siteId) => mayReadComments(user, siteId));
  return asked === undefined ? sites[0] : sites.includes(asked) ? asked : undefined;
}

/** GET /admin/comments: the site's unread comments, oldest first. */
export async function commentsPage(session: StaffSession, query: Record<string, string | undefined>): Promise<PageAnswer> {
  const { user } = session;
  if (!hasAction(user, 'complaints:update')) return { outcome: 'not-for-role', body: renderNotForRole(user, session.csrf) };
  const parsed = SiteQuerySchema.safeParse(query);
  const siteId = siteOf(user, parsed.success ? parsed.data.site : undefined);
  if (siteId === undefined) return { outcome: 'not-found', body: renderNoSuchCase(user, session.csrf) };
  const now = new Date();
  const [site, departments, { shown, summary }] = await Promise.all([getSite(table, siteId), departmentsById(table, siteId), unread(siteId, now)]);
  const notice = noticeOf(query);
  return {
    outcome: 'shown',
    body: renderComments({ user, csrf: session.csrf, now, site: { siteId, name: site?.name ?? siteId }, departments, comments: shown, summary, ...(notice === undefined ? {} : { notice }) }),
  };
}

const PostSchema = z.object({
  site: IdSchema,
  back: z.catch(z.enum(['inbox', 'comments']), 'comments'),
  confirm: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  dismiss: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

/** POST /admin/comments: one click on a possible signal (confirm or dismiss), or the ticked comments read. */
export async function commentsPost(session: StaffSession, form: URLSearchParams): Promise<PageAnswer> {
  const { user } = session;
  if (!hasAction(user, 'complaints:update')) return { outcome: 'not-for-role', body: renderNotForRole(user, session.csrf) };
  const parsed = PostSchema.safeParse(Object.fromEntries(['site', 'back', 'confirm', 'dismiss'].flatMap((name) => {
    const value = form.get(name);
    return value === null || value === '' ? [] : [[name, value]];
  })));
  const siteId = parsed.success ? siteOf(user, parsed.data.site) : undefined;
  if (!parsed.success || siteId === undefined) return { outcome: 'not-found', body: renderNoSuchCase(user, session.csrf) };
  const { back, confirm, dismiss } = parsed.data;
  const now = new Date();
  let notice: CommentNotice;
  if (confirm !== undefined || dismiss !== undefined) {
    const outcome = await reviewComment({ table, contactDays, enqueue, notify, key: await signingKey(), now }, user, confirm ?? dismiss ?? '', confirm === undefined ? 'dismissed' : 'confirmed');
    if (outcome.kind === 'not-found') return { outcome: 'not-found', body: renderNoSuchCase(user, session.csrf) };
    notice = outcome.kind === 'already' ? { kind: 'already' } : outcome;
  } else {
    notice = { kind: 'read', count: await readComments(table, user, form.getAll('id').slice(0, UNREAD_SHOWN), now) };
  }
  const query = new URLSearchParams({ site: siteId, ...noticeQuery(notice) });
  return { redirect: `${back === 'inbox' ? '/admin/complaints' : '/admin/comments'}?${query.toString()}` };
}
