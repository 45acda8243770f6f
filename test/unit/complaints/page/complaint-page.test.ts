import { createHash } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../../shared/sites/working-calendar.ts';
import { complaintPageUrl, normalizeTrackingCode } from '../../../../shared/complaints/page/complaint-paths.ts';
import { complaintProblemWording, renderComplaintConfirmationPage, renderComplaintPage, renderTrackingPage } from '../../../../shared/complaints/page/complaint-page.ts';
import { TRACKING_CODE_PATTERN } from '../../../../shared/complaints/tracking-code.ts';
import { DEMO_SITE } from '../../../../infra/local/demo-site.ts';
import { renderSurveyPage } from '../../../../shared/surveys/survey-page.ts';
import { PAGE_CONTENT_SECURITY_POLICY, renderProblemPage } from '../../../../shared/web/patient-page.ts';
import { ComplaintMessageSchema } from '../../../../shared/schemas/intake-message.ts';
import { formPost, httpEvent, responseHeader } from '../../../support/http-events.ts';
import { stubIntakeEnv } from '../../../support/intake-env.ts';
import { lambdaContext } from '../../../support/lambda-context.ts';
import { uuidFor } from '../../../support/survey-messages.ts';
import { demoDepartment, genuineCode, serveIntakeStores } from '../../../support/survey-target.ts';

// The complaint page, its confirmation and the tracking page as patients get them: both languages,
// escaped, self-contained under the patient pages' Content-Security-Policy.

stubIntakeEnv();
const intake = (await import('../../../../functions/complaint-intake/handler.ts')).handler;
const statusPage = (await import('../../../../functions/complaint-status-page/handler.ts')).handler;

