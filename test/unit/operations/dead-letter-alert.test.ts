import { describe, expect, it } from 'vitest';
import { dlqAlertMail, shouldAlert } from '../../../shared/operations/dead-letter-alert.ts';

// The operator's mail about the dead letters of the intake and notify queues: when it goes, and what it says.

describe('the dead-letter alert', () => {
  it('goes when the number waiting grows, not while it stands or falls', () => {
    expect(shouldAlert(1, 0)).toBe(true);
    expect(shouldAlert(3, 1)).toBe(true);
    expect(shouldAlert(3, 3)).toBe(false);
    expect(shouldAlert(2, 3)).toBe(false);
  });

  it('names how many wait in each queue, what they are, and how to redrive them', () => {
    const mail = dlqAlertMail('feedback@hospital.example', 'ops@hospital.example', [
      { holds: 'submission(s) to store', deadLetterQueueUrl: 'https://sqs.example/intake-dlq', depth: 2 },
      { holds: 'notice(s) to mail', deadLetterQueueUrl: 'https://sqs.example/notify-dlq', depth: 1 },
    ]);
    expect(mail.to).toEqual(['ops@hospital.example']);
    expect(mail.subject).toBe('[patient-feedback] 3 message(s) waiting in the dead-letter queues');
    expect(mail.text).toContain('2 submission(s) to store in https://sqs.example/intake-dlq');
    expect(mail.text).toContain('1 notice(s) to mail in https://sqs.example/notify-dlq');
    expect(mail.text).toContain('aws sqs start-message-move-task --source-arn <arn of https://sqs.example/intake-dlq>');
    expect(mail.text).toContain('aws sqs start-message-move-task --source-arn <arn of https://sqs.example/notify-dlq>');
    expect(mail.html).toContain('&lt;arn of https://sqs.example/notify-dlq&gt;');
  });

  it('leaves out a queue with nothing waiting', () => {
    const mail = dlqAlertMail('feedback@hospital.example', 'ops@hospital.example', [
      { holds: 'submission(s) to store', deadLetterQueueUrl: 'https://sqs.example/intake-dlq', depth: 0 },
      { holds: 'notice(s) to mail', deadLetterQueueUrl: 'https://sqs.example/notify-dlq', depth: 4 },
    ]);
    expect(mail.subject).toBe('[patient-feedback] 4 message(s) waiting in the dead-letter queues');
    expect(mail.text).not.toContain('intake-dlq');
  });
});
