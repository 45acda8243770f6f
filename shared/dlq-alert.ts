import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from './aws/dynamodb.ts';
import type { Mail } from './aws/ses.ts';
import { escapeMarkup } from './markup.ts';

// Submissions that fail five times wait in the dead-letter queue (kept 14 days) for an operator to
// redrive them. The operator is mailed when that number grows, not every quarter hour while it stands.

const STATE_KEY = { pk: 'OPS#dlq-watch', sk: 'STATE' };

export async function lastAlertedDepth(table: string): Promise<number> {
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: STATE_KEY }));
  const depth: unknown = Item?.depth;
  return typeof depth === 'number' ? depth : 0;
}

export async function rememberDepth(table: string, depth: number, now: Date): Promise<void> {
  await dynamoDb.send(new PutCommand({ TableName: table, Item: { ...STATE_KEY, depth, checkedAt: now.toISOString() } }));
}

export function shouldAlert(depth: number, lastAlerted: number): boolean {
  return depth > lastAlerted;
}

export function dlqAlertMail(from: string, to: string, depth: number, deadLetterQueueUrl: string): Mail {
  const subject = `[patient-feedback] ${depth} submission(s) waiting in the dead-letter queue`;
  const text = [
    `${depth} submission(s) could not be stored after 5 attempts and are waiting in the dead-letter queue.`,
    'Nothing is lost: they are kept for 14 days. Fix the cause (see the process function\'s logs by message id), then redrive them:',
    `  aws sqs start-message-move-task --source-arn <arn of ${deadLetterQueueUrl}>`,
  ].join('\n');
  const html = `<p>${text.split('\n').map(escapeMarkup).join('<br>')}</p>`;
  return { from, to: [to], subject, text, html };
}

