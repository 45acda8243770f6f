import { describe, expect, it } from 'vitest';
import type { UserIdentity } from '../../../../shared/auth/identity.ts';
import { wallClockIn, wallClockToInstant } from '../../../../shared/sites/working-calendar.ts';
import { caseChangeFromForm, staffComplaintFromForm } from '../../../../shared/complaints/office/office-forms.ts';
import { type CasePageInput, type CaseView, type InboxInput, renderCase, renderInbox, renderNewComplaint } from '../../../../shared/complaints/office/office-pages.ts';
import { renderDashboard } from '../../../../shared/reporting/dashboard-page.ts';
import { adminContentSecurityPolicy } from '../../../../shared/web/staff-page.ts';
import type { HistoryEntry } from '../../../../shared/schemas/complaint.ts';

// The complaint office's pages as strings: what a hostile complaint text becomes, what comes first, what
// is marked overdue, and what a department responder never receives.

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&"\'';
const office: UserIdentity = { kind: 'user', subject: 's1', username: 'office', name: '张敏', roles: ['office-officer'], sites: ['demo'], departments: [] };
const responder: UserIdentity = { kind: 'user', subject: 's2', username: 'cardio', name: '王磊', roles: ['responder'], sites: ['demo'], departments: ['cardiology-ward'] };
const now = new Date('2026-11-25T02:00:00Z');

const base: CaseView = {
  id: 'c-1', siteId: 'demo', departmentId: 'cardiology-ward', trackingCode: 'ABCD-EFGH-JKLM-NPQR', channel: 'hotline', enteredBy: 'user:office', settledOnSpot: false,
  multiDepartment: false, receivedAt: '2026-11-23T01:00:00.000Z', timeZone: 'Asia/Shanghai', description: '夜班护士态度不好', status: 'received', category: 'nursing', severity: 'medium',
  safetySignal: false, safetyKinds: [], terms: ['态度不好'], handlerDepartmentId: 'nursing-office', owner: 'office', acknowledgeBy: '2026-11-24T15:59:59.999Z', dueAt: '2026-11-30T15:59:59.999Z',
  hasContact: true, version: 3,
};
const critical: CaseView = {
  ...base, id: 'c-2', trackingCode: 'SAFE-SAFE-SAFE-SAFE', severity: 'critical', safetySignal: true, safetyKinds: ['self-harm'], terms: ['不想活了'], dueAt: '2026-12-20T15:59:59.999Z',
};
const departments = new Map([
  ['cardiology-ward', { name: '心血管内科病区', nameEn: 'Cardiology Ward' }],
  ['nursing-office', { name: '护理部', nameEn: 'Nursing Department' }],
]);
const history: HistoryEntry[] = [
  { at: '2026-11-23T01:00:00.000Z', actor: 'user:office', change: 'received', to: 'received', reason: 'owner office' },
  { at: '2026-11-24T01:00:00.000Z', actor: 'user:<b>eve</b>', change: 'status', from: 'received', to: 'acknowledged', reason: HOSTILE },
];

const caseInput = (overrides: Partial<CasePageInput> = {}): CasePageInput => ({
  user: office, csrf: 'csrf-token', now, case: base, provisional: false, departments, history,
  contact: { state: 'present', contact: { name: '刘女士', relation: 'family', phone: '138 0000 0000', consent: true } },
  change: { scope: 'all', owners: ['office', 'head'] },
  ...overrides,
});

const inboxInput = (overrides: Partial<InboxInput> = {}): InboxInput => ({
  user: office, csrf: 'csrf-token', now, site: { siteId: 'demo', name: '示范区人民医院' }, otherSites: [], departments,
  pinned: [], rows: [{ case: base, provisional: false }], filters: { mine: false, overdue: false }, firstPage: true,
  ...overrides,
});

/** The markup of <main>, where the page's own content starts. */
const mainOf = (html: string) => html.slice(html.indexOf('<main>') + '<main>'.length);

