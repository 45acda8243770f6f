import { actorOf, type Identity } from '../auth/identity.ts';
import { callClock } from '../callbacks/clock.ts';
import { followUpCall } from '../callbacks/follow-up.ts';
import { logger } from '../platform/observability.ts';
import { requireAction } from '../auth/policy.ts';
import { ValidationError, VersionConflictError, VersionRequiredError } from '../platform/domain-errors.ts';
import type { ComplaintRecord } from '../schemas/complaint.ts';
import type { CaseNoticeMessage } from '../schemas/notify-message.ts';
import { recordAudit } from '../storage/audit.ts';
import { callItem } from '../storage/call-items.ts';
import { getComplaint, saveComplaintChange } from '../storage/complaints.ts';
import { addDays, epochSeconds } from '../platform/time.ts';
import { applyChange, ComplaintChangeSchema } from './lifecycle.ts';
import { changeNotices } from './change-notices.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import { type ComplaintSettings, officerEmail } from './settings.ts';
import { canSeeCase, checkChangeAllowed, noSuchComplaint } from './staff-view.ts';

// One path for every change to a case, from the JSON API (PATCH with If-Match) and from the office's
// case page (a form carrying the version it was rendered from): the same scope, role, lifecycle and
// concurrency rules, the same history and audit entries.

export const etag = (version: number) => `"v${version}"`;

/** The version an ETag names; 0 (no case has it) for anything else, so a malformed If-Match is a conflict. */
export function versionOfEtag(tag: string): number {
  const match = /^"v(\d{1,9})"$/.exec(tag.trim());
  return match === null ? 0 : Number(match[1]);
}

export const versionConflict = () => new VersionConflictError('Someone changed this complaint since you read it; read it again.');

/**
 * A case the caller may read (or change), with how far they reach into it; 403 for a role that never
 * does so, 404 outside their scope.
 */
export async function readCase(table: string, identity: Identity, id: string, action: 'complaints:read' | 'complaints:update' = 'complaints:read'): Promise<{ record: ComplaintRecord; scope: 'all' | 'department' }> {
  requireAction(identity, action);
  const record = await getComplaint(table, id);
  const scope = record === undefined ? undefined : canSeeCase(identity, action, record);
  if (record === undefined || scope === undefined) throw noSuchComplaint();
  return { record, scope };
}

export interface CaseChangeContext {
  readonly table: string;
  /** Days the contact details are kept once the case closes (CONTACT_RETENTION_DAYS). */
  readonly contactDays: number;
  /** Queues a change's notice (a new owner or handler department, a case raised to critical) on the notify queue, for the notices' worker to mail. */
  readonly notify: (notice: CaseNoticeMessage) => Promise<unknown>;
  /** The moment of the change; now when omitted (the demo loader replays past changes at their time). */
  readonly now?: Date;
}

/** First-complaint responsibility: a case is owned by someone in the complaint office, never by just anyone. */
function checkOwner(settings: ComplaintSettings | undefined, owner: string | undefined): void {
  if (owner === undefined || settings === undefined || officerEmail(settings, owner) !== undefined) return;
  throw ValidationError.field('owner', 'not an officer of the complaint office', `"${owner}" is not on the complaint office's rota.`);
}

/** A saved change, and what became of the notice it called for (`none` when it called for none). */
export interface CaseChanged {
  readonly record: ComplaintRecord;
  readonly notice: 'none' | 'queued' | 'not-queued';
}

/**
 * Reads the case, checks the caller may change it (404 outside their scope, so it does not leak), that
 * they read the current version (428 without one, 409 when stale) and that their role may set these
 * fields, applies the lifecycle rules and saves; returns the changed case. `readChange` is called only
 * after those checks, so a malformed body to a case one cannot see answers as the case does; it gets the
 * case, whose zone a form's dates are read in.
 */
export async function changeCase(
  context: CaseChangeContext,
  identity: Identity,
  id: string,
  expectedVersion: number | undefined,
  readChange: (record: ComplaintRecord) => unknown,
): Promise<CaseChanged> {
  const { record, scope } = await readCase(context.table, identity, id, 'complaints:update');
  if (expectedVersion === undefined) throw new VersionRequiredError(record.version, `Send If-Match with the version you read (${etag(record.version)}).`);
  if (expectedVersion !== record.version) throw versionConflict();
  const parsed = ComplaintChangeSchema.safeParse(readChange(record));
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  checkChangeAllowed(scope, parsed.data);
  const settings = await getComplaintSettings(context.table, record.siteId);
  checkOwner(settings, parsed.data.owner);
  const now = context.now ?? new Date();
  const actor = actorOf(identity);
  const { record: next, history } = applyChange(record, parsed.data, actor, now);
  const closing = next.status === 'closed' && record.status !== 'closed';
  const followUp = closing && next.followUpDue === true ? followUpCall(next, await callClock(context.table, next.siteId), now.toISOString()) : undefined;
  try {
    await saveComplaintChange(context.table, record, next, history, {
      now,
      // Closing a key complaint puts its follow-up call on the office's worklist, in the same transaction.
      ...(followUp === undefined ? {} : { extra: [callItem(context.table, followUp)] }),
      ...(next.status === 'closed' && record.status !== 'closed' ? { contactExpiresAt: epochSeconds(addDays(now, context.contactDays)) } : {}),
    });
  } catch (error) {
    if (error instanceof VersionConflictError) throw versionConflict();
    throw error;
  }
  await recordAudit(context.table, { actor, action: 'complaint-change', outcome: 'success', sites: [record.siteId], target: `complaint:${id}`, detail: history.map((h) => h.change).join(',') }, now);
  const notice = changeNotices(record, next, actor);
  if (notice === undefined) return { record: next, notice: 'none' };
  try {
    await context.notify(notice);
    return { record: next, notice: 'queued' };
  } catch (error) {
    // The change stands, in the history and the inbox (a critical case pinned on top); failing the save
    // for a notice the queue did not take would lose the change too. Logged with the case id only, and
    // the pages tell whoever made the change to pass it on themselves.
    logger.error('change notice not queued', { complaintId: id, error: error instanceof Error ? error.name : String(error) });
    return { record: next, notice: 'not-queued' };
  }
}
