import * as z from 'zod';
import { NotFoundError } from '../platform/domain-errors.ts';
import { ComplaintStatusSchema } from '../schemas/complaint.ts';
import { complaintIdOfTrackingCode, getComplaint } from '../storage/complaints.ts';
import { dayIn } from '../platform/time.ts';
import { TRACKING_CODE_PATTERN } from './tracking-code.ts';

// What a patient sees with their tracking code: where the complaint stands and by when it is due, and
// nothing else (no names, no words, no department's internal handling).

export const TrackedComplaintSchema = z.object({
  trackingCode: z.string(),
  status: ComplaintStatusSchema,
  receivedDate: z.iso.date(),
  dueDate: z.iso.date(),
});
export type TrackedComplaint = z.infer<typeof TrackedComplaintSchema>;

const unknownCode = () => new NotFoundError('No complaint has this tracking code. Check the code you were given.');

export async function trackComplaint(table: string, trackingCode: string): Promise<TrackedComplaint> {
  const code = trackingCode.trim().toUpperCase();
  if (!TRACKING_CODE_PATTERN.test(code)) throw unknownCode();
  const id = await complaintIdOfTrackingCode(table, code);
  if (id === undefined) throw unknownCode();
  const complaint = await getComplaint(table, id);
  if (complaint === undefined) throw unknownCode();
  return TrackedComplaintSchema.parse({
    trackingCode: code,
    status: complaint.status,
    receivedDate: dayIn(complaint.timeZone, complaint.receivedAt),
    dueDate: dayIn(complaint.timeZone, complaint.dueAt),
  });
}
