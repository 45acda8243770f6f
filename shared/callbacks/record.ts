import { actorOf, type Identity } from '../auth/identity.ts';
import { authorize, requireAction } from '../auth/policy.ts';
import type { CommentInput } from '../comments/triage-comment.ts';
import { trackingCodeFor } from '../complaints/tracking-code.ts';
import { CallTakenError, ChangeRefusedError, NotFoundError, ValidationError, VersionConflictError } from '../platform/domain-errors.ts';
import { addDays, dayIn, epochSeconds } from '../platform/time.ts';
import { answerCounters, callbackCounterNames as names, type Counters } from '../reporting/counters.ts';
import { type CallbackSubmission, CallbackSubmissionSchema, type CallRecord, type Person } from '../schemas/callback.ts';
import type { CallbackMessage, ComplaintMessage } from '../schemas/intake-message.ts';
import { recordAudit } from '../storage/audit.ts';
import { type CallChange, type CallHistoryEntry, type CommitResult, getCall, getCallback, getPerson, storeAttempt } from '../storage/callbacks.ts';
import { followUpResultItems, getComplaint } from '../storage/complaints.ts';
import { keys } from '../storage/keys.ts';
import { listDepartments } from '../storage/sites.ts';
import type { TransactItem } from '../storage/surveys.ts';
import { callClock } from './clock.ts';
import { derivedUuid } from './derived-id.ts';
import { applyAttempt } from './schedule.ts';

// Recording a call (the call form, POST /v1/callbacks): the edge finds the call, checks the caller may
// make it (404 outside their departments) and that nobody else holds it, and queues the outcome; the
// worker applies it once (its submission id guards it), from the call's current version. A reached
// patient's answers feed the satisfaction counters (channel "callback"); each issue raised becomes a
// complaint on channel `callback`, owned by whoever recorded the call (首诉负责制), and the notes are a
// comment to read with the survey comments' two safety levels (callComment).

export interface CallbackIntakeContext {
  readonly table: string;
  readonly enqueue: (message: CallbackMessage) => Promise<unknown>;
  readonly now?: Date;
}

export const noSuchCall = () => new NotFoundError('No such call.');

export function callKeyOf(siteId: string, ref: { readonly dischargeId?: string | undefined; readonly complaintId?: string | undefined }): { pk: string; sk: string } {
  return ref.dischargeId !== undefined ? keys.dischargeCall(siteId, ref.dischargeId) : keys.followUpCall(ref.complaintId ?? '');
}

/** A call the caller may work on; 404 outside their sites or departments (follow-up calls are the office's). */
export async function callFor(table: string, identity: Identity, action: 'callbacks:post' | 'callbacks:read', siteId: string, ref: { readonly dischargeId?: string | undefined; readonly complaintId?: string | undefined }): Promise<CallRecord> {
  authorize(identity, action, { siteId });
  const call = await getCall(table, callKeyOf(siteId, ref));
  if (call === undefined || call.siteId !== siteId) throw noSuchCall();
  const scope = authorize(identity, action, { siteId, departmentId: call.departmentId });
  if (call.kind === 'follow-up' && scope !== 'all') throw noSuchCall();
  return call;
}

/** Someone else holds the call until their claim runs out. */
export function heldByOther(call: CallRecord, actor: string, now: Date): string | undefined {
  if (call.claimedBy === undefined || call.claimedBy === actor) return undefined;
  return call.claimedUntil !== undefined && call.claimedUntil > now.toISOString() ? call.claimedBy : undefined;
}

