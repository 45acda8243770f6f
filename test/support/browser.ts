import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../infra/browser.ts';

/** Where browser tests save the screenshots people look at. */
export const SCREENSHOTS = join(import.meta.dirname, '..', 'output');

/** One Chromium for a test file, closed after it. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('Chromium is not running');
    return browser;
  };
}

/**
 * Opens `/admin` in a fresh context (its own cookies) and signs in on the local issuer's hosted page, as
 * staff do through Cognito's. Returns wherever the round trip ends: the dashboard, or the sign-in page
 * with its error.
 */
export async function signIn(browser: Browser, baseUrl: string, username: string, password: string, viewport = { width: 1100, height: 800 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${baseUrl}/admin`);
  await page.getByLabel('用户名 · Username').fill(username);
  await page.getByLabel('密码 · Password').fill(password);
  await page.getByRole('button', { name: '登录 · Sign in' }).click();
  await page.waitForLoadState('networkidle');
  // The callback answers with a page that moves on by a meta refresh (so the Strict session cookie goes with
  // a same-site navigation); on a busy machine the network can fall quiet before that refresh starts.
  if (new URL(page.url()).pathname === '/admin/callback') {
    await page.waitForURL((url) => url.pathname !== '/admin/callback');
    await page.waitForLoadState('networkidle');
  }
  return page;
}
