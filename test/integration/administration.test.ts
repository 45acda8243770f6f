import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { recordAudit } from '../../shared/storage/audit.ts';
import { getComplaint } from '../../shared/storage/complaints.ts';
import { getUser, type StaffUser } from '../../shared/storage/users.ts';
import { codeOf, eventually, postJson, useLocalStack } from '../support/local-stack.ts';

// Running a hospital through the APIs, against the local emulators: staff accounts (admin only; nobody
// changes their own role; the last admin stays), the audit trail (office head and admin; its reading
// audited; CSV), a site's settings under If-Match (412, 428, 422 by field; a 2027 calendar that makes
// provisional due dates final), and who may call each new route. Then the loose ends: the tracking answer,
// the handler notices of a ward, the deep link after sign-in.

const stack = useLocalStack({ rateLimitPerMinute: 1000 });

async function tokenOf(username: string, overrides: Partial<StaffUser> = {}): Promise<string> {
  const user = await getUser(TABLE_NAME, username);
  if (user === undefined && Object.keys(overrides).length === 0) throw new Error(`no user ${username}`);
  const base: StaffUser = user ?? { username, name: username, passwordHash: 'scrypt$x', roles: ['manager'], sites: ['demo'], departments: [], disabled: false };
  return stack().issuer.idTokenFor({ ...base, ...overrides });
}

async function api(username: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, overrides: Partial<StaffUser> = {}): Promise<Response> {
  return fetch(`${stack().baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokenOf(username, overrides)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function machineToken(): Promise<string> {
  const { clientId, secret } = stack().issuer.machineClient;
  const token = await fetch(`${stack().issuer.url}/oauth2/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
  return z.object({ access_token: z.string() }).parse(await token.json()).access_token;
}

const ItemsSchema = z.object({ items: z.array(z.record(z.string(), z.unknown())) });
const ProblemSchema = z.object({ status: z.number(), errors: z.array(z.object({ path: z.string(), message: z.string() })).optional() });
const StoreSchema = z.object({ emails: z.array(z.object({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }) })) });