/** POST /v1/callbacks and the call form: checked and queued; the same submissionId twice is one attempt. */
export async function acceptCallback(readBody: () => unknown, identity: Identity, context: CallbackIntakeContext): Promise<{ id: string }> {
  requireAction(identity, 'callbacks:post');
  const parsed = CallbackSubmissionSchema.safeParse(readBody());
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const c = parsed.data;
  const call = await callFor(context.table, identity, 'callbacks:post', c.siteId, c);
  if (await getCallback(context.table, c.submissionId) !== undefined) return { id: c.submissionId };
  const now = context.now ?? new Date();
  const actor = actorOf(identity);
  const holder = heldByOther(call, actor, now);
  if (holder !== undefined) throw new CallTakenError(holder);
  if (call.status === 'done') throw new ChangeRefusedError('这个回访已经结束。This call is closed already.', c.dischargeId === undefined ? 'complaintId' : 'dischargeId');
  const issueDepartments = (c.issues ?? []).map((issue) => issue.departmentId).filter((d) => d !== undefined);
  if (issueDepartments.length > 0) {
    const known = new Set((await listDepartments(context.table, c.siteId)).map((d) => d.departmentId));
    const errors = (c.issues ?? []).flatMap((issue, i) => (issue.departmentId === undefined || known.has(issue.departmentId) ? [] : [{ path: `issues.${i}.departmentId`, message: `no department "${issue.departmentId}" at this site` }]));
    if (errors.length > 0) throw new ValidationError('One or more fields are not valid.', errors);
  }
  await context.enqueue({ kind: 'callback', receivedAt: now.toISOString(), siteId: c.siteId, departmentId: call.departmentId, timeZone: call.timeZone, callId: call.callId, recordedBy: actor, callback: c });
  await recordAudit(context.table, { actor, action: 'callback-record', outcome: 'success', sites: [call.siteId], target: `call:${call.callId}`, detail: c.outcome });
  return { id: c.submissionId };
}

/** The complaints a call opens: one per issue raised (the notes go to the comments to read, callComment). */
export function callComplaints(message: CallbackMessage, key: Buffer, person: Person | undefined): ComplaintMessage[] {
  const c = message.callback;
  return (c.issues ?? []).map((issue, i) => {
    const id = derivedUuid(`${c.submissionId}:issue:${i}`);
    return {
      kind: 'complaint',
      receivedAt: message.receivedAt,
      siteId: message.siteId,
      departmentId: issue.departmentId ?? message.departmentId,
      timeZone: message.timeZone,
      trackingCode: trackingCodeFor(key, id),
      channel: 'callback',
      // 首诉负责制: whoever recorded the call owns what the patient raised on it.
      enteredBy: message.recordedBy,
      settledOnSpot: false,
      multiDepartment: false,
      callId: message.callId,
      complaint: {
        submissionId: id,
        description: issue.description,
        ...(person === undefined ? {} : { contact: { name: person.name, phone: person.phone, relation: 'patient' as const, consent: false } }),
      },
    };
  });
}

/**
 * What the patient said, as a comment to read, through the same two safety levels as a survey's comment
 * (triageComment): a signal alerts the office at once, a possible one goes on the "please look now" list
 * with the on-duty notice. No case carries the notes (an issue's case carries the issue's words), so a
 * signal in them is alerted as the notes' own. Keyed by the submission: a redelivery changes nothing.
 */
export function callComment(message: CallbackMessage, expiresAt: number): CommentInput | undefined {
  const c = message.callback;
  const text = c.comment?.trim() ?? '';
  if (text === '') return undefined;
  return { id: c.submissionId, siteId: message.siteId, departmentId: message.departmentId, source: 'callback', receivedAt: message.receivedAt, timeZone: message.timeZone, text, expiresAt };
}

/** The counters an attempt moves: per patient on the discharge day; the answers on the day of the call. */
export function attemptCounters(call: CallRecord, c: CallbackSubmission, effect: { status: string; result?: string | undefined }, complaints: number): Counters {
  if (call.kind === 'follow-up') {
    return {
      ...(c.followUp === 'satisfied' ? { [names.followUpSatisfied]: 1 } : {}),
      ...(c.followUp === 'not_satisfied' ? { [names.followUpNotSatisfied]: 1 } : {}),
      ...(complaints > 0 ? { [names.complaints]: complaints } : {}),
    };
  }
  const counters: Counters = {};
  if (call.attempts.length === 0) counters[names.attempted] = 1;
  if (effect.status === 'done') {
    const closing: Record<string, string> = { reached: names.reached, declined: names.declined, unreachable: names.unreachable, deceased: names.deceased };
    const name = effect.result === undefined ? undefined : closing[effect.result];
    if (name !== undefined) counters[name] = 1;
  }
  if (c.overall !== undefined) counters[names.overall(c.overall)] = 1;
  if (complaints > 0) counters[names.complaints] = complaints;
  return counters;
}

