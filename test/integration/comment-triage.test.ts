import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import type { UserIdentity } from '../../shared/auth/identity.ts';
import { remindUnreadComments } from '../../shared/comments/comment-reminder.ts';
import { readComments, reviewComment } from '../../shared/comments/review.ts';
import type { Mail } from '../../shared/aws/ses.ts';
import { sendMessage } from '../../shared/aws/sqs.ts';
import { awaitsReview } from '../../shared/schemas/comment.ts';
import { auditEntries } from '../../shared/storage/audit.ts';
import { getComment, unreadComments } from '../../shared/storage/comments.ts';
import { getComplaint } from '../../shared/storage/complaints.ts';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_COMPLAINT_SETTINGS } from '../../infra/local/demo-site.ts';
import { dynamoDb } from '../../shared/aws/dynamodb.ts';
import { correctionExamples } from '../../shared/classify/model/corrections.ts';
import { exportCorrections } from '../../shared/comments/corrections-export.ts';
import { changeCase } from '../../shared/complaints/change-case.ts';
import { ValidationError } from '../../shared/platform/domain-errors.ts';
import { keys } from '../../shared/storage/keys.ts';
import { codeOf, eventually, postJson, surveyBody, useLocalStack } from '../support/local-stack.ts';

// The two safety levels and the comments to read, end to end on the local stack: the page's routes → SQS
// → the worker (classification, the lists, the notices) → DynamoDB Local and the SES emulator; then the
// office's one click and the reminder, through the same functions the pages and the schedule call.

const stack = useLocalStack({ rateLimitPerMinute: 1000 });
const office: UserIdentity = { kind: 'user', subject: 'office', username: 'office', name: '张敏', roles: ['office-officer'], sites: ['demo'], departments: [] };
const MailsSchema = z.object({ emails: z.array(z.object({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }), body: z.object({ text: z.string().optional() }) })) });
const AcceptedSchema = z.object({ id: z.string(), trackingCode: z.string() });

async function mails() {
  const response = await fetch(`${stack().endpoints.ses}/store`);
  return MailsSchema.parse(await response.json()).emails;
}

const commentOf = (id: string) => eventually(`comment ${id} on the list`, async () => {
  const comment = await getComment(TABLE_NAME, id);
  return comment?.noticePending === false ? comment : undefined;
});

// A confirmed signal's case, and a raised case's alert, go through the stack's queue to its worker, as from the office's pages.
const reviewContext = () => ({
  table: TABLE_NAME, contactDays: 90, key: Buffer.alloc(32, 3), now: new Date(),
  enqueue: (message: object) => sendMessage(stack().queueUrls.intake.url, message),
  notify: (message: object) => sendMessage(stack().queueUrls.notify.url, message),
});

async function postComplaint(department: string, description: string) {
  const code = codeOf(await stack().surveyUrl(department));
  const response = await postJson(`${stack().baseUrl}/v1/complaints`, { submissionId: randomUUID(), code, description });
  expect(response.status).toBe(202);
  return AcceptedSchema.parse(await response.json());
}

async function postSurvey(department: string, comment: string) {
  const body = surveyBody(codeOf(await stack().surveyUrl(department)), { comment });
  expect((await postJson(`${stack().baseUrl}/v1/surveys`, body)).status).toBe(202);
  return String(body.submissionId);
}