describe('who may call the new routes', () => {
  const routes = [['GET', '/v1/admin/users'], ['POST', '/v1/admin/users'], ['PATCH', '/v1/admin/users/head'], ['GET', '/v1/admin/audit'], ['GET', '/v1/admin/sites/demo/settings'], ['PUT', '/v1/admin/sites/demo/settings']] as const;

  it.each(['manager', 'cardio', 'callback', 'office'])('%s gets 403 on every one', async (username) => {
    for (const [method, path] of routes) {
      const response = await api(username, method, path, method === 'GET' ? undefined : {}, method === 'PUT' ? { 'if-match': '"v1"' } : {});
      expect(response.status, `${method} ${path}`).toBe(403);
    }
  });

  it('gives the office head the audit trail and the settings, not the accounts; a machine client nothing', async () => {
    expect((await api('head', 'GET', '/v1/admin/users')).status).toBe(403);
    expect((await api('head', 'GET', '/v1/admin/audit')).status).toBe(200);
    expect((await api('head', 'GET', '/v1/admin/sites/demo/settings')).status).toBe(200);
    const access = await machineToken();
    for (const path of ['/v1/admin/users', '/v1/admin/audit', '/v1/admin/sites/demo/settings']) {
      expect((await fetch(`${stack().baseUrl}${path}`, { headers: { authorization: `Bearer ${access}` } })).status, path).toBe(403);
    }
  });

  it('checks access before the body or the query: a caller without the role gets 403, never how their input fails', async () => {
    const access = await machineToken();
    const machine = (method: string, path: string, body: string, contentType: string) => fetch(`${stack().baseUrl}${path}`, { method, headers: { authorization: `Bearer ${access}`, 'content-type': contentType }, body });
    for (const [contentType, body] of [['application/json', '{}'], ['application/json', '{not json'], ['text/plain', 'hello']] as const) {
      expect((await machine('POST', '/v1/admin/complaints', body, contentType)).status, `complaint ${contentType} ${body}`).toBe(403);
      expect((await machine('POST', '/v1/admin/users', body, contentType)).status, `user ${contentType} ${body}`).toBe(403);
      expect((await machine('PATCH', '/v1/admin/users/head', body, contentType)).status, `user change ${contentType} ${body}`).toBe(403);
      expect((await machine('PUT', '/v1/admin/sites/demo/settings', body, contentType)).status, `settings ${contentType} ${body}`).toBe(403);
    }
    // Staff whose role lacks the action, with a body or a query that would fail validation.
    expect((await api('manager', 'POST', '/v1/admin/complaints', { bogus: true })).status).toBe(403);
    expect((await api('manager', 'GET', '/v1/admin/complaints?bogus=1')).status).toBe(403);
    expect((await api('manager', 'POST', '/v1/discharges', { bogus: true })).status).toBe(403);
    expect((await api('manager', 'POST', '/v1/callbacks', { bogus: true })).status).toBe(403);
    expect((await api('manager', 'GET', '/v1/admin/callbacks?bogus=1')).status).toBe(403);
    expect((await api('callback', 'GET', '/v1/admin/metrics?bogus=1')).status).toBe(403);
    expect((await api('manager', 'GET', '/v1/admin/audit?from=yesterday')).status).toBe(403);
    // The same bodies from a caller who may act are refused on their fields.
    expect((await api('office', 'POST', '/v1/admin/complaints', { bogus: true })).status).toBe(422);
    expect((await api('office', 'GET', '/v1/admin/complaints?bogus=1')).status).toBe(422);
  });

  it('answers another site with 404', async () => {
    expect((await api('head', 'GET', '/v1/admin/sites/elsewhere/settings')).status).toBe(404);
    expect((await api('head', 'GET', '/v1/admin/sites/demo/settings', undefined, {}, { sites: ['elsewhere'] })).status).toBe(404);
    expect((await api('admin', 'GET', '/v1/admin/users?site=elsewhere')).status).toBe(404);
    expect((await api('admin', 'POST', '/v1/admin/users', { username: 'far', name: '远', role: 'manager', sites: ['elsewhere'], password: 'Far-away-2026!' })).status).toBe(404);
  });
});

