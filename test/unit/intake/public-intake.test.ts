import { ConditionalCheckFailedException, InternalServerError } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ComplaintMessageSchema, SurveyMessageSchema } from '../../../shared/schemas/intake-message.ts';
import { PAGE_CONTENT_SECURITY_POLICY } from '../../../shared/web/patient-page.ts';
import { httpEvent, responseHeader } from '../../support/http-events.ts';
import { stubIntakeEnv } from '../../support/intake-env.ts';
import { lambdaContext } from '../../support/lambda-context.ts';
import { uuidFor } from '../../support/survey-messages.ts';
import { genuineCode, serveIntakeStores } from '../../support/survey-target.ts';

// A browser without JavaScript posts the form and shows whatever comes back: every answer to such a post
// is a page in the patient's language, and every refusal (400, 413, 415, 422, 429, 500) puts the form
// back as it was sent, so nothing they wrote is lost and sending it again is the same submission.

stubIntakeEnv();
const survey = (await import('../../../functions/survey-intake/handler.ts')).handler;
const complaint = (await import('../../../functions/complaint-intake/handler.ts')).handler;

const dynamoMock = mockClient(DynamoDBDocumentClient);
const sqsMock = mockClient(SQSClient);
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

beforeEach(() => {
  serveIntakeStores(dynamoMock, sqsMock);
});

/** A browser's own form post: percent-encoded UTF-8, Accept naming HTML. */
function browserPost(path: string, body: string | Buffer, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  return httpEvent({ path, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: BROWSER_ACCEPT, ...headers }, body: raw.toString('base64'), isBase64Encoded: true });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const postSurvey = (body: string | Buffer, headers?: Record<string, string>) => survey(browserPost('/v1/surveys', body, headers), lambdaContext('survey-intake'));
const postComplaint = (body: string | Buffer, headers?: Record<string, string>) => complaint(browserPost('/v1/complaints', body, headers), lambdaContext('complaint-intake'));

function expectPage(result: Awaited<ReturnType<typeof survey>>, status: number, language: string): string {
  expect(result.statusCode).toBe(status);
  expect(responseHeader(result, 'content-type')).toBe('text/html; charset=utf-8');
  expect(responseHeader(result, 'content-security-policy')).toBe(PAGE_CONTENT_SECURITY_POLICY);
  expect(responseHeader(result, 'content-language')).toBe(language);
  return result.body ?? '';
}

const queued = () => sqsMock.commandCalls(SendMessageCommand).map((call) => call.args[0].input.MessageBody ?? '');
const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1];
const textarea = (page: string, name: string) => new RegExp(`<textarea[^>]*name="${name}"[^>]*>\\n([^<]*)</textarea>`).exec(page)?.[1];