describe('two safety levels, end to end', () => {
  it('a possible signal reaches the "please look now" list and the notice, never the alert; confirming it raises the case and alerts', async () => {
    const before = (await mails()).length;
    const { id, trackingCode } = await postComplaint('orthopaedics-ward', '那个保安说下班后在停车场等我');

    const comment = await commentOf(id);
    expect(comment).toMatchObject({ source: 'complaint', complaintId: id, safetyLevel: 'possible', review: { state: 'pending' } });
    expect((await unreadComments(TABLE_NAME, 'demo', 500)).filter(awaitsReview).map((c) => c.id)).toContain(id);
    expect(await getComplaint(TABLE_NAME, id)).toMatchObject({ safetyLevel: 'possible', safetySignal: false, severity: 'high' });
    const sent = (await mails()).slice(before);
    const notice = sent.find((m) => m.subject.includes('Please look now'));
    expect(notice?.destination.to.length).toBeGreaterThan(0);
    expect(sent.filter((m) => m.subject.includes('URGENT'))).toEqual([]);
    for (const mail of sent) expect(`${mail.subject}${mail.body.text ?? ''}`).not.toContain('门口');

    const outcome = await reviewComment(reviewContext(), office, id, 'confirmed');
    expect(outcome).toEqual({ kind: 'confirmed', complaintId: id, raised: true });
    expect(await getComment(TABLE_NAME, id)).toMatchObject({ review: { state: 'confirmed', by: 'user:office' }, readBy: 'user:office' });
    expect(await getComplaint(TABLE_NAME, id)).toMatchObject({ severity: 'critical' });
    const alert = await eventually('the alert of the confirmed case', async () => (await mails()).find((m) => m.subject.includes('URGENT') && (m.body.text ?? '').includes(trackingCode)));
    expect(alert.destination.to).toContain('safety@hospital.example');
    // One click: a second answer finds it answered; the answer is audited.
    expect((await reviewComment(reviewContext(), office, id, 'dismissed')).kind).toBe('already');
    const audit = await auditEntries(TABLE_NAME, 'demo', new Date().toISOString().slice(0, 10));
    expect(audit.filter((a) => a.target === `comment:${id}`).map((a) => a.action)).toEqual(['comment-signal-confirmed']);
  });

  it('a signal in a survey comment opens a critical case and alerts at once; its comment is on the list to read', async () => {
    const id = await postSurvey('maternity-ward', '孩子出生后我每天都在想，不如从楼上跳下去算了');

    const comment = await commentOf(id);
    expect(comment).toMatchObject({ source: 'survey', safetyLevel: 'signal', complaintId: id });
    expect(comment.review).toBeUndefined();
    const record = await eventually('the follow-up case', () => getComplaint(TABLE_NAME, id));
    expect(record).toMatchObject({ channel: 'survey-follow-up', safetySignal: true, severity: 'critical' });
    await eventually('the alert', async () => (await mails()).find((m) => m.subject.includes('URGENT') && (m.body.text ?? '').includes(record.trackingCode)));
  });

  it('a possible signal in a survey comment opens no case; dismissing one records the label; confirming another opens a critical case', async () => {
    // A false alarm of the model (night and fright weigh towards a signal) and a veiled threat.
    const dismissed = await postSurvey('respiratory-ward', '护士晚上查房把灯全打开，吓人');
    const confirmed = await postSurvey('respiratory-ward', '那个保安说下班后在停车场等我');
    for (const id of [dismissed, confirmed]) {
      expect(await commentOf(id)).toMatchObject({ source: 'survey', safetyLevel: 'possible', review: { state: 'pending' } });
      expect(await getComplaint(TABLE_NAME, id)).toBeUndefined();
    }

    expect(await reviewComment(reviewContext(), office, dismissed, 'dismissed')).toEqual({ kind: 'dismissed' });
    expect(await getComment(TABLE_NAME, dismissed)).toMatchObject({ review: { state: 'dismissed', by: 'user:office' }, readBy: 'user:office' });
    expect(await getComplaint(TABLE_NAME, dismissed)).toBeUndefined();

    expect(await reviewComment(reviewContext(), office, confirmed, 'confirmed')).toEqual({ kind: 'confirmed', complaintId: confirmed, raised: true });
    expect(await getComment(TABLE_NAME, confirmed)).toMatchObject({ complaintId: confirmed, review: { state: 'confirmed' } });
    // The worker opens it from the queue, as every case, and alerts its owner and the safety contact.
    const opened = await eventually('the confirmed signal\'s case', async () => {
      const found = await getComplaint(TABLE_NAME, confirmed);
      return found?.mailPending === false ? found : undefined;
    });
    expect(opened).toMatchObject({ channel: 'survey-follow-up', safetySignal: true, severity: 'critical', safetyLevel: 'signal' });
    expect((await mails()).filter((m) => m.subject.includes('URGENT') && (m.body.text ?? '').includes(opened.trackingCode)).flatMap((m) => m.destination.to)).toContain('safety@hospital.example');
  });

  it('keeps a department responder away from the comments', async () => {
    const id = await postSurvey('cardiology-ward', '那个保安说下班后在停车场等我');
    await commentOf(id);
    const responder: UserIdentity = { kind: 'user', subject: 'cardio', username: 'cardio', name: '王磊', roles: ['responder'], sites: ['demo'], departments: ['cardiology-ward'] };
    expect(await reviewComment(reviewContext(), responder, id, 'dismissed')).toEqual({ kind: 'not-found' });
    expect(await readComments(TABLE_NAME, responder, [id], new Date())).toBe(0);
    expect(await getComment(TABLE_NAME, id)).toMatchObject({ review: { state: 'pending' } });
  });
});

