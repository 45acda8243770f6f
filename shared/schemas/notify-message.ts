import * as z from './zod.ts';

// What the notify queue carries: each tells the notices' worker (functions/send-notices) that someone must
// be mailed, and names the record to read. The mail is written when the message is taken, from the record
// as it stands, and the record's own flag says whether it is still owed, so a message queued twice mails
// once unless both are taken at the same moment (at least once, never lost: a mail SES refuses fails the
// message, which SQS retries and, after the last try, dead-letters with the operator alerted).

/** A new case's first mails (its safety alert, the owner's and the handler department's notices), owed while its `mailPending` is set. */
const CaseOpenedMessageSchema = z.strictObject({
  kind: z.literal('case-opened'),
  complaintId: z.string().check(z.minLength(1)),
});

/** A comment's notice (the "please look now" mail, or the alert of a signal no case carries), owed while its `noticePending` is set. */
const CommentNoticeMessageSchema = z.strictObject({
  kind: z.literal('comment-notice'),
  commentId: z.string().check(z.minLength(1)),
});

/**
 * A change to a case that someone must hear of, queued by the change (shared/complaints/change-case.ts).
 * Each notice is sent only while it still holds when the notices' worker reads the case (see changeMails).
 */
export const CaseNoticeMessageSchema = z.strictObject({
  kind: z.literal('case-notice'),
  complaintId: z.string().check(z.minLength(1)),
  /** Raised to critical by staff: the owner and the safety contact are alerted. */
  raisedToCritical: z.boolean(),
  /** A new owner, told the case is theirs. */
  owner: z.optional(z.string()),
  /** A new handler department, told to investigate. */
  handlerDepartmentId: z.optional(z.string()),
});
export type CaseNoticeMessage = z.infer<typeof CaseNoticeMessageSchema>;

export const NotifyMessageSchema = z.discriminatedUnion('kind', [CaseOpenedMessageSchema, CommentNoticeMessageSchema, CaseNoticeMessageSchema]);
export type NotifyMessage = z.infer<typeof NotifyMessageSchema>;
