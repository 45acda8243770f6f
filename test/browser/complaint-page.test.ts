import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import type { ComplaintRecord } from '../../shared/schemas/complaint.ts';
import { storeNewComplaint } from '../../shared/storage/complaints.ts';
import { SCREENSHOTS, useBrowser } from '../support/browser.ts';
import { openPhonePage } from '../support/phone-page.ts';
import { useLocalStack } from '../support/local-stack.ts';

// What a worried patient or relative does: from the department's survey page, open the complaint page,
// write what happened in Chinese, send it (on an old phone without JavaScript, and on a current one),
// keep the tracking code and look the complaint up. Real Chromium against the whole local stack; the
// screenshots in test/output/complaint-*.png show what they see. Whether the worker stores the case is
// the worker's tests' business: here the page's answer is the outcome.

const stack = useLocalStack({ rateLimitPerMinute: 1000 });
const TRACKING_CODE = /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/;
const browser = useBrowser();
const openPage = (options: BrowserContextOptions) => openPhonePage(browser(), options);

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `complaint-${name}.png`), fullPage: true });

/** Nothing wider than the phone's screen: no sideways scrolling for a patient. */
async function expectNoOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.content).toBeLessThanOrEqual(widths.screen);
}

async function fromSurveyPage(page: Page, departmentId: string): Promise<void> {
  await page.goto(await stack().surveyUrl(departmentId));
  await page.getByRole('link', { name: '我要投诉' }).click();
  await page.getByRole('heading', { name: '我要投诉', level: 1 }).waitFor();
  expect(new URL(page.url()).pathname).toMatch(/^\/c\//);
}

describe('the complaint page in Chromium', () => {
  it('is reached from the survey page and sent without JavaScript, with contact details: the confirmation shows the tracking code', async () => {
    const { page, problems } = await openPage({ locale: 'zh-CN', javaScriptEnabled: false });
    await fromSurveyPage(page, 'cardiology-ward');
    await page.getByText('投诉科室：心血管内科病区').waitFor();
    await page.getByLabel('发生了什么？').fill('护士态度很差，打针时不耐烦。昨晚八点左右在 12 床，扎了三次都没扎上，还说我们家属事多。');
    await page.getByLabel('事情发生的日期').fill('2026-11-20');
    await page.getByLabel('涉及的工作人员').fill('夜班护士');
    await page.getByLabel('您希望医院怎样处理？').fill('希望护士能耐心一些，给我们道个歉。');
    await page.getByLabel('您的称呼').fill('李女士');
    await page.getByLabel('患者家属').check();
    await page.getByLabel('手机或电话').fill('138 0013 8000');
    await page.getByLabel('我同意医院就这次投诉与我联系').check();
    await expectNoOverflow(page);
    await shot(page, 'zh-filled');

    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.getByRole('heading', { name: '投诉已提交' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/v1/complaints'); // the form's own post, answered with a page
    const code = (await page.locator('output.code').textContent()) ?? '';
    expect(code).toMatch(TRACKING_CODE);
    expect(await page.getByRole('link', { name: '查看处理进度' }).getAttribute('href')).toBe(`/t/${code}?lang=zh-CN`);
    await page.getByText('医患关系办公室会在 1 个工作日内受理您的投诉。').waitFor();
    await page.getByText('一般在 5 个工作日内答复；需要多个部门共同调查的，在 10 个工作日内答复。').waitFor();
    expect(await page.getByText('您留下了联系方式').isVisible()).toBe(true);
    expect(await page.getByText('您没有留下联系方式').isVisible()).toBe(false);
    await expectNoOverflow(page);
    await shot(page, 'zh-no-js-confirmation');
    expect(problems).toEqual([]);
  });

  it('shows the tracking code in place when JavaScript runs, and says only the code follows a complaint without contact details', async () => {
    const { page, problems } = await openPage({ locale: 'zh-CN' });
    await fromSurveyPage(page, 'emergency');
    const address = page.url();
    await page.getByLabel('发生了什么？').fill('急诊等了三个小时，没有人告诉我们还要等多久。');
    const submit = page.getByRole('button', { name: '提交投诉' });
    await submit.click();
    await submit.click({ timeout: 500 }).catch(() => undefined); // a double tap is still one complaint
    await page.getByRole('heading', { name: '投诉已提交' }).waitFor();
    expect(page.url()).toBe(address);
    const code = (await page.locator('#thanks output.code').textContent()) ?? '';
    expect(code).toMatch(TRACKING_CODE);
    expect(await page.getByRole('link', { name: '查看处理进度' }).getAttribute('href')).toBe(`/t/${code}?lang=zh-CN`);
    expect(await page.getByText('您没有留下联系方式，医院无法主动联系您。').isVisible()).toBe(true);
    expect(await page.getByText('您留下了联系方式').isVisible()).toBe(false);
    expect(await page.locator('#complaint').isVisible()).toBe(false);
    await expectNoOverflow(page);
    await shot(page, 'zh-js-confirmation');
    expect(problems).toEqual([]);
  });

  it('names the missing description on the page it answers a plain form post with', async () => {
    const { page } = await openPage({ locale: 'zh-CN', javaScriptEnabled: false });
    await fromSurveyPage(page, 'outpatient-pharmacy');
    // Only spaces: the browser's own check lets it through, the server must refuse it.
    await page.getByLabel('发生了什么？').fill('   ');
    await page.getByLabel('手机或电话').fill('13800138000'); // contact details without the consent
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.getByRole('heading', { name: '投诉未提交成功' }).waitFor();
    await page.getByText('事情经过（必填，最多 4000 字）').waitFor();
    await page.getByText('同意联系（留下联系方式时请勾选）').waitFor();
    await expectNoOverflow(page);
    await shot(page, 'zh-refused');
    // The form comes back with what the patient wrote, to correct and send again.
    expect(await page.getByLabel('手机或电话').inputValue()).toBe('13800138000');
  });

  it('marks the field in place when the script sends a complaint the server refuses', async () => {
    const { page, problems } = await openPage({ locale: 'en' });
    await page.goto(`${(await stack().surveyUrl('maternity-ward')).replace('/s/', '/c/')}?lang=en`);
    await page.getByLabel('What happened?').fill('   ');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.getByRole('alert').getByText('What happened (required, up to 4000 characters)').waitFor();
    expect(await page.locator('#description').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Send complaint' }).isEnabled()).toBe(true);
    await shot(page, 'en-inline-error');
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
  });

  it('shows the survey page\'s friendly page for a forged code', async () => {
    const { page } = await openPage({ locale: 'zh-CN' });
    const response = await page.goto(`${stack().baseUrl}/c/ZGVtbzplbWVyZ2VuY3k6MQ.AAAAAAAAAAAAAAAA`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: '二维码无法识别' }).waitFor();
  });
});

describe('the tracking page in Chromium', () => {
  const code = 'HJKM-NPQR-STUV-WXY2';
  const id = '55555555-5555-4555-8555-555555555555';
  const record: ComplaintRecord = {
    id, siteId: 'demo', departmentId: 'cardiology-ward', trackingCode: code, channel: 'qr-page', enteredBy: 'patient', settledOnSpot: false,
    multiDepartment: false, receivedAt: '2026-11-22T16:30:00.000Z', timeZone: 'Asia/Shanghai', description: '护士态度很差，打针时不耐烦', status: 'investigating', category: 'nursing',
    severity: 'medium', safetySignal: false, safetyKinds: [], terms: ['态度'], handlerDepartmentId: 'nursing-office', owner: 'office', acknowledgeBy: '2026-11-24T23:59:59.999+08:00',
    dueAt: '2026-11-30T23:59:59.999+08:00', hasContact: true, mailPending: false, version: 1,
  };

  it('finds a complaint by the code typed in (lower case, no dashes) and says where it stands, without personal data', async () => {
    await storeNewComplaint(TABLE_NAME, record, { name: '李女士', relation: 'family', phone: '13800138000', consent: true }, new Date());
    const { page, problems } = await openPage({ locale: 'zh-CN', javaScriptEnabled: false });
    await page.goto(`${stack().baseUrl}/t`);
    await page.getByRole('heading', { name: '查询投诉处理进度' }).waitFor();
    await page.getByLabel('查询码').fill(code.replace(/-/g, '').toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('调查处理中').waitFor();
    expect(await page.locator('output.code').textContent()).toBe(code);
    await page.getByText('2026年11月23日').waitFor(); // received on the 23rd in Shanghai
    await page.getByText('2026年11月30日').waitFor();
    const text = (await page.locator('body').textContent()) ?? '';
    for (const personal of ['李女士', '13800138000', '护士态度很差', 'office']) expect(text).not.toContain(personal);
    await expectNoOverflow(page);
    await shot(page, 'zh-tracking');

    await page.getByRole('link', { name: 'English' }).click();
    await page.getByText('Being investigated').waitFor();
    await page.getByText('30 November 2026').waitFor();
    await shot(page, 'en-tracking');
    expect(problems).toEqual([]);
  });

  it('answers an unknown code with a friendly 404 page and the form again', async () => {
    const { page } = await openPage({ locale: 'zh-CN' });
    const response = await page.goto(`${stack().baseUrl}/t/ABCD-EFGH-JKLM-NPQS`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: '没有找到这个查询码' }).waitFor();
    expect(await page.getByLabel('查询码').inputValue()).toBe('ABCD-EFGH-JKLM-NPQS');
    await shot(page, 'zh-tracking-unknown');
  });
});
