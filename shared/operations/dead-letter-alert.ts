import type { Mail } from '../aws/ses.ts';
import { escapeMarkup } from '../web/markup.ts';

// Messages that fail five times wait in their queue's dead-letter queue (kept 14 days) for an operator
// to redrive them: the intake queue's (submissions to store) and the notify queue's (mails owed: safety
// alerts, owners' and handlers' notices). The operator is mailed when the number waiting in either grows,
// not every quarter hour while it stands (the last depth alerted is kept per queue through
// shared/storage/operations-state.ts).

export interface DeadLetterQueue {
  /** The queue's name in the topology. */
  readonly name: string;
  /** What its messages are, for the operator ("submissions to store"). */
  readonly holds: string;
  readonly deadLetterQueueUrl: string;
}

export interface DeadLetters extends DeadLetterQueue {
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

/** What the check reads and writes: the queues' depths, its memory of them, and the mail to the operator. */
export interface DeadLetterWatch {
  readonly depthOf: (deadLetterQueueUrl: string) => Promise<number>;
  readonly lastAlerted: (queue: string) => Promise<number>;
  readonly remember: (queue: string, depth: number) => Promise<void>;
  readonly send: (mail: Mail) => Promise<unknown>;
  readonly from: string;
  readonly operator: string;
}

/**
 * One run of the check: one mail naming every queue with messages waiting when any queue's number grew,
 * then each queue's depth remembered (after the mail, so a mail that fails is tried again next run). A
 * queue that cannot be read does not hide the others: they are checked, then the run fails, naming it.
 */
export async function watchDeadLetters(watch: DeadLetterWatch, queues: readonly DeadLetterQueue[]): Promise<{ readonly depths: Readonly<Record<string, number>>; readonly alerted: boolean }> {
  const settled = await Promise.allSettled(queues.map(async (queue) => {
    const [depth, last] = await Promise.all([watch.depthOf(queue.deadLetterQueueUrl), watch.lastAlerted(queue.name)]);
    return { queue: { ...queue, depth }, last };
  }));
  const read = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const alerted = read.some(({ queue, last }) => shouldAlert(queue.depth, last));
  if (alerted) await watch.send(dlqAlertMail(watch.from, watch.operator, read.map(({ queue }) => queue)));
  for (const { queue, last } of read) if (queue.depth !== last) await watch.remember(queue.name, queue.depth);
  const unread = queues.filter((_, n) => settled[n]?.status === 'rejected').map((queue) => queue.name);
  if (unread.length > 0) throw new Error(`dead-letter queue(s) not read: ${unread.join(', ')}`);
  return { depths: Object.fromEntries(read.map(({ queue }) => [queue.name, queue.depth])), alerted };
}
