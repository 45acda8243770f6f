import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { dynamoDb } from '../../shared/aws/dynamodb.ts';
import { complaintIdOfTrackingCode, getComplaint } from '../../shared/storage/complaints.ts';
import { keys } from '../../shared/storage/keys.ts';
import { SCREENSHOTS, useBrowser } from '../support/browser.ts';
import { eventually, useLocalStack } from '../support/local-stack.ts';
import { openPhonePage } from '../support/phone-page.ts';

// The promised lengths, emoji and a refused post, on a phone without JavaScript (and with it): what the
// patient typed reaches the store exactly, a refusal is a page in their language with the form as they
// filled it, and sending it again is the same submission. Screenshots: test/output/unicode-*.png.

const stack = useLocalStack({ rateLimitPerMinute: 1000 });
const browser = useBrowser();
const openPage = (options: BrowserContextOptions) => openPhonePage(browser(), options);
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `unicode-${name}.png`), fullPage: true });

/** 4,000 characters as the patient counts them: 40 lines of Chinese, each ended by a line break. */
const FOUR_THOUSAND = Array.from({ length: 40 }, (_, line) => `${String(line + 1).padStart(2, '0')}${'护士态度不好让人很难过'.repeat(10).slice(0, 97)}\n`).join('');

const storedSurvey = (id: string) => eventually(`survey ${id} stored`, async () => {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.survey(id), ConsistentRead: true }));
  return Item;
});

const storedComplaint = (trackingCode: string) => eventually(`complaint ${trackingCode} stored`, async () => {
  const id = await complaintIdOfTrackingCode(TABLE_NAME, trackingCode);
  return id === undefined ? undefined : getComplaint(TABLE_NAME, id);
});

describe('long and unusual text in Chromium', () => {
  it('takes exactly 4,000 Chinese characters (line breaks included) in a complaint without JavaScript, and stores them as sent', async () => {
    // Prepare
    expect([...FOUR_THOUSAND].length).toBe(4000);
    const { page, problems } = await openPage({ locale: 'zh-CN', javaScriptEnabled: false });
    await page.goto((await stack().surveyUrl('cardiology-ward')).replace('/s/', '/c/'));
    const description = page.getByLabel('发生了什么？');
    expect(await description.getAttribute('maxlength')).toBe('4000');

    // Act
    await description.fill(FOUR_THOUSAND);
    const typed = await description.inputValue();
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.getByRole('heading', { name: '投诉已提交' }).waitFor();
    await shot(page, 'complaint-4000-confirmation');

    // Assess: the browser kept all of it and sent line breaks as CR LF, which count as one character each.
    expect(typed).toBe(FOUR_THOUSAND);
    const code = (await page.locator('output.code').textContent()) ?? '';
    const record = await storedComplaint(code);
    expect(record?.description).toBe(FOUR_THOUSAND.replace(/\n/g, '\r\n'));
    expect(problems).toEqual([]);
  });

  it('takes the same 4,000 characters with JavaScript, and the code appears in place', async () => {
    const { page, problems } = await openPage({ locale: 'zh-CN' });
    await page.goto((await stack().surveyUrl('emergency')).replace('/s/', '/c/'));
    await page.getByLabel('发生了什么？').fill(FOUR_THOUSAND);
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.locator('#thanks').getByRole('heading', { name: '投诉已提交' }).waitFor();

    // The script posts the form's entries as they are: line breaks as typed (LF), not as a plain post sends them.
    const code = (await page.locator('#thanks output.code').textContent()) ?? '';
    expect((await storedComplaint(code))?.description).toBe(FOUR_THOUSAND);
    expect(problems).toEqual([]);
  });

  it('stores a survey comment with emoji and a rare name character exactly, sent without JavaScript', async () => {
    const { page, problems } = await openPage({ locale: 'zh-CN', javaScriptEnabled: false });
    await page.goto(await stack().surveyUrl('outpatient-pharmacy'));
    const submissionId = await page.locator('input[name="submissionId"]').getAttribute('value') ?? '';
    const comment = '很好 👍 药师吉田（𠮷田）讲得很清楚 🙏🏻';

    await page.getByLabel('很好', { exact: true }).check();
    await page.getByLabel('您想对我们说些什么？').fill(comment);
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await shot(page, 'survey-emoji-thanks');

    expect((await storedSurvey(submissionId))?.comment).toBe(comment);
    expect(problems).toEqual([]);
  });

  it('answers a refused post without JavaScript with the survey again, as filled in, the field marked; sent again corrected, it counts once', async () => {
    // Prepare
    const { page, problems } = await openPage({ locale: 'zh-CN', javaScriptEnabled: false });
    await page.goto(await stack().surveyUrl('registration-billing'));
    const submissionId = await page.locator('input[name="submissionId"]').getAttribute('value') ?? '';
    const comment = '窗口排队太久了 😩\n希望多开一个窗口。';
    await page.getByLabel('差', { exact: true }).check();
    await page.locator('[data-field="ratings.waiting"]').getByLabel(/^2/).check();
    await page.getByLabel('您想对我们说些什么？').fill(comment);
    await page.getByText('希望我们联系您吗？').click();
    await page.getByLabel('我同意医院就本次评价联系我').check();
    await page.getByLabel('手机或电话').fill('138-abc');

    // Act: the phone number is wrong.
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '提交未成功' }).waitFor();
    await shot(page, 'survey-refused');

    // Assess: a page in Chinese, the form as it was sent, the field to fix marked, the same submission.
    expect(new URL(page.url()).pathname).toBe('/v1/surveys');
    await page.getByRole('alert').getByText('电话或邮箱（至少填一项，格式要正确）').waitFor();
    expect(await page.getByLabel('您想对我们说些什么？').inputValue()).toBe(comment);
    expect(await page.getByLabel('差', { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('[data-field="ratings.waiting"]').getByLabel(/^2/).isChecked()).toBe(true);
    expect(await page.getByLabel('我同意医院就本次评价联系我').isChecked()).toBe(true);
    expect(await page.getByLabel('手机或电话').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('input[name="submissionId"]').getAttribute('value')).toBe(submissionId);

    // Act: corrected and sent again.
    await page.getByLabel('手机或电话').fill('138 0013 8000');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await shot(page, 'survey-resent-thanks');
    expect((await storedSurvey(submissionId))?.comment).toBe(comment.replace(/\n/g, '\r\n'));
    // The browser reports the refused post's status (422) as a console error; nothing else may appear.
    expect(problems.filter((problem) => !problem.includes('status of 422'))).toEqual([]);
  });

  it('answers a body the server cannot read with a page in English when the form says English', async () => {
    const { page } = await openPage({ locale: 'en', javaScriptEnabled: false });
    await page.goto(`${(await stack().surveyUrl('maternity-ward')).replace('/s/', '/c/')}?lang=en`);
    await page.getByLabel('What happened?').fill('The midwife was kind 😊');
    // A byte sequence no browser sends: the post is refused as unreadable, and the form comes back.
    await page.route('**/v1/complaints', (route) => route.continue({ postData: `${route.request().postData() ?? ''}&staffInvolved=%FF` }));
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.getByRole('heading', { name: 'Your complaint was not sent' }).waitFor();
    await shot(page, 'complaint-unreadable-en');

    await page.getByText('The form did not arrive intact; please check it and send it again.').waitFor();
    expect(await page.getByLabel('What happened?').inputValue()).toBe('The midwife was kind 😊');
  });
});
