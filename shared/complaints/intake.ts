import type { Identity } from '../auth/identity.ts';
import { actorOf } from '../auth/identity.ts';
import { authorize, requireAction } from '../auth/policy.ts';
import { NotFoundError, ValidationError } from '../platform/domain-errors.ts';
import { checkPublicSubmission, type PublicIntakeContext } from '../intake/check-submission.ts';
import { type ComplaintAccepted, PatientComplaintSchema, StaffComplaintSchema } from '../schemas/complaint.ts';
import type { ComplaintMessage } from '../schemas/intake-message.ts';
import { recordAudit } from '../storage/audit.ts';
import { getDepartment, getSite } from '../storage/sites.ts';
import { trackingCodeFor } from './tracking-code.ts';

// Complaint intake only checks and enqueues, like surveys: a patient's complaint is never lost while the
// worker is down, and the same submissionId twice is the same complaint with the same tracking code.

export interface ComplaintIntakeContext {
  readonly table: string;
  readonly key: Buffer;
  readonly enqueue: (message: ComplaintMessage) => Promise<unknown>;
  readonly now?: Date;
}

/** POST /v1/complaints: a patient or family member, on the page reached from a department's QR code. */
export async function acceptPatientComplaint(body: unknown, context: ComplaintIntakeContext & PublicIntakeContext): Promise<ComplaintAccepted> {
  const { data, target, now } = await checkPublicSubmission(PatientComplaintSchema, body, context);
  const { code: _code, ...complaint } = data;
  const trackingCode = trackingCodeFor(context.key, complaint.submissionId);
  await context.enqueue({
    kind: 'complaint',
    receivedAt: now.toISOString(),
    siteId: target.site.siteId,
    departmentId: target.department.departmentId,
    timeZone: target.site.timeZone,
    trackingCode,
    channel: 'qr-page',
    enteredBy: 'patient',
    settledOnSpot: false,
    multiDepartment: false,
    complaint,
  });
  return { id: complaint.submissionId, trackingCode };
}

/** POST /v1/admin/complaints (and the admin pages' form): the complaint office types in a complaint from any other channel. */
export async function acceptStaffComplaint(readBody: () => unknown, identity: Identity, context: ComplaintIntakeContext): Promise<ComplaintAccepted> {
  requireAction(identity, 'complaints:create');
  const parsed = StaffComplaintSchema.safeParse(readBody());
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const c = parsed.data;
  authorize(identity, 'complaints:create', { siteId: c.siteId, departmentId: c.departmentId });
  const [site, department] = await Promise.all([getSite(context.table, c.siteId), getDepartment(context.table, c.siteId, c.departmentId)]);
  if (site === undefined || department === undefined) throw new NotFoundError(`No department "${c.departmentId}" at site "${c.siteId}".`);
  const trackingCode = trackingCodeFor(context.key, c.submissionId);
  await context.enqueue({
    kind: 'complaint',
    receivedAt: c.receivedAt,
    siteId: c.siteId,
    departmentId: c.departmentId,
    timeZone: site.timeZone,
    trackingCode,
    channel: c.channel,
    enteredBy: actorOf(identity),
    firstReceiver: c.firstReceiver,
    settledOnSpot: c.settledOnSpot,
    ...(c.settlement === undefined ? {} : { settlement: c.settlement }),
    ...(c.handedToOfficeAt === undefined ? {} : { handedToOfficeAt: c.handedToOfficeAt }),
    multiDepartment: c.multiDepartment,
    complaint: {
      submissionId: c.submissionId,
      description: c.description,
      ...(c.incidentDate === undefined ? {} : { incidentDate: c.incidentDate }),
      ...(c.desiredOutcome === undefined ? {} : { desiredOutcome: c.desiredOutcome }),
      ...(c.staffInvolved === undefined ? {} : { staffInvolved: c.staffInvolved }),
      ...(c.contact === undefined ? {} : { contact: c.contact }),
    },
  });
  // Whoever types a complaint in is on record, from the JSON API and the admin pages' form alike.
  await recordAudit(context.table, { actor: actorOf(identity), action: 'complaint-create', outcome: 'success', sites: [c.siteId], target: `complaint:${c.submissionId}` });
  return { id: c.submissionId, trackingCode };
}