describe('escaping', () => {
  it('prints hostile text from a case and its history as text, never as markup', () => {
    const html = renderCase(caseInput({ case: { ...base, description: HOSTILE, staffInvolved: HOSTILE, desiredOutcome: HOSTILE, terms: [HOSTILE] } }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>eve</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;');
    expect(html).toContain('user:&lt;b&gt;eve&lt;/b&gt;');
  });

  it('escapes a hostile tracking code and owner in the inbox, and the entered values of the form', () => {
    const inbox = renderInbox(inboxInput({ rows: [{ case: { ...base, trackingCode: HOSTILE, owner: HOSTILE }, provisional: false }] }));
    expect(inbox).not.toContain('<script>');
    const form = renderNewComplaint({ user: office, csrf: 'c', submissionId: 'id', places: [], values: { description: `</textarea>${HOSTILE}`, 'contact.name': `"><script>` }, errors: [] });
    expect(form).not.toContain('<script>');
    expect(form).toContain('maxlength="4000">&lt;/textarea&gt;&lt;script&gt;');
    expect(form).toContain('name="contact.name" value="&quot;&gt;&lt;script&gt;"');
  });
});

describe('the safety signal', () => {
  it('opens the case page with a red banner naming the kind and what to do now', () => {
    const main = mainOf(renderCase(caseInput({ case: critical })));
    expect(main.startsWith('<div class="safety" role="alert">')).toBe(true);
    expect(main).toMatch(/^<div class="safety"[^]*?安全信号[^]*?自伤[^]*?立即致电患者/);
    expect(mainOf(renderCase(caseInput()))).not.toContain('class="safety"');
  });

  it('pins safety cases above every other case in the inbox, even one due sooner', () => {
    const html = mainOf(renderInbox(inboxInput({ pinned: [{ case: critical, provisional: false }], rows: [{ case: base, provisional: false }] })));
    const banner = html.indexOf('class="safety"');
    expect(banner).toBeGreaterThanOrEqual(0);
    expect(html.indexOf(critical.trackingCode)).toBeLessThan(html.indexOf(base.trackingCode));
    expect(banner).toBeLessThan(html.indexOf(base.trackingCode));
    expect(html.indexOf('<form class="filters"')).toBeGreaterThan(banner);
  });
});

describe('due dates', () => {
  const row = (html: string, code: string) => {
    const start = html.lastIndexOf('<tr', html.indexOf(code));
    return html.slice(start, html.indexOf('</tr>', start));
  };

  it('marks an open case past its due date overdue, in red, and a closed one not', () => {
    const late = { ...base, id: 'late', trackingCode: 'LATE-LATE-LATE-LATE', dueAt: '2026-11-20T15:59:59.999Z' };
    const closedLate = { ...late, id: 'done', trackingCode: 'DONE-DONE-DONE-DONE', status: 'closed' as const };
    const html = renderInbox(inboxInput({ rows: [{ case: late, provisional: false }, { case: closedLate, provisional: false }, { case: base, provisional: false }] }));
    expect(row(html, late.trackingCode)).toContain('<span class="day overdue">2026-11-20 逾期');
    expect(row(html, closedLate.trackingCode)).not.toContain('overdue');
    expect(row(html, base.trackingCode)).not.toContain('overdue');
    expect(row(html, base.trackingCode)).toContain('2026-11-30');
  });

  it('marks a due date counted across an unpublished holiday schedule as provisional', () => {
    const html = renderInbox(inboxInput({ rows: [{ case: base, provisional: true }] }));
    expect(row(html, base.trackingCode)).toContain('暂定 · provisional');
    expect(renderInbox(inboxInput())).not.toContain('暂定 · provisional');
  });
});

describe('contact details and the change form', () => {
  it('gives a responder no contact block and only the fields a responder may set', () => {
    const html = renderCase(caseInput({ user: responder, contact: undefined, change: { scope: 'department', owners: [] } }));
    expect(html).not.toContain('联系方式');
    expect(html).not.toContain('138 0000 0000');
    expect(html).not.toContain('name="owner"');
    expect(html).not.toContain('name="category"');
    expect(html).toContain('name="response"');
    const statuses = [...html.matchAll(/<option value="([a-z-]+)"/g)].map((m) => m[1]);
    expect(statuses).toEqual(['investigating']); // received → acknowledged/closed/withdrawn are the office's
  });

  it('shows the office the contact details, or says they expired', () => {
    expect(renderCase(caseInput())).toContain('138 0000 0000');
    const expired = renderCase(caseInput({ contact: { state: 'expired' } }));
    expect(expired).toContain('联系方式已过保存期限');
    expect(expired).not.toContain('138 0000 0000');
  });

  it('offers only the moves the lifecycle allows and carries the version and CSRF token it was rendered from', () => {
    const html = renderCase(caseInput({ case: { ...base, status: 'investigating' } }));
    const status = html.slice(html.indexOf('<select name="status">'), html.indexOf('</select>', html.indexOf('<select name="status">')));
    expect([...status.matchAll(/<option value="([a-z-]*)"/g)].map((m) => m[1])).toEqual(['', 'responded', 'closed', 'withdrawn']);
    expect(html).toContain('<input type="hidden" name="version" value="3">');
    expect(html).toContain('<input type="hidden" name="csrf" value="csrf-token">');
  });

  it('says a saved change whose notice could not be queued must be passed on by hand', () => {
    const html = renderCase(caseInput({ notice: { kind: 'saved-unnotified' } }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('请直接告知新负责人或承办科室');
    expect(html).toContain('phone the safety contact now');
    expect(renderCase(caseInput({ notice: { kind: 'saved' } }))).not.toContain('role="alert"');
  });

  it('says a stale form changed nothing, and puts a refused field\'s problem next to it', () => {
    expect(renderCase(caseInput({ notice: { kind: 'conflict' } }))).toContain('此案件已被他人修改');
    const refused = renderCase(caseInput({ notice: { kind: 'refused', detail: 'Closing needs the outcome.', errors: [{ path: 'outcome', message: 'Closing needs the outcome.' }] }, change: { scope: 'all', owners: ['office'], values: { reason: '患者已接受<解释>', status: 'closed' } } }));
    const outcome = refused.slice(refused.indexOf('<select name="outcome">'));
    expect(outcome.slice(0, outcome.indexOf('</label>'))).toContain('<span class="err">办结需要填写调查结论：属实、部分属实或不属实。 · Closing needs the outcome.</span>');
    expect(refused).toContain('患者已接受&lt;解释&gt;</textarea>');
    expect(refused).toContain('<option value="closed" selected>');
  });
});

describe('a case staff raised to critical', () => {
  it('carries the banner, naming the severity since its words carry no signal', () => {
    const page = renderCase(caseInput({ case: { ...base, safetySignal: false, safetyKinds: [], severity: 'critical' } }));
    expect(page).toContain('role="alert"');
    expect(page.indexOf('role="alert"')).toBeLessThan(page.indexOf('投诉列表'));
    expect(page).toContain('危急');
    expect(renderCase(caseInput({ case: { ...base, safetySignal: false, safetyKinds: [], severity: 'high' } }))).not.toContain('class="safety"');
  });
});

describe('the forms', () => {
  it('sends only the fields the user set, with the follow-up choice as a boolean', () => {
    const form = new URLSearchParams({ csrf: 'c', version: '4', status: '', owner: 'head', reason: ' 交接 ', followUpDue: 'false', injected: 'x' });
    const submitted = caseChangeFromForm(form);
    expect(submitted.version).toBe(4);
    expect(submitted.change('Asia/Shanghai')).toEqual({ owner: 'head', reason: ' 交接 ', followUpDue: false });
    expect(submitted.values).toMatchObject({ owner: 'head', status: '' });
    expect(caseChangeFromForm(new URLSearchParams({ version: 'v4' })).version).toBeUndefined();
  });

  it('makes a new due day due at the end of that day in the case\'s zone, and passes a malformed one on to be refused', () => {
    expect(caseChangeFromForm(new URLSearchParams({ version: '2', dueDay: '2026-12-14', reason: '多部门' })).change('Asia/Shanghai')).toEqual({ dueAt: '2026-12-14T15:59:59.999Z', reason: '多部门' });
    expect(caseChangeFromForm(new URLSearchParams({ version: '2', dueDay: '2026-13-40', reason: 'x' })).change('Asia/Shanghai')).toMatchObject({ dueAt: '2026-13-40' });
    const page = renderCase(caseInput({ change: { scope: 'all', owners: ['office'], values: {} } }));
    expect(page).toContain('name="dueDay"');
    expect(renderCase(caseInput({ change: { scope: 'department', owners: [], values: {} } }))).not.toContain('name="dueDay"');
  });

  it('reads typed times on the site\'s clock and leaves out an empty contact', () => {
    const body = staffComplaintFromForm({ place: 'demo/emergency', receivedAt: '2026-11-24T21:30', description: 'x', settledOnSpot: 'true', 'contact.relation': 'patient' }, () => 'Asia/Shanghai');
    expect(body).toMatchObject({ siteId: 'demo', departmentId: 'emergency', receivedAt: '2026-11-24T21:30:00.000+08:00', settledOnSpot: true, multiDepartment: false });
    expect(body).not.toHaveProperty('contact');
    expect(wallClockToInstant('Asia/Shanghai', '2026-02-30T10:00')).toBeUndefined();
    expect(wallClockIn('Asia/Shanghai', '2026-11-24T13:30:00Z')).toBe('2026-11-24T21:30');
  });

  it('keeps what was entered and shows each problem beside its field', () => {
    const html = renderNewComplaint({
      user: office, csrf: 'c', submissionId: '7d3f0b8e-0c55-4f36-9e43-1b0c1b6a2b11', values: { description: '候诊三小时', 'contact.phone': 'abc' },
      places: [{ siteId: 'demo', siteName: '示范区人民医院', departments: [{ siteId: 'demo', departmentId: 'emergency', name: '急诊科', nameEn: 'Emergency Department', kind: 'emergency', codeGeneration: 1, surveyEnabled: true }] }],
      errors: [{ path: 'contact.phone', message: 'must be a phone number' }],
    });
    expect(html).toContain('>候诊三小时</textarea>');
    const phone = html.slice(html.indexOf('name="contact.phone"'));
    expect(phone.slice(0, phone.indexOf('</label>'))).toContain('value="abc"');
    expect(phone.slice(0, phone.indexOf('</label>'))).toContain('<span class="err">电话号码格式不正确 · must be a phone number</span>');
    expect(html).toContain('name="submissionId" value="7d3f0b8e-0c55-4f36-9e43-1b0c1b6a2b11"');
    expect(html).toContain('<option value="demo/emergency">');
  });
});

describe('the pages share the dashboard\'s policy', () => {
  it('links the inbox from the dashboard header for the office, not for a manager', () => {
    const dashboard = (user: UserIdentity) => renderDashboard({ user, csrf: 'c' }, { message: { zh: '无', en: 'none' } });
    expect(dashboard(office)).toContain('<a href="/admin/complaints">投诉 · Complaints</a>');
    expect(dashboard({ ...office, roles: ['manager'] })).not.toContain('/admin/complaints');
  });

  it('allows no script: the policy has no script-src, so default-src none blocks every script', () => {
    const policy = adminContentSecurityPolicy('https://sign-in.example');
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('script-src');
    expect(renderCase(caseInput())).not.toContain('<script');
  });
});
