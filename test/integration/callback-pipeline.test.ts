import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { closeExpiredCalls } from '../../shared/callbacks/expiry.ts';
import { addDays, dayIn } from '../../shared/platform/time.ts';
import { callbackCounterNames as names } from '../../shared/reporting/counters.ts';
import type { ComplaintRecord } from '../../shared/schemas/complaint.ts';
import { sumAggregates } from '../../shared/storage/aggregates.ts';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../../shared/aws/dynamodb.ts';
import { awaitsReview } from '../../shared/schemas/comment.ts';
import type { CallRecord } from '../../shared/schemas/callback.ts';
import { callItem } from '../../shared/storage/call-items.ts';
import { claimCall, getCall, getCallback, getPerson } from '../../shared/storage/callbacks.ts';
import { getComment, unreadComments } from '../../shared/storage/comments.ts';
import { getComplaint, storeNewComplaint } from '../../shared/storage/complaints.ts';
import { keys } from '../../shared/storage/keys.ts';
import { getUser } from '../../shared/storage/users.ts';
import { eventually, machineToken as hisToken, queueDepth, useLocalStack } from '../support/local-stack.ts';

// Callbacks end to end on the local stack: the HIS's discharges and the calls' outcomes through the
// gateway → SQS → the worker → DynamoDB Local, and the figures read back through the metrics API.

