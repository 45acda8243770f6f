import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import type { ComplaintRecord, StoredContact } from '../../shared/schemas/complaint.ts';
import { complaintHistory, getComplaint, storeNewComplaint } from '../../shared/storage/complaints.ts';
import { SCREENSHOTS, signIn, useBrowser } from '../support/browser.ts';
import { eventually, useLocalStack } from '../support/local-stack.ts';

// The complaint office's pages in Chromium, without any script: the inbox with the safety case pinned
// on top, a case acknowledged through the form, a stale form refused, a responder kept to their own
// department and away from contact details, and a hotline complaint typed in.

const stack = useLocalStack();
const browser = useBrowser();
const SHOTS = process.env.SCREENSHOT_DIR ?? SCREENSHOTS;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const DAY = 86_400_000;

const at = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();
const record = (id: string, code: string, overrides: Partial<ComplaintRecord>): ComplaintRecord => ({
  id, siteId: 'demo', departmentId: 'cardiology-ward', trackingCode: code, channel: 'hotline', enteredBy: 'user:office', settledOnSpot: false, multiDepartment: false,
  receivedAt: at(-3), timeZone: 'Asia/Shanghai', description: '夜班护士态度不好，按铃二十分钟没人来。', status: 'received', category: 'nursing', severity: 'medium',
  safetySignal: false, safetyKinds: [], terms: ['态度不好'], handlerDepartmentId: 'nursing-office', owner: 'office', acknowledgeBy: at(-2), dueAt: at(4),
  hasContact: false, mailPending: false, version: 1, ...overrides,
});
const contact: StoredContact = { name: '刘女士', relation: 'family', phone: '138 0013 8000', consent: true };

// Due soonest, but no safety signal: it must still sit below the safety case. Overdue.
const LATE = record('bbbbbbbb-0000-4000-8000-000000000001', 'LATE-CASE-2222-AAAA', { dueAt: at(-1), hasContact: true, description: '<b>不是粗体</b> 夜班护士态度不好' });
// Due last, with a safety signal: pinned first.
const SAFE = record('bbbbbbbb-0000-4000-8000-000000000002', 'SAFE-CASE-3333-BBBB', {
  dueAt: at(9), severity: 'critical', safetySignal: true, safetyKinds: ['self-harm'], terms: ['不想活了'], category: 'clinical', handlerDepartmentId: 'medical-affairs',
  description: '父亲住院后情绪很差，说不想活了，医生没有重视。', hasContact: true,
});
const OTHER = record('bbbbbbbb-0000-4000-8000-000000000003', 'ERMG-CASE-4444-CCCC', { departmentId: 'emergency', dueAt: at(2), category: 'waiting', terms: ['等了'], description: '急诊等了四个小时。' });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await storeNewComplaint(TABLE_NAME, LATE, contact, new Date());
  await storeNewComplaint(TABLE_NAME, SAFE, { ...contact, name: '王先生', phone: '139 0000 1111' }, new Date());
  await storeNewComplaint(TABLE_NAME, OTHER, undefined, new Date());
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
const office = (viewport = DESKTOP) => signIn(browser(), stack().baseUrl, 'office', 'Office-demo-2026', viewport);
const casePath = (c: ComplaintRecord) => `${stack().baseUrl}/admin/complaints/${c.id}`;

async function submitChange(page: Page, fields: Record<string, string>, reason: string): Promise<void> {
  for (const [name, value] of Object.entries(fields)) await page.locator(`select[name="${name}"]`).selectOption(value);
  await page.locator('textarea[name="reason"]').fill(reason);
  await page.getByRole('button', { name: '保存 · Save' }).click();
  await page.waitForLoadState('networkidle');
}

