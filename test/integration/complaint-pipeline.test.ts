import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { onDuty } from '../../shared/complaints/assignment.ts';
import { dynamoDb } from '../../shared/aws/dynamodb.ts';
import { DEMO_COMPLAINT_SETTINGS } from '../../infra/local/demo-site.ts';
import { DEFAULT_RETENTION } from '../../shared/platform/retention.ts';
import { keys, TTL_ATTRIBUTE } from '../../shared/storage/keys.ts';
import { complaintCounterNames, complaintHistory, getComplaint } from '../../shared/storage/complaints.ts';
import { sumAggregates } from '../../shared/storage/aggregates.ts';
import { getUser } from '../../shared/storage/users.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { codeOf, eventually, postJson, surveyBody, useLocalStack } from '../support/local-stack.ts';

// Complaints end to end on the local stack: the page's and the office's routes → SQS → the worker's
// triage (classification, owner, handler, due dates) → DynamoDB Local, and the mails in the SES emulator.

const stack = useLocalStack({ rateLimitPerMinute: 1000 });
const TRACKING_CODE = /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/;
const AcceptedSchema = z.object({ id: z.string(), trackingCode: z.string().regex(TRACKING_CODE) });
const StoreSchema = z.object({ emails: z.array(z.object({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }), body: z.object({ text: z.string().optional() }) })) });

async function mailsMentioning(text: string) {
  const response = await fetch(`${stack().endpoints.ses}/store`);
  return StoreSchema.parse(await response.json()).emails.filter((mail) => mail.subject.includes(text) || (mail.body.text ?? '').includes(text));
}

const storedCase = (id: string) => eventually(`case ${id} stored`, async () => {
  const record = await getComplaint(TABLE_NAME, id);
  return record?.mailPending === false ? record : undefined;
});

async function asOffice(path: string, body: unknown): Promise<Response> {
  const user = await getUser(TABLE_NAME, 'office');
  if (user === undefined) throw new Error('the demo office user is missing');
  return postJson(`${stack().baseUrl}${path}`, body, { authorization: `Bearer ${stack().issuer.idTokenFor(user)}` });
}