describe('staff accounts', () => {
  it('lets the admin create an account, change its role and scope, disable and enable it, every change audited', async () => {
    const created = await api('admin', 'POST', '/v1/admin/users', { username: 'nurse.li', name: '李护士长', email: 'li@hospital.example', role: 'responder', sites: ['demo'], departments: ['orthopaedics-ward'], password: 'Nurse-li-2026!' });
    expect(created.status).toBe(201);
    expect(await getUser(TABLE_NAME, 'nurse.li')).toMatchObject({ roles: ['responder'], departments: ['orthopaedics-ward'], email: 'li@hospital.example', disabled: false });
    expect((await api('admin', 'POST', '/v1/admin/users', { username: 'nurse.li', name: '又一个', role: 'manager', sites: ['demo'], password: 'Nurse-li-2026!' })).status).toBe(422);
    const weak = ProblemSchema.parse(await (await api('admin', 'POST', '/v1/admin/users', { username: 'weak', name: 'W', role: 'responder', sites: ['demo'], departments: ['no-such-ward'], password: 'short' })).json());
    expect(weak.errors?.map((e) => e.path)).toContain('password');

    expect((await api('admin', 'PATCH', '/v1/admin/users/nurse.li', { role: 'office-officer', departments: [] })).status).toBe(200);
    expect((await api('admin', 'PATCH', '/v1/admin/users/nurse.li', { enabled: false })).status).toBe(200);
    expect(await getUser(TABLE_NAME, 'nurse.li')).toMatchObject({ roles: ['office-officer'], disabled: true });
    expect((await api('admin', 'PATCH', '/v1/admin/users/nurse.li', { enabled: true, password: 'Nurse-li-2027!' })).status).toBe(200);
    const list = ItemsSchema.parse(await (await api('admin', 'GET', '/v1/admin/users')).json());
    expect(list.items.find((u) => u.username === 'nurse.li')).toMatchObject({ role: 'office-officer', enabled: true });
    expect(JSON.stringify(list.items)).not.toContain('scrypt');

    const trail = ItemsSchema.parse(await (await api('admin', 'GET', '/v1/admin/audit?actor=admin&limit=50')).json());
    const details = trail.items.filter((i) => i.target === 'user:nurse.li').map((i) => `${String(i.action)} ${String(i.detail)}`);
    expect(details).toEqual(expect.arrayContaining(['user-create role=responder; sites=demo', expect.stringContaining('role=responder->office-officer'), 'user-change disabled', 'user-change enabled; password-reset']));
    expect(JSON.stringify(trail.items)).not.toContain('Nurse-li');
  });

  it('refuses a change of one\'s own role (403) and the disabling of the last admin (422)', async () => {
    const own = await api('admin', 'PATCH', '/v1/admin/users/admin', { role: 'manager' });
    expect(own.status).toBe(403);
    expect(ProblemSchema.parse(await own.json()).errors?.[0]?.path).toBe('role');
    // An administrator from outside the store (as one in Cognito would be) tries to disable the only one in it.
    const last = await api('ghost-admin', 'PATCH', '/v1/admin/users/admin', { enabled: false }, {}, { roles: ['admin'] });
    expect(last.status).toBe(422);
    expect(await getUser(TABLE_NAME, 'admin')).toMatchObject({ disabled: false, roles: ['admin'] });
  });
});

describe('the audit trail', () => {
  it('is filtered, paged, exported as CSV with a BOM, and records its own reading', async () => {
    const first = await api('head', 'GET', '/v1/admin/audit?limit=2');
    const page = z.object({ items: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string() })), cursor: z.string().optional() }).parse(await first.json());
    expect(page.items).toHaveLength(2);
    expect(page.cursor).toBeDefined();
    const second = z.object({ items: z.array(z.object({ at: z.string() })) }).parse(await (await api('head', 'GET', `/v1/admin/audit?limit=2&cursor=${encodeURIComponent(page.cursor ?? '')}`)).json());
    expect((second.items[0]?.at ?? '') <= (page.items[1]?.at ?? '')).toBe(true);
    expect((await api('head', 'GET', '/v1/admin/audit?cursor=forged')).status).toBe(422);
    expect((await api('head', 'GET', '/v1/admin/audit?from=2025-01-01&to=2026-12-31')).status).toBe(422);

    const csv = await api('head', 'GET', '/v1/admin/audit?format=csv&action=audit-read');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFat,site,actor,action,outcome,target,detail')).toBe(true);
    expect(text).toContain(',demo,user:head,audit-read,success');
    const exports = ItemsSchema.parse(await (await api('admin', 'GET', '/v1/admin/audit?action=audit-export')).json());
    expect(exports.items.some((i) => i.actor === 'user:head')).toBe(true);
  });

  it('is per site: entries carry their site, another site\'s trail is 404, and no reading shows another site\'s entries', async () => {
    const marker = `far-${randomUUID()}`;
    await recordAudit(TABLE_NAME, { actor: 'user:far-head', action: 'settings-change', outcome: 'success', sites: ['elsewhere'], target: 'site:elsewhere', detail: marker });
    await recordAudit(TABLE_NAME, { actor: 'user:both', action: 'settings-change', outcome: 'success', sites: ['demo', 'elsewhere'], detail: `${marker}-both` });

    const demo = ItemsSchema.parse(await (await api('head', 'GET', '/v1/admin/audit?action=settings-change&limit=200')).json());
    expect(demo.items.every((i) => i.site === 'demo')).toBe(true);
    expect(demo.items.some((i) => i.detail === marker)).toBe(false);
    expect(demo.items.filter((i) => i.detail === `${marker}-both`)).toHaveLength(1);
    const demoCsv = Buffer.from(await (await api('head', 'GET', '/v1/admin/audit?format=csv&action=settings-change')).arrayBuffer()).toString('utf8');
    expect(demoCsv).not.toContain(`${marker},`);
    expect(demoCsv).not.toContain(',elsewhere,');

    // The demo site's head asking for another site's trail: 404, API and CSV alike.
    expect((await api('head', 'GET', '/v1/admin/audit?site=elsewhere')).status).toBe(404);
    expect((await api('head', 'GET', '/v1/admin/audit?site=elsewhere&format=csv')).status).toBe(404);
    expect((await api('admin', 'GET', '/v1/admin/audit?site=elsewhere')).status).toBe(404);

    // A head of that site reads its entries only.
    const far = { sites: ['elsewhere'] };
    expect((await api('head', 'GET', '/v1/admin/audit?site=demo', undefined, {}, far)).status).toBe(404);
    const elsewhere = ItemsSchema.parse(await (await api('head', 'GET', '/v1/admin/audit?action=settings-change', undefined, {}, far)).json());
    expect(elsewhere.items.map((i) => i.detail).sort()).toEqual([marker, `${marker}-both`]);
    expect(elsewhere.items.every((i) => i.site === 'elsewhere')).toBe(true);

    // A cursor from one site's trail is refused on another's.
    const both = { sites: ['demo', 'elsewhere'] };
    const paged = z.object({ cursor: z.string() }).parse(await (await api('head', 'GET', '/v1/admin/audit?site=demo&limit=1', undefined, {}, both)).json());
    expect((await api('head', 'GET', `/v1/admin/audit?site=elsewhere&cursor=${encodeURIComponent(paged.cursor)}`, undefined, {}, both)).status).toBe(422);
  });
});