describe('a survey posted without JavaScript', () => {
  const code = genuineCode('outpatient-pharmacy');
  const answers = { submissionId: uuidFor(21), code, locale: 'zh-CN', overall: 'poor', 'ratings.waiting': '2', waitMinutes: '30', comment: '排队太久了 😩 <b>"真的"</b>', 'contact.consent': 'true', 'contact.phone': '12' };

  it('refused (422): the survey again, every answer as it was, the same submissionId, the field marked, nothing queued', async () => {
    // Act
    const page = expectPage(await postSurvey(form(answers)), 422, 'zh-CN');

    // Assess
    expect(page).toContain('<h2>提交未成功</h2>');
    expect(page).toContain('<li>电话或邮箱（至少填一项，格式要正确）</li>');
    expect(hidden(page, 'submissionId')).toBe(uuidFor(21));
    expect(hidden(page, 'code')).toBe(code);
    expect(textarea(page, 'comment')).toBe('排队太久了 😩 &lt;b&gt;&quot;真的&quot;&lt;/b&gt;');
    expect(page).toContain('name="overall" value="poor" required checked>');
    expect(page).toContain('name="ratings.waiting" value="2" checked>');
    expect(page).toContain('name="waitMinutes" value="30" checked>');
    expect(page).toContain('<details open>');
    expect(page).toMatch(/name="contact\.phone"[^>]* value="12" class="invalid" aria-invalid="true">/);
    expect(page).toContain('action="/v1/surveys"');
    expect(page).toContain('href="/s/');
    expect(queued()).toEqual([]);
  });

  it('sent again as corrected, it is accepted with the thank-you page and queued once, emoji and all', async () => {
    const result = await postSurvey(form({ ...answers, 'contact.phone': '13800138000' }));

    expect(expectPage(result, 200, 'zh-CN')).toContain('感谢您的评价！');
    const [body = ''] = queued();
    expect(body).toMatch(/^[\x20-\x7e]+$/);
    expect(SurveyMessageSchema.parse(JSON.parse(body)).survey.comment).toBe(answers.comment);
  });

  it('not UTF-8 (400): the page says the form did not arrive intact, and shows again what could be read', async () => {
    const body = Buffer.concat([Buffer.from(form({ ...answers, comment: '' })), Buffer.from('&contact.name=%FF%E5%A5%BD')]);

    const page = expectPage(await postSurvey(body), 400, 'zh-CN');

    expect(page).toContain('表单内容没有完整送达，请检查后重新提交。');
    expect(hidden(page, 'submissionId')).toBe(uuidFor(21));
    expect(page).toContain('value="\uFFFD好"');
    expect(queued()).toEqual([]);
  });

  it('too many from this source (429): the survey again, with Retry-After', async () => {
    dynamoMock.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    const result = await postSurvey(form({ ...answers, locale: 'en' }));

    const page = expectPage(result, 429, 'en');
    expect(responseHeader(result, 'retry-after')).toMatch(/^\d+$/);
    expect(page).toContain('Too many submissions; please try again in a minute.');
    expect(textarea(page, 'comment')).toContain('😩');
  });

  it('the queue is down (500): a page that reveals nothing, with the survey again to send later', async () => {
    sqsMock.on(SendMessageCommand).rejects(new Error('connect ECONNREFUSED 10.0.0.1:443'));

    const result = await postSurvey(form({ ...answers, 'contact.phone': '13800138000', locale: 'en' }));

    const page = expectPage(result, 500, 'en');
    expect(page).toContain('Something went wrong on our side and nothing was saved');
    expect(page).not.toContain('ECONNREFUSED');
    expect(hidden(page, 'submissionId')).toBe(uuidFor(21));
    expect(textarea(page, 'comment')).toContain('😩');
  });

  it('the table is down too (500): without the department the form cannot be drawn, so the comment is shown to copy', async () => {
    dynamoMock.on(UpdateCommand).rejects(new InternalServerError({ message: 'internal', $metadata: {} }));
    dynamoMock.on(GetCommand).rejects(new InternalServerError({ message: 'internal', $metadata: {} }));

    const page = expectPage(await postSurvey(form(answers)), 500, 'zh-CN');

    expect(page).toContain('系统繁忙，您的评价没有保存，请稍后再试。');
    expect(page).toContain('您填写的内容（可以复制保存）');
    expect(page).toContain('<textarea readonly>\n排队太久了 😩');
  });

  it('a code that names no department (422): the reason, and the comment to copy', async () => {
    const page = expectPage(await postSurvey(form({ ...answers, code: 'forged.code', 'contact.phone': '13800138000' })), 422, 'zh-CN');

    expect(page).toContain('<li>科室二维码（请重新扫描科室张贴的二维码）</li>');
    expect(page).toContain('<textarea readonly>\n排队太久了 😩');
  });

  it('characters that are never text (422): named, and left out of the form shown again, so it can be sent as shown', async () => {
    const page = expectPage(await postSurvey(form({ ...answers, 'contact.phone': '13800138000', comment: '好\u0000\uFFFF好' })), 422, 'zh-CN');

    expect(page).toContain('<li>意见或建议（最多 2000 字）</li>');
    expect(textarea(page, 'comment')).toBe('好好');
  });

  it('over the form limit (413): the survey again', async () => {
    const page = expectPage(await postSurvey(form({ ...answers, comment: '好'.repeat(15_000) })), 413, 'zh-CN');

    expect(page).toContain('填写的内容太长了。');
    expect(hidden(page, 'submissionId')).toBe(uuidFor(21));
  });

  it('not a form at all (415, multipart from a browser): a page in the language the browser asks for', async () => {
    const event = httpEvent({ headers: { 'content-type': 'multipart/form-data; boundary=x', accept: BROWSER_ACCEPT, 'accept-language': 'en-GB,en;q=0.9' }, body: '--x\r\nContent-Disposition: form-data; name="overall"\r\n\r\ngood\r\n--x--' });

    const page = expectPage(await survey(event, lambdaContext('survey-intake')), 415, 'en');

    expect(page).toContain('Please send the form on this page.');
  });

  it('keeps JSON for those who ask for it: problem+json for the same refusals', async () => {
    const result = await survey(httpEvent({ headers: { 'content-type': 'multipart/form-data; boundary=x', accept: 'application/json' }, body: '--x--' }), lambdaContext('survey-intake'));

    expect(result.statusCode).toBe(415);
    expect(responseHeader(result, 'content-type')).toBe('application/problem+json');
  });
});