describe('the complaint office in Chromium', () => {
  it('lists open cases with the safety case pinned first under its red banner, and the overdue one in red', async () => {
    const page = await office();
    await page.getByRole('link', { name: '投诉 · Complaints' }).click();
    await page.getByRole('heading', { name: /投诉 · Complaints/ }).waitFor();
    const main = page.locator('main');
    // The first thing after the heading is the banner, and it names the kind of signal and what to do.
    const banner = main.locator('.safety').first();
    expect(await banner.textContent()).toMatch(/安全信号.*自伤.*SAFE-CASE-3333-BBBB.*立即致电患者/s);
    expect(await banner.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe('rgb(179, 38, 30)');
    const codes = (await main.locator('table.cases tbody tr td:first-child a').allTextContents());
    expect(codes[0]).toBe(SAFE.trackingCode);
    expect(codes.indexOf(LATE.trackingCode)).toBeLessThan(codes.indexOf(OTHER.trackingCode));
    expect(await main.locator('tr', { hasText: LATE.trackingCode }).locator('.overdue').textContent()).toContain('逾期');
    expect(await main.locator('tr', { hasText: OTHER.trackingCode }).locator('.overdue').count()).toBe(0);
    await shot(page, 'complaints-inbox-desktop.png');

    const phone = await office(PHONE);
    await phone.goto(`${stack().baseUrl}/admin/complaints`);
    await phone.locator('.safety').first().waitFor();
    await shot(phone, 'complaints-inbox-phone.png');
  });

  it('acknowledges a case with a reason, and the history shows who, what and why; the description stays text', async () => {
    const page = await office();
    await page.goto(`${stack().baseUrl}/admin/complaints`);
    await page.getByRole('link', { name: LATE.trackingCode }).click();
    await page.getByRole('heading', { name: `投诉 Complaint ${LATE.trackingCode}` }).waitFor();
    expect(await page.locator('main b').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('<b>不是粗体</b>');
    expect(await page.locator('section.contact').textContent()).toContain('138 0013 8000');
    // Only the moves the lifecycle allows from "received".
    expect(await page.locator('select[name="status"] option').evaluateAll((options) => options.map((o) => o.getAttribute('value')))).toEqual(['', 'acknowledged', 'investigating', 'closed', 'withdrawn']);

    await submitChange(page, { status: 'acknowledged' }, '已电话联系家属，正在核实');
    expect(page.url()).toBe(`${casePath(LATE)}?saved=1`);
    await page.getByText('已保存').waitFor();
    const lastEntry = page.locator('table.history tbody tr').last();
    expect(await lastEntry.textContent()).toMatch(/user:office.*已收到 Received → 已受理 Acknowledged.*已电话联系家属，正在核实/s);
    expect(await getComplaint(TABLE_NAME, LATE.id)).toMatchObject({ status: 'acknowledged', version: 2 });
    await shot(page, 'complaints-case-desktop.png');

    const phone = await office(PHONE);
    await phone.goto(casePath(SAFE));
    await phone.locator('.safety').waitFor();
    expect(await phone.locator('main > *').first().getAttribute('class')).toBe('safety');
    await shot(phone, 'complaints-case-safety-phone.png');
  });

  it('refuses a change from a stale page, says so and shows the current case, and changes nothing', async () => {
    const first = await office();
    const second = await first.context().newPage();
    await first.goto(casePath(LATE));
    await second.goto(casePath(LATE));
    expect(await second.locator('input[name="version"]').getAttribute('value')).toBe('2');

    await submitChange(first, { severity: 'high' }, '涉及多次投诉，提高严重程度');
    await first.getByText('已保存').waitFor();
    await submitChange(second, { severity: 'low' }, '第二次提交，来自旧页面');
    await second.getByText('此案件已被他人修改').waitFor();
    expect(await second.locator('input[name="version"]').getAttribute('value')).toBe('3');
    expect(await second.locator('table.history').textContent()).toContain('提高严重程度');
    expect(await second.locator('table.history').textContent()).not.toContain('来自旧页面');
    expect(await getComplaint(TABLE_NAME, LATE.id)).toMatchObject({ severity: 'high', version: 3 });
    expect((await complaintHistory(TABLE_NAME, LATE.id)).map((h) => h.reason)).not.toContain('第二次提交，来自旧页面');
    await shot(second, 'complaints-case-conflict-desktop.png');
  });

  it('shows a refused change on the page with the entered reason kept, and saves nothing', async () => {
    const page = await office();
    await page.goto(casePath(LATE));
    await submitChange(page, { status: 'closed' }, '已答复');
    await page.getByRole('alert').getByText('未保存').waitFor();
    expect(await page.locator('label', { has: page.locator('select[name="outcome"]') }).locator('.err').textContent()).toContain('outcome');
    expect(await page.locator('textarea[name="reason"]').inputValue()).toBe('已答复');
    expect(await getComplaint(TABLE_NAME, LATE.id)).toMatchObject({ status: 'acknowledged', version: 3 });
  });

  it('refuses a form post without the session\'s CSRF token', async () => {
    const page = await office();
    const response = await page.request.post(casePath(LATE), { form: { version: '3', reason: 'forged', severity: 'low' } });
    expect(response.status()).toBe(403);
    expect(await getComplaint(TABLE_NAME, LATE.id)).toMatchObject({ severity: 'high', version: 3 });
  });

  it('keeps a responder to their department\'s cases and away from contact details', async () => {
    const page = await signIn(browser(), stack().baseUrl, 'cardio', 'Cardio-demo-2026', PHONE);
    await page.goto(`${stack().baseUrl}/admin/complaints`);
    const text = await page.locator('main').textContent();
    expect(text).toContain(LATE.trackingCode);
    expect(text).toContain(SAFE.trackingCode);
    expect(text).not.toContain(OTHER.trackingCode);
    await shot(page, 'complaints-inbox-responder-phone.png');

    await page.goto(casePath(SAFE));
    await page.locator('.safety').waitFor();
    expect(await page.locator('section.contact').count()).toBe(0);
    expect(await page.content()).not.toContain('139 0000 1111');
    expect(await page.locator('select[name="owner"]').count()).toBe(0);

    const other = await page.goto(casePath(OTHER));
    expect(other?.status()).toBe(404);
    expect(await page.content()).not.toContain(OTHER.description);
  });

  it('records a hotline complaint: problems beside their fields with the entries kept, then the tracking code, then the inbox', async () => {
    const page = await office(PHONE);
    await page.goto(`${stack().baseUrl}/admin`);
    await page.getByRole('link', { name: '登记投诉 · New complaint' }).click();
    await page.getByRole('heading', { name: /登记投诉/ }).waitFor();
    const submissionId = await page.locator('input[name="submissionId"]').getAttribute('value');
    await page.locator('select[name="place"]').selectOption('demo/outpatient-pharmacy');
    await page.locator('select[name="channel"]').selectOption('hotline');
    await page.locator('select[name="firstReceiver.departmentId"]').selectOption('patient-relations');
    await page.locator('input[name="firstReceiver.name"]').fill('张敏');
    await page.locator('textarea[name="description"]').fill('药房窗口发错药，回家才发现，打电话投诉。');
    await page.locator('input[name="contact.name"]').fill('陈先生');
    await page.locator('input[name="contact.phone"]').fill('not a phone');
    await page.locator('input[name="contact.consent"]').check();
    await page.getByRole('button', { name: '登记 · Record' }).click();
    await page.waitForLoadState('networkidle');

    await page.getByRole('alert').getByText('未登记').waitFor();
    expect(await page.locator('label', { has: page.locator('input[name="contact.phone"]') }).locator('.err').textContent()).toContain('phone');
    expect(await page.locator('textarea[name="description"]').inputValue()).toBe('药房窗口发错药，回家才发现，打电话投诉。');
    expect(await page.locator('input[name="submissionId"]').getAttribute('value')).toBe(submissionId);
    await shot(page, 'complaints-new-refused-phone.png');

    await page.locator('input[name="contact.phone"]').fill('13900001234');
    // What the form posts, to send it a second time as a double click would.
    const posted = await page.locator('form.staff').evaluate((form) => {
      if (!(form instanceof HTMLFormElement)) throw new Error('not a form');
      return [...new FormData(form)].map(([name, value]): [string, string] => [name, typeof value === 'string' ? value : '']);
    });
    await page.getByRole('button', { name: '登记 · Record' }).click();
    await page.getByText('已登记').first().waitFor();
    const code = (await page.locator('.notice strong').textContent()) ?? '';
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    await shot(page, 'complaints-new-recorded-phone.png');
    const again = await page.request.post(`${stack().baseUrl}/admin/complaints/new`, { form: Object.fromEntries(posted) });
    expect(again.status()).toBe(200);
    expect(await again.text()).toContain(code);

    const listed = await eventually('the new complaint in the inbox', async () => {
      await page.goto(`${stack().baseUrl}/admin/complaints`);
      const text = (await page.locator('main').textContent()) ?? '';
      return text.includes(code) ? text : undefined;
    });
    expect(listed.split(code)).toHaveLength(2); // listed once: the second post was the same complaint
    await page.getByRole('link', { name: code }).click();
    expect(await page.locator('dl.case').first().textContent()).toMatch(/首诉接待.*医患关系办公室.*张敏/s);
  });
});
