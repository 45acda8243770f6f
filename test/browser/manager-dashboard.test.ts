import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { renderDigest } from '../../shared/digests/digest-mail.ts';
import { callbackFigures } from '../../shared/reporting/callback-figures.ts';
import { buildManagerReport } from '../../shared/reporting/manager-report.ts';
import { previousPeriod } from '../../shared/reporting/periods.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { SCREENSHOTS, signIn, useBrowser } from '../support/browser.ts';
import { useLocalStack } from '../support/local-stack.ts';

// The managers' dashboard and the digest mail in Chromium, on a stack with twelve weeks of demo history.

const stack = useLocalStack({ demoHistoryDays: 84 });
const browser = useBrowser();

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 800 };

describe('the managers\' dashboard in Chromium', () => {
  it('shows key figures, the trend and the departments at desk size, and exports the same as CSV', async () => {
    const page = await signIn(browser(), stack().baseUrl, 'manager', 'Manager-demo-2026', DESK);
    await page.goto(`${stack().baseUrl}/admin?site=demo&period=quarter`);
    await page.getByRole('heading', { name: /示范区人民医院/u }).waitFor();
    expect(await page.locator('section.cards .card').count()).toBeGreaterThanOrEqual(4);
    // With history, the site's satisfaction is a score, not "too few".
    expect(await page.locator('section.cards .card').first().textContent()).toMatch(/\d+\.\d%/u);
    expect(await page.locator('#trend svg rect').count()).toBeGreaterThanOrEqual(12);
    expect(await page.locator('#departments svg g').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-desk.png'), fullPage: true });

    const csv = await page.request.get(`${stack().baseUrl}/admin/export.csv?site=demo&period=quarter`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('急诊科');

    await page.goto(`${stack().baseUrl}/admin?group=district-group&period=quarter`);
    await page.locator('#sites').waitFor();
    expect(await page.locator('#sites tbody tr').count()).toBe(4);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-group-desk.png'), fullPage: true });
  });

  it('fits a phone, sorts the comparison by a link, and keeps a responder to their department', async () => {
    const page = await signIn(browser(), stack().baseUrl, 'manager', 'Manager-demo-2026', PHONE);
    await page.goto(`${stack().baseUrl}/admin?site=demo&period=month&sort=n`);
    await page.locator('#departments').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone.png'), fullPage: true });

    const responder = await signIn(browser(), stack().baseUrl, 'cardio', 'Cardio-demo-2026', PHONE);
    const refused = await responder.goto(`${stack().baseUrl}/admin?site=demo&department=emergency`);
    expect(refused?.status()).toBe(404);
  });

  it('renders the digest mail without scripts, fonts or images, fitting a phone and a desk', async () => {
    const today = dayIn('Asia/Shanghai', new Date());
    const report = await buildManagerReport({ table: TABLE_NAME, scope: { kind: 'site', siteId: 'demo' }, period: previousPeriod('week', today), now: new Date(), baseUrl: stack().baseUrl });
    // With the callbacks' coverage the key figures are five cards: in one row they overflowed a phone.
    const withCallbacks = { ...report, callbacks: callbackFigures({ callback_discharged: 154, callback_attempted: 120, callback_reached: 100, callback_declined: 4, callback_unreachable: 16, callback_complaints: 1 }, 0.5) };
    for (const [label, shown] of [['', report], ['-callbacks', withCallbacks]] as const) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const mail = renderDigest({ report: shown, locale, from: 'feedback@hospital.example', to: 'manager@hospital.example', unsubscribeUrl: `${stack().baseUrl}/digests/unsubscribe?t=x`, linkCases: true });
        expect(mail.html).not.toMatch(/<script|<svg|<img|@font-face|<link/iu);
        writeFileSync(join(SCREENSHOTS, `digest-${locale}${label}.html`), mail.html);
        for (const [name, viewport] of [['phone', PHONE], ['desk', { width: 800, height: 900 }]] as const) {
          const page = await (await browser().newContext({ viewport })).newPage();
          await page.setContent(mail.html);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${locale}${label} ${name}`).toBeLessThanOrEqual(0);
          // On a desk the key figures stay one row; on a phone they wrap.
          const tops = new Set(await page.locator('div[style*="inline-block"]').evaluateAll((cards) => cards.map((card) => Math.round(card.getBoundingClientRect().top))));
          if (name === 'desk') expect(tops.size, `${locale}${label} desk rows`).toBe(1);
          else expect(tops.size, `${locale}${label} phone rows`).toBeGreaterThan(1);
          await page.screenshot({ path: join(SCREENSHOTS, `digest-${locale}${label}-${name}.png`), fullPage: true });
        }
      }
    }
  });

  it('renders a group\'s digest with each member site and the group total, at phone and desk width', async () => {
    const today = dayIn('Asia/Shanghai', new Date());
    const report = await buildManagerReport({ table: TABLE_NAME, scope: { kind: 'group', groupId: 'district-group' }, period: previousPeriod('month', today), now: new Date(), baseUrl: stack().baseUrl });
    const mail = renderDigest({ report, locale: 'zh-CN', from: 'feedback@hospital.example', to: 'manager@hospital.example', unsubscribeUrl: `${stack().baseUrl}/digests/unsubscribe?t=x`, linkCases: false });
    writeFileSync(join(SCREENSHOTS, 'digest-group.html'), mail.html);
    for (const [name, viewport] of [['phone', PHONE], ['desk', { width: 800, height: 900 }]] as const) {
      const page = await (await browser().newContext({ viewport })).newPage();
      await page.setContent(mail.html);
      // The member sites and the total, each in its own row with its figure and count.
      for (const name of ['示范区人民医院', '示范区城东社区卫生服务中心', '示范区精神卫生中心', '合计']) {
        const row = page.locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${name}$`, 'u') }) }).last();
        expect(await row.textContent()).toMatch(/\d+\.\d% \(n=\d+\)|样本不足 \(\d+\)/u);
      }
      expect(await page.getByText('成员单位', { exact: true }).count()).toBe(1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, `digest-group-${name}.png`), fullPage: true });
    }
  });
});
