import * as z from '../schemas/zod.ts';
import { NotFoundError } from '../platform/domain-errors.ts';
import { ComplaintStatusSchema } from '../schemas/complaint.ts';
import { complaintIdOfTrackingCode, getComplaint } from '../storage/complaints.ts';
import { dayIn } from '../platform/time.ts';
import { TRACKING_CODE_PATTERN } from './tracking-code.ts';

// What a patient sees with their tracking code: where the complaint stands and by when it is due, and,
// once it is responded to or closed, the response the office approved for the patient (staff are warned
// on the case form that whoever holds the code reads it). Nothing else: no names, no complaint text, no
// department's internal handling.

export const TrackedComplaintSchema = z.object({
  trackingCode: z.string(),
  status: ComplaintStatusSchema,
  receivedDate: z.iso.date(),
  dueDate: z.iso.date(),
  /** The response the office gave the patient, once the case is responded to or closed. */
  response: z.optional(z.string()),
});
export type TrackedComplaint = z.infer<typeof TrackedComplaintSchema>;

/** A response is shown once the office has given it: before then it may be a draft. */
const ANSWERED: ReadonlySet<string> = new Set(['responded', 'closed']);

const unknownCode = () => new NotFoundError('No complaint has this tracking code. Check the code you were given.');

/** The tracked complaint, and its site (whose complaint office the tracking page names). */
export async function findTrackedComplaint(table: string, trackingCode: string): Promise<{ tracked: TrackedComplaint; siteId: string }> {
  const code = trackingCode.trim().toUpperCase();
  if (!TRACKING_CODE_PATTERN.test(code)) throw unknownCode();
  const id = await complaintIdOfTrackingCode(table, code);
  if (id === undefined) throw unknownCode();
  const complaint = await getComplaint(table, id);
  if (complaint === undefined) throw unknownCode();
  const tracked = TrackedComplaintSchema.parse({
    trackingCode: code,
    status: complaint.status,
    receivedDate: dayIn(complaint.timeZone, complaint.receivedAt),
    dueDate: dayIn(complaint.timeZone, complaint.dueAt),
    ...(ANSWERED.has(complaint.status) && complaint.response !== undefined ? { response: complaint.response } : {}),
  });
  return { tracked, siteId: complaint.siteId };
}

export async function trackComplaint(table: string, trackingCode: string): Promise<TrackedComplaint> {
  return (await findTrackedComplaint(table, trackingCode)).tracked;
}
