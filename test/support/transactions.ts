import { type TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface TransactionSummary {
  /** The `pk` of every Put, in order (`SURVEY#<id>` for responses, the same pk with sk CONTACT for contact items). */
  readonly puts: readonly { readonly pk: unknown; readonly sk: unknown }[];
  /** Every Update as `<pk>/<sk>` → the counters its `ADD` clause adds. */
  readonly counters: Readonly<Record<string, Record<string, unknown>>>;
}

/** Reads an aggregate Update's `ADD #cN :cN` pairs back into counter name → amount. */
function addedCounters(update: NonNullable<TransactItem['Update']>): Record<string, unknown> {
  const added: Record<string, unknown> = {};
  const clause = /ADD (.*)$/.exec(update.UpdateExpression ?? '')?.[1] ?? '';
  for (const pair of clause.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [name = '', value = ''] = pair.split(' ');
    const amount: unknown = update.ExpressionAttributeValues?.[value];
    // A roll-up's set of the days or months it holds is added too, but it is not a counter.
    if (!(amount instanceof Set)) added[update.ExpressionAttributeNames?.[name] ?? name] = amount;
  }
  return added;
}

export function summarise(input: TransactWriteCommand['input']): TransactionSummary {
  const puts: { pk: unknown; sk: unknown }[] = [];
  const counters: Record<string, Record<string, unknown>> = {};
  for (const item of input.TransactItems ?? []) {
    if (item.Put !== undefined) puts.push({ pk: item.Put.Item?.pk, sk: item.Put.Item?.sk });
    if (item.Update !== undefined) counters[`${String(item.Update.Key?.pk)}/${String(item.Update.Key?.sk)}`] = addedCounters(item.Update);
  }
  return { puts, counters };
}

/** What DynamoDB throws when a transaction is cancelled: one reason per item, in the items' order. */
export function cancelled(codes: readonly string[]): TransactionCanceledException {
  return new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((code) => (code === 'None' ? { Code: 'None' } : { Code: code, Message: code === 'ConditionalCheckFailed' ? 'The conditional request failed' : code })),
  });
}