const stack = useLocalStack({ rateLimitPerMinute: 1000 });
const TZ = 'Asia/Shanghai';
// Discharged three days ago: the window is open today, whatever the weekday.
const DAY = dayIn(TZ, addDays(new Date(), -3));
const at = (hour: number) => `${DAY}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const run = randomUUID().slice(0, 8);

const machineToken = () => hisToken(stack());

async function staffToken(username: string): Promise<string> {
  const user = await getUser(TABLE_NAME, username);
  if (user === undefined) throw new Error(username);
  return stack().issuer.idTokenFor(user);
}

const request = (token: string, method: string, path: string, body?: unknown) =>
  fetch(`${stack().baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const discharge = (n: number, departmentId = 'cardiology-ward', extra: Record<string, unknown> = {}) => ({
  dischargeId: `T${run}-${n}`, departmentId, dischargedAt: at(9 + (n % 8)), patient: { name: `测试患者${n}`, phone: `1390000${String(1000 + n)}` }, serviceType: 'inpatient', ...extra,
});

const callbackBody = (dischargeId: string, outcome: string, extra: Record<string, unknown> = {}) => ({
  submissionId: randomUUID(), siteId: 'demo', dischargeId, calledAt: new Date().toISOString(), outcome, ...extra,
});

const counters = async (departmentId: string) => (await sumAggregates(TABLE_NAME, 'demo', departmentId, DAY, DAY)).counters;
const callOf = (dischargeId: string) => getCall(TABLE_NAME, keys.dischargeCall('demo', dischargeId));

const MetricsSchema = z.object({ callbacks: z.object({ discharged: z.number(), attempted: z.number(), reached: z.number(), declined: z.number(), unreachable: z.number(), coverage: z.number().nullable(), target: z.number(), positiveRate: z.number().nullable(), complaintsRaised: z.number(), followUps: z.object({ satisfied: z.number(), notSatisfied: z.number() }) }) });

describe('discharges from the HIS', () => {
  it('takes the good rows, names the bad ones, and counts the same batch delivered twice once', async () => {
    const token = await machineToken();
    const batch = {
      batchId: randomUUID(), siteId: 'demo',
      discharges: [discharge(1, 'paediatrics-ward'), discharge(2, 'paediatrics-ward'), discharge(3, 'paediatrics-ward', { doNotCall: true }), { ...discharge(4, 'paediatrics-ward'), patient: { name: '坏数据', phone: 'call me' } }, discharge(5, 'no-such-ward')],
    };
    const first = await request(token, 'POST', '/v1/discharges', batch);
    expect(first.status).toBe(202);
    const answer = z.object({ batchId: z.string(), accepted: z.number(), refused: z.array(z.object({ index: z.number(), errors: z.array(z.object({ path: z.string(), message: z.string() })) })) }).parse(await first.json());
    expect(answer.accepted).toBe(3);
    expect(answer.refused.map((r) => [r.index, r.errors[0]?.path])).toEqual([[3, 'patient.phone'], [4, 'departmentId']]);
    expect((await request(token, 'POST', '/v1/discharges', batch)).status).toBe(202);
    // Both deliveries have been through the worker once the queue is empty: nothing counted twice.
    await eventually('the queue drained', async () => ((await queueDepth(stack(), stack().queueUrls.intake.url)) === 0 ? true : undefined));
    const c = await counters('paediatrics-ward');
    expect(c[names.discharged]).toBe(3);
    expect(c[names.declined]).toBe(1);
    // doNotCall: never listed, nothing personal kept.
    expect(await callOf(`T${run}-3`)).toMatchObject({ status: 'done', result: 'do_not_call' });
    expect(await getPerson(TABLE_NAME, 'demo', `T${run}-3`, new Date())).toBeUndefined();
    expect(await getPerson(TABLE_NAME, 'demo', `T${run}-1`, new Date())).toEqual({ name: '测试患者1', phone: '13900001001' });
  });

  it('stores several discharges a transaction, and counts a batch that overlaps one stored before once', async () => {
    const token = await machineToken();
    // 40 rows over two wards; then 20 of them again with 20 new ones, as a HIS resending after a timeout would.
    const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => discharge(100 + from + i, (from + i) % 2 === 0 ? 'maternity-ward' : 'respiratory-ward'));
    const before = { maternity: (await counters('maternity-ward'))[names.discharged] ?? 0, respiratory: (await counters('respiratory-ward'))[names.discharged] ?? 0 };
    expect((await request(token, 'POST', '/v1/discharges', { batchId: randomUUID(), siteId: 'demo', discharges: rows(0, 40) })).status).toBe(202);
    expect((await request(token, 'POST', '/v1/discharges', { batchId: randomUUID(), siteId: 'demo', discharges: rows(20, 60) })).status).toBe(202);
    await eventually('the queue drained', async () => ((await queueDepth(stack(), stack().queueUrls.intake.url)) === 0 ? true : undefined));
    await eventually('every call stored', async () => ((await Promise.all(rows(0, 60).map((d) => callOf(d.dischargeId)))).every((c) => c?.status === 'due') ? true : undefined));
    expect([(await counters('maternity-ward'))[names.discharged], (await counters('respiratory-ward'))[names.discharged]]).toEqual([before.maternity + 30, before.respiratory + 30]);
  });

  it('refuses a body that is not a batch, and a site the client may not post for', async () => {
    const token = await machineToken();
    expect((await request(token, 'POST', '/v1/discharges', { siteId: 'demo', discharges: [] })).status).toBe(422);
    expect((await request(token, 'POST', '/v1/discharges', { batchId: randomUUID(), siteId: 'other-hospital', discharges: [discharge(9)] })).status).toBe(404);
  });
});

