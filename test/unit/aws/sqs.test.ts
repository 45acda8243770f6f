import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fc, test } from '@fast-check/vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { asciiJson, sendMessage } from '../../../shared/aws/sqs.ts';

// What SQS itself accepts in a message body (#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF);
// the local emulator takes only the Basic Multilingual Plane. ASCII without controls passes both.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

describe('asciiJson, the body of every message the intake queues', () => {
  test.prop([fc.string({ unit: 'binary', maxLength: 300 })])('is printable ASCII, and JSON.parse gives back every string exactly (lone surrogates included)', (text) => {
    const body = asciiJson({ comment: text });

    expect(body).toMatch(PRINTABLE_ASCII);
    expect((JSON.parse(body) as { comment: string }).comment).toBe(text);
  });

  test.prop([fc.jsonValue({ depthSize: 'small' }).filter((v): v is object => typeof v === 'object' && v !== null)])('reads back as the same value as plain JSON does, for any JSON object', (value) => {
    expect(JSON.parse(asciiJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('escapes what the emulator and SQS refuse, and leaves ASCII as it is', () => {
    expect(asciiJson({ comment: '很好 👍', name: '𠮷', x: '\uFFFE' })).toBe('{"comment":"\\u5f88\\u597d \\ud83d\\udc4d","name":"\\ud842\\udfb7","x":"\\ufffe"}');
  });

  it('is what sendMessage puts on the queue', async () => {
    const sqsMock = mockClient(SQSClient);
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm1' });

    await sendMessage('https://queue.example/intake', { comment: '很好 👍' });

    expect(sqsMock.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody).toBe('{"comment":"\\u5f88\\u597d \\ud83d\\udc4d"}');
    sqsMock.restore();
  });
});