export interface WorkerCallbackContext {
  readonly table: string;
  /** Derives the tracking codes of the complaints a call opens. */
  readonly key: Buffer;
  readonly now: Date;
}

/** The worker's part: the attempt applied once; returns the complaints to receive (whether or not it was new). */
export async function storeCallback(context: WorkerCallbackContext, message: CallbackMessage): Promise<{ result: CommitResult; complaints: ComplaintMessage[] }> {
  const { table, now } = context;
  const c = message.callback;
  const clock = await callClock(table, message.siteId);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const call = await getCall(table, callKeyOf(message.siteId, c));
    if (call === undefined) throw new Error(`call ${message.callId} not found`);
    const person = call.dischargeId === undefined ? undefined : await getPerson(table, call.siteId, call.dischargeId, now);
    const complaints = callComplaints(message, context.key, person);
    const complaintIds = complaints.map((m) => m.complaint.submissionId);
    const callback = { submissionId: c.submissionId, siteId: message.siteId, callId: call.callId, calledAt: c.calledAt, outcome: c.outcome, recordedBy: message.recordedBy, receivedAt: message.receivedAt, late: call.status === 'done', complaintIds };
    if (call.status === 'done') {
      // Recorded after the call closed (two devices, a late call-centre post): kept, counted nowhere; its issues still open cases.
      return { result: await storeAttempt(table, callback, undefined, now), complaints };
    }
    const attemptDay = dayIn(call.timeZone, c.calledAt);
    const effect = applyAttempt(clock.calendar, call, c.outcome, attemptDay, call.attempts.length + 1, clock.settings);
    const at = now.toISOString();
    const after: CallRecord = {
      ...call,
      status: effect.status,
      ...(effect.result === undefined ? {} : { result: effect.result }),
      attempts: [...call.attempts, { submissionId: c.submissionId, at: c.calledAt, outcome: c.outcome, by: message.recordedBy }],
      dueDay: effect.dueDay,
      complaintIds: [...call.complaintIds, ...complaintIds],
      ...(c.followUp === undefined ? {} : { followUp: c.followUp }),
      ...(effect.status === 'done' ? { closedAt: at } : {}),
      version: call.version + 1,
    };
    // The call is free again for the next attempt (or closed).
    delete after.claimedBy;
    delete after.claimedUntil;
    const history: CallHistoryEntry[] = [{ at, actor: message.recordedBy, change: 'attempt', detail: `${c.outcome}${effect.status === 'done' ? ` → ${effect.result ?? 'done'}` : `, next ${effect.dueDay}`}${complaintIds.length > 0 ? `, complaints ${complaintIds.join(' ')}` : ''}` }];
    const callDay = dayIn(call.timeZone, c.calledAt);
    const counters = attemptCounters(call, c, effect, (c.issues ?? []).length);
    const answers = c.overall === undefined ? undefined : { day: callDay, counters: { ...answerCounters({ overall: c.overall, ...(c.ratings === undefined ? {} : { ratings: c.ratings }), ...(c.comment === undefined ? {} : { comment: c.comment }) }), [names.surveyChannel]: 1 } };
    const change: CallChange = {
      before: call, after, history, counters,
      counterDay: call.kind === 'follow-up' ? callDay : call.cohortDay,
      ...(answers === undefined ? {} : { answerCounters: answers }),
      // Shorten the patient's details' expiry only while they are kept: once their backstop expiry ran out,
      // the update's condition (the item exists) would fail this attempt on every retry.
      ...(effect.status === 'done' && call.dischargeId !== undefined && person !== undefined ? { personExpiresAt: epochSeconds(addDays(now, clock.settings.personalDataDays)) } : {}),
    };
    let extra: TransactItem[] = [];
    if (call.complaintId !== undefined && c.followUp !== undefined) {
      const complaint = await getComplaint(table, call.complaintId);
      if (complaint !== undefined) extra = followUpResultItems(table, complaint, c.followUp, message.recordedBy, at);
    }
    try {
      return { result: await storeAttempt(table, callback, change, now, extra), complaints };
    } catch (error) {
      // Another attempt (or a correction) moved the call on meanwhile: read it again and apply this one after it.
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw new Error(`call ${message.callId} kept changing`);
}
