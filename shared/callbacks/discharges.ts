import { actorOf, type Identity } from '../auth/identity.ts';
import { authorize, requireAction } from '../auth/policy.ts';
import { endOfDayUtc } from '../sites/working-calendar.ts';
import { fieldErrors, NotFoundError, ValidationError, VersionConflictError } from '../platform/domain-errors.ts';
import { addDays, dayIn, epochSeconds } from '../platform/time.ts';
import { callbackCounterNames as names, type Counters } from '../reporting/counters.ts';
import { type CallRecord, type Discharge, DischargeBatchSchema, DischargeSchema, type DischargesAccepted, type RefusedRow } from '../schemas/callback.ts';
import { DISCHARGES_PER_MESSAGE, type DischargesMessage } from '../schemas/intake-message.ts';
import { recordAudit } from '../storage/audit.ts';
import { type CallHistoryEntry, getCall, getDischarge, getPerson, type NewDischarge, saveCallChange, storeNewDischarges } from '../storage/callbacks.ts';
import { keys } from '../storage/keys.ts';
import { getSite, listDepartments } from '../storage/sites.ts';
import { type CallClock, callClock } from './clock.ts';
import { callWindow } from './schedule.ts';
import type { CallbackSettings } from './settings.ts';

// Discharges in (POST /v1/discharges, the CSV upload, `npm run discharges`): every row is checked at the
// edge, the good rows are queued like any submission and the bad ones named by index and field; the
// worker stores each once by (site, dischargeId) and makes it a call due in the site's window.

export interface DischargeIntakeContext {
  readonly table: string;
  readonly enqueue: (message: DischargesMessage) => Promise<unknown>;
  readonly now?: Date;
}

/** Checks a batch row by row; throws only when the body is not a batch at all (or names a site the caller cannot post for). */
export async function acceptDischarges(readBody: () => unknown, identity: Identity, context: DischargeIntakeContext): Promise<DischargesAccepted> {
  requireAction(identity, 'discharges:post');
  const parsed = DischargeBatchSchema.safeParse(readBody());
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { batchId, siteId, discharges } = parsed.data;
  const scope = authorize(identity, 'discharges:post', { siteId });
  const site = await getSite(context.table, siteId);
  if (site === undefined) throw new NotFoundError(`No site "${siteId}".`);
  const departments = new Set((await listDepartments(context.table, siteId)).map((d) => d.departmentId));
  const refused: RefusedRow[] = [];
  const good: Discharge[] = [];
  const seen = new Set<string>();
  discharges.forEach((row, index) => {
    const result = DischargeSchema.safeParse(row);
    if (!result.success) {
      refused.push({ index, errors: fieldErrors(result.error) });
      return;
    }
    const d = result.data;
    if (!departments.has(d.departmentId)) refused.push({ index, errors: [{ path: 'departmentId', message: `no department "${d.departmentId}" at this site` }] });
    else if (scope !== 'all' && !scope.includes(d.departmentId)) refused.push({ index, errors: [{ path: 'departmentId', message: 'not one of your departments' }] });
    else if (seen.has(d.dischargeId)) refused.push({ index, errors: [{ path: 'dischargeId', message: 'appears twice in this batch' }] });
    else {
      seen.add(d.dischargeId);
      good.push(d);
    }
  });
  const receivedAt = (context.now ?? new Date()).toISOString();
  const enteredBy = actorOf(identity);
  for (let i = 0; i < good.length; i += DISCHARGES_PER_MESSAGE) {
    await context.enqueue({ kind: 'discharges', receivedAt, siteId, timeZone: site.timeZone, batchId, enteredBy, discharges: good.slice(i, i + DISCHARGES_PER_MESSAGE) });
  }
  // Counts only: the rows carry patients' names and phone numbers.
  await recordAudit(context.table, { actor: enteredBy, action: 'discharges-post', outcome: 'success', sites: [siteId], target: `batch:${batchId}`, detail: `accepted ${good.length}, refused ${refused.length}` });
  return { batchId, accepted: good.length, refused };
}

/** The personal item's backstop expiry: a call never closed still forgets the patient after its window. */
const personExpiry = (timeZone: string, lastDay: string, days: number): number => epochSeconds(addDays(new Date(endOfDayUtc(timeZone, lastDay)), days));

/** The call a new discharge becomes: due from the window's first day, or closed at once for doNotCall. */
export function newDischargeCall(message: Pick<DischargesMessage, 'siteId' | 'timeZone' | 'receivedAt'>, d: Discharge, clock: CallClock): { call: CallRecord; counters: Counters } {
  const cohortDay = dayIn(message.timeZone, d.dischargedAt);
  const window = callWindow(clock.calendar, cohortDay, clock.settings);
  const doNotCall = d.doNotCall === true;
  const call: CallRecord = {
    callId: `discharge:${d.dischargeId}`,
    kind: 'discharge',
    siteId: message.siteId,
    departmentId: d.departmentId,
    timeZone: message.timeZone,
    dischargeId: d.dischargeId,
    cohortDay,
    dischargedAt: d.dischargedAt,
    ...(d.serviceType === undefined ? {} : { serviceType: d.serviceType }),
    ...(d.patient.language === undefined ? {} : { language: d.patient.language }),
    status: doNotCall ? 'done' : 'due',
    ...(doNotCall ? { result: 'do_not_call' as const, closedAt: message.receivedAt } : {}),
    attempts: [],
    dueDay: window.start,
    windowStart: window.start,
    windowEnd: window.end,
    complaintIds: [],
    version: 1,
  };
  // doNotCall patients are never listed and are counted as declined.
  return { call, counters: { [names.discharged]: 1, ...(doNotCall ? { [names.declined]: 1 } : {}) } };
}

