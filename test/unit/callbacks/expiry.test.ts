import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../../../infra/local/demo-site.ts';
import { closeExpiredCalls, EXPIRY_ACTOR, expiryChange } from '../../../shared/callbacks/expiry.ts';
import { DEFAULT_CALLBACK_SETTINGS } from '../../../shared/callbacks/settings.ts';
import type { CallRecord } from '../../../shared/schemas/callback.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { cancelled, summarise } from '../../support/transactions.ts';

// The sweep that closes calls whose window ended unreached: which calls it closes, what it counts, and
// that a call changed meanwhile (or held by a caller) is left alone.

const now = new Date('2026-12-04T02:00:00.000Z');
const today = '2026-12-04';
const call = (id: string, extra: Partial<CallRecord> = {}): CallRecord => ({
  callId: `discharge:${id}`, kind: 'discharge', siteId: 'demo', departmentId: 'cardiology-ward', timeZone: 'Asia/Shanghai', dischargeId: id, cohortDay: '2026-11-02',
  status: 'due', attempts: [], dueDay: '2026-11-03', windowStart: '2026-11-03', windowEnd: '2026-12-02', complaintIds: [], version: 4, ...extra,
});

describe('which calls the sweep closes', () => {
  it('closes a call never attempted whose window ended, as unreachable, counted once on its discharge day', () => {
    const change = expiryChange(call('A'), today, DEFAULT_CALLBACK_SETTINGS, now);
    expect(change?.after).toMatchObject({ status: 'done', result: 'unreachable', closedAt: now.toISOString(), version: 5 });
    expect(change?.counters).toEqual({ callback_unreachable: 1 });
    expect(change?.counterDay).toBe('2026-11-02');
    expect(change?.history).toEqual([expect.objectContaining({ actor: EXPIRY_ACTOR, change: 'expired' })]);
    // The patient's details go after the usual retention from the close.
    expect(change?.personExpiresAt).toBe(Math.floor(now.getTime() / 1000) + 30 * 86_400);
  });

  it('closes an attempted call the same way (its attempt was counted when made)', () => {
    const attempted = call('B', { status: 'attempted', attempts: [{ submissionId: 's', at: '2026-11-30T10:00:00+08:00', outcome: 'no_answer', by: 'user:callback' }], dueDay: '2026-12-01' });
    expect(expiryChange(attempted, today, DEFAULT_CALLBACK_SETTINGS, now)?.counters).toEqual({ callback_unreachable: 1 });
  });

  it('leaves a call whose window still allows it, one closed already, and one a caller holds', () => {
    expect(expiryChange(call('C', { windowEnd: today }), today, DEFAULT_CALLBACK_SETTINGS, now)).toBeUndefined();
    expect(expiryChange(call('D', { status: 'done', result: 'reached' }), today, DEFAULT_CALLBACK_SETTINGS, now)).toBeUndefined();
    expect(expiryChange(call('E', { claimedBy: 'user:callback', claimedUntil: '2026-12-04T02:20:00.000Z' }), today, DEFAULT_CALLBACK_SETTINGS, now)).toBeUndefined();
    // A claim that ran out holds nothing.
    expect(expiryChange(call('F', { claimedBy: 'user:callback', claimedUntil: '2026-12-04T01:00:00.000Z' }), today, DEFAULT_CALLBACK_SETTINGS, now)?.after).not.toHaveProperty('claimedBy');
  });

  it('closes a key complaint\'s follow-up call without counting it (its figures are the answers)', () => {
    const followUp = call('G', { kind: 'follow-up', dischargeId: undefined, complaintId: 'c1', callId: 'complaint:c1' });
    delete followUp.dischargeId;
    const change = expiryChange(followUp, today, DEFAULT_CALLBACK_SETTINGS, now);
    expect(change?.counters).toEqual({});
    expect(change).not.toHaveProperty('personExpiresAt');
  });
});

