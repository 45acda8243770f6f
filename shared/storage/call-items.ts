import { type CallRecord, CallRecordSchema } from '../schemas/callback.ts';
import type { TransactItem } from './items.ts';
import { callListKeys, FOLLOW_UP_GROUP, keys } from './keys.ts';

// A call's item, apart from the rest of the callbacks' storage (callbacks.ts): a complaint's follow-up
// call is written in the complaint's own transaction, and the functions that save complaints should not
// load the discharges' and attempts' schemas with it.

/** Where a call lives: beside its discharge, or beside its complaint (a follow-up call). */
export function callKey(call: Pick<CallRecord, 'siteId' | 'dischargeId' | 'complaintId'>): { pk: string; sk: string } {
  if (call.dischargeId !== undefined) return keys.dischargeCall(call.siteId, call.dischargeId);
  if (call.complaintId !== undefined) return keys.followUpCall(call.complaintId);
  throw new Error('a call names a discharge or a complaint');
}

const groupOf = (call: CallRecord): string => (call.kind === 'follow-up' ? FOLLOW_UP_GROUP : call.departmentId);

export const callItem = (table: string, call: CallRecord, condition?: { expected: number }): TransactItem => ({
  Put: {
    TableName: table,
    Item: {
      ...callKey(call),
      ...callListKeys(call.siteId, groupOf(call), call.status !== 'done', call.status === 'done' ? (call.closedAt ?? '') : call.dueDay, call.callId),
      ...CallRecordSchema.parse(call),
    },
    ...(condition === undefined ? {} : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': condition.expected } }),
  },
});
