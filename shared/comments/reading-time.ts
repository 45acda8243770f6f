import { dueDates } from '../sites/working-calendar.ts';
import { type ComplaintSettings, siteClock } from '../complaints/settings.ts';

// How long a comment may wait for a person to read it: 4 hours in the services the site marks mental
// health (a comment there can carry a risk no classifier sees), else to the end of the next working day,
// on the site's calendar. Both are the site's settings (`commentReading`); these are the defaults.

export const DEFAULT_COMMENT_READING = { mentalHealthDepartments: [] as string[], mentalHealthHours: 4, otherWorkingDays: 1 } as const;

export function readDueAt(settings: ComplaintSettings, departmentId: string, receivedAt: string, timeZone: string): string {
  const reading = settings.commentReading ?? DEFAULT_COMMENT_READING;
  if (reading.mentalHealthDepartments.includes(departmentId)) return new Date(Date.parse(receivedAt) + reading.mentalHealthHours * 3_600_000).toISOString();
  const days = reading.otherWorkingDays;
  return dueDates(siteClock(settings).calendar, receivedAt, timeZone, { acknowledgeWorkingDays: days, investigationWorkingDays: days, multiDepartmentWorkingDays: days }).acknowledge.atUtc;
}
