import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import type { ComplaintRecord } from '../../shared/schemas/complaint.ts';
import { getComplaint, storeNewComplaint } from '../../shared/storage/complaints.ts';
import { getUser } from '../../shared/storage/users.ts';
import { eventually, useLocalStack } from '../support/local-stack.ts';

// The complaint inbox through the gateway, as each role uses it: who sees which cases, who may change
// what, and the optimistic concurrency of changes.

// One worker: a change's notices reach the mail through it.
const stack = useLocalStack({ pollersPerQueue: 1 });

const CARDIO = 'aaaaaaaa-0000-4000-8000-000000000001';
const EMERGENCY = 'aaaaaaaa-0000-4000-8000-000000000002';
const record = (id: string, departmentId: string, handlerDepartmentId: string): ComplaintRecord => ({
  id, siteId: 'demo', departmentId, trackingCode: `T-${id.slice(-4)}`, channel: 'hotline', enteredBy: 'user:office', settledOnSpot: false, multiDepartment: false,
  receivedAt: '2026-11-20T01:00:00.000Z', timeZone: 'Asia/Shanghai', description: '夜班护士态度不好', status: 'received', category: 'nursing', severity: 'medium',
  safetySignal: false, safetyKinds: [], terms: ['态度不好'], handlerDepartmentId, owner: 'office', acknowledgeBy: '2026-11-24T15:59:59.999Z', dueAt: '2027-01-30T15:59:59.999Z',
  hasContact: false, mailPending: false, version: 1,
});

async function as(username: string, path: string, init: RequestInit = {}): Promise<Response> {
  const user = await getUser(TABLE_NAME, username);
  if (user === undefined) throw new Error(username);
  return fetch(`${stack().baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${stack().issuer.idTokenFor(user)}`, 'content-type': 'application/json', ...init.headers } });
}

const patch = (username: string, id: string, body: unknown, ifMatch?: string) =>
  as(username, `/v1/admin/complaints/${id}`, { method: 'PATCH', body: JSON.stringify(body), headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

async function seeded(): Promise<void> {
  await storeNewComplaint(TABLE_NAME, record(CARDIO, 'cardiology-ward', 'nursing-office'), undefined, new Date());
  await storeNewComplaint(TABLE_NAME, record(EMERGENCY, 'emergency', 'nursing-office'), undefined, new Date());
}

async function listed(username: string): Promise<string[]> {
  const response = await as(username, '/v1/admin/complaints?site=demo');
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('items' in body) || !Array.isArray(body.items)) throw new Error('no items');
  return body.items.map((item: unknown) => (typeof item === 'object' && item !== null && 'id' in item ? String(item.id) : '')).sort();
}

describe('the complaint inbox', () => {
  it('shows the office every case and a responder only their department\'s', async () => {
    await seeded();
    expect(await listed('office')).toEqual([CARDIO, EMERGENCY]);
    expect(await listed('cardio')).toEqual([CARDIO]);
    expect((await as('manager', '/v1/admin/complaints?site=demo')).status).toBe(403);
  });

  it('answers a responder reading or changing another department\'s case with 404, and changes nothing', async () => {
    expect((await as('cardio', `/v1/admin/complaints/${EMERGENCY}`)).status).toBe(404);
    expect((await patch('cardio', EMERGENCY, { reason: 'x', status: 'investigating' }, '"v1"')).status).toBe(404);
    expect(await getComplaint(TABLE_NAME, EMERGENCY)).toMatchObject({ status: 'received', version: 1 });
  });

  it('lets a responder answer their case, but not reassign it', async () => {
    const read = await as('cardio', `/v1/admin/complaints/${CARDIO}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"v1"');
    expect((await patch('cardio', CARDIO, { reason: '我来跟进', owner: 'cardio' }, '"v1"')).status).toBe(403);
    const moved = await patch('cardio', CARDIO, { reason: '科室调查中', status: 'investigating' }, '"v1"');
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).toBe('"v2"');
  });

  it('refuses a change without If-Match (428) or over a stale version (409)', async () => {
    expect((await patch('office', CARDIO, { reason: 'r', severity: 'high' })).status).toBe(428);
    expect((await patch('office', CARDIO, { reason: 'r', severity: 'high' }, '"v1"')).status).toBe(409);
    expect(await getComplaint(TABLE_NAME, CARDIO)).toMatchObject({ severity: 'medium', version: 2 });
  });

  it('lets the office close a case with its outcome, and keeps the whole history', async () => {
    const closed = await patch('office', CARDIO, { reason: '已电话回复患者', status: 'closed', outcome: 'partly-substantiated', response: '已向患者致歉，护理部加强夜班培训。' }, '"v2"');
    expect(closed.status).toBe(200);
    const body: unknown = await (await as('office', `/v1/admin/complaints/${CARDIO}`)).json();
    expect(body).toMatchObject({ complaint: { status: 'closed', outcome: 'partly-substantiated', version: 3 } });
    const history = typeof body === 'object' && body !== null && 'history' in body && Array.isArray(body.history) ? body.history : [];
    expect(history.map((h: unknown) => (typeof h === 'object' && h !== null && 'actor' in h && 'change' in h ? `${String(h.actor)} ${String(h.change)}` : ''))).toEqual(['user:office received', 'user:cardio status', 'user:office status']);
  });

  it('tells a new owner and a new handler department by mail, and refuses an owner outside the complaint office', async () => {
    const refused = await patch('office', EMERGENCY, { reason: '转交', owner: 'cardio' }, '"v1"');
    expect(refused.status).toBe(422);
    expect(await getComplaint(TABLE_NAME, EMERGENCY)).toMatchObject({ owner: 'office', version: 1 });

    const moved = await patch('office', EMERGENCY, { reason: '主任亲自跟进，转医务科调查', owner: 'head', handlerDepartmentId: 'medical-affairs' }, '"v1"');
    expect(moved.status).toBe(200);
    const recipients = await eventually('reassignment notices', async () => {
      const response = await fetch(`${stack().endpoints.ses}/store`);
      const store = z.object({ emails: z.array(z.object({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }) })) }).parse(await response.json());
      const to = store.emails.filter((m) => m.subject.includes(`T-${EMERGENCY.slice(-4)}`)).flatMap((m) => m.destination.to);
      return to.length >= 2 ? to.sort() : undefined;
    });
    expect(recipients).toEqual(['head@hospital.example', 'medical-affairs@hospital.example']);
  });
});
