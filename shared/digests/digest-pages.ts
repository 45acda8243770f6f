import * as z from '../schemas/zod.ts';
import { escapeMarkup } from '../web/markup.ts';
import { layout, type PageAnswer, staffHeader, type StaffSession } from '../web/staff-page.ts';
import { buildManagerReport } from '../reporting/manager-report.ts';
import { previousPeriod } from '../reporting/periods.ts';
import { dayIn } from '../platform/time.ts';
import { DigestFrequencySchema, getDigestPreference, putDigestPreference, unsubscribeDigests } from '../storage/digest-preferences.ts';
import { renderDigest } from './digest-mail.ts';
import { DIGEST_ROLES, digestTargets, recipientTargets, unsubscribeUrl, usernameOfToken } from './send-digests.ts';

// /admin/digests: each manager and office head chooses weekly, monthly, both or none, the address and the
// language, and can preview the digest. /digests/unsubscribe: the signed link every digest carries.

export interface DigestPageContext {
  readonly table: string;
  readonly baseUrl: string;
  readonly key: Buffer;
  readonly now: Date;
  readonly from: string;
}

const FREQUENCY_WORDS = { weekly: '每周 · weekly', monthly: '每月 · monthly', both: '每周和每月 · both', none: '不接收 · none' } as const;

export const DigestFormSchema = z.strictObject({
  csrf: z.string(),
  frequency: DigestFrequencySchema,
  locale: z.enum(['zh-CN', 'en']),
  email: z.email('请输入有效的邮箱 · a valid e-mail address'),
});

const mayChoose = (session: StaffSession): boolean => session.user.roles.some((r) => DIGEST_ROLES.includes(r));

function form(session: StaffSession, values: { frequency: string; locale: string; email: string }, error?: string): string {
  const radios = Object.entries(FREQUENCY_WORDS).map(([value, label]) => `<label class="check"><input type="radio" name="frequency" value="${value}"${values.frequency === value ? ' checked' : ''}> ${escapeMarkup(label)}</label>`).join('');
  return `<h2>摘要邮件 <span class="en">Digest e-mails</span></h2>
<p class="note">每周一 08:00 发送上周的周报，每月 1 日 08:00 发送上月的月报（按医院所在时区），范围为您的单位；负责整个医联体的，收到一份含各成员单位和合计的摘要。<br><span class="en">The weekly digest goes out on Monday at 08:00 for the week before, the monthly one on the 1st at 08:00, in the site's time zone, for your sites; if you oversee a whole group of sites, one digest with each member and the total.</span></p>
${error === undefined ? '' : `<p class="notice problem">${escapeMarkup(error)}</p>`}
<form class="staff" method="post" action="/admin/digests"><input type="hidden" name="csrf" value="${escapeMarkup(session.csrf)}">
<fieldset><legend>接收 <span class="en">Receive</span></legend>${radios}</fieldset>
<label>邮箱 <span class="en">E-mail</span><input type="email" name="email" required value="${escapeMarkup(values.email)}"></label>
<label>语言 <span class="en">Language</span><select name="locale"><option value="zh-CN"${values.locale === 'zh-CN' ? ' selected' : ''}>中文</option><option value="en"${values.locale === 'en' ? ' selected' : ''}>English</option></select></label>
<button class="primary" type="submit">保存 · Save</button></form>
<p><a href="/admin/digests?preview=week">预览周报 · Preview the weekly digest</a> · <a href="/admin/digests?preview=month">预览月报 · Preview the monthly digest</a></p>`;
}

export async function digestSettingsPage(context: DigestPageContext, session: StaffSession, saved: boolean): Promise<PageAnswer> {
  const header = staffHeader(session.user, session.csrf);
  if (!mayChoose(session)) return { outcome: 'not-for-role', body: layout('摘要邮件 · Digests', '<p>摘要邮件只发给院领导和医患办主任。 <span class="en">Digests go to managers and office heads.</span></p>', header) };
  const current = await getDigestPreference(context.table, session.user.username);
  const values = { frequency: current?.frequency ?? 'none', locale: current?.locale ?? 'zh-CN', email: current?.email ?? '' };
  return { outcome: 'shown', body: layout('摘要邮件 · Digests', `${saved ? '<p class="notice">已保存 · Saved.</p>' : ''}${form(session, values)}`, header) };
}

export async function saveDigestSettings(context: DigestPageContext, session: StaffSession, posted: URLSearchParams): Promise<PageAnswer> {
  const header = staffHeader(session.user, session.csrf);
  if (!mayChoose(session)) return { outcome: 'not-for-role', body: layout('摘要邮件 · Digests', '<p>—</p>', header) };
  const parsed = DigestFormSchema.safeParse(Object.fromEntries(posted));
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；');
    return { outcome: 'refused', body: layout('摘要邮件 · Digests', form(session, { frequency: posted.get('frequency') ?? 'none', locale: posted.get('locale') ?? 'zh-CN', email: posted.get('email') ?? '' }, `未保存 · Not saved: ${message}`), header) };
  }
  const { frequency, locale, email } = parsed.data;
  await putDigestPreference(context.table, { username: session.user.username, email, locale, frequency, roles: session.user.roles, sites: session.user.sites, updatedAt: context.now.toISOString() });
  return { redirect: '/admin/digests?saved=1' };
}

/** The first digest the user would get now (their group's, else their first site's), as its own HTML document. */
export async function digestPreview(context: DigestPageContext, session: StaffSession, kind: 'week' | 'month'): Promise<string | undefined> {
  const [target] = mayChoose(session) ? recipientTargets(session.user.sites, await digestTargets(context.table)) : [];
  if (target === undefined) return undefined;
  const report = await buildManagerReport({ table: context.table, scope: target.scope, period: previousPeriod(kind, dayIn(target.timeZone, context.now)), now: context.now, baseUrl: context.baseUrl });
  const preference = await getDigestPreference(context.table, session.user.username);
  return renderDigest({ report, locale: preference?.locale ?? 'zh-CN', from: context.from, to: preference?.email ?? 'preview@invalid', unsubscribeUrl: unsubscribeUrl(context.baseUrl, context.key, session.user.username), linkCases: session.user.roles.includes('office-head') }).html;
}


/** GET shows one button; POST (the button, or a mail client's one-click) unsubscribes. */
export async function unsubscribePage(context: DigestPageContext, token: string, post: boolean): Promise<PageAnswer> {
  const username = usernameOfToken(context.key, token);
  if (username === undefined) return { outcome: 'not-found', body: layout('退订 · Unsubscribe', '<p>这个退订链接无效。 <span class="en">This unsubscribe link is not valid.</span></p>') };
  if (!post) {
    return { outcome: 'shown', body: layout('退订 · Unsubscribe', `<h2>退订摘要邮件 <span class="en">Stop the digest e-mails</span></h2><form method="post" action="/digests/unsubscribe?t=${escapeMarkup(encodeURIComponent(token))}"><button class="primary" type="submit">退订 · Unsubscribe</button></form>`) };
  }
  await unsubscribeDigests(context.table, username, context.now);
  return { outcome: 'shown', body: layout('退订 · Unsubscribe', '<h2>已退订 <span class="en">Unsubscribed</span></h2><p>您将不再收到摘要邮件；可在“摘要邮件”页面重新订阅。 <span class="en">You will receive no more digests; choose again on the digests page.</span></p>') };
}
