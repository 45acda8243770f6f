import { describe, expect, it } from 'vitest';
import type { Mail } from '../../../shared/aws/ses.ts';
import { dlqAlertMail, shouldAlert, watchDeadLetters } from '../../../shared/operations/dead-letter-alert.ts';

// The operator's mail about the dead letters of the intake and notify queues: when it goes, and what it says.

const QUEUES = [
  { name: 'intake', holds: 'submission(s) to store', deadLetterQueueUrl: 'https://sqs.example/intake-dlq' },
  { name: 'notify', holds: 'notice(s) to mail', deadLetterQueueUrl: 'https://sqs.example/notify-dlq' },
];

/** A watch over queues of these depths, which remembers these last alerted depths; what it mails and remembers. */
function watchOf(depths: Record<string, number | Error>, remembered: Record<string, number>) {
  const sent: Mail[] = [];
  const memory = { ...remembered };
  const watch = {
    depthOf: (url: string) => {
      const depth = depths[url.includes('intake') ? 'intake' : 'notify'] ?? 0;
      return depth instanceof Error ? Promise.reject(depth) : Promise.resolve(depth);
    },
    lastAlerted: (queue: string) => Promise.resolve(memory[queue] ?? 0),
    remember: (queue: string, depth: number) => { memory[queue] = depth; return Promise.resolve(); },
    send: (mail: Mail) => { sent.push(mail); return Promise.resolve(); },
    from: 'feedback@hospital.example',
    operator: 'ops@hospital.example',
  };
  return { watch, sent, memory };
}

describe('the dead-letter alert', () => {
  it('goes when the number waiting grows, not while it stands or falls', () => {
    expect(shouldAlert(1, 0)).toBe(true);
    expect(shouldAlert(3, 1)).toBe(true);
    expect(shouldAlert(3, 3)).toBe(false);
    expect(shouldAlert(2, 3)).toBe(false);
  });

  it('names how many wait in each queue, what they are, and how to redrive them', () => {
    const mail = dlqAlertMail('feedback@hospital.example', 'ops@hospital.example', [{ ...QUEUES[0]!, depth: 2 }, { ...QUEUES[1]!, depth: 1 }]);
    expect(mail.to).toEqual(['ops@hospital.example']);
    expect(mail.subject).toBe('[patient-feedback] 3 message(s) waiting in the dead-letter queues');
    expect(mail.text).toContain('2 submission(s) to store in https://sqs.example/intake-dlq');
    expect(mail.text).toContain('1 notice(s) to mail in https://sqs.example/notify-dlq');
    expect(mail.text).toContain('aws sqs start-message-move-task --source-arn <arn of https://sqs.example/intake-dlq>');
    expect(mail.text).toContain('aws sqs start-message-move-task --source-arn <arn of https://sqs.example/notify-dlq>');
    expect(mail.html).toContain('&lt;arn of https://sqs.example/notify-dlq&gt;');
  });

  it('mails when the notices\' queue grows even as the intake queue is redriven by as many', async () => {
    const { watch, sent, memory } = watchOf({ intake: 0, notify: 2 }, { intake: 2, notify: 0 });

    expect(await watchDeadLetters(watch, QUEUES)).toEqual({ depths: { intake: 0, notify: 2 }, alerted: true });
    expect(sent.map((mail) => mail.subject)).toEqual(['[patient-feedback] 2 message(s) waiting in the dead-letter queues']);
    expect(sent[0]?.text).not.toContain('intake-dlq');
    expect(memory).toEqual({ intake: 0, notify: 2 });
  });

  it('stays quiet while nothing grows, and remembers a fall so the next rise is mailed', async () => {
    const { watch, sent, memory } = watchOf({ intake: 1, notify: 3 }, { intake: 1, notify: 4 });

    expect((await watchDeadLetters(watch, QUEUES)).alerted).toBe(false);
    expect(sent).toEqual([]);
    expect(memory).toEqual({ intake: 1, notify: 3 });
  });

  it('checks the queues it can read when one cannot be, then fails, naming it', async () => {
    const { watch, sent, memory } = watchOf({ intake: new Error('throttled'), notify: 1 }, {});

    await expect(watchDeadLetters(watch, QUEUES)).rejects.toThrow('dead-letter queue(s) not read: intake');
    expect(sent).toHaveLength(1);
    expect(memory).toEqual({ notify: 1 });
  });

  it('remembers nothing when the mail fails, so the next run mails again', async () => {
    const { watch, memory } = watchOf({ intake: 0, notify: 1 }, {});

    await expect(watchDeadLetters({ ...watch, send: () => Promise.reject(new Error('SES down')) }, QUEUES)).rejects.toThrow('SES down');
    expect(memory).toEqual({});
  });
});
