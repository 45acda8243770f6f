import type { Mail } from '../aws/ses.ts';
import { escapeMarkup } from '../web/markup.ts';

// Intake messages that fail five times (a submission that cannot be stored, a case notice that cannot be
// mailed) wait in the dead-letter queue (kept 14 days) for an operator to redrive them. The operator is
// mailed when that number grows, not every quarter hour while it stands (the last depth alerted is kept
// through shared/storage/operations-state.ts).

export function shouldAlert(depth: number, lastAlerted: number): boolean {
  return depth > lastAlerted;
}

export function dlqAlertMail(from: string, to: string, depth: number, deadLetterQueueUrl: string): Mail {
  const subject = `[patient-feedback] ${depth} message(s) waiting in the dead-letter queue`;
  const text = [
    `${depth} message(s) (submissions to store, case notices to mail) failed 5 attempts and are waiting in the dead-letter queue.`,
    'Nothing is lost: they are kept for 14 days. Fix the cause (see the process function\'s logs by message id), then redrive them:',
    `  aws sqs start-message-move-task --source-arn <arn of ${deadLetterQueueUrl}>`,
  ].join('\n');
  const html = `<p>${text.split('\n').map(escapeMarkup).join('<br>')}</p>`;
  return { from, to: [to], subject, text, html };
}

