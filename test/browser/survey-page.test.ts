import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { counterNames } from '../../shared/reporting/counters.ts';
import { sumAggregates } from '../../shared/storage/aggregates.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { SCREENSHOTS, useBrowser } from '../support/browser.ts';
import { openPhonePage } from '../support/phone-page.ts';
import { eventually, useLocalStack } from '../support/local-stack.ts';

// What a patient does: open the department's page on a phone, answer in Chinese, send. Real Chromium
// against the whole local stack; the screenshots in test/output/ show what patients see.

const stack = useLocalStack({ rateLimitPerMinute: 1000 });
const browser = useBrowser();
const openPage = (options: BrowserContextOptions) => openPhonePage(browser(), options);

const today = () => dayIn('Asia/Shanghai', new Date());

async function counted(departmentId: string, counter: string, expected: number): Promise<void> {
  await eventually(`${counter} = ${expected} for ${departmentId}`, async () => {
    const { counters } = await sumAggregates(TABLE_NAME, 'demo', departmentId, today(), today());
    return counters[counter] === expected ? true : undefined;
  });
}

async function storedComments(): Promise<string[]> {
  const dynamo = new DynamoDBClient({ endpoint: stack().env.AWS_ENDPOINT_URL_DYNAMODB });
  const { Items = [] } = await dynamo.send(new ScanCommand({ TableName: TABLE_NAME, FilterExpression: 'attribute_exists(#c)', ExpressionAttributeNames: { '#c': 'comment' } }));
  return Items.map((item) => item.comment?.S ?? '');
}

describe('the survey page in Chromium', () => {
  it('is filled in Chinese on a phone, sent with one tap and counted once', async () => {
    const { page, problems } = await openPage({ locale: 'zh-CN' });
    await page.goto(await stack().surveyUrl('registration-billing'));
    expect(await page.locator('h1').textContent()).toBe('门诊挂号收费窗口');

    await page.getByLabel('很好', { exact: true }).check();
    await page.getByLabel('10–15 分钟').check();
    await page.locator('[data-field="ratings.waiting"]').getByLabel(/^4/).check();
    await page.locator('[data-field="ratings.communication"]').getByLabel(/^5/).check();
    const comment = '收费窗口的工作人员很耐心，解释医保报销很清楚。';
    await page.getByLabel('您想对我们说些什么？').fill(comment);
    await page.getByText('希望我们联系您吗？').click();
    await page.getByLabel('我同意医院就本次评价联系我').check();
    await page.getByLabel('手机或电话').fill('138 0013 8000');
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-zh-filled.png'), fullPage: true });

    const submit = page.getByRole('button', { name: '提交评价' });
    await submit.click();
    await submit.click({ timeout: 500 }).catch(() => undefined); // a double tap is still one response
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await page.getByText('我们的工作人员会尽快与您联系').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-zh-thanks.png'), fullPage: true });

    await counted('registration-billing', counterNames.surveys, 1);
    await counted('registration-billing', counterNames.overall('very_good'), 1);
    await counted('registration-billing', counterNames.waitWithinTarget, 1);
    await counted('registration-billing', counterNames.rating('waiting', 4), 1);
    await counted('registration-billing', counterNames.contactRequested, 1);
    expect(await storedComments()).toContain(comment);
    expect(problems).toEqual([]);
  });

  it('works without JavaScript, in English from the switch', async () => {
    const { page, problems } = await openPage({ locale: 'zh-CN', javaScriptEnabled: false });
    await page.goto(await stack().surveyUrl('cardiology-ward'));
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Cardiology Ward');
    // Wards do not ask about queueing at a window.
    expect(await page.getByText('How long did you queue').count()).toBe(0);

    await page.getByLabel('Poor', { exact: true }).check();
    await page.getByLabel('Anything you would like to tell us?').fill('The night nurse did not answer the call bell for 20 minutes.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-en-no-js-thanks.png'), fullPage: true });

    await counted('cardiology-ward', counterNames.overall('poor'), 1);
    expect(problems).toEqual([]);
  });

  it('says what to fix, in Chinese, when a plain form post is refused, and counts nothing', async () => {
    const { page } = await openPage({ locale: 'zh-CN', javaScriptEnabled: false });
    await page.goto(await stack().surveyUrl('outpatient-pharmacy'));
    await page.getByLabel('一般', { exact: true }).check();
    await page.getByText('希望我们联系您吗？').click();
    await page.getByLabel('我同意医院就本次评价联系我').check(); // consent, but neither phone nor e-mail
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '提交未成功' }).waitFor();
    await page.getByText('电话或邮箱（至少填一项，格式要正确）').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-zh-refused.png'), fullPage: true });

    const { counters } = await sumAggregates(TABLE_NAME, 'demo', 'outpatient-pharmacy', today(), today());
    expect(counters[counterNames.surveys] ?? 0).toBe(0);
  });

  it('marks the field in place when the script sends an answer the server refuses', async () => {
    const { page, problems } = await openPage({ locale: 'zh-CN' });
    await page.goto(await stack().surveyUrl('emergency'));
    await page.getByLabel('差', { exact: true }).check();
    await page.getByText('希望我们联系您吗？').click();
    await page.getByLabel('电子邮箱').fill('not-an-address@');
    // The browser's own check would stop this; the server must refuse it too.
    await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('alert').getByText('有些内容需要修改').waitFor();
    expect(await page.getByRole('button', { name: '提交评价' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-zh-inline-error.png'), fullPage: true });
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
  });

  it('shows a friendly page for a forged code', async () => {
    const { page } = await openPage({ locale: 'zh-CN' });
    const response = await page.goto(`${stack().baseUrl}/s/ZGVtbzplbWVyZ2VuY3k6MQ.AAAAAAAAAAAAAAAA`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: '二维码无法识别' }).waitFor();
  });
});