describe('complaints end to end', () => {
  it('takes a patient\'s complaint from the page\'s route to a classified, owned, timed case', async () => {
    const code = codeOf(await stack().surveyUrl('cardiology-ward'));
    const body = { submissionId: randomUUID(), code, description: '护士给我父亲打针时很不耐烦，态度很差，叫了三次都没人来。', desiredOutcome: '希望护士长给个说法', contact: { name: '张先生', relation: 'family', phone: '13800138000', consent: true } };
    const first = await postJson(`${stack().baseUrl}/v1/complaints`, body);
    expect(first.status).toBe(202);
    const accepted = AcceptedSchema.parse(await first.json());
    // The same submission twice is the same complaint with the same tracking code.
    const again = await postJson(`${stack().baseUrl}/v1/complaints`, body);
    expect(AcceptedSchema.parse(await again.json())).toEqual(accepted);

    const record = await storedCase(accepted.id);
    const onDutyNow = onDuty(DEMO_COMPLAINT_SETTINGS.rota, new Date(record.receivedAt), 'Asia/Shanghai');
    expect(record).toMatchObject({ trackingCode: accepted.trackingCode, channel: 'qr-page', status: 'received', category: 'nursing', handlerDepartmentId: 'nursing-office', hasContact: true, safetySignal: false });
    expect(onDutyNow.length === 0 ? ['head'] : onDutyNow).toContain(record.owner);
    expect(record.dueAt > record.acknowledgeBy).toBe(true);
    expect(await complaintHistory(TABLE_NAME, accepted.id)).toEqual([expect.objectContaining({ change: 'received', actor: 'patient' })]);

    // Counted once on the site's day, and followed by its code.
    const day = dayIn('Asia/Shanghai', record.receivedAt);
    const { counters } = await sumAggregates(TABLE_NAME, 'demo', 'cardiology-ward', day, day);
    expect(counters[complaintCounterNames.received]).toBe(1);
    const tracked = await fetch(`${stack().baseUrl}/v1/complaints/track/${accepted.trackingCode}`);
    expect(await tracked.json()).toMatchObject({ status: 'received', receivedDate: day });

    // The handler department hears of it, with no complaint text and no contact details.
    const notices = await eventually('handler notice', async () => {
      const found = await mailsMentioning(accepted.trackingCode);
      return found.some((m) => m.destination.to.includes('nursing-office@hospital.example')) ? found : undefined;
    });
    for (const mail of notices) expect(`${mail.subject}${mail.body.text ?? ''}`).not.toMatch(/不耐烦|张先生|13800138000/);
  });

  it('alerts the owner and the safety contact within seconds when a complaint signals a safety risk', async () => {
    const code = codeOf(await stack().surveyUrl('emergency'));
    const started = Date.now();
    const response = await postJson(`${stack().baseUrl}/v1/complaints`, { submissionId: randomUUID(), code, description: '我儿子在急诊说不想活了，想跳楼，护士没人管。' });
    const { id, trackingCode } = AcceptedSchema.parse(await response.json());
    const alert = await eventually('safety alert mailed', async () => (await mailsMentioning(trackingCode)).find((m) => m.subject.includes('URGENT')), 15_000);
    const seconds = (Date.now() - started) / 1000;
    expect(alert.destination.to).toContain('safety@hospital.example');
    expect(seconds).toBeLessThan(15);
    const record = await storedCase(id);
    expect(record).toMatchObject({ severity: 'critical', safetySignal: true, safetyKinds: ['suicide'] });
  });

  it('gives a complaint the office typed in to the officer who typed it, counts it by channel, and refuses bad input', async () => {
    const submissionId = randomUUID();
    const body = {
      submissionId, siteId: 'demo', departmentId: 'registration-billing', channel: 'hotline', receivedAt: new Date().toISOString(),
      firstReceiver: { departmentId: 'patient-relations', name: '刘护士' }, settledOnSpot: false, multiDepartment: true,
      description: '挂号收费窗口多收了我两百块钱，去问还被收费员吼了一顿。',
    };
    const response = await asOffice('/v1/admin/complaints', body);
    expect(response.status).toBe(202);
    const record = await storedCase(AcceptedSchema.parse(await response.json()).id);
    expect(record).toMatchObject({ owner: 'office', enteredBy: 'user:office', channel: 'hotline', multiDepartment: true, firstReceiver: { name: '刘护士' } });
    // Several departments: the 10-working-day limit, later than the 5-day one would be.
    expect(new Date(record.dueAt).getTime() - new Date(record.receivedAt).getTime()).toBeGreaterThan(12 * 86_400_000);

    const bad = await asOffice('/v1/admin/complaints', { ...body, submissionId: randomUUID(), channel: 'pigeon', settledOnSpot: true });
    expect(bad.status).toBe(422);
    const problem = z.object({ errors: z.array(z.object({ path: z.string() })) }).parse(await bad.json());
    expect(problem.errors.map((e) => e.path)).toContain('channel');
  });

  it('records a complaint settled on the spot as closed, counted closed in time, with contact details that expire', async () => {
    const body = {
      submissionId: randomUUID(), siteId: 'demo', departmentId: 'outpatient-pharmacy', channel: 'walk-in', receivedAt: new Date().toISOString(),
      firstReceiver: { departmentId: 'outpatient-pharmacy', name: '药房王药师' }, settledOnSpot: true, settlement: '当场重新核对并补发了漏发的药品，患者表示满意。',
      description: '药房少发了一盒药，回来找也没人理。', contact: { name: '陈女士', relation: 'patient', phone: '13700137000', consent: true },
    };
    const response = await asOffice('/v1/admin/complaints', body);
    const record = await storedCase(AcceptedSchema.parse(await response.json()).id);
    expect(record).toMatchObject({ status: 'closed', settledOnSpot: true, response: body.settlement });
    const { Item } = await dynamoDb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.complaintContact(record.id) }));
    const expiresAt = z.object({ [TTL_ATTRIBUTE]: z.number() }).parse(Item)[TTL_ATTRIBUTE];
    const days = (expiresAt * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(DEFAULT_RETENTION.contactDays - 1);
    expect(days).toBeLessThanOrEqual(DEFAULT_RETENTION.contactDays);
    const day = dayIn('Asia/Shanghai', record.receivedAt);
    const { counters } = await sumAggregates(TABLE_NAME, 'demo', 'outpatient-pharmacy', day, day);
    expect(counters).toMatchObject({ [complaintCounterNames.closed]: 1, [complaintCounterNames.closedInTime]: 1 });
  });

  it('opens a follow-up case for a very poor survey whose patient asked to be contacted, once however often it arrives', async () => {
    const code = codeOf(await stack().surveyUrl('outpatient-pharmacy'));
    const survey = surveyBody(code, { overall: 'very_poor', comment: '取药排队一个多小时，窗口只开了一个。', contact: { phone: '13900139000', consent: true } });
    for (let n = 0; n < 2; n += 1) expect((await postJson(`${stack().baseUrl}/v1/surveys`, survey)).status).toBe(202);
    const id = String(survey.submissionId);
    const record = await storedCase(id);
    expect(record).toMatchObject({ channel: 'survey-follow-up', enteredBy: 'survey', category: 'waiting', hasContact: true, handlerDepartmentId: 'pharmacy-office' });
    expect(record.description).toContain('很差');
    const day = dayIn('Asia/Shanghai', record.receivedAt);
    const { counters } = await sumAggregates(TABLE_NAME, 'demo', 'outpatient-pharmacy', day, day);
    expect(counters[complaintCounterNames.channel('survey-follow-up')]).toBe(1);
  });

  it('opens a critical case for a survey comment that signals a safety risk, even without contact details', async () => {
    const code = codeOf(await stack().surveyUrl('maternity-ward'));
    const survey = surveyBody(code, { overall: 'neither', comment: '同病房的家属推搡护士，还威胁要报复。' });
    expect((await postJson(`${stack().baseUrl}/v1/surveys`, survey)).status).toBe(202);
    const record = await storedCase(String(survey.submissionId));
    expect(record).toMatchObject({ severity: 'critical', safetySignal: true, hasContact: false });
    expect(record.safetyKinds).toContain('violence');
  });
});
