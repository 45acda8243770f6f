import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { newDischargeCall } from '../../../shared/callbacks/discharges.ts';
import { DEFAULT_CALLBACK_SETTINGS } from '../../../shared/callbacks/settings.ts';
import type { Discharge } from '../../../shared/schemas/callback.ts';
import { createWorkingCalendar } from '../../../shared/sites/working-calendar.ts';
import { MAX_TRANSACTION_ITEMS, type NewDischarge, storeNewDischarges } from '../../../shared/storage/callbacks.ts';
import { cancelled, summarise } from '../../support/transactions.ts';

// Several discharges to a transaction: never over DynamoDB's 100 actions, never one item twice (the
// counters of one department-day coalesced), and a batch cancelled by a discharge stored before is done
// again one by one, so each is stored or found a duplicate exactly once.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const clock = { settings: DEFAULT_CALLBACK_SETTINGS, calendar: createWorkingCalendar() };
const message = { siteId: 'demo', timeZone: 'Asia/Shanghai', receivedAt: '2026-11-28T01:00:00.000Z' };
const now = new Date('2026-11-28T01:00:01.000Z');

function discharge(n: number, departmentId = 'cardiology-ward', extra: Partial<Discharge> = {}): NewDischarge {
  const d: Discharge = { dischargeId: `ZY${n}`, departmentId, dischargedAt: '2026-11-27T09:00:00+08:00', patient: { name: `患者${n}`, phone: '13900001234' }, ...extra };
  const { call, counters } = newDischargeCall(message, d, clock);
  return {
    discharge: { siteId: 'demo', dischargeId: d.dischargeId, departmentId, dischargedAt: d.dischargedAt, doNotCall: d.doNotCall === true, batchId: 'b', enteredBy: 'client:his', receivedAt: message.receivedAt },
    ...(d.doNotCall === true ? {} : { person: d.patient }),
    call,
    counters,
  };
}

const transactions = () => dynamoMock.commandCalls(TransactWriteCommand).map((c) => c.args[0].input);
function keyOf(item: NonNullable<TransactWriteCommand['input']['TransactItems']>[number]): string {
  const pk: unknown = item.Put?.Item?.pk ?? item.Update?.Key?.pk;
  const sk: unknown = item.Put?.Item?.sk ?? item.Update?.Key?.sk;
  return JSON.stringify([pk, sk]);
}

describe('storing a message of discharges', () => {
  beforeEach(() => dynamoMock.reset());

  it('puts 25 discharges of one ward and day in two transactions, each within 100 actions, the counters added once per item', async () => {
    dynamoMock.on(TransactWriteCommand).resolves({});
    const results = await storeNewDischarges('t', Array.from({ length: 25 }, (_, i) => discharge(i)), now);
    expect(results).toEqual(Array.from({ length: 25 }, () => 'stored'));
    const sent = transactions();
    expect(sent).toHaveLength(2);
    for (const input of sent) {
      const items = input.TransactItems ?? [];
      expect(items.length).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);
      expect(new Set(items.map(keyOf)).size).toBe(items.length);
    }
    const first = sent[0];
    if (first === undefined) throw new Error('no transaction');
    // 23 discharges × (discharge, call, person, history) + the ward's and the site's day, month and year.
    expect(first.TransactItems).toHaveLength(98);
    const counters = Object.values(summarise(first).counters);
    expect(counters).toHaveLength(6);
    for (const added of counters) expect(added).toEqual({ callback_discharged: 23 });
  });

  it('keeps every transaction within 100 actions when the discharges spread over many wards', async () => {
    dynamoMock.on(TransactWriteCommand).resolves({});
    const wards = ['cardiology-ward', 'orthopaedics-ward', 'maternity-ward', 'paediatrics-ward', 'respiratory-ward'];
    await storeNewDischarges('t', Array.from({ length: 25 }, (_, i) => discharge(i, wards[i % wards.length], i % 7 === 0 ? { doNotCall: true } : {})), now);
    const sent = transactions();
    const total = sent.reduce((n, input) => n + Object.keys(summarise(input).counters).length, 0);
    expect(total).toBeGreaterThan(4);
    for (const input of sent) expect((input.TransactItems ?? []).length).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);
    // Every discharge once, across the transactions.
    expect(sent.flatMap((input) => summarise(input).puts.filter((p) => p.sk === 'DISCHARGE'))).toHaveLength(25);
  });

  it('stores a redelivered batch one by one: the discharges stored before are duplicates, the rest stored once', async () => {
    // ZY1 was stored before: its condition fails inside the batch, and again on its own.
    dynamoMock.on(TransactWriteCommand).callsFake((input: TransactWriteCommand['input']) => {
      const items = input.TransactItems ?? [];
      const failed = items.map((item) => (item.Put?.Item?.pk === 'DISCHARGE#demo#ZY1' && item.Put.Item.sk === 'DISCHARGE' ? 'ConditionalCheckFailed' : 'None'));
      if (failed.includes('ConditionalCheckFailed')) throw cancelled(failed);
      return {};
    });
    const results = await storeNewDischarges('t', [discharge(0), discharge(1), discharge(2)], now);
    expect(results).toEqual(['stored', 'duplicate', 'stored']);
    // The batch, then each on its own: ZY0's and ZY2's counters committed once, ZY1's never.
    const committed = transactions().slice(1).filter((input) => !(input.TransactItems ?? []).some((item) => item.Put?.Item?.pk === 'DISCHARGE#demo#ZY1'));
    expect(committed).toHaveLength(2);
    for (const input of committed) for (const added of Object.values(summarise(input).counters)) expect(added).toEqual({ callback_discharged: 1 });
  });
});