describe('a rating of an item the department does not ask', () => {
  // A ward asks environment, communication and privacy; never the registration windows or the wait.
  const ward = genuineCode('cardiology-ward');
  const jsonPost = (body: unknown) => survey(httpEvent({ path: '/v1/surveys', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) }), lambdaContext('survey-intake'));
  const problemOf = (body: string | undefined) => z.object({ status: z.number(), errors: z.array(z.object({ path: z.string(), message: z.string() })) }).parse(JSON.parse(body ?? ''));

  it('is refused with 422 on its field, in the submission\'s language, and nothing is queued', async () => {
    const zh = await jsonPost({ submissionId: uuidFor(41), code: ward, overall: 'good', ratings: { registration: 2, communication: 5 }, locale: 'zh-CN' });
    expect(zh.statusCode).toBe(422);
    expect(problemOf(zh.body).errors).toEqual([{ path: 'ratings.registration', message: '本科室不评价这一项，表单已去掉它，请再次提交' }]);

    const en = await jsonPost({ submissionId: uuidFor(42), code: ward, overall: 'good', ratings: { waiting: 1, privacy: 4 }, locale: 'en' });
    expect(problemOf(en.body).errors).toEqual([{ path: 'ratings.waiting', message: 'this department does not ask this item; the form no longer has it, please send again' }]);

    // Without a locale, both languages, Chinese first.
    const bare = await jsonPost({ submissionId: uuidFor(43), code: ward, overall: 'good', ratings: { registration: 3 } });
    expect(problemOf(bare.body).errors[0]?.message).toMatch(/^本科室不评价这一项.* · this department does not ask/);
    expect(queued()).toEqual([]);
  });

  it('takes the items the department asks', async () => {
    const accepted = await jsonPost({ submissionId: uuidFor(44), code: ward, overall: 'good', ratings: { environment: 4, communication: 5, privacy: 3 }, locale: 'zh-CN' });
    expect(accepted.statusCode).toBe(202);
    expect(SurveyMessageSchema.parse(JSON.parse(queued()[0] ?? '')).survey.ratings).toEqual({ environment: 4, communication: 5, privacy: 3 });
  });

  it('without JavaScript: the form again, which no longer has the item, saying why; sent again it is accepted', async () => {
    const answers = { submissionId: uuidFor(45), code: ward, locale: 'zh-CN', overall: 'poor', 'ratings.registration': '1', 'ratings.communication': '2', comment: '护士没有解释' };
    const page = expectPage(await postSurvey(form(answers)), 422, 'zh-CN');
    expect(page).toContain('<li>挂号与缴费: 本科室不评价这一项，表单已去掉它，请再次提交</li>');
    expect(page).not.toContain('name="ratings.registration"');
    expect(page).toContain('name="ratings.communication" value="2" checked>');
    expect(hidden(page, 'submissionId')).toBe(uuidFor(45));
    expect(queued()).toEqual([]);

    // What the browser sends from that form: the same answers without the item it no longer shows.
    const { 'ratings.registration': _dropped, ...resent } = answers;
    expect(expectPage(await postSurvey(form(resent)), 200, 'zh-CN')).toContain('感谢您的评价！');
    expect(queued()).toHaveLength(1);
  });
});

describe('a complaint posted without JavaScript', () => {
  const code = genuineCode('cardiology-ward');

  it('takes the promised 4,000 Chinese characters, line breaks sent as CR LF counted as one', async () => {
    // Prepare: 4,000 characters as the patient counts them (and the textarea's maxlength), 40 of them line breaks.
    const description = Array.from({ length: 40 }, () => `${'护'.repeat(99)}\n`).join('').replace(/\n/g, '\r\n');
    const body = form({ submissionId: uuidFor(31), code, locale: 'zh-CN', description, desiredOutcome: '道歉'.repeat(500), staffInvolved: '夜'.repeat(200), 'contact.name': '𠮷'.repeat(100), 'contact.relation': 'family', 'contact.phone': '13800138000', 'contact.consent': 'true' });

    // Act
    const result = await postComplaint(body);

    // Assess
    expect(Buffer.byteLength(body)).toBeGreaterThan(16 * 1024);
    expect(expectPage(result, 200, 'zh-CN')).toContain('投诉已提交');
    const [queuedBody = ''] = queued();
    const message = ComplaintMessageSchema.parse(JSON.parse(queuedBody));
    expect(message.complaint.description).toBe(description);
    expect(message.complaint.contact?.name).toBe('𠮷'.repeat(100));
  });

  it('refused (422): the complaint form again with everything typed, in the language of the form', async () => {
    const body = form({ submissionId: uuidFor(32), code, locale: 'en', description: 'The nurse was rude 😠', staffInvolved: 'night nurse', 'contact.name': 'Ms Li', 'contact.relation': 'family', 'contact.phone': '13800138000' });

    const page = expectPage(await postComplaint(body), 422, 'en');

    expect(page).toContain('<h2>Your complaint was not sent</h2>');
    expect(page).toContain('<li>Agreement to be contacted (tick it to leave contact details)</li>');
    expect(textarea(page, 'description')).toBe('The nurse was rude 😠');
    expect(page).toContain('value="night nurse"');
    expect(page).toContain('name="contact.relation" value="family" checked>');
    expect(page).toMatch(/class="choice invalid" data-field="contact.consent" aria-invalid="true"/);
    expect(hidden(page, 'submissionId')).toBe(uuidFor(32));
    expect(queued()).toEqual([]);
  });

  it('a form without its locale gets the language of Accept-Language', async () => {
    const page = expectPage(await postComplaint(form({ submissionId: uuidFor(33), code, description: ' ' }), { 'accept-language': 'en-US,en;q=0.9' }), 422, 'en');

    expect(page).toContain('What happened (required, up to 4000 characters)');
  });

  it('a submissionId that is no uuid gets a new one in the form shown again', async () => {
    const page = expectPage(await postComplaint(form({ submissionId: 'x', code, description: '很差' })), 422, 'zh-CN');

    expect(hidden(page, 'submissionId')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
