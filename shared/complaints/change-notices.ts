import type { ComplaintRecord } from '../schemas/complaint.ts';
import type { CaseNoticeMessage } from '../schemas/notify-message.ts';

/**
 * Whom a change to a case must tell, as the message the change queues for the worker to mail
 * (notices.ts writes the mails). A case raised to critical alerts the owner and the safety contact as a
 * safety signal would (one that came with a signal was alerted on arrival); a new owner hears the case is
 * theirs (unless they took it themselves); a new handler department, that it should investigate.
 * Undefined when nobody is told, as after most changes.
 */
export function changeNotices(before: ComplaintRecord, after: ComplaintRecord, actor: string): CaseNoticeMessage | undefined {
  const raisedToCritical = after.severity === 'critical' && before.severity !== 'critical' && !after.safetySignal;
  const ownerChanged = after.owner !== before.owner && actor !== `user:${after.owner}`;
  const handlerChanged = after.handlerDepartmentId !== before.handlerDepartmentId;
  if (!raisedToCritical && !ownerChanged && !handlerChanged) return undefined;
  return {
    kind: 'case-notice', complaintId: after.id, raisedToCritical,
    ...(ownerChanged ? { owner: after.owner } : {}),
    ...(handlerChanged ? { handlerDepartmentId: after.handlerDepartmentId } : {}),
  };
}
