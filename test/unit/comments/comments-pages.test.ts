import { describe, expect, it } from 'vitest';
import type { UserIdentity } from '../../../shared/auth/identity.ts';
import { inboxLead, renderComments, unreadSummary, waited } from '../../../shared/comments/comments-pages.ts';
import { commentAlertMail, lookNowMail, onDutyAddresses, unreadReminderMail } from '../../../shared/comments/comment-mails.ts';
import { DEMO_COMPLAINT_SETTINGS } from '../../../infra/local/demo-site.ts';
import type { CommentRecord } from '../../../shared/schemas/comment.ts';

// The comment lists as strings, and the mails about them: the patient's words escaped on the page and
// never in a mail; the harmless ticked for one click; a possible signal answered only by its own buttons.

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const office: UserIdentity = { kind: 'user', subject: 's1', username: 'office', name: '张敏', roles: ['office-officer'], sites: ['demo'], departments: [] };
const now = new Date('2026-11-25T02:00:00Z');
const departments = new Map([['cardiology-ward', { name: '心血管内科病区', nameEn: 'Cardiology Ward' }]]);

const comment = (id: string, overrides: Partial<CommentRecord> = {}): CommentRecord => ({
  id, siteId: 'demo', departmentId: 'cardiology-ward', source: 'survey', receivedAt: '2026-11-24T01:00:00.000Z', timeZone: 'Asia/Shanghai',
  text: '病房很干净', category: 'other', safetyLevel: 'none', safetyKinds: [], readDueAt: '2026-11-25T15:59:59.999Z', noticePending: false, ...overrides,
});
const harmless = comment('c-harmless');
const possible = comment('c-possible', { text: `护士说要在门口等着我${HOSTILE}`, safetyLevel: 'possible', review: { state: 'pending' }, receivedAt: '2026-11-23T01:00:00.000Z', readDueAt: '2026-11-24T15:59:59.999Z' });
const signal = comment('c-signal', { text: '我真的不想活了', safetyLevel: 'signal', safetyKinds: ['suicide'], complaintId: 'c-signal' });

describe('the comments to read', () => {
  const page = renderComments({
    user: office, csrf: 'csrf-token', now, site: { siteId: 'demo', name: '示范区人民医院' }, departments,
    comments: [possible, harmless, signal], summary: unreadSummary([possible, harmless, signal], false, now),
  });

  it('escapes the patient\'s words', () => {
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;');
  });

  it('ticks the plainly harmless for one click, leaves a signal to the reader, and gives a possible signal only its buttons', () => {
    expect(page).toMatch(/<input type="checkbox" name="id" value="c-harmless" checked>/);
    expect(page).toMatch(/<input type="checkbox" name="id" value="c-signal">/);
    expect(page).not.toMatch(/name="id" value="c-possible"/);
    expect(page).toContain('name="confirm" value="c-possible"');
    expect(page).toContain('name="dismiss" value="c-possible"');
    expect(page).toContain('href="/admin/complaints/c-signal"');
    expect(page).toContain('name="csrf" value="csrf-token"');
  });

  it('counts the unread and the late, and says how long the oldest waited', () => {
    expect(unreadSummary([possible, harmless, signal], true, now)).toEqual({ count: 3, more: true, late: 1, oldestReceivedAt: possible.receivedAt });
    expect(page).toContain('1 条超时');
    expect(waited(now, '2026-11-25T01:15:00Z')).toEqual({ zh: '45 分钟', en: '45 min' });
    expect(waited(now, '2026-11-23T01:00:00Z')).toEqual({ zh: '2 天 1 小时', en: '2 d 1 h' });
  });
});

describe('the inbox\'s lead', () => {
  it('puts the possible signals first with their buttons, then how many comments wait and for how long', () => {
    const lead = inboxLead({ csrf: 'csrf-token', siteId: 'demo', now, departments, lookNow: [possible], summary: unreadSummary([possible, harmless], false, now) });

    expect(lead.indexOf('请立即查看')).toBeLessThan(lead.indexOf('待读留言 2 条'));
    expect(lead).toContain('name="back" value="inbox"');
    expect(lead).toContain('name="confirm" value="c-possible"');
    expect(lead).toContain('已等 2 天 1 小时');
    expect(lead).not.toContain('<script>alert');
  });

  it('says so when nothing waits', () => {
    expect(inboxLead({ csrf: 'x', siteId: 'demo', now, departments, lookNow: [], summary: unreadSummary([], false, now) })).toContain('没有待读留言');
  });
});

describe('the mails about comments', () => {
  const context = { from: 'feedback@hospital.example', departmentName: '心血管内科病区 Cardiology Ward', baseUrl: 'https://feedback.example/' };

  it('carry the kind, the department, the time and a link, never the patient\'s words', () => {
    const mails = [lookNowMail(possible, ['office@hospital.example'], context), commentAlertMail(signal, ['office@hospital.example'], context), unreadReminderMail('demo', [possible, harmless], 5, ['head@hospital.example'], context.from, context.baseUrl)];
    for (const mail of mails) {
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/门口|不想活|病房很干净|script/);
      expect(mail.text).toContain('https://feedback.example/admin/');
    }
    expect(mails[1]?.subject).toContain('URGENT');
    expect(mails[2]?.subject).toContain('2 条留言超时未读');
  });

  it('go to the officers on duty, the office head when nobody is', () => {
    // Tuesday 10:00 in Beijing: the two day officers; Sunday 03:00: the night officer; nobody on an empty rota.
    expect(onDutyAddresses(DEMO_COMPLAINT_SETTINGS, new Date('2026-11-24T02:00:00Z'), 'Asia/Shanghai')).toEqual(['head@hospital.example', 'office@hospital.example']);
    expect(onDutyAddresses(DEMO_COMPLAINT_SETTINGS, new Date('2026-11-28T19:00:00Z'), 'Asia/Shanghai')).toEqual(['office@hospital.example']);
    expect(onDutyAddresses({ ...DEMO_COMPLAINT_SETTINGS, rota: [] }, new Date('2026-11-28T19:00:00Z'), 'Asia/Shanghai')).toEqual(['head@hospital.example']);
  });
});
