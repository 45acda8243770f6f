import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsqr from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { auditEntries } from '../../shared/storage/audit.ts';
import { getDepartment } from '../../shared/storage/sites.ts';
import { SCREENSHOTS, signIn, useBrowser } from '../support/browser.ts';
import { useLocalStack } from '../support/local-stack.ts';

// A department's codes and posters in the admin pages, as `npm run qr` does them: the office head
// downloads the survey poster as PNG (which scans to the department's survey) and the complaint poster as
// PDF, then revokes the department's codes; the old QR code's URL then shows the unknown-code page.

const stack = useLocalStack();
const browser = useBrowser();
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 800 };
const DEPARTMENT = 'health-check';
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage });

describe('codes and posters in the admin pages', () => {
  it('lets the office head download a department\'s posters and revoke its codes', async () => {
    const oldUrl = await stack().surveyUrl(DEPARTMENT);
    const page = await signIn(browser(), stack().baseUrl, 'head', 'Head-demo-2026', DESK);
    await page.getByRole('link', { name: '海报 · Posters' }).click();
    await page.waitForURL(/\/admin\/posters/);
    const row = page.locator('tr', { has: page.locator(`input[name="department"][value="${DEPARTMENT}"]`) });
    await shot(page, 'admin-posters-desk.png', false);

    // The survey poster as PNG: downloaded as the browser does, and its QR code scans to the survey URL.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'PNG' }).first().click()]);
    expect(download.suggestedFilename()).toBe(`${DEPARTMENT}-survey.png`);
    const png = PNG.sync.read(readFileSync(await download.path()));
    expect([png.width, png.height]).toEqual([1748, 2480]);
    expect(jsqr.default(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(oldUrl);

    // With the session's cookie, as the link sends it: the content types.
    const pngHref = await row.getByRole('link', { name: 'PNG' }).first().getAttribute('href');
    const pngResponse = await page.request.get(`${stack().baseUrl}${pngHref ?? ''}`);
    expect(pngResponse.headers()['content-type']).toBe('image/png');
    const pdfHref = await row.getByRole('link', { name: 'PDF' }).nth(1).getAttribute('href');
    expect(pdfHref).toContain('page=complaint');
    const pdf = await page.request.get(`${stack().baseUrl}${pdfHref ?? ''}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toBe(`attachment; filename="${DEPARTMENT}-complaint.pdf"`);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Revoking asks for the box to be ticked (the browser holds the form until it is), then withdraws the codes.
    const before = (await getDepartment(TABLE_NAME, 'demo', DEPARTMENT))?.codeGeneration ?? 0;
    await row.getByRole('checkbox').check();
    await row.getByRole('button', { name: '作废二维码 · Revoke codes' }).click();
    await page.waitForURL(/revoked=health-check/);
    expect(await page.getByRole('status').textContent()).toContain('旧二维码已作废');
    expect((await getDepartment(TABLE_NAME, 'demo', DEPARTMENT))?.codeGeneration).toBe(before + 1);
    await shot(page, 'admin-posters-revoked-desk.png', false);
    const audited = await auditEntries(TABLE_NAME, 'demo', new Date().toISOString().slice(0, 10));
    expect(audited).toContainEqual(expect.objectContaining({ actor: 'user:head', action: 'codes-revoke', target: `department:demo:${DEPARTMENT}` }));
    expect(audited).toContainEqual(expect.objectContaining({ actor: 'user:head', action: 'poster-download', detail: 'complaint pdf' }));

    // The old poster's QR code now opens the unknown-code page, with the office to turn to.
    const patient = await (await browser().newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
    await expect.poll(async () => (await patient.goto(oldUrl))?.status(), { timeout: 5_000 }).toBe(404);
    expect(await patient.locator('h1').textContent()).toBe('二维码无法识别');
    expect(await patient.textContent('body')).toContain('0571-8888 1234');
    await shot(patient, 'admin-posters-old-code-phone.png');
    // The new poster carries a code that works.
    const newUrl = await stack().surveyUrl(DEPARTMENT);
    expect(newUrl).not.toBe(oldUrl);
    expect((await patient.goto(newUrl))?.status()).toBe(200);
  });

  it('works at phone size, and is not for the complaint office\'s officers', async () => {
    const page = await signIn(browser(), stack().baseUrl, 'head', 'Head-demo-2026', PHONE);
    await page.goto(`${stack().baseUrl}/admin/posters`);
    expect(await page.locator('h2').first().textContent()).toContain('二维码与海报');
    await shot(page, 'admin-posters-phone.png', false);

    // Without the box ticked (a browser that skips the form's own check), nothing is revoked.
    const generation = (await getDepartment(TABLE_NAME, 'demo', 'tcm-clinic'))?.codeGeneration;
    const form = page.locator('form', { has: page.locator('input[name="department"][value="tcm-clinic"]') });
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.evaluate((f: HTMLFormElement) => f.submit())]);
    expect(answer.status()).toBe(422);
    await expect.poll(() => page.locator('.err').first().textContent()).toContain('请勾选确认');
    expect((await getDepartment(TABLE_NAME, 'demo', 'tcm-clinic'))?.codeGeneration).toBe(generation);

    const officer = await signIn(browser(), stack().baseUrl, 'office', 'Office-demo-2026', PHONE);
    expect((await officer.goto(`${stack().baseUrl}/admin/posters`))?.status()).toBe(403);
    expect((await officer.request.get(`${stack().baseUrl}/admin/posters/${DEPARTMENT}?page=survey&format=pdf`)).status()).toBe(403);
    expect((await page.request.get(`${stack().baseUrl}/admin/posters/${DEPARTMENT}?site=elsewhere&format=pdf`)).status()).toBe(404);
    expect((await page.request.get(`${stack().baseUrl}/admin/posters/${DEPARTMENT}?format=gif`)).status()).toBe(404);
  });
});
