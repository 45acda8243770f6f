import { VersionConflictError } from '../platform/domain-errors.ts';
import { logger } from '../platform/observability.ts';
import { addDays, dayIn, epochSeconds } from '../platform/time.ts';
import { callbackCounterNames as names } from '../reporting/counters.ts';
import type { CallRecord } from '../schemas/callback.ts';
import { sweepSites } from '../sites/site-sweep.ts';
import { callKey } from '../storage/call-items.ts';
import { type CallChange, getCall, listExpiredCalls, saveCallChange } from '../storage/callbacks.ts';
import { getSite, listDepartments } from '../storage/sites.ts';
import { callClock } from './clock.ts';
import type { CallbackSettings } from './settings.ts';

// Calls whose window has ended without being closed (never attempted, or attempted and due again) close
// themselves as unreachable: the SLA monitor's schedule runs this sweep. Each close is one transaction
// over the version read, with its history entry and the unreachable counter (aggregateWrites, the day
// and its month), so of two overlapping runs, or a run and a caller, only one changes the call and it
// is counted once. A call someone holds ("call" pressed, claim not run out) is left to the next run: the
// attempt being made is recorded first, and counted as an attempt.

export const EXPIRY_ACTOR = 'system:callback-sweep';
/** Expired calls a run closes per department at most; the next run (15 minutes on) takes the rest. */
const PER_DEPARTMENT = 500;

/** The change that closes an expired call at `now`; undefined while its window still allows a call, or while someone holds it. */
export function expiryChange(call: CallRecord, today: string, settings: CallbackSettings, now: Date): CallChange | undefined {
  if (call.status === 'done' || call.windowEnd >= today) return undefined;
  if (call.claimedBy !== undefined && (call.claimedUntil ?? '') > now.toISOString()) return undefined;
  const at = now.toISOString();
  const after: CallRecord = { ...call, status: 'done', result: 'unreachable', closedAt: at, version: call.version + 1 };
  delete after.claimedBy;
  delete after.claimedUntil;
  return {
    before: call,
    after,
    history: [{ at, actor: EXPIRY_ACTOR, change: 'expired', detail: `window ended ${call.windowEnd} after ${call.attempts.length} attempt(s) → unreachable` }],
    // A follow-up call's figures are the patient's answers: one never reached counts nowhere.
    counters: call.kind === 'discharge' ? { [names.unreachable]: 1 } : {},
    counterDay: call.cohortDay,
    ...(call.dischargeId === undefined ? {} : { personExpiresAt: epochSeconds(addDays(now, settings.personalDataDays)) }),
  };
}

/** Saves the close over the version read; false when the call changed meanwhile. */
async function saveExpiry(table: string, change: CallChange, now: Date): Promise<boolean> {
  try {
    await saveCallChange(table, change, now);
    return true;
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
  }
  // The condition that failed may be the patient's details being gone already (their backstop expiry ran
  // out): if the call itself is unchanged, close it without touching them.
  const current = await getCall(table, callKey(change.before));
  if (current?.version !== change.before.version || change.personExpiresAt === undefined) return false;
  const { personExpiresAt: _gone, ...withoutPerson } = change;
  return saveExpiry(table, withoutPerson, now);
}

export interface ExpirySweepResult {
  readonly sites: number;
  /** Expired open calls found. */
  readonly expired: number;
  /** Closed as unreachable by this run. */
  readonly closed: number;
  /** Held by a caller, or changed by someone else meanwhile: left to the next run, which reads them again. */
  readonly skipped: number;
}

export async function closeExpiredCalls(options: { readonly table: string; readonly now: Date }): Promise<ExpirySweepResult> {
  const { table, now } = options;
  const counts = { sites: 0, expired: 0, closed: 0, skipped: 0 };
  const todayOf = new Map<string, string>();
  counts.sites = await sweepSites<CallRecord>(table, {
    read: async (siteId) => {
      const site = await getSite(table, siteId);
      if (site === undefined) return { items: [] };
      const today = dayIn(site.timeZone, now);
      todayOf.set(siteId, today);
      const departments = (await listDepartments(table, siteId)).map((d) => d.departmentId);
      return { items: await listExpiredCalls(table, siteId, departments, today, PER_DEPARTMENT) };
    },
    act: async (siteId, calls) => {
      const today = todayOf.get(siteId) ?? '';
      const { settings } = await callClock(table, siteId);
      counts.expired += calls.length;
      let closed = 0;
      for (const call of calls) {
        const change = expiryChange(call, today, settings, now);
        if (change === undefined || !await saveExpiry(table, change, now)) counts.skipped += 1;
        else closed += 1;
      }
      counts.closed += closed;
      if (closed > 0) logger.info('expired calls closed as unreachable', { siteId, closed });
      return 'next';
    },
  });
  return counts;
}
