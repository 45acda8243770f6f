import { createWorkingCalendar, type WorkingCalendar } from '../sites/working-calendar.ts';
import { getCallbackSettings } from '../storage/callbacks.ts';
import { getComplaintSettings } from '../storage/complaint-settings.ts';
import type { CallbackSettings } from './settings.ts';

/** A site's callback settings and its working-day calendar (the one its complaints are timed on). */
export interface CallClock {
  readonly settings: CallbackSettings;
  readonly calendar: WorkingCalendar;
}

export async function callClock(table: string, siteId: string): Promise<CallClock> {
  const [settings, complaintSettings] = await Promise.all([getCallbackSettings(table, siteId), getComplaintSettings(table, siteId)]);
  return { settings, calendar: createWorkingCalendar(complaintSettings?.calendar ?? {}) };
}
