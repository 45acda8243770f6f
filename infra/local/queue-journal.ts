import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../../shared/schemas/zod.ts';

// The SQS emulator keeps messages in memory only. So that a crash (SIGKILL) loses nothing the intake
// accepted, every message the handlers send is appended to this journal and fsync'd before the send
// returns, so before any 202; the pollers mark what the worker deleted and what SQS dead-letters. At the
// next start every message not deleted is sent again, to the queue it was in (the intake queue or its
// DLQ), and the journal is rewritten with only those. A message sent twice is safe: the worker stores
// and counts each submission once. Bodies are opaque strings here.

/**
 * DynamoDB Local answers a write a few milliseconds before its file holds it: SIGKILLed in between, it
 * loses a write it acknowledged (measured: the last of 300 transactions, every time; none 50 ms later).
 * So a deletion is marked only this long after the worker stored the message; a crash sooner sends it
 * again, which is safe.
 */
export const DELETION_MARK_DELAY_MS = 2_000;

const LineSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('sent'), id: z.string(), queue: z.string(), body: z.string() }),
  z.object({ op: z.literal('deleted'), id: z.string() }),
  z.object({ op: z.literal('moved'), id: z.string(), queue: z.string() }),
]);
type Line = z.infer<typeof LineSchema>;
const serialize = (lines: readonly Line[]) => lines.map((line) => `${JSON.stringify(line)}\n`).join('');

/** The file `npm start` wrote at Ctrl-C before this journal existed: queue name → bodies. */
const LegacySnapshotSchema = z.record(z.string(), z.array(z.string()));

export interface JournalledMessage {
  readonly queue: string;
  readonly body: string;
}

export interface QueueJournal {
  /** Resolves once the message is on disk. */
  sent(messageId: string, message: JournalledMessage): Promise<void>;
  /** Marked DELETION_MARK_DELAY_MS later (or at close); until then a crash sends the messages again. */
  deleted(messageIds: readonly string[]): void;
  /** The messages now wait in `queue` (SQS moved them to the dead-letter queue). */
  moved(messageIds: readonly string[], queue: string): Promise<void>;
  close(): Promise<void>;
}

/** The messages a journal holds that were never deleted, where they were last. A torn last line is an append that never returned. */
export function pendingMessages(text: string): JournalledMessage[] {
  const lines = text.split('\n');
  const complete = lines.slice(0, -1);
  const sent = new Map<string, JournalledMessage>();
  const deleted = new Set<string>();
  const movedTo = new Map<string, string>();
  complete.forEach((raw, index) => {
    let line: Line;
    try {
      line = LineSchema.parse(JSON.parse(raw));
    } catch {
      throw new Error(`queue journal line ${index + 1} is unreadable`);
    }
    if (line.op === 'sent') sent.set(line.id, { queue: line.queue, body: line.body });
    else if (line.op === 'deleted') deleted.add(line.id);
    else movedTo.set(line.id, line.queue);
  });
  return [...sent].filter(([id]) => !deleted.has(id)).map(([id, message]) => ({ queue: movedTo.get(id) ?? message.queue, body: message.body }));
}

/** Appends lines, one write and one fsync for everything waiting (group commit). After a failed write every append fails: a torn line may only be the last. */
class Appender {
  readonly #handle: FileHandle;
  #waiting: { readonly text: string; readonly settle: (error?: Error) => void }[] = [];
  #flushing: Promise<void> | undefined;
  #broken: unknown;

  constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  append(lines: readonly Line[]): Promise<void> {
    if (this.#broken !== undefined) return Promise.reject(new Error('the queue journal failed a write', { cause: this.#broken }));
    return new Promise((resolve, reject) => {
      this.#waiting.push({ text: serialize(lines), settle: (error) => (error === undefined ? resolve() : reject(error)) });
      this.#flushing ??= this.#flush();
    });
  }

  async #flush(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0);
      try {
        if (this.#broken !== undefined) throw new Error('the queue journal failed a write', { cause: this.#broken });
        await this.#handle.appendFile(batch.map((entry) => entry.text).join(''));
        await this.#handle.datasync();
        for (const entry of batch) entry.settle();
      } catch (error) {
        this.#broken ??= error;
        for (const entry of batch) entry.settle(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.#flushing = undefined;
  }

  async close(): Promise<void> {
    await this.#flushing;
    await this.#handle.close();
  }
}

/** Writes `text` to `file` so that a crash leaves either the old file or the new one. */
function replaceDurably(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  const written = openSync(temporary, 'r');
  try { fsyncSync(written); } finally { closeSync(written); }
  renameSync(temporary, file);
  const directory = openSync(dirname(file), 'r');
  try { fsyncSync(directory); } finally { closeSync(directory); }
}

export interface RecoverOptions {
  readonly sqs: SQSClient;
  readonly queueUrlFor: (queue: string) => string | undefined;
  /** Where an older version saved the queues at Ctrl-C; its messages are queued again once, then it is removed. */
  readonly legacySnapshotFile?: string;
  readonly deletionMarkDelayMs?: number;
}

const SendInputSchema = z.object({ QueueUrl: z.string(), MessageBody: z.string() });
const SendOutputSchema = z.object({ MessageId: z.string() });
const MIDDLEWARE = 'localQueueJournal';

/**
 * Journals every SendMessage of `client` (the handlers' SQS client) after SQS took it and before the
 * send returns. Other ways of sending are refused rather than left out of the journal. Returns the undo.
 */
export function journalSends(client: SQSClient, journal: QueueJournal): () => void {
  client.middlewareStack.add((next, context) => async (args) => {
    if (context.commandName !== 'SendMessageCommand') {
      if (context.commandName === 'SendMessageBatchCommand') throw new Error('the local queue journal records SendMessage only');
      return next(args);
    }
    const input = SendInputSchema.parse(args.input);
    const result = await next(args);
    // By name, as the URL changes with the emulator's port (and sqs.<region>.127.0.0.1 is no URL host for `new URL`).
    const queue = input.QueueUrl.slice(input.QueueUrl.lastIndexOf('/') + 1);
    await journal.sent(SendOutputSchema.parse(result.output).MessageId, { queue, body: input.MessageBody });
    return result;
  }, { step: 'initialize', name: MIDDLEWARE });
  return () => { client.middlewareStack.remove(MIDDLEWARE); };
}

/**
 * Sends again every journalled message that was never deleted, rewrites the journal with only those
 * (under their new ids) and opens it for this run. Until the rewrite, the old journal stays: a crash
 * during recovery sends the same messages again at the next start, which is safe.
 */
export async function recoverQueueJournal(file: string, options: RecoverOptions): Promise<{ journal: QueueJournal; restored: number }> {
  const pending = existsSync(file) ? pendingMessages(readFileSync(file, 'utf8')) : [];
  const legacy = options.legacySnapshotFile;
  if (legacy !== undefined && existsSync(legacy)) {
    for (const [queue, bodies] of Object.entries(LegacySnapshotSchema.parse(JSON.parse(readFileSync(legacy, 'utf8'))))) {
      pending.push(...bodies.map((body) => ({ queue, body })));
    }
  }
  const kept: Line[] = [];
  for (let i = 0; i < pending.length; i += 10) {
    const batch = pending.slice(i, i + 10);
    for (const queue of new Set(batch.map((message) => message.queue))) {
      const queueUrl = options.queueUrlFor(queue);
      if (queueUrl === undefined) throw new Error(`the queue journal holds messages for an unknown queue ${queue}; keeping ${file}`);
      const entries = batch.filter((message) => message.queue === queue);
      const { Successful = [], Failed = [] } = await options.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries.map((message, index) => ({ Id: String(index), MessageBody: message.body })) }));
      if (Failed.length > 0) throw new Error(`could not queue ${Failed.length} journalled message(s) again (${Failed[0]?.Code ?? 'unknown'}); keeping ${file}`);
      for (const { Id, MessageId } of Successful) {
        const message = entries[Number(Id)];
        if (message !== undefined && MessageId !== undefined) kept.push({ op: 'sent', id: MessageId, queue, body: message.body });
      }
    }
  }
  replaceDurably(file, serialize(kept));
  if (legacy !== undefined) rmSync(legacy, { force: true });

  const appender = new Appender(await open(file, 'a', 0o600));
  const marking = new Set<Promise<void>>();
  return {
    restored: pending.length,
    journal: {
      sent: (id, message) => appender.append([{ op: 'sent', id, queue: message.queue, body: message.body }]),
      deleted: (ids) => {
        // A mark that fails to be written only sends the message again at the next start.
        const mark = sleep(options.deletionMarkDelayMs ?? DELETION_MARK_DELAY_MS).then(() => appender.append(ids.map((id) => ({ op: 'deleted', id })))).catch(() => undefined);
        marking.add(mark);
        void mark.then(() => marking.delete(mark));
      },
      moved: (ids, queue) => appender.append(ids.map((id) => ({ op: 'moved', id, queue }))),
      close: async () => {
        await Promise.all(marking);
        await appender.close();
      },
    },
  };
}