describe('the comments to read', () => {
  it('lists every comment until a person reads it; reading clears it; one waiting too long reminds the office once', async () => {
    const harmless = await postSurvey('paediatrics-ward', '病房很干净，护士很耐心，谢谢');
    const complaint = await postComplaint('paediatrics-ward', '儿科病房的厕所坏了两天没人修');
    await commentOf(harmless);
    await commentOf(complaint.id);
    const unreadIds = async () => (await unreadComments(TABLE_NAME, 'demo', 500)).map((c) => c.id);
    expect(await unreadIds()).toEqual(expect.arrayContaining([harmless, complaint.id]));

    // Two days on, both have waited longer than a working day: one reminder, naming how many.
    const sent: Mail[] = [];
    const later = new Date(Date.now() + 6 * 86_400_000);
    const options = { table: TABLE_NAME, mailFrom: 'feedback@hospital.example', publicBaseUrl: stack().baseUrl, now: later, send: (mail: Mail) => Promise.resolve(void sent.push(mail)) };
    const first = await remindUnreadComments(options);
    expect(first.reminded).toBeGreaterThanOrEqual(2);
    expect(first.failed).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toContain('head@hospital.example');
    expect(sent[0]?.text).toContain('/admin/comments?site=demo');
    expect(sent[0]?.text).not.toMatch(/厕所|病房很干净/);
    expect(await remindUnreadComments(options)).toMatchObject({ reminded: 0 });
    expect(sent).toHaveLength(1);

    // Reading clears them, in bulk; a possible signal is not cleared by a bulk read.
    const pending = (await unreadComments(TABLE_NAME, 'demo', 500)).filter(awaitsReview).map((c) => c.id);
    expect(await readComments(TABLE_NAME, office, [harmless, complaint.id, ...pending], new Date())).toBe(2);
    const left = await unreadIds();
    expect(left).not.toContain(harmless);
    expect(left).not.toContain(complaint.id);
    expect(left).toEqual(expect.arrayContaining(pending));
    expect(await getComment(TABLE_NAME, harmless)).toMatchObject({ readBy: 'user:office' });
  });
});

describe('corrections teach the model', () => {
  it('exports the category corrections and the answered signals as labels, without contact details, only with the site\'s consent', async () => {
    const { id } = await postComplaint('outpatient-pharmacy', '药房窗口的人说话很难听，电话13812345678打了也没人接');
    const record = await eventually('the case', async () => {
      const found = await getComplaint(TABLE_NAME, id);
      return found?.mailPending === false ? found : undefined;
    });
    const corrected = record.category === 'conduct' ? 'pharmacy' : 'conduct';
    await changeCase(reviewContext(), office, id, record.version, () => ({ category: corrected, reason: '分类更正 category corrected' }));
    const dismissed = await postSurvey('health-check', '护士晚上查房把灯全打开，吓人');
    await commentOf(dismissed);
    await reviewComment(reviewContext(), office, dismissed, 'dismissed');

    // Off by default: nothing leaves.
    await expect(exportCorrections(TABLE_NAME, 'demo', new Date())).rejects.toThrow(ValidationError);

    await dynamoDb.send(new PutCommand({ TableName: TABLE_NAME, Item: { ...keys.complaintSettings('demo'), ...DEMO_COMPLAINT_SETTINGS, trainingConsent: true } }));
    const file = await exportCorrections(TABLE_NAME, 'demo', new Date());
    const examples = correctionExamples(file);
    expect(examples).toEqual(expect.arrayContaining([
      { text: '药房窗口的人说话很难听，电话[电话 phone]打了也没人接', category: corrected },
      { text: '护士晚上查房把灯全打开，吓人', safety: false },
    ]));
    expect(JSON.stringify(file)).not.toContain('13812345678');
  });
});
