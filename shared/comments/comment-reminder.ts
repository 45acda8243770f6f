import { sendMail } from '../aws/ses.ts';
import { logger } from '../platform/observability.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import { markCommentReminded, unreadComments } from '../storage/comments.ts';
import type { CommentRecord } from '../schemas/comment.ts';
import { type MonitorOptions, sweepSites } from '../sites/site-sweep.ts';
import { onDutyAddresses, unreadReminderMail } from './comment-mails.ts';

// The safety net under the classifier: a comment nobody has read by its `readDueAt` (4 hours in the
// services marked mental health, 1 working day elsewhere) reminds the office, once per comment. The SLA
// monitor's schedule runs it. Each comment is marked before the mail goes, so overlapping runs never
// remind twice; one mail per site and run names how many waited too long, never their words.

/** Unread comments a run reads per site, oldest first: the late ones are always among the oldest. */
const UNREAD_READ = 2_000;

export type CommentReminderOptions = MonitorOptions;

export interface CommentReminderResult {
  /** Unread comments looked at, every site together. */
  readonly unread: number;
  /** Comments this run reminded the office of (each once). */
  readonly reminded: number;
  /** Reminder mails not sent, sites with late comments but no complaint settings (ids in the log). */
  readonly failed: number;
}

export async function remindUnreadComments(options: CommentReminderOptions): Promise<CommentReminderResult> {
  const { table, now, send = sendMail } = options;
  const counts = { unread: 0, reminded: 0, failed: 0 };
  // One read a site; the mail says how many wait in all, late or not.
  let waiting = 0;
  await sweepSites<CommentRecord>(table, {
    read: async (siteId) => {
      const unread = await unreadComments(table, siteId, UNREAD_READ);
      counts.unread += unread.length;
      waiting = unread.length;
      return { items: unread.filter((c) => c.remindedAt === undefined && Date.parse(c.readDueAt) <= now.getTime()) };
    },
    act: async (siteId, late) => {
      const settings = await getComplaintSettings(table, siteId);
      if (settings === undefined) {
        logger.error('site has late comments but no complaint settings: nobody to remind', { siteId });
        counts.failed += 1;
        return 'stop';
      }
      const marked = [];
      for (const comment of late) if (await markCommentReminded(table, comment.id, now)) marked.push(comment);
      if (marked.length === 0) return 'next';
      counts.reminded += marked.length;
      const zone = marked[0]?.timeZone ?? 'UTC';
      const to = [...new Set([...onDutyAddresses(settings, now, zone), settings.officeHead.email])];
      try {
        await send(unreadReminderMail(siteId, marked, waiting, to, options.mailFrom, options.publicBaseUrl));
      } catch (error) {
        // As the SLA reminders: not retried (the comments stay on the list, counted late in the inbox); the run fails at its end.
        logger.error('comment reminder not sent', { siteId, comments: marked.length, error });
        counts.failed += 1;
      }
      return 'next';
    },
  });
  return counts;
}