const cardiology = demoDepartment('cardiology-ward');
const pageInput = {
  site: DEMO_SITE,
  department: cardiology,
  code: genuineCode('cardiology-ward'),
  submissionId: uuidFor(1),
  contactRetentionDays: 45,
  limits: DEFAULT_LIMITS,
  today: '2026-11-23',
  action: '/v1/complaints',
} as const;
const TRACKING_CODE = 'ABCD-EFGH-JKLM-NPQR';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Every inline style and executable script must be allowed by hash, and nothing may load from elsewhere. */
function expectSelfContained(page: string): void {
  for (const [, css = ''] of page.matchAll(/<style>([\s\S]*?)<\/style>/g)) expect(PAGE_CONTENT_SECURITY_POLICY).toContain(sha256(css));
  for (const [, attributes = '', js = ''] of page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (!attributes.includes('application/json')) expect(PAGE_CONTENT_SECURITY_POLICY).toContain(sha256(js));
  }
  expect(page).not.toMatch(/\b(src|href|action)="(https?:)?\/\//i);
  expect(page).not.toMatch(/@import|url\(|<link rel="stylesheet"|<img|<iframe/i);
  expect(page).not.toMatch(/\sstyle="/i); // a style attribute would be blocked by the policy
}

describe('the complaint page', () => {
  it('asks in Chinese first, with the department, the required description and the optional details', () => {
    const page = renderComplaintPage({ ...pageInput, locale: 'zh-CN' });
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<h1>我要投诉</h1>');
    expect(page).toContain('投诉科室：心血管内科病区');
    expect(page).toMatch(/<textarea id="description" name="description" maxlength="4000" required/);
    expect(page).toContain('name="incidentDate" max="2026-11-23"');
    for (const name of ['desiredOutcome', 'staffInvolved', 'contact.name', 'contact.phone', 'contact.email']) expect(page).toContain(`name="${name}"`);
    for (const relation of ['patient', 'family', 'other']) expect(page).toContain(`name="contact.relation" value="${relation}"`);
    expect(page).toContain('<input type="checkbox" name="contact.consent" value="true">');
    expect(page).toContain(`name="submissionId" value="${uuidFor(1)}"`);
    expect(page).toContain('<input type="hidden" name="locale" value="zh-CN">');
    expect(page).toContain('action="/v1/complaints"');
    expect(page).toContain('href="/t?lang=zh-CN"');
    expectSelfContained(page);
  });

  it('says that without contact details only the tracking code follows the complaint, and how long details are kept', () => {
    const zh = renderComplaintPage({ ...pageInput, locale: 'zh-CN' });
    expect(zh).toContain('不留联系方式也可以投诉，但医院无法联系您，您只能凭提交后显示的查询码查看处理进度。');
    expect(zh).toContain('投诉办结 45 天后自动删除');
    const en = renderComplaintPage({ ...pageInput, locale: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('About: Cardiology Ward');
    expect(en).toContain('you can follow your complaint only with the tracking code');
    expect(en).toContain('deleted 45 days after it is closed');
    expect(en).toContain('href="?lang=zh-CN" lang="zh-CN">中文</a>');
    expectSelfContained(en);
  });

  it('escapes what it did not write itself', () => {
    const page = renderComplaintPage({
      ...pageInput,
      locale: 'zh-CN',
      code: '"><script>alert(1)</script>',
      site: { ...DEMO_SITE, name: '<b>医院</b>' },
      department: { ...cardiology, name: '<img src=x onerror=alert(2)>' },
    });
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>医院</b>');
    expect(page).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expectSelfContained(page);
  });

  it('is linked from the survey page, in the survey page\'s language', () => {
    const code = genuineCode('cardiology-ward');
    const survey = (locale: 'zh-CN' | 'en') => renderSurveyPage({ locale, site: DEMO_SITE, department: cardiology, code, submissionId: uuidFor(2), askWaitTime: false, contactRetentionDays: 90, action: '/v1/surveys' });
    expect(survey('zh-CN')).toContain(`<a href="/c/${code}?lang=zh-CN">我要投诉</a>`);
    expect(survey('en')).toContain(`<a href="/c/${code}?lang=en">Make a complaint</a>`);
    expectSelfContained(survey('zh-CN'));
    expect(complaintPageUrl('https://feedback.example.cn/', code)).toBe(`https://feedback.example.cn/c/${code}`);
  });
});

describe('the confirmation page', () => {
  it('shows the tracking code large, the way to track it, and the time limits', () => {
    const page = renderComplaintConfirmationPage({ locale: 'zh-CN', trackingCode: TRACKING_CODE, contactGiven: false, limits: DEFAULT_LIMITS, officeContact: undefined });
    expect(page).toContain(`<output class="code" data-slot="trackingCode">${TRACKING_CODE}</output>`);
    expect(page).toContain(`href="/t/${TRACKING_CODE}?lang=zh-CN"`);
    expect(page).toContain('医患关系办公室会在 1 个工作日内受理您的投诉。');
    expect(page).toContain('一般在 5 个工作日内答复；需要多个部门共同调查的，在 10 个工作日内答复。');
    expect(page).toMatch(/data-contact="no">您没有留下联系方式/);
    expect(page).toMatch(/data-contact="yes" hidden>/);
    expectSelfContained(page);

    const en = renderComplaintConfirmationPage({ locale: 'en', trackingCode: TRACKING_CODE, contactGiven: true, limits: { acknowledgeWorkingDays: 0, investigationWorkingDays: 3, multiDepartmentWorkingDays: 5 }, officeContact: undefined });
    expect(en).toContain('acknowledge your complaint on the same day');
    expect(en).toContain('reply within 3 working days, or within 5 working days if several departments');
    expect(en).toMatch(/data-contact="yes">You left contact details/);
  });

  it('names the fields to fix in the complaint form\'s own words', () => {
    const errors = [{ path: 'description', message: 'say what happened' }, { path: 'contact.relation', message: 'required' }];
    const zh = renderProblemPage({ status: 422, errors, wording: complaintProblemWording('zh-CN') });
    expect(zh).toContain('<h1>投诉未提交成功</h1>');
    expect(zh).toContain('<li>事情经过（必填，最多 4000 字）</li>');
    expect(zh).toContain('<li>您的身份：患者本人、家属或其他（留下联系方式时必选）</li>');
    const en = renderProblemPage({ status: 500, errors: [], wording: complaintProblemWording('en') });
    expect(en).toContain('your complaint was not sent');
  });
});

describe('the tracking page', () => {
  const tracked = { trackingCode: TRACKING_CODE, status: 'investigating', receivedDate: '2026-11-23', dueDate: '2026-11-30' } as const;

  it('says where the complaint stands in words, with its dates, in both languages', () => {
    const zh = renderTrackingPage({ locale: 'zh-CN', tracked });
    expect(zh).toContain('调查处理中');
    expect(zh).toContain('2026年11月23日');
    expect(zh).toContain('2026年11月30日');
    expect(zh).toContain(`href="/t/${TRACKING_CODE}?lang=en"`);
    expectSelfContained(zh);
    const en = renderTrackingPage({ locale: 'en', tracked: { ...tracked, status: 'closed' } });
    expect(en).toContain('Closed');
    expect(en).toContain('23 November 2026');
    expect(en).not.toContain('If you have had no reply'); // a closed case is not waiting for one
  });

  it('offers the form again, with what was typed escaped, when a code is unknown', () => {
    const page = renderTrackingPage({ locale: 'zh-CN', refused: 404, typed: '"><script>x</script>' });
    expect(page).toContain('<h1>没有找到这个查询码</h1>');
    expect(page).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(page).toContain('<form method="get" action="/t"');
    expectSelfContained(page);
  });

  it('reads a code typed without dashes, in lower case or with spaces', () => {
    expect(normalizeTrackingCode('abcd efgh jklm npqr')).toBe(TRACKING_CODE);
    expect(normalizeTrackingCode(' abcdefghjklmnpqr ')).toBe(TRACKING_CODE);
    expect(normalizeTrackingCode('abc')).toBe('ABC');
  });
});

describe('the handlers behind the pages', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);
  const sqsMock = mockClient(SQSClient);
  beforeEach(() => {
    serveIntakeStores(dynamoMock, sqsMock);
  });

  it('answers a plain form post with the confirmation page and queues the complaint with its contact', async () => {
    const result = await intake(formPost({
      submissionId: uuidFor(3), code: genuineCode('cardiology-ward'), locale: 'zh-CN', description: '护士态度很差，打针时不耐烦', incidentDate: '',
      'contact.name': '李女士', 'contact.relation': 'family', 'contact.phone': '138 0013 8000', 'contact.consent': 'true',
    }), lambdaContext('complaint-intake'));
    expect(result.statusCode).toBe(200);
    expect(responseHeader(result, 'content-type')).toBe('text/html; charset=utf-8');
    const code = /data-slot="trackingCode">([^<]+)</.exec(result.body ?? '')?.[1] ?? '';
    expect(code).toMatch(TRACKING_CODE_PATTERN);
    const sent = sqsMock.commandCalls(SendMessageCommand).map((call) => ComplaintMessageSchema.parse(JSON.parse(call.args[0].input.MessageBody ?? '')));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ trackingCode: code, departmentId: 'cardiology-ward', complaint: { description: '护士态度很差，打针时不耐烦', contact: { name: '李女士', relation: 'family', consent: true } } });
  });

  it('answers a refused plain form post with a page naming the field, and queues nothing', async () => {
    const result = await intake(formPost({ submissionId: uuidFor(4), code: genuineCode('cardiology-ward'), locale: 'en', description: '   ' }), lambdaContext('complaint-intake'));
    expect(result.statusCode).toBe(422);
    expect(responseHeader(result, 'content-type')).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('What happened (required, up to 4000 characters)');
    expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('shows a friendly 404 page for a tracking code nobody was given', async () => {
    const event = { ...httpEvent({ method: 'GET', path: `/t/${TRACKING_CODE}` }), pathParameters: { trackingCode: TRACKING_CODE.toLowerCase() } };
    const result = await statusPage(event, lambdaContext('complaint-status-page'));
    expect(result.statusCode).toBe(404);
    expect(result.body).toContain('没有找到这个查询码');
    expect(result.body).toContain(`value="${TRACKING_CODE.toLowerCase()}"`);
  });
});
