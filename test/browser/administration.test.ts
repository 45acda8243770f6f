import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { getUser } from '../../shared/storage/users.ts';
import { getVersionedComplaintSettings } from '../../shared/storage/complaint-settings.ts';
import { storeNewComplaint } from '../../shared/storage/complaints.ts';
import { SCREENSHOTS, signIn, useBrowser } from '../support/browser.ts';
import { useLocalStack } from '../support/local-stack.ts';

// Running a hospital in Chromium, as a new user would: the admin creates an account and its owner signs
// in; the office head edits the rota and previews who is on duty; a deep link survives sign-in; the
// survey of a ward asks no registration question and words every point; the tracking page of a closed
// case shows the answer. At phone and desk size; screenshots in test/output/.

const stack = useLocalStack();
const browser = useBrowser();
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 800 };
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage });

describe('site administration in Chromium', () => {
  it('lets the admin create an account whose owner then signs in', async () => {
    for (const [size, viewport] of [['desk', DESK], ['phone', PHONE]] as const) {
      const page = await signIn(browser(), stack().baseUrl, 'admin', 'Admin-demo-2026', viewport);
      await page.getByRole('link', { name: '账号 · Accounts' }).click();
      const username = `nurse.${size}`;
      await page.locator('input[name="username"]').fill(username);
      await page.locator('input[name="name"]').fill('周护士长');
      await page.locator('input[name="email"]').fill(`${username}@hospital.example`);
      await page.locator('select[name="role"]').selectOption('responder');
      await page.locator('input[name="departments"]').fill('zz-none');
      await page.locator('input[name="password"]').fill('Nurse-zhou-2026!');
      await page.getByRole('button', { name: '创建 · Create' }).click();
      // A department that does not exist is refused beside its field, in Chinese and English.
      await expect.poll(() => page.locator('.err').first().textContent()).toContain('这些院区没有科室');
      await shot(page, `admin-users-refused-${size}.png`);
      await page.locator('input[name="departments"]').fill('orthopaedics-ward');
      await page.locator('input[name="password"]').fill('Nurse-zhou-2026!');
      await page.getByRole('button', { name: '创建 · Create' }).click();
      await page.waitForURL(/\/admin\/users\/nurse\./);
      expect(await page.getByRole('status').textContent()).toContain('已保存');
      await shot(page, `admin-user-created-${size}.png`);
      expect(await getUser(TABLE_NAME, username)).toMatchObject({ roles: ['responder'], departments: ['orthopaedics-ward'] });

      const nurse = await signIn(browser(), stack().baseUrl, username, 'Nurse-zhou-2026!', viewport);
      expect(await nurse.locator('header').textContent()).toContain('周护士长');
      await shot(nurse, `admin-new-user-signed-in-${size}.png`);
    }
  });

  it('lets the office head edit the rota and preview who is on duty', async () => {
    for (const [size, viewport] of [['desk', DESK], ['phone', PHONE]] as const) {
      const page = await signIn(browser(), stack().baseUrl, 'head', 'Head-demo-2026', viewport);
      await page.getByRole('link', { name: '设置 · Settings' }).click();
      // A new evening shift for Saturday: 周六 18:00–22:00.
      const rows = await page.locator('input[name$=".username"][name^="complaints.rota."]').count();
      const empty = `complaints.rota.${rows - 2}`;
      await page.locator(`input[name="${empty}.username"]`).fill(`weekend-${size}`);
      await page.locator(`input[name="${empty}.email"]`).fill(`weekend-${size}@hospital.example`);
      await page.locator(`input[name="${empty}.days"][value="6"]`).check();
      await page.locator(`input[name="${empty}.from"]`).fill('18:00');
      await page.locator(`input[name="${empty}.to"]`).fill('22:00');
      await page.getByRole('button', { name: '保存设置 · Save settings' }).click();
      await page.waitForURL(/saved=1/);
      expect(await page.getByRole('status').first().textContent()).toContain('已保存');
      const stored = await getVersionedComplaintSettings(TABLE_NAME, 'demo');
      expect(stored?.settings.rota).toContainEqual({ username: `weekend-${size}`, email: `weekend-${size}@hospital.example`, days: [6], from: '18:00', to: '22:00' });
      // Saturday 5 December 2026, 19:00 in Shanghai.
      await page.locator('input[name="at"]').fill('2026-12-05T19:00');
      await page.getByRole('button', { name: '预览 · Preview' }).click();
      const preview = await page.getByRole('status').first().textContent();
      expect(preview).toContain(`weekend-${size}`);
      expect(preview).toContain('office');
      // The settings form runs to many screens; the preview sits at its top.
      await shot(page, `admin-site-rota-preview-${size}.png`, false);
    }
  });

  it('shows a refused settings field beside its input, and keeps what was typed', async () => {
    const page = await signIn(browser(), stack().baseUrl, 'head', 'Head-demo-2026', DESK);
    await page.goto(`${stack().baseUrl}/admin/site`);
    await page.locator('input[name="complaints.safetyContactEmail"]').fill('safety@hospital');
    await page.getByRole('button', { name: '保存设置 · Save settings' }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('input[name="complaints.safetyContactEmail"]').inputValue()).toBe('safety@hospital');
    expect(await page.locator('label:has(input[name="complaints.safetyContactEmail"]) .err').textContent()).toContain('电子邮箱格式不正确');
    await page.locator('input[name="complaints.safetyContactEmail"]').scrollIntoViewIfNeeded();
    await shot(page, 'admin-site-refused-desk.png', false);
  });

  it('lets the office head read the audit trail, and returns a deep link after sign-in', async () => {
    const context = await browser().newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${stack().baseUrl}/admin/audit?action=sign-in`);
    await page.getByLabel('用户名 · Username').fill('head');
    await page.getByLabel('密码 · Password').fill('Head-demo-2026');
    await page.getByRole('button', { name: '登录 · Sign in' }).click();
    await page.waitForURL(/\/admin\/audit\?action=sign-in/);
    expect(await page.locator('table').textContent()).toContain('user:head');
    await shot(page, 'admin-audit-deep-link-phone.png');
  });
});

describe('the patient pages in Chromium', () => {
  it('asks a ward no registration question, words every point, and shows the office\'s contact', async () => {
    const page = await (await browser().newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
    await page.goto(await stack().surveyUrl('cardiology-ward'));
    const body = await page.locator('body').textContent() ?? '';
    expect(body).not.toContain('挂号与缴费');
    for (const word of ['很不满意', '不满意', '一般', '满意', '很满意']) expect(body).toContain(word);
    expect(body).toContain('0571-8888 1234');
    await shot(page, 'survey-ward-phone.png');
    await page.goto(await stack().surveyUrl('registration-billing'));
    expect(await page.locator('body').textContent()).toContain('挂号与缴费');
  });

  it('shows the patient the hospital\'s answer on the tracking page of a closed case', async () => {
    const now = new Date();
    await storeNewComplaint(TABLE_NAME, {
      id: 'cccccccc-0000-4000-8000-000000000001', siteId: 'demo', departmentId: 'outpatient-pharmacy', trackingCode: 'ANSW-ERED-2345-CASE', channel: 'qr-page', enteredBy: 'patient',
      settledOnSpot: false, multiDepartment: false, receivedAt: new Date(now.getTime() - 3 * 86_400_000).toISOString(), timeZone: 'Asia/Shanghai', description: '药房窗口排队太久。',
      status: 'closed', category: 'waiting', severity: 'low', safetySignal: false, safetyKinds: [], terms: [], handlerDepartmentId: 'pharmacy-office', owner: 'office',
      acknowledgeBy: now.toISOString(), dueAt: new Date(now.getTime() + 2 * 86_400_000).toISOString(), hasContact: false, mailPending: false, version: 3,
      outcome: 'substantiated', response: '药房已在高峰时段增开一个窗口，并在候药区显示叫号。感谢您的意见。', closedAt: now.toISOString(),
    }, undefined, now);
    const page = await (await browser().newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
    await page.goto(`${stack().baseUrl}/t`);
    await page.locator('input[name="code"]').fill('answ-ered-2345-case');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForLoadState('networkidle');
    const body = await page.locator('body').textContent() ?? '';
    expect(body).toContain('医院的答复');
    expect(body).toContain('增开一个窗口');
    expect(body).toContain('0571-8888 1234');
    await shot(page, 'tracking-answer-phone.png');
  });
});
