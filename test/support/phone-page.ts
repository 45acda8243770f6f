import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/** A mid-range phone's screen: what patients open the pages on. */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** A page on a phone-sized screen, with the console errors and script errors it raises collected. */
export async function openPhonePage(browser: Browser, options: BrowserContextOptions): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ ...PHONE, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  // A Content-Security-Policy violation or a script error is a broken page, even if the test would pass.
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, problems };
}
