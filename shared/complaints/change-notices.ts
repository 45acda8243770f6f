import type { ComplaintRecord } from '../schemas/complaint.ts';

/** Whom a change to a case must tell; notices.ts writes the mails. */
export interface ChangeNotices {
  readonly raisedToCritical: boolean;
  readonly ownerChanged: boolean;
  readonly handlerChanged: boolean;
}

/**
 * A case raised to critical alerts the owner and the safety contact as a safety signal would (one that
 * came with a signal was alerted on arrival); a new owner hears the case is theirs (unless they took it
 * themselves); a new handler department, that it should investigate. Undefined when nobody is told.
 * Apart from the mails so that a change is judged without loading them: most changes mail nobody, and
 * the mails' code (the staff directory, SES, the templates) loads only for one that does.
 */
export function changeNotices(before: ComplaintRecord, after: ComplaintRecord, actor: string): ChangeNotices | undefined {
  const raisedToCritical = after.severity === 'critical' && before.severity !== 'critical' && !after.safetySignal;
  const ownerChanged = after.owner !== before.owner && actor !== `user:${after.owner}`;
  const handlerChanged = after.handlerDepartmentId !== before.handlerDepartmentId;
  return raisedToCritical || ownerChanged || handlerChanged ? { raisedToCritical, ownerChanged, handlerChanged } : undefined;
}
