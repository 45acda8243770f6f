import { rejectionProblem } from '../../support/problems.ts';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../../shared/auth/identity.ts';
import { dynamoDb } from '../../../shared/aws/dynamodb.ts';
import { acceptPatientComplaint, acceptStaffComplaint } from '../../../shared/complaints/intake.ts';
import { TRACKING_CODE_PATTERN, trackingCodeFor } from '../../../shared/complaints/tracking-code.ts';
import { DEFAULT_RATE_LIMITS } from '../../../shared/intake/rate-limit-settings.ts';
import { ValidationError } from '../../../shared/platform/domain-errors.ts';
import { type ComplaintMessage, ComplaintMessageSchema } from '../../../shared/schemas/intake-message.ts';
import { genuineCode, serveDemoSite, TEST_SIGNING_KEY, TEST_TABLE } from '../../support/survey-target.ts';

const dynamoMock = mockClient(dynamoDb);
const submissionId = '7d9f7c2e-3a4b-4c5d-8e6f-0a1b2c3d4e5f';

let queued: ComplaintMessage[];
const context = () => ({ table: TEST_TABLE, key: TEST_SIGNING_KEY, enqueue: (m: ComplaintMessage) => { queued.push(ComplaintMessageSchema.parse(m)); return Promise.resolve(); }, now: new Date('2026-11-23T02:15:00Z') });

beforeEach(() => {
  dynamoMock.reset();
  serveDemoSite(dynamoMock);
  dynamoMock.on(UpdateCommand).resolves({}); // the rate-limit window
  queued = [];
});

const officer: Identity = { kind: 'user', subject: 's', username: 'office', roles: ['office-officer'], sites: ['demo'], departments: [] };
const responder: Identity = { kind: 'user', subject: 's', username: 'cardio', roles: ['responder'], sites: ['demo'], departments: ['cardiology-ward'] };

describe('tracking codes', () => {
  it('are the same for the same submission, differ between submissions and keys, and are easy to read out', () => {
    const code = trackingCodeFor(TEST_SIGNING_KEY, submissionId);
    expect(code).toMatch(TRACKING_CODE_PATTERN);
    expect(trackingCodeFor(TEST_SIGNING_KEY, submissionId)).toBe(code);
    expect(trackingCodeFor(TEST_SIGNING_KEY, '00000000-0000-4000-8000-000000000001')).not.toBe(code);
    expect(trackingCodeFor(Buffer.from('another key of thirty-two bytes!'), submissionId)).not.toBe(code);
  });
});

describe('a patient complaint from the page', () => {
  it('is queued with its department, the page channel and a tracking code, and the answer repeats for a retry', async () => {
    const body = { submissionId, code: genuineCode('emergency'), description: '急诊等了三个小时没人理，护士态度很差。', contact: { name: '李女士', relation: 'family', phone: '13800138000', consent: true } };
    const first = await acceptPatientComplaint(body, { ...context(), sourceIp: '203.0.113.9', rateLimits: DEFAULT_RATE_LIMITS });
    const second = await acceptPatientComplaint(body, { ...context(), sourceIp: '203.0.113.9', rateLimits: DEFAULT_RATE_LIMITS });
    expect(second).toEqual(first);
    expect(first.trackingCode).toMatch(TRACKING_CODE_PATTERN);
    expect(queued[0]).toMatchObject({ kind: 'complaint', siteId: 'demo', departmentId: 'emergency', channel: 'qr-page', enteredBy: 'patient', trackingCode: first.trackingCode, timeZone: 'Asia/Shanghai' });
    expect(JSON.stringify(queued[0])).not.toContain('203.0.113.9');
  });

  it('refuses a forged code, an empty description and unknown fields, and queues nothing', async () => {
    const ctx = { ...context(), sourceIp: '203.0.113.9', rateLimits: DEFAULT_RATE_LIMITS };
    expect(await rejectionProblem(acceptPatientComplaint({ submissionId, code: 'ZGVtbzplbWVyZ2VuY3k6MQ.AAAAAAAAAAAAAAAA', description: 'x' }, ctx))).toMatchObject({ status: 422 });
    expect(await rejectionProblem(acceptPatientComplaint({ submissionId, code: genuineCode(), description: '   ' }, ctx))).toMatchObject({ status: 422, errors: [{ path: 'description' }] });
    await expect(acceptPatientComplaint({ submissionId, code: genuineCode(), description: 'x', severity: 'low' }, ctx)).rejects.toBeInstanceOf(ValidationError);
    expect(queued).toEqual([]);
  });
});

describe('a complaint typed in by the complaint office', () => {
  const hotline = {
    submissionId, siteId: 'demo', departmentId: 'registration-billing', channel: 'hotline', receivedAt: '2026-11-22T23:40:00+08:00',
    firstReceiver: { departmentId: 'patient-relations', name: '值班员 周' }, settledOnSpot: false, description: 'Charged twice at the billing window.',
  };

  it('records the first receiver and who entered it', async () => {
    const accepted = await acceptStaffComplaint(() => hotline, officer, context());
    expect(queued[0]).toMatchObject({ channel: 'hotline', enteredBy: 'user:office', firstReceiver: { name: '值班员 周' }, receivedAt: '2026-11-22T23:40:00+08:00', multiDepartment: false });
    expect(accepted.trackingCode).toBe(trackingCodeFor(TEST_SIGNING_KEY, submissionId));
    const audited = dynamoMock.commandCalls(PutCommand).map((call) => call.args[0].input.Item);
    expect(audited).toEqual([expect.objectContaining({ actor: 'user:office', action: 'complaint-create', target: `complaint:${submissionId}` })]);
  });

  it('wants to know how a complaint settled on the spot was settled', async () => {
    expect(await rejectionProblem(acceptStaffComplaint(() => ({ ...hotline, settledOnSpot: true }), officer, context()))).toMatchObject({ status: 422, errors: [{ path: 'settlement' }] });
  });

  it('is not for department responders (403), and nothing is queued', async () => {
    expect(await rejectionProblem(acceptStaffComplaint(() => hotline, responder, context()))).toMatchObject({ status: 403 });
    // Access comes before the body: a bad body from the wrong role is still 403, and is never read.
    let read = false;
    expect(await rejectionProblem(acceptStaffComplaint(() => { read = true; return {}; }, responder, context()))).toMatchObject({ status: 403 });
    expect(read).toBe(false);
    expect(queued).toEqual([]);
  });
});
