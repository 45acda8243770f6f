import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamoDb } from '../aws/dynamodb.ts';
import { notFound } from '../http/problem.ts';
import { ComplaintStatusSchema } from '../schemas/complaint.ts';
import { getComplaint } from '../storage/complaints.ts';
import { keys } from '../storage/keys.ts';
import { dayIn } from '../time.ts';
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

const unknownCode = () => notFound('No complaint has this tracking code. Check the code you were given.');

export async function trackComplaint(table: string, trackingCode: string): Promise<TrackedComplaint> {
  const code = trackingCode.trim().toUpperCase();
  if (!TRACKING_CODE_PATTERN.test(code)) throw unknownCode();
  const { Item } = await dynamoDb.send(new GetCommand({ TableName: table, Key: keys.tracking(code) }));
  const id = z.object({ complaintId: z.string() }).safeParse(Item);
  if (!id.success) throw unknownCode();
  const complaint = await getComplaint(table, id.data.complaintId);
  if (complaint === undefined) throw unknownCode();
  return TrackedComplaintSchema.parse({
    trackingCode: code,
    status: complaint.status,
    receivedDate: dayIn(complaint.timeZone, complaint.receivedAt),
    dueDate: dayIn(complaint.timeZone, complaint.dueAt),
  });
}
