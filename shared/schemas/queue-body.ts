import * as z from './zod.ts';

// Bodies are JSON: ASCII-escaped as our senders queue them (asciiJson), or plain UTF-8 as queued before;
// JSON.parse restores both to the same text.
const JsonTextSchema = z.pipe(z.string(), z.transform((text: string, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.issues.push({ code: 'custom', message: 'body is not JSON', input: text });
    return z.NEVER;
  }
}));

/** The part of an SQS record a worker reads. */
export interface QueueRecord {
  readonly messageId: string;
  readonly body: string;
}

/** A queue message's body, read as `schema`. */
export const queueBody = <T extends z.ZodMiniType>(schema: T) => z.pipe(JsonTextSchema, schema);

/**
 * The part of a queue worker's SQS event it reads (the intake worker's and the notices'): each record's
 * id and body (the body is checked record by record), from SQS. Ours rather than Powertools' SqsSchema,
 * whose `import { z }` form keeps all of zod, locales included, in the bundle (350 KB).
 */
export const QueueEventSchema = z.object({
  Records: z.array(z.object({ eventSource: z.literal('aws:sqs'), messageId: z.string().check(z.minLength(1)), body: z.string() })),
});
