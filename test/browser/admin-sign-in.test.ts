import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, signIn as signInAs, useBrowser } from '../support/browser.ts';
import { useLocalStack } from '../support/local-stack.ts';

// Staff sign in to the admin pages through the local issuer's hosted sign-in, as they would through
// Cognito's: authorization code with PKCE, then an HttpOnly, Secure, SameSite=Strict session cookie.

const stack = useLocalStack();

const browser = useBrowser();

const signIn = (username: string, password: string): Promise<Page> => signInAs(browser(), stack().baseUrl, username, password);

describe('staff sign-in in Chromium', () => {
  it('refuses a wrong password and sets no session', async () => {
    const page = await signIn('manager', 'Not-the-password-1');
    await page.getByRole('alert').getByText('用户名或密码不正确 · Wrong username or password').waitFor();
    expect(page.url().startsWith(stack().issuer.url)).toBe(true);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('pf_session');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-sign-in-refused.png') });
  });

  it('signs a manager in to the dashboard with a locked-down session cookie, and out again', async () => {
    const page = await signIn('manager', 'Manager-demo-2026');
    expect(page.url()).toBe(`${stack().baseUrl}/admin`);
    await page.getByRole('heading', { name: /示范区人民医院/u }).waitFor();
    expect(await page.locator('#departments table.units tbody tr').count()).toBe(20);
    const session = (await page.context().cookies()).find((c) => c.name === 'pf_session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-dashboard-manager.png'), fullPage: true });

    await page.getByRole('button', { name: '退出 · Sign out' }).click();
    await page.getByRole('heading', { name: '已退出 · Signed out' }).waitFor();
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('pf_session');
    await page.goto(`${stack().baseUrl}/admin`);
    expect(page.url().startsWith(`${stack().issuer.url}/oauth2/authorize`)).toBe(true);
  });

  it('shows a department responder only their own department', async () => {
    const page = await signIn('cardio', 'Cardio-demo-2026');
    await page.locator('#departments').waitFor();
    const rows = await page.locator('#departments table.units tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Cardiology Ward');
  });
});
