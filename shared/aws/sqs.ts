import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { requireEnv } from '../platform/config.ts';
import { env } from '../platform/resource-env.ts';

// Local queue URLs name a host that does not resolve (sqs.<region>.localhost), so when an endpoint is
// configured the client must use it rather than the queue URL's host.
export const sqs = new SQSClient({ useQueueUrlAsEndpoint: process.env.AWS_ENDPOINT_URL_SQS === undefined });

/**
 * The JSON of `body` in ASCII only: every other character is escaped as `\uXXXX` (a pair of them outside
 * the Basic Multilingual Plane), which JSON.parse restores exactly. SQS refuses some characters a message
 * can carry (U+FFFE, U+FFFF, most controls) and the local emulator everything outside the BMP (emoji,
 * 𠮷); escaped, any text travels through both. A message in plain UTF-8 JSON (queued before) reads the same.
 */
export function asciiJson(body: object): string {
  return JSON.stringify(body).replace(/[\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function sendMessage(queueUrl: string, body: object): Promise<string> {
  const result = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: asciiJson(body) }));
  return result.MessageId ?? '';
}

/**
 * A sender to the intake queue, for a function with `queue:intake:send`. Call it when a module loads: the
 * queue's URL is read then, so a function missing it fails its cold start, not its first post.
 */
export const intakeSender = (): (message: object) => Promise<string> => senderTo(requireEnv(env.intakeQueueUrl));

/** The same to the notify queue (the notices' worker mails), for a function with `queue:notify:send`. */
export const notifySender = (): (message: object) => Promise<string> => senderTo(requireEnv(env.notifyQueueUrl));

const senderTo = (queueUrl: string) => (message: object) => sendMessage(queueUrl, message);

export async function approximateDepth(queueUrl: string): Promise<number> {
  const result = await sqs.send(new GetQueueAttributesCommand({
    QueueUrl: queueUrl,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
  }));
  const attributes = result.Attributes ?? {};
  return Number(attributes.ApproximateNumberOfMessages ?? 0) + Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}
