import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingMessages, recoverQueueJournal } from '../../../infra/local/queue-journal.ts';

const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const URLS: Record<string, string> = { intake: 'http://sqs.cn-north-1.127.0.0.1:9324/000000000000/intake', 'intake-dlq': 'http://sqs.cn-north-1.127.0.0.1:9324/000000000000/intake-dlq' };

describe('the local queue journal', () => {
  it('keeps what was sent and never deleted, in the queue it was moved to, whatever the order of the lines', () => {
    const text = [
      line({ op: 'sent', id: 'a', queue: 'intake', body: '{"n":1}' }),
      line({ op: 'deleted', id: 'd' }),
      line({ op: 'sent', id: 'b', queue: 'intake', body: '{"n":2}' }),
      line({ op: 'sent', id: 'c', queue: 'intake', body: '{"n":3}' }),
      line({ op: 'sent', id: 'd', queue: 'intake', body: '{"n":4}' }),
      line({ op: 'deleted', id: 'b' }),
      line({ op: 'moved', id: 'c', queue: 'intake-dlq' }),
      '{"op":"sent","id":"e","queue":"intake","bo',
    ].join('');
    expect(pendingMessages(text)).toEqual([{ queue: 'intake', body: '{"n":1}' }, { queue: 'intake-dlq', body: '{"n":3}' }]);
  });

  it('refuses to guess past an unreadable line that is not the last', () => {
    expect(() => pendingMessages(`${line({ op: 'sent', id: 'a', queue: 'intake', body: 'x' })}garbage\n${line({ op: 'deleted', id: 'a' })}`)).toThrow('line 2');
  });

  describe('at start and while running', () => {
    const sqsMock = mockClient(SQSClient);
    let dir: string;
    let file: string;

    beforeEach(() => {
      sqsMock.reset();
      dir = mkdtempSync(join(tmpdir(), 'journal-'));
      file = join(dir, 'queue-journal.jsonl');
      let next = 0;
      sqsMock.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map(({ Id }) => ({ Id, MessageId: `new-${next++}` })) }));
    });

    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('sends again what was never deleted (and an older version\'s Ctrl-C snapshot), then keeps only those, mode 0600', async () => {
      writeFileSync(file, [
        line({ op: 'sent', id: 'a', queue: 'intake', body: 'A' }),
        line({ op: 'sent', id: 'b', queue: 'intake', body: 'B' }),
        line({ op: 'moved', id: 'b', queue: 'intake-dlq' }),
        line({ op: 'sent', id: 'c', queue: 'intake', body: 'C' }),
        line({ op: 'deleted', id: 'c' }),
      ].join(''));
      const legacy = join(dir, 'queued-messages.json');
      writeFileSync(legacy, JSON.stringify({ intake: ['L'] }));
      const sqs = new SQSClient({});

      const { journal, restored } = await recoverQueueJournal(file, { sqs, queueUrlFor: (queue) => URLS[queue], legacySnapshotFile: legacy });
      await journal.close();

      expect(restored).toBe(3);
      const sent = sqsMock.commandCalls(SendMessageBatchCommand).map((call) => ({ url: call.args[0].input.QueueUrl, bodies: call.args[0].input.Entries?.map((e) => e.MessageBody) }));
      expect(sent).toEqual([{ url: URLS.intake, bodies: ['A', 'L'] }, { url: URLS['intake-dlq'], bodies: ['B'] }]);
      expect(readFileSync(file, 'utf8')).toBe([
        line({ op: 'sent', id: 'new-0', queue: 'intake', body: 'A' }),
        line({ op: 'sent', id: 'new-1', queue: 'intake', body: 'L' }),
        line({ op: 'sent', id: 'new-2', queue: 'intake-dlq', body: 'B' }),
      ].join(''));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(existsSync(legacy)).toBe(false);
    });

    it('appends what was sent and moved at once, and marks a deletion only later (DynamoDB Local acknowledges before its file holds the write)', async () => {
      const { journal } = await recoverQueueJournal(file, { sqs: new SQSClient({}), queueUrlFor: (queue) => URLS[queue], deletionMarkDelayMs: 50 });
      await Promise.all([journal.sent('m1', { queue: 'intake', body: 'one' }), journal.sent('m2', { queue: 'intake', body: 'two' }), journal.sent('m3', { queue: 'intake', body: 'three' })]);
      expect(pendingMessages(readFileSync(file, 'utf8'))).toHaveLength(3);
      journal.deleted(['m1']);
      await journal.moved(['m3'], 'intake-dlq');
      expect(pendingMessages(readFileSync(file, 'utf8'))).toEqual([{ queue: 'intake', body: 'one' }, { queue: 'intake', body: 'two' }, { queue: 'intake-dlq', body: 'three' }]);
      await journal.close();
      expect(pendingMessages(readFileSync(file, 'utf8'))).toEqual([{ queue: 'intake', body: 'two' }, { queue: 'intake-dlq', body: 'three' }]);
    });
  });
});
