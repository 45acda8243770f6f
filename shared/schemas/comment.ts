import * as z from './zod.ts';
import { CategorySchema, SafetyKindSchema } from '../classify/categories.ts';

// A free-text comment a person must read (README, "Comments to read"): every survey comment, every
// complaint's words, every callback note. It carries what the classifier made of it, when it must be read
// by, and, for a possible safety signal, the office's answer (confirmed or dismissed), which is a label
// for retraining the classifier.

export const COMMENT_SOURCES = ['survey', 'complaint', 'callback'] as const;
export const CommentSourceSchema = z.enum(COMMENT_SOURCES);
export type CommentSource = z.infer<typeof CommentSourceSchema>;

export const SafetyLevelSchema = z.enum(['signal', 'possible', 'none']);

/** The office's answer to a possible safety signal: one click, by whom and when. */
export const SafetyReviewSchema = z.object({
  state: z.enum(['pending', 'confirmed', 'dismissed']),
  by: z.optional(z.string()),
  at: z.optional(z.string()),
});
export type SafetyReview = z.infer<typeof SafetyReviewSchema>;

export const CommentRecordSchema = z.object({
  /** The submission's id (a survey's, a complaint's, a callback's): one comment per submission. */
  id: z.string().check(z.minLength(1)),
  siteId: z.string(),
  departmentId: z.string(),
  source: CommentSourceSchema,
  receivedAt: z.string(),
  timeZone: z.string(),
  text: z.string(),
  category: CategorySchema,
  safetyLevel: SafetyLevelSchema,
  safetyKinds: z.array(SafetyKindSchema),
  /** The case that carries this comment, when there is one (a complaint, a survey's follow-up). */
  complaintId: z.optional(z.string()),
  /** A person should have read it by then (4 hours in mental-health services, 1 working day elsewhere). */
  readDueAt: z.string(),
  readAt: z.optional(z.string()),
  readBy: z.optional(z.string()),
  /** When the SLA monitor reminded the office that it waited too long (once). */
  remindedAt: z.optional(z.string()),
  /** Only for a possible safety signal: the "please look now" list and the office's answer. */
  review: z.optional(SafetyReviewSchema),
  /** Set until the on-duty officers were told of a possible signal (or of a signal with no case); retried until sent. */
  noticePending: z.boolean(),
});
export type CommentRecord = z.infer<typeof CommentRecordSchema>;

export const isUnread = (comment: Pick<CommentRecord, 'readAt'>): boolean => comment.readAt === undefined;
/** On the "please look now" list: a possible signal nobody has answered yet. */
export const awaitsReview = (comment: Pick<CommentRecord, 'review'>): boolean => comment.review?.state === 'pending';