describe('calls', () => {
  const ids = [10, 11, 12, 13].map((n) => `T${run}-${n}`);

  it('records outcomes, opens exactly one complaint per issue owned by the caller, and gives an exact coverage', async () => {
    const his = await machineToken();
    expect((await request(his, 'POST', '/v1/discharges', { batchId: randomUUID(), siteId: 'demo', discharges: [10, 11, 12, 13].map((n) => discharge(n, 'orthopaedics-ward')) })).status).toBe(202);
    await eventually('four calls due', async () => ((await Promise.all(ids.map(callOf))).every((c) => c?.status === 'due') ? true : undefined));

    const nurse = await staffToken('callback');
    const withIssue = callbackBody(ids[0] ?? '', 'reached', { overall: 'poor', ratings: { communication: 2 }, comment: '出院时没人讲怎么吃药', issues: [{ description: '出院带药没有说明，护士说不清楚，请药剂科解释' }] });
    expect((await request(nurse, 'POST', '/v1/callbacks', withIssue)).status).toBe(202);
    // The same submission again is the same attempt.
    expect((await request(nurse, 'POST', '/v1/callbacks', withIssue)).status).toBe(202);
    expect((await request(nurse, 'POST', '/v1/callbacks', callbackBody(ids[1] ?? '', 'reached', { overall: 'very_good' }))).status).toBe(202);
    expect((await request(nurse, 'POST', '/v1/callbacks', callbackBody(ids[2] ?? '', 'no_answer'))).status).toBe(202);
    expect((await request(his, 'POST', '/v1/callbacks', callbackBody(ids[3] ?? '', 'declined'))).status).toBe(202);

    const call = await eventually('the reached call stored', async () => { const c = await callOf(ids[0] ?? ''); return c?.status === 'done' && c.complaintIds.length > 0 ? c : undefined; });
    expect(call.complaintIds).toHaveLength(1);
    const complaint = await eventually('its complaint stored', async () => getComplaint(TABLE_NAME, call.complaintIds[0] ?? ''));
    expect(complaint).toMatchObject({ channel: 'callback', owner: 'callback', enteredBy: 'user:callback', callId: call.callId, departmentId: 'orthopaedics-ward', hasContact: true });
    expect((await getCallback(TABLE_NAME, withIssue.submissionId))?.complaintIds).toEqual(call.complaintIds);
    await eventually('every call processed', async () => ((await callOf(ids[2] ?? ''))?.status === 'attempted' && (await callOf(ids[3] ?? ''))?.status === 'done' && (await callOf(ids[1] ?? ''))?.status === 'done' ? true : undefined));
    expect(await callOf(ids[2] ?? '')).toMatchObject({ attempts: [expect.objectContaining({ outcome: 'no_answer' })] });

    const c = await counters('orthopaedics-ward');
    expect([c[names.discharged], c[names.attempted], c[names.reached], c[names.declined], c[names.complaints]]).toEqual([4, 4, 2, 1, 1]);
    // The answers feed the satisfaction counters on the day of the call, marked as from callbacks.
    const today = dayIn(TZ, new Date());
    const answers = (await sumAggregates(TABLE_NAME, 'demo', 'orthopaedics-ward', today, today)).counters;
    expect([answers[names.surveyChannel], answers.survey_overall_poor, answers.survey_overall_very_good, answers.survey_rating_communication_2]).toEqual([2, 1, 1, 1]);

    const office = await staffToken('office');
    const metrics = await request(office, 'GET', `/v1/admin/metrics?site=demo&department=orthopaedics-ward&from=${DAY}&to=${DAY}`);
    expect(metrics.status).toBe(200);
    const figures = MetricsSchema.parse(await metrics.json()).callbacks;
    // Two of four patients reached: exactly half, against the 50% target; one poor and one very good answer.
    expect(figures).toMatchObject({ discharged: 4, attempted: 4, reached: 2, declined: 1, unreachable: 0, coverage: 0.5, positiveRate: 0.5, complaintsRaised: 1 });
    expect(figures.target).toBe(0.5);
  });

  it('closes a call whose patient details already expired, on the attempt that ends it', async () => {
    // Prepare: a discharge whose details' backstop expiry has run out and been swept away by TTL
    const id = `T${run}-14`;
    expect((await request(await machineToken(), 'POST', '/v1/discharges', { batchId: randomUUID(), siteId: 'demo', discharges: [discharge(14, 'orthopaedics-ward')] })).status).toBe(202);
    await eventually('the call due', async () => ((await callOf(id))?.status === 'due' ? true : undefined));
    await dynamoDb.send(new DeleteCommand({ TableName: TABLE_NAME, Key: keys.dischargePerson('demo', id) }));

    // Act: the patient declines, which closes the call
    expect((await request(await staffToken('callback'), 'POST', '/v1/callbacks', callbackBody(id, 'declined'))).status).toBe(202);

    // Assess: closed and counted, not retried as a version conflict
    const closed = await eventually('the call closed', async () => { const c = await callOf(id); return c?.status === 'done' ? c : undefined; });
    expect(closed).toMatchObject({ result: 'declined', attempts: [expect.objectContaining({ outcome: 'declined' })] });
    expect(await getPerson(TABLE_NAME, 'demo', id, new Date())).toBeUndefined();
  });

  it('tells a second caller who has the call, and keeps other departments\' calls from a nurse (404)', async () => {
    const his = await machineToken();
    const emergency = `T${run}-20`;
    const held = `T${run}-21`;
    expect((await request(his, 'POST', '/v1/discharges', { batchId: randomUUID(), siteId: 'demo', discharges: [discharge(20, 'emergency'), discharge(21)] })).status).toBe(202);
    const heldCall = await eventually('calls stored', async () => ((await callOf(emergency)) === undefined ? undefined : callOf(held)));
    const nurse = await staffToken('callback');
    expect((await request(nurse, 'POST', '/v1/callbacks', callbackBody(emergency, 'reached'))).status).toBe(404);
    expect((await request(nurse, 'GET', '/v1/admin/callbacks?site=demo&department=emergency')).status).toBe(404);
    const list = z.object({ items: z.array(z.object({ id: z.string(), department: z.string(), phone: z.string().optional() })) }).parse(await (await request(nurse, 'GET', '/v1/admin/callbacks?site=demo&limit=100')).json());
    expect(list.items.every((i) => ['cardiology-ward', 'orthopaedics-ward'].includes(i.department))).toBe(true);
    expect(list.items.find((i) => i.id === `discharge:${held}`)?.phone).toBe('139****1021');

    if (heldCall === undefined) throw new Error('no call');
    expect(await claimCall(TABLE_NAME, heldCall, 'user:callback', new Date(Date.now() + 600_000), new Date())).toEqual({ taken: true });
    const second = await request(await staffToken('office'), 'POST', '/v1/callbacks', callbackBody(held, 'reached'));
    expect(second.status).toBe(409);
    expect(z.object({ detail: z.string() }).parse(await second.json()).detail).toContain('user:callback');
  });

  it('lets the machine client post discharges and callbacks and nothing else', async () => {
    const token = await machineToken();
    const complaint = { submissionId: randomUUID(), siteId: 'demo', departmentId: 'emergency', channel: 'hotline', receivedAt: new Date().toISOString(), firstReceiver: { departmentId: 'emergency', name: '接线员' }, settledOnSpot: false, description: '等了很久' };
    for (const [method, path, body] of [['GET', '/v1/admin/callbacks?site=demo', undefined], ['GET', `/v1/admin/metrics?site=demo&from=${DAY}&to=${DAY}`, undefined], ['GET', '/v1/admin/complaints?site=demo', undefined], ['POST', '/v1/admin/complaints', complaint]] as const) {
      expect((await request(token, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
  });
});

describe('the follow-up call of a key complaint', () => {
  it('is put on the office\'s worklist when the case closes, and its answer is recorded on the case and counted', async () => {
    const id = randomUUID();
    const record: ComplaintRecord = {
      id, siteId: 'demo', departmentId: 'respiratory-ward', trackingCode: `T-${id.slice(0, 4)}`, channel: 'hotline', enteredBy: 'user:office', settledOnSpot: false, multiDepartment: false,
      receivedAt: new Date().toISOString(), timeZone: TZ, description: '夜间护士长时间不来，家属很着急', status: 'investigating', category: 'nursing', severity: 'high',
      safetySignal: false, safetyKinds: [], terms: [], handlerDepartmentId: 'nursing-office', owner: 'office', acknowledgeBy: new Date().toISOString(), dueAt: addDays(new Date(), 5).toISOString(),
      hasContact: false, mailPending: false, version: 1,
    };
    await storeNewComplaint(TABLE_NAME, record, undefined, new Date());
    const office = await staffToken('office');
    const closed = await fetch(`${stack().baseUrl}/v1/admin/complaints/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json', 'if-match': '"v1"' }, body: JSON.stringify({ reason: '已调查并答复', status: 'closed', outcome: 'substantiated', response: '已加强夜班巡视' }) });
    expect(closed.status).toBe(200);
    const call = await getCall(TABLE_NAME, keys.followUpCall(id));
    expect(call).toMatchObject({ kind: 'follow-up', status: 'due', complaintId: id });

    const ListSchema = z.object({ items: z.array(z.object({ id: z.string() })) });
    const officeList = ListSchema.parse(await (await request(office, 'GET', '/v1/admin/callbacks?site=demo&limit=100')).json());
    expect(officeList.items.map((i) => i.id)).toContain(`complaint:${id}`);
    const nurseList = ListSchema.parse(await (await request(await staffToken('callback'), 'GET', '/v1/admin/callbacks?site=demo&limit=100')).json());
    expect(nurseList.items.map((i) => i.id)).not.toContain(`complaint:${id}`);

    const callDay = dayIn(TZ, new Date());
    const before = (await sumAggregates(TABLE_NAME, 'demo', 'respiratory-ward', callDay, callDay)).counters[names.followUpNotSatisfied] ?? 0;
    const answer = await request(office, 'POST', '/v1/callbacks', { submissionId: randomUUID(), siteId: 'demo', complaintId: id, calledAt: new Date().toISOString(), outcome: 'reached', followUp: 'not_satisfied' });
    expect(answer.status).toBe(202);
    const updated = await eventually('the answer on the case', async () => { const c = await getComplaint(TABLE_NAME, id); return c?.followUpResult === undefined ? undefined : c; });
    expect(updated).toMatchObject({ followUpResult: 'not_satisfied', status: 'closed', version: 3 });
    expect((await sumAggregates(TABLE_NAME, 'demo', 'respiratory-ward', callDay, callDay)).counters[names.followUpNotSatisfied]).toBe(before + 1);
    // "Not satisfied" offers to reopen: the case can go back to investigating.
    const reopened = await fetch(`${stack().baseUrl}/v1/admin/complaints/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json', 'if-match': '"v3"' }, body: JSON.stringify({ reason: '回访不满意，重新调查', status: 'investigating' }) });
    expect(reopened.status).toBe(200);
  });
});

describe('the worklist filtered by status', () => {
  it('gives full pages of the matching calls, each exactly once, the filter being part of the query', async () => {
    // A department of its own, so nothing else lands in its partition: 30 open calls, every third attempted, and 5 closed.
    const department = `list-${run}`;
    const today = dayIn(TZ, new Date());
    const calls: CallRecord[] = Array.from({ length: 35 }, (_, i) => {
      const due = dayIn(TZ, addDays(new Date(), (i % 7) - 3));
      const dischargeId = `L${run}-${String(i).padStart(2, '0')}`;
      const call: CallRecord = { callId: `discharge:${dischargeId}`, kind: 'discharge', siteId: 'demo', departmentId: department, timeZone: TZ, dischargeId, cohortDay: due, status: i % 3 === 0 ? 'attempted' : 'due', attempts: [], dueDay: due, windowStart: due, windowEnd: dayIn(TZ, addDays(new Date(), 20)), complaintIds: [], version: 1 };
      return i >= 30 ? { ...call, status: 'done', result: 'reached', closedAt: `${today}T01:00:00.000Z` } : call;
    });
    for (const call of calls) await dynamoDb.send(new PutCommand({ TableName: TABLE_NAME, Item: callItem(TABLE_NAME, call).Put?.Item ?? {} }));
    const office = await staffToken('office');
    const PageSchema = z.object({ items: z.array(z.object({ id: z.string(), status: z.string() })), cursor: z.string().optional() });
    const all = async (status: string) => {
      const pages: z.infer<typeof PageSchema>[] = [];
      let cursor: string | undefined;
      do {
        const response = await request(office, 'GET', `/v1/admin/callbacks?site=demo&department=${department}&status=${status}&limit=10${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        expect(response.status).toBe(200);
        const page = PageSchema.parse(await response.json());
        pages.push(page);
        cursor = page.cursor;
      } while (cursor !== undefined && pages.length < 10);
      return pages;
    };
    for (const [status, expected] of [['due', calls.filter((c) => c.status === 'due')], ['attempted', calls.filter((c) => c.status === 'attempted')], ['done', calls.filter((c) => c.status === 'done')]] as const) {
      const pages = await all(status);
      // Full pages until the last, which holds the rest; no empty page with a cursor.
      expect(pages.map((p) => p.items.length), status).toEqual([10, 10, 10].slice(0, Math.floor(expected.length / 10)).concat(expected.length % 10 === 0 ? [] : [expected.length % 10]));
      const ids = pages.flatMap((p) => p.items.map((i) => i.id));
      expect(ids.toSorted(), status).toEqual(expected.map((c) => c.callId).toSorted());
      expect(pages.flatMap((p) => p.items).every((i) => i.status === status)).toBe(true);
    }
  });
});

describe('callback notes, with the survey comments\' two safety levels', () => {
  const MailsSchema = z.object({ emails: z.array(z.object({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }), body: z.object({ text: z.string().optional() }) })) });
  const mails = async () => MailsSchema.parse(await (await fetch(`${stack().endpoints.ses}/store`)).json()).emails;
  const commentOf = (id: string) => eventually(`comment ${id} on the list`, async () => { const c = await getComment(TABLE_NAME, id); return c?.noticePending === false ? c : undefined; });

  it('alerts at once on a signal, puts a possible one on the "please look now" list with the notice, and every note on the comments to read', async () => {
    const his = await machineToken();
    const [signalId, possibleId, plainId] = [40, 41, 42].map((n) => `T${run}-${n}`);
    expect((await request(his, 'POST', '/v1/discharges', { batchId: randomUUID(), siteId: 'demo', discharges: [40, 41, 42].map((n) => discharge(n)) })).status).toBe(202);
    await eventually('three calls due', async () => ((await Promise.all([signalId, possibleId, plainId].map((id) => callOf(id ?? '')))).every((c) => c?.status === 'due') ? true : undefined));
    const nurse = await staffToken('callback');
    const before = (await mails()).length;

    const signal = callbackBody(signalId ?? '', 'reached', { overall: 'neither', comment: '出院后觉得活着没意思，不想活了' });
    expect((await request(nurse, 'POST', '/v1/callbacks', signal)).status).toBe(202);
    expect(await commentOf(signal.submissionId)).toMatchObject({ source: 'callback', departmentId: 'cardiology-ward', safetyLevel: 'signal' });
    const alert = await eventually('the alert', async () => (await mails()).slice(before).find((m) => m.subject.includes('URGENT')));
    expect(alert.destination.to).toContain('safety@hospital.example');
    for (const mail of (await mails()).slice(before)) expect(`${mail.subject}${mail.body.text ?? ''}`).not.toContain('不想活');
    // The notes open no case: the alert is the comment's own.
    expect(await callOf(signalId ?? '')).toMatchObject({ status: 'done', complaintIds: [] });

    const middle = (await mails()).length;
    const possible = callbackBody(possibleId ?? '', 'no_answer', { comment: '那个保安说下班后在停车场等我' });
    expect((await request(nurse, 'POST', '/v1/callbacks', possible)).status).toBe(202);
    expect(await commentOf(possible.submissionId)).toMatchObject({ source: 'callback', safetyLevel: 'possible', review: { state: 'pending' } });
    const notice = await eventually('the notice', async () => (await mails()).slice(middle).find((m) => m.subject.includes('Please look now')));
    expect(notice.destination.to.length).toBeGreaterThan(0);
    expect((await mails()).slice(middle).filter((m) => m.subject.includes('URGENT'))).toEqual([]);
    expect((await unreadComments(TABLE_NAME, 'demo', 2000)).filter(awaitsReview).map((c) => c.id)).toContain(possible.submissionId);

    const plain = callbackBody(plainId ?? '', 'reached', { overall: 'very_good', comment: '护士很耐心，谢谢' });
    expect((await request(nurse, 'POST', '/v1/callbacks', plain)).status).toBe(202);
    expect(await commentOf(plain.submissionId)).toMatchObject({ source: 'callback', safetyLevel: 'none' });
    const unread = (await unreadComments(TABLE_NAME, 'demo', 2000)).map((c) => c.id);
    for (const id of [signal.submissionId, possible.submissionId, plain.submissionId]) expect(unread).toContain(id);
  });
});

describe('calls whose window ended', () => {
  it('close themselves as unreachable, counted once however often the sweep runs, and a call being worked is left alone', async () => {
    const his = await machineToken();
    // Discharged 40 days ago: the 30-day window ended. One never attempted, one a caller pressed "call" on (too late).
    const oldDay = dayIn(TZ, addDays(new Date(), -40));
    const old = (n: number) => ({ ...discharge(n, 'cardiology-ward'), dischargedAt: `${oldDay}T10:00:00+08:00` });
    const [neverTried, heldLate] = [50, 51].map((n) => `T${run}-${n}`);
    const working = `T${run}-52`;
    expect((await request(his, 'POST', '/v1/discharges', { batchId: randomUUID(), siteId: 'demo', discharges: [old(50), old(51), discharge(52, 'cardiology-ward')] })).status).toBe(202);
    const calls = await eventually('three calls due', async () => { const all = await Promise.all([neverTried, heldLate, working].map((id) => callOf(id ?? ''))); return all.every((c) => c?.status === 'due') ? all : undefined; });
    const before = (await sumAggregates(TABLE_NAME, 'demo', 'cardiology-ward', oldDay, oldDay)).counters;
    // The open call's due day has passed but its window allows a call: a nurse is working on it.
    const workingCall = calls[2];
    const heldCall = calls[1];
    if (workingCall === undefined || heldCall === undefined) throw new Error('no call');
    expect(workingCall.dueDay < dayIn(TZ, new Date())).toBe(true);
    expect(await claimCall(TABLE_NAME, workingCall, 'user:callback', new Date(Date.now() + 600_000), new Date())).toEqual({ taken: true });
    expect(await claimCall(TABLE_NAME, heldCall, 'user:callback', new Date(Date.now() + 600_000), new Date())).toEqual({ taken: true });

    // Two overlapping runs, then a third: the expired call is closed and counted once.
    await Promise.all([closeExpiredCalls({ table: TABLE_NAME, now: new Date() }), closeExpiredCalls({ table: TABLE_NAME, now: new Date() })]);
    await closeExpiredCalls({ table: TABLE_NAME, now: new Date() });
    expect(await callOf(neverTried ?? '')).toMatchObject({ status: 'done', result: 'unreachable', attempts: [], version: 2 });
    // Held by a caller: left to the run after the claim runs out, even though its window ended.
    expect(await callOf(heldLate ?? '')).toMatchObject({ status: 'due', version: 1 });
    expect(await callOf(working)).toMatchObject({ status: 'due', version: 1, claimedBy: 'user:callback' });
    const after = (await sumAggregates(TABLE_NAME, 'demo', 'cardiology-ward', oldDay, oldDay)).counters;
    expect((after[names.unreachable] ?? 0) - (before[names.unreachable] ?? 0)).toBe(1);
    expect((after[names.attempted] ?? 0) - (before[names.attempted] ?? 0)).toBe(0);
    const month = await sumAggregates(TABLE_NAME, 'demo', 'ALL', `${oldDay.slice(0, 7)}-01`, `${oldDay.slice(0, 7)}-28`);
    expect(month.counters[names.unreachable] ?? 0).toBeGreaterThanOrEqual(1);

    // The nurse's attempt on the call being worked counts as an attempt; a later run leaves it (window open).
    expect((await request(await staffToken('callback'), 'POST', '/v1/callbacks', callbackBody(working, 'no_answer'))).status).toBe(202);
    await eventually('the attempt stored', async () => ((await callOf(working))?.status === 'attempted' ? true : undefined));
    await closeExpiredCalls({ table: TABLE_NAME, now: new Date() });
    expect(await callOf(working)).toMatchObject({ status: 'attempted', version: 2 });
    // Once the held call's claim has run out, the next run closes it.
    await closeExpiredCalls({ table: TABLE_NAME, now: new Date(Date.now() + 700_000) });
    expect(await callOf(heldLate ?? '')).toMatchObject({ status: 'done', result: 'unreachable', version: 2 });
    expect(((await sumAggregates(TABLE_NAME, 'demo', 'cardiology-ward', oldDay, oldDay)).counters[names.unreachable] ?? 0) - (before[names.unreachable] ?? 0)).toBe(2);
  });
});