const SettingsSchema = z.object({ version: z.number(), site: z.record(z.string(), z.unknown()), departments: z.array(z.record(z.string(), z.unknown())), complaints: z.object({ routing: z.array(z.unknown()) }).passthrough() });

/** A plausible 2027: New Year, the Spring Festival from the eve (6 February is the first day), Qingming, Labour Day, Dragon Boat, Mid-Autumn, National Day. */
const HOLIDAYS_2027 = [
  '2027-01-01', '2027-01-02', '2027-01-03', ...[5, 6, 7, 8, 9, 10, 11, 12].map((d) => `2027-02-${String(d).padStart(2, '0')}`), '2027-04-03', '2027-04-04', '2027-04-05',
  '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05', '2027-06-09', '2027-09-15', ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2027-10-0${d}`),
];

describe('a site\'s settings', () => {
  it('refuses a change without If-Match (428) or over a stale version (412), and names each wrong field (422)', async () => {
    const read = await api('head', 'GET', '/v1/admin/sites/demo/settings');
    const etag = read.headers.get('etag') ?? '';
    const { version: _v, ...body } = SettingsSchema.parse(await read.json());
    expect((await api('head', 'PUT', '/v1/admin/sites/demo/settings', body)).status).toBe(428);
    expect((await api('head', 'PUT', '/v1/admin/sites/demo/settings', body, { 'if-match': '"v999"' })).status).toBe(412);
    const wrong = await api('head', 'PUT', '/v1/admin/sites/demo/settings', {
      ...body,
      site: { ...body.site, minResponses: 0 },
      complaints: { ...body.complaints, safetyContactEmail: 'not-an-address', routing: [{ category: 'billing', handler: 'no-such-office' }], calendar: { holidays: ['2027-01-01'], coversYears: [2027] } },
    }, { 'if-match': etag });
    expect(wrong.status).toBe(422);
    const paths = ProblemSchema.parse(await wrong.json()).errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['site.minResponses', 'complaints.safetyContactEmail']));
    const crossField = await api('head', 'PUT', '/v1/admin/sites/demo/settings', { ...body, complaints: { ...body.complaints, routing: [{ category: 'billing', handler: 'no-such-office' }], calendar: { holidays: ['2027-01-01'], coversYears: [2027] } } }, { 'if-match': etag });
    expect(ProblemSchema.parse(await crossField.json()).errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['complaints.routing.0.handler', 'complaints.calendar.coversYears.0']));
    expect(read.headers.get('etag')).toBe((await api('head', 'GET', '/v1/admin/sites/demo/settings')).headers.get('etag'));
  });

  it('makes the provisional due dates of 2027 final once its holidays are entered, and audits the change', async () => {
    const id = randomUUID();
    const office = await getUser(TABLE_NAME, 'office');
    if (office === undefined) throw new Error('no office user');
    const posted = await postJson(`${stack().baseUrl}/v1/admin/complaints`, {
      submissionId: id, siteId: 'demo', departmentId: 'emergency', channel: 'hotline', receivedAt: '2026-12-29T09:00:00+08:00', firstReceiver: { departmentId: 'patient-relations', name: '张敏' },
      settledOnSpot: false, description: '挂号排队时间太长，窗口只开了一个。',
    }, { authorization: `Bearer ${stack().issuer.idTokenFor(office)}` });
    expect(posted.status).toBe(202);
    const before = await eventually('the case stored', async () => {
      const record = await getComplaint(TABLE_NAME, id);
      return record?.mailPending === false ? record : undefined;
    });
    expect(before.dueProvisional).toBe(true);

    const read = await api('head', 'GET', '/v1/admin/sites/demo/settings');
    const { version: _v, ...body } = SettingsSchema.parse(await read.json());
    const saved = await api('head', 'PUT', '/v1/admin/sites/demo/settings', { ...body, complaints: { ...body.complaints, calendar: { holidays: HOLIDAYS_2027, workdays: ['2027-02-14', '2027-10-09'], coversYears: [2027] } } }, { 'if-match': read.headers.get('etag') ?? '' });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).not.toBe(read.headers.get('etag'));
    expect(z.object({ settledDueDates: z.number() }).parse(await saved.json()).settledDueDates).toBeGreaterThanOrEqual(1);
    const after = await getComplaint(TABLE_NAME, id);
    expect(after?.dueProvisional).toBeUndefined();
    // Received Tuesday 29 December: the 5th working day is 6 January, New Year's Day off (provisional: the 5th).
    expect(after?.dueAt).toBe('2027-01-06T15:59:59.999Z');
    expect(before.dueAt).toBe('2027-01-05T15:59:59.999Z');
    const trail = ItemsSchema.parse(await (await api('head', 'GET', '/v1/admin/audit?action=settings-change')).json());
    expect(trail.items[0]).toMatchObject({ actor: 'user:head', target: 'site:demo' });
  });
});

describe('the loose ends', () => {
  it('shows the complaint office\'s contact on every patient page: forms, after the post, refusals, unknown codes, tracking', async () => {
    const PHONE = '0571-8888 1234';
    const GENERIC = '请向任何一位工作人员询问办公室的电话和地点。';
    const base = stack().baseUrl;
    const code = codeOf(await stack().surveyUrl('stomatology-clinic'));
    const formPost = (path: string, fields: Record<string, string>) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: new URLSearchParams(fields).toString() });
    const pages: [string, Response][] = [
      ['survey form', await fetch(`${base}/s/${code}`)],
      ['complaint form', await fetch(`${base}/c/${code}`)],
      ['survey thank-you', await formPost('/v1/surveys', { submissionId: randomUUID(), code, locale: 'zh-CN', overall: 'good' })],
      ['survey refused', await formPost('/v1/surveys', { submissionId: randomUUID(), code, locale: 'zh-CN', overall: 'excellent' })],
      ['complaint confirmation', await formPost('/v1/complaints', { submissionId: randomUUID(), code, locale: 'zh-CN', description: '候诊时没有人叫号，等了两个小时。' })],
      ['complaint refused', await formPost('/v1/complaints', { submissionId: randomUUID(), code, locale: 'zh-CN', description: '' })],
      ['tracking form', await fetch(`${base}/t`)],
      ['tracking refused', await fetch(`${base}/t/NOSUCHCODE1234`)],
    ];
    for (const [name, response] of pages) expect(await response.text(), name).toContain(PHONE);
    expect(pages.map(([, r]) => r.status)).toEqual([200, 200, 200, 422, 200, 422, 200, 404]);
    // The bare tracking form lists every site's office, each under its site's name.
    const trackingForm = await (await fetch(`${base}/t`)).text();
    for (const shown of ['示范区人民医院 · 医患关系办公室', '示范区城东社区卫生服务中心 · 医患关系办公室', '0571-8888 2200', '示范区精神卫生中心 · 医患关系办公室', '0571-8888 3300']) expect(trackingForm).toContain(shown);

    // A forged code names no site: the page says where to ask. A revoked code still names its site.
    const forged = await fetch(`${base}/s/${code.slice(0, -2)}AA`);
    expect(forged.status).toBe(404);
    const forgedPage = await forged.text();
    expect(forgedPage).toContain(GENERIC);
    expect(forgedPage).not.toContain(PHONE);
    expect(await (await formPost('/v1/surveys', { submissionId: randomUUID(), code: 'forged.code', locale: 'zh-CN', overall: 'good' })).text()).toContain(GENERIC);
    const { bumpCodeGeneration } = await import('../../shared/storage/sites.ts');
    await bumpCodeGeneration(TABLE_NAME, 'demo', 'stomatology-clinic');
    const revoked = await eventually('the revoked code refused', async () => {
      const response = await fetch(`${base}/c/${code}?lang=en`);
      return response.status === 404 ? response.text() : undefined;
    });
    expect(revoked).toContain('This QR code is not recognised');
    expect(revoked).toContain(PHONE);
    expect(revoked).toContain('Daily 8:00–17:30 (phone 24 hours)');
  });

  it('shows the patient the approved answer once the case is closed, on the API and the page, with the office\'s contact', async () => {
    const office = await getUser(TABLE_NAME, 'office');
    if (office === undefined) throw new Error('no office user');
    const id = randomUUID();
    const posted = await postJson(`${stack().baseUrl}/v1/admin/complaints`, {
      submissionId: id, siteId: 'demo', departmentId: 'outpatient-pharmacy', channel: 'walk-in', receivedAt: new Date().toISOString(), firstReceiver: { departmentId: 'patient-relations', name: '张敏' },
      settledOnSpot: false, description: '药房发错了药，幸好回家前发现了。',
    }, { authorization: `Bearer ${stack().issuer.idTokenFor(office)}` });
    const { trackingCode } = z.object({ trackingCode: z.string() }).parse(await posted.json());
    await eventually('stored', async () => ((await getComplaint(TABLE_NAME, id))?.mailPending === false ? true : undefined));
    const before = z.object({ status: z.string(), response: z.string().optional() }).parse(await (await fetch(`${stack().baseUrl}/v1/complaints/track/${trackingCode}`)).json());
    expect(before.response).toBeUndefined();
    const answer = '药房已核对流程，今后发药前双人核对。感谢您的提醒。';
    const closed = await api('office', 'PATCH', `/v1/admin/complaints/${id}`, { reason: '已答复', status: 'closed', outcome: 'substantiated', response: answer }, { 'if-match': '"v1"' });
    expect(closed.status).toBe(200);
    expect(await (await fetch(`${stack().baseUrl}/v1/complaints/track/${trackingCode}`)).json()).toMatchObject({ status: 'closed', response: answer });
    const page = await (await fetch(`${stack().baseUrl}/t/${trackingCode}`)).text();
    expect(page).toContain(answer);
    expect(page).toContain('医院的答复');
    expect(page).toContain('0571-8888 1234');
  });

  it('tells a ward\'s responder of a case handed to the ward, and the owner when a ward has nobody to tell', async () => {
    const office = await getUser(TABLE_NAME, 'office');
    if (office === undefined) throw new Error('no office user');
    const ids = [randomUUID(), randomUUID()];
    const codes: string[] = [];
    for (const id of ids) {
      const posted = await postJson(`${stack().baseUrl}/v1/admin/complaints`, {
        submissionId: id, siteId: 'demo', departmentId: 'emergency', channel: 'hotline', receivedAt: new Date().toISOString(), firstReceiver: { departmentId: 'patient-relations', name: '张敏' },
        settledOnSpot: false, description: '病房夜里太吵，护士站一直在聊天。',
      }, { authorization: `Bearer ${stack().issuer.idTokenFor(office)}` });
      codes.push(z.object({ trackingCode: z.string() }).parse(await posted.json()).trackingCode);
      await eventually('stored', async () => ((await getComplaint(TABLE_NAME, id))?.mailPending === false ? true : undefined));
    }
    expect((await api('office', 'PATCH', `/v1/admin/complaints/${ids[0] ?? ''}`, { reason: '转心内科病区', handlerDepartmentId: 'cardiology-ward' }, { 'if-match': '"v1"' })).status).toBe(200);
    expect((await api('office', 'PATCH', `/v1/admin/complaints/${ids[1] ?? ''}`, { reason: '转产科病区', handlerDepartmentId: 'maternity-ward' }, { 'if-match': '"v1"' })).status).toBe(200);
    const mails = await eventually('the handler notices', async () => {
      const store = StoreSchema.parse(await (await fetch(`${stack().endpoints.ses}/store`)).json());
      // The first notice of each went to the nursing office the routing named; the hand-over's is the ward's.
      const ward = store.emails.find((m) => m.subject.includes(codes[0] ?? '-') && m.subject.includes('Please investigate') && !m.destination.to.includes('nursing-office@hospital.example'));
      const nobody = store.emails.find((m) => m.subject.includes(codes[1] ?? '-') && m.subject.includes('Nobody at the handler'));
      return ward !== undefined && nobody !== undefined ? { ward, nobody } : undefined;
    });
    expect(mails.ward.destination.to).toEqual(['cardio@hospital.example']);
    expect(mails.nobody.destination.to).toEqual(['office@hospital.example']);
  });

  it('returns to the page that asked for sign-in, and never to another origin', async () => {
    const deepLink = await fetch(`${stack().baseUrl}/admin/complaints/some-case?x=1`, { redirect: 'manual' });
    expect(deepLink.status).toBe(302);
    expect(deepLink.headers.get('location')).toBe('/admin/sign-in?next=%2Fadmin%2Fcomplaints%2Fsome-case%3Fx%3D1');
    const signInTo = async (next: string) => {
      const start = await fetch(`${stack().baseUrl}/admin/sign-in?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
      const oauth = start.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('pf_oauth=')) ?? '';
      const form = new URLSearchParams(new URL(start.headers.get('location') ?? '').searchParams);
      form.set('username', 'office');
      form.set('password', 'Office-demo-2026');
      const issued = await fetch(`${stack().issuer.url}/oauth2/authorize`, { method: 'POST', redirect: 'manual', body: form });
      const back = await fetch(issued.headers.get('location') ?? '', { redirect: 'manual', headers: { cookie: oauth } });
      expect(back.status).toBe(200);
      return /url=([^"]+)"/.exec(await back.text())?.[1];
    };
    expect(await signInTo('/admin/complaints/some-case?x=1')).toBe('/admin/complaints/some-case?x=1');
    for (const attack of ['https://evil.example/admin', '//evil.example/admin', '/\\evil.example', '/admin/../t/x']) expect(await signInTo(attack), attack).toBe('/admin');
  });
});