describe('a run of the sweep', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);
  const expired = [call('A'), call('B'), call('H', { claimedBy: 'user:callback', claimedUntil: '2026-12-04T02:20:00.000Z' })];

  beforeEach(() => {
    dynamoMock.reset();
    dynamoMock.on(QueryCommand).callsFake((input: QueryCommand['input']) => {
      const pk: unknown = input.ExpressionAttributeValues?.[':pk'];
      if (input.IndexName === undefined && pk === keys.siteIndex('').pk) return { Items: [{ ...keys.siteIndex('demo'), siteId: 'demo' }] };
      if (input.IndexName === undefined) return { Items: [{ ...keys.department('demo', 'cardiology-ward'), siteId: 'demo', departmentId: 'cardiology-ward', name: '心内科病房', nameEn: 'Cardiology Ward', kind: 'ward', codeGeneration: 1, surveyEnabled: true }] };
      // Only open calls due before today, whose window ended before today.
      expect(input.ExpressionAttributeValues).toMatchObject({ ':open': 'OPEN#', ':end': `OPEN#${today}`, ':today': today });
      return { Items: pk === 'CALLS#demo#cardiology-ward' ? expired : [] };
    });
    dynamoMock.on(GetCommand).resolves({});
    dynamoMock.on(GetCommand, { Key: keys.site('demo') }).resolves({ Item: { ...keys.site('demo'), ...DEMO_SITE } });
  });

  it('closes each expired call in one transaction with its counters, and skips the held one and one changed meanwhile', async () => {
    dynamoMock.on(TransactWriteCommand).rejectsOnce(cancelled(['ConditionalCheckFailed', 'None'])).resolves({});
    // Re-read after the failed condition: the call moved on (a caller recorded an attempt), so it is left alone.
    dynamoMock.on(GetCommand, { Key: keys.dischargeCall('demo', 'A') }).resolves({ Item: { ...call('A'), version: 5, status: 'done', result: 'reached' } });
    const result = await closeExpiredCalls({ table: 't', now });
    expect(result).toEqual({ sites: 1, expired: 3, closed: 1, skipped: 2 });
    const writes = dynamoMock.commandCalls(TransactWriteCommand).map((c) => c.args[0].input);
    expect(writes).toHaveLength(2);
    const second = writes[1];
    if (second === undefined) throw new Error('no write');
    const put = second.TransactItems?.[0]?.Put;
    expect(put).toMatchObject({ Item: { callId: 'discharge:B', status: 'done', result: 'unreachable' }, ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': 4 } });
    expect(String(put?.Item?.gsi1sk)).toMatch(/^SHUT#/);
    // The unreachable counter on the discharge day, its month and its year, for the ward and the site, in the same transaction.
    const { PERSON: person, ...counters } = Object.fromEntries(Object.entries(summarise(second).counters).map(([key, added]) => [key.endsWith('/PERSON') ? 'PERSON' : key, added]));
    expect(Object.keys(counters)).toHaveLength(6);
    for (const added of Object.values(counters)) expect(added).toEqual({ callback_unreachable: 1 });
    // The patient's details now expire from the close.
    expect(person).toBeDefined();
  });

  it('closes a call whose patient details are gone already, without touching them', async () => {
    dynamoMock.on(TransactWriteCommand).rejectsOnce(cancelled(['None', 'None', 'None', 'None', 'None', 'None', 'ConditionalCheckFailed'])).resolves({});
    dynamoMock.on(GetCommand, { Key: keys.dischargeCall('demo', 'A') }).resolves({ Item: { ...keys.dischargeCall('demo', 'A'), ...call('A') } });
    const result = await closeExpiredCalls({ table: 't', now });
    expect(result).toMatchObject({ closed: 2, skipped: 1 });
    const retried = dynamoMock.commandCalls(TransactWriteCommand)[1]?.args[0].input.TransactItems ?? [];
    expect(retried.some((item) => item.Update?.Key?.sk === 'PERSON')).toBe(false);
  });
});
