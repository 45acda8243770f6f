import { describe, expect, it } from 'vitest';
import { dlqAlertMail, shouldAlert } from '../../../shared/operations/dead-letter-alert.ts';

// The operator's mail about the intake queue's dead letters: when it goes, and what it says.

describe('the dead-letter alert', () => {
  it('goes when the number waiting grows, not while it stands or falls', () => {
    expect(shouldAlert(1, 0)).toBe(true);
    expect(shouldAlert(3, 1)).toBe(true);
    expect(shouldAlert(3, 3)).toBe(false);
    expect(shouldAlert(2, 3)).toBe(false);
  });

  it('names how many wait, of both kinds the queue carries, and how to redrive them', () => {
    const mail = dlqAlertMail('feedback@hospital.example', 'ops@hospital.example', 2, 'https://sqs.example/intake-dlq');
    expect(mail.to).toEqual(['ops@hospital.example']);
    expect(mail.subject).toBe('[patient-feedback] 2 message(s) waiting in the dead-letter queue');
    expect(mail.text).toContain('submissions to store, case notices to mail');
    expect(mail.text).toContain('aws sqs start-message-move-task --source-arn <arn of https://sqs.example/intake-dlq>');
    expect(mail.html).toContain('&lt;arn of https://sqs.example/intake-dlq&gt;');
  });
});