export interface DischargeStoreResult {
  readonly stored: number;
  readonly duplicates: number;
  readonly corrected: number;
}

/** The worker's part: each row stored once (several to a transaction); a correction applied to the discharge it names. */
export async function storeDischarges(table: string, message: DischargesMessage, now: Date): Promise<DischargeStoreResult> {
  const clock = await callClock(table, message.siteId);
  let corrected = 0;
  const fresh: NewDischarge[] = [];
  for (const d of message.discharges) {
    if (d.correction === true && await getDischarge(table, message.siteId, d.dischargeId) !== undefined) {
      const correction = { name: d.patient.name, phone: d.patient.phone, ...(d.doNotCall === true ? { doNotCall: true } : {}) };
      if (await correctCall(table, message.siteId, d.dischargeId, correction, { actor: message.enteredBy, source: `batch ${message.batchId}` }, clock.settings, now)) corrected += 1;
    } else {
      fresh.push(newDischarge(message, d, clock));
    }
  }
  const results = await storeNewDischarges(table, fresh, now);
  const stored = results.filter((r) => r === 'stored').length;
  return { stored, duplicates: results.length - stored, corrected };
}

function newDischarge(message: DischargesMessage, d: Discharge, clock: CallClock): NewDischarge {
  const { call, counters } = newDischargeCall(message, d, clock);
  const doNotCall = d.doNotCall === true;
  return {
    discharge: {
      siteId: message.siteId, dischargeId: d.dischargeId, departmentId: d.departmentId, dischargedAt: d.dischargedAt,
      ...(d.serviceType === undefined ? {} : { serviceType: d.serviceType }),
      doNotCall, batchId: message.batchId, enteredBy: message.enteredBy, receivedAt: message.receivedAt,
    },
    ...(doNotCall ? {} : { person: { name: d.patient.name, phone: d.patient.phone }, personExpiresAt: personExpiry(message.timeZone, call.windowEnd, clock.settings.personalDataDays) }),
    call,
    counters,
  };
}

export interface Correction {
  readonly name?: string;
  readonly phone?: string;
  readonly doNotCall?: boolean;
}

/**
 * A correction: a new name or phone number, or doNotCall, on a discharge sent before (from the HIS, the CSV
 * file or the call's page); each is a history entry (what changed and where from, never the values). A
 * call already closed keeps its outcome; doNotCall on an open call closes it, counted declined once (the
 * change is conditional on the version read). The worker re-reads and retries when an attempt moved the
 * call on meanwhile; the page passes the version it showed, and a call changed since is a
 * VersionConflictError for the user to look at. Returns whether anything changed.
 */
export async function correctCall(table: string, siteId: string, dischargeId: string, correction: Correction, by: { readonly actor: string; readonly source: string }, settings: CallbackSettings, now: Date, expectedVersion?: number): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const call = await getCall(table, keys.dischargeCall(siteId, dischargeId));
    if (call === undefined) throw new NotFoundError(`discharge ${dischargeId} has no call`);
    if (expectedVersion !== undefined && call.version !== expectedVersion) throw new VersionConflictError(`call ${call.callId} changed since version ${expectedVersion}`);
    const person = await getPerson(table, siteId, dischargeId, now);
    const at = now.toISOString();
    const history: CallHistoryEntry[] = [];
    const changedFields = [
      ...(person !== undefined && correction.phone !== undefined && person.phone !== correction.phone ? ['phone'] : []),
      ...(person !== undefined && correction.name !== undefined && person.name !== correction.name ? ['name'] : []),
    ];
    const open = call.status !== 'done';
    const stopCalling = correction.doNotCall === true && open;
    if (changedFields.length > 0 && open) history.push({ at, actor: by.actor, change: 'correction', detail: `${changedFields.join(', ')} corrected (${by.source})` });
    if (stopCalling) history.push({ at, actor: by.actor, change: 'correction', detail: `do not call (${by.source})` });
    if (history.length === 0) return false;
    const after: CallRecord = stopCalling ? { ...call, status: 'done', result: 'do_not_call', closedAt: at, version: call.version + 1 } : { ...call, version: call.version + 1 };
    delete after.claimedBy;
    delete after.claimedUntil;
    try {
      await saveCallChange(table, {
        before: call, after, history,
        counters: stopCalling ? { [names.declined]: 1 } : {},
        counterDay: call.cohortDay,
        ...(stopCalling ? { personExpiresAt: epochSeconds(addDays(now, settings.personalDataDays)) } : {}),
        ...(open && !stopCalling && person !== undefined && changedFields.length > 0 ? { person: { name: correction.name ?? person.name, phone: correction.phone ?? person.phone }, personExpiresAt: personExpiry(call.timeZone, call.windowEnd, settings.personalDataDays) } : {}),
      }, now);
      return true;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || expectedVersion !== undefined) throw error;
    }
  }
  throw new Error(`discharge ${dischargeId}: the call kept changing`);
}
