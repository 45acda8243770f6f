import type { Mail } from '../aws/ses.ts';
import { escapeMarkup } from '../web/markup.ts';

// Messages that fail five times wait in their queue's dead-letter queue (kept 14 days) for an operator
// to redrive them: the intake queue's (submissions to store) and the notify queue's (mails owed: safety
// alerts, owners' and handlers' notices). The operator is mailed when the number waiting in both grows,
// not every quarter hour while it stands (the last total alerted is kept through
// shared/storage/operations-state.ts).

export interface DeadLetters {
  /** What its messages are, for the operator ("submissions to store"). */
  readonly holds: string;
  readonly deadLetterQueueUrl: string;
  readonly depth: number;
}

export function shouldAlert(depth: number, lastAlerted: number): boolean {
  return depth > lastAlerted;
}

export function dlqAlertMail(from: string, to: string, queues: readonly DeadLetters[]): Mail {
  const depth = queues.reduce((sum, queue) => sum + queue.depth, 0);
  const subject = `[patient-feedback] ${depth} message(s) waiting in the dead-letter queues`;
  const waiting = queues.filter((queue) => queue.depth > 0);
  const text = [
    `${depth} message(s) failed 5 attempts and are waiting in the dead-letter queues:`,
    ...waiting.map((queue) => `  ${queue.depth} ${queue.holds} in ${queue.deadLetterQueueUrl}`),
    'Nothing is lost: they are kept for 14 days. Fix the cause (see the worker\'s logs by message id), then redrive them:',
    ...waiting.map((queue) => `  aws sqs start-message-move-task --source-arn <arn of ${queue.deadLetterQueueUrl}>`),
  ].join('\n');
  const html = `<p>${text.split('\n').map(escapeMarkup).join('<br>')}</p>`;
  return { from, to: [to], subject, text, html };
}
