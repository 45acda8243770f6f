import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMPLAINT_SETTINGS } from '../../infra/local/demo-site.ts';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { commentRecord, type CommentInput } from '../../shared/comments/triage-comment.ts';
import type { CommentRecord } from '../../shared/schemas/comment.ts';
import type { ComplaintRecord } from '../../shared/schemas/complaint.ts';
import { getComment, putCommentIfAbsent } from '../../shared/storage/comments.ts';
import { getComplaint, storeNewComplaint } from '../../shared/storage/complaints.ts';
import { SCREENSHOTS, signIn, useBrowser } from '../support/browser.ts';
import { useLocalStack } from '../support/local-stack.ts';

// The office's comment lists in Chromium, without any script, at phone and desk size: the "please look
// now" list at the top of the inbox, answered with one click; the comments to read, the harmless ones
// read in bulk; the count of unread comments and the oldest's wait in the inbox.

const stack = useLocalStack();
const browser = useBrowser();
const SHOTS = process.env.SCREENSHOT_DIR ?? SCREENSHOTS;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

const input = (id: string, text: string, hours: number, overrides: Partial<CommentInput>): CommentInput => ({
  id, siteId: 'demo', departmentId: 'cardiology-ward', source: 'survey', receivedAt: ago(hours), timeZone: 'Asia/Shanghai', text, ...overrides,
});
const seeded = (comment: CommentInput, level: CommentRecord['safetyLevel'], category: CommentRecord['category'] = 'other'): CommentRecord =>
  ({ ...commentRecord({ ...comment, classification: { category, safetyLevel: level, safetyKinds: [] } }, DEMO_COMPLAINT_SETTINGS), noticePending: false });

const CASE_ID = 'cccccccc-0000-4000-8000-000000000001';
const caseRecord: ComplaintRecord = {
  id: CASE_ID, siteId: 'demo', departmentId: 'orthopaedics-ward', trackingCode: 'LOOK-CASE-5555-DDDD', channel: 'qr-page', enteredBy: 'patient', settledOnSpot: false, multiDepartment: false,
  receivedAt: ago(2), timeZone: 'Asia/Shanghai', description: '护士说要在门口等着我，让我小心点', status: 'received', category: 'nursing', severity: 'high',
  safetySignal: false, safetyLevel: 'possible', safetyKinds: [], terms: [], handlerDepartmentId: 'nursing-office', owner: 'office', acknowledgeBy: ago(-20), dueAt: ago(-100),
  hasContact: false, mailPending: false, version: 1,
};
const COMMENTS = {
  harmless: seeded(input('cccccccc-0000-4000-8000-000000000010', '病房很干净，护士很耐心，谢谢！', 30, {}), 'none'),
  harmless2: seeded(input('cccccccc-0000-4000-8000-000000000011', '食堂的饭菜可以再热一点。', 5, {}), 'none', 'facilities'),
  signal: seeded(input('cccccccc-0000-4000-8000-000000000012', '孩子出生后我每天都在想，不如从楼上跳下去算了', 3, { complaintId: 'cccccccc-0000-4000-8000-000000000012' }), 'signal'),
  possibleSurvey: seeded(input('cccccccc-0000-4000-8000-000000000013', '夜里病房太吵了，睡不好。<b>不是粗体</b>', 1, {}), 'possible', 'facilities'),
  possibleCase: seeded(input(CASE_ID, caseRecord.description, 2, { source: 'complaint', departmentId: 'orthopaedics-ward', complaintId: CASE_ID }), 'possible', 'nursing'),
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await storeNewComplaint(TABLE_NAME, caseRecord, undefined, new Date());
  for (const comment of Object.values(COMMENTS)) await putCommentIfAbsent(TABLE_NAME, comment);
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
const office = (viewport = DESKTOP) => signIn(browser(), stack().baseUrl, 'office', 'Office-demo-2026', viewport);

describe('the comment lists in Chromium', () => {
  it('puts the "please look now" list at the top of the inbox, with the unread count and the oldest\'s wait, at desk and phone size', async () => {
    for (const [viewport, name] of [[DESKTOP, 'desk'], [PHONE, 'phone']] as const) {
      const page = await office(viewport);
      await page.goto(`${stack().baseUrl}/admin/complaints`);
      const look = page.locator('section.looknow');
      await look.waitFor();
      expect(await look.locator('li').count()).toBe(2);
      expect(await look.textContent()).toContain('<b>不是粗体</b>');
      // Above the cases: the first section of the page after the heading.
      const order = await page.locator('main').evaluate((main) => [...main.children].map((child) => child.className.split(' ')[0] ?? ''));
      expect(order.indexOf('looknow')).toBeGreaterThan(-1);
      expect(order.indexOf('looknow')).toBeLessThan(order.indexOf('unread'));
      expect(order.indexOf('unread')).toBeLessThan(order.indexOf('filters'));
      expect(await page.locator('p.unread').textContent()).toMatch(/待读留言 5 条.*最早已等 30 小时/s);
      // Tap targets a thumb can hit.
      const button = await look.getByRole('button', { name: /Confirm/ }).first().boundingBox();
      expect(button?.height).toBeGreaterThanOrEqual(44);
      await shot(page, `comments-inbox-${name}.png`);
    }
  });

  it('confirms or dismisses a possible signal with one click, recorded as a label', async () => {
    const page = await office();
    await page.goto(`${stack().baseUrl}/admin/complaints`);
    await page.locator('section.looknow li', { hasText: '夜里病房太吵了' }).getByRole('button', { name: /Dismiss/ }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.notice').first().textContent()).toContain('已排除');
    expect(await page.locator('section.looknow li').count()).toBe(1);
    expect(await getComment(TABLE_NAME, COMMENTS.possibleSurvey.id)).toMatchObject({ review: { state: 'dismissed', by: 'user:office' } });

    await page.locator('section.looknow li', { hasText: '门口' }).getByRole('button', { name: /Confirm/ }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.notice').first().textContent()).toContain('已确认为安全信号');
    expect(await page.locator('section.looknow').count()).toBe(0);
    expect(await getComplaint(TABLE_NAME, CASE_ID)).toMatchObject({ severity: 'critical' });
    // The confirmed case is pinned under the red banner now.
    expect(await page.locator('.safety', { hasText: caseRecord.trackingCode }).count()).toBe(1);
    await shot(page, 'comments-confirmed-desk.png');
  });

  it('lists the comments to read oldest first, and reads the harmless ones in one click, at phone and desk size', async () => {
    const phone = await office(PHONE);
    await phone.goto(`${stack().baseUrl}/admin/complaints`);
    await phone.getByRole('link', { name: /待读留言/ }).first().click();
    await phone.getByRole('heading', { name: /待读留言/ }).waitFor();
    const rows = phone.locator('table.comments tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('病房很干净');
    expect(await rows.locator('input[type=checkbox]:checked').count()).toBe(2);
    await shot(phone, 'comments-to-read-phone.png');

    const desk = await office();
    await desk.goto(`${stack().baseUrl}/admin/comments`);
    await shot(desk, 'comments-to-read-desk.png');
    await desk.getByRole('button', { name: /Mark the ticked ones read/ }).click();
    await desk.waitForLoadState('networkidle');
    expect(await desk.locator('.notice').textContent()).toContain('已读 2 条');
    const left = desk.locator('table.comments tbody tr');
    expect(await left.count()).toBe(1);
    expect(await left.textContent()).toContain('跳下去');
    expect(await getComment(TABLE_NAME, COMMENTS.harmless.id)).toMatchObject({ readBy: 'user:office' });
  });
});
