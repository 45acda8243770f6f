import { describe, expect, it } from 'vitest';
import { DEMO_COMPLAINT_SETTINGS } from '../../../infra/local/demo-site.ts';
import { readDueAt } from '../../../shared/comments/reading-time.ts';
import { ComplaintSettingsSchema } from '../../../shared/complaints/settings.ts';

// How long a comment may wait unread: 4 hours in a service marked mental health, to the end of the next
// working day elsewhere, both the site's to change.

const ZONE = 'Asia/Shanghai';
const mentalHealth = ComplaintSettingsSchema.parse({ ...DEMO_COMPLAINT_SETTINGS, commentReading: { mentalHealthDepartments: ['psychology-clinic'] } });

describe('the time a comment may wait unread', () => {
  it('is 4 hours by default in a service marked mental health, whatever the day', () => {
    // Saturday 23:00 in Beijing.
    expect(readDueAt(mentalHealth, 'psychology-clinic', '2026-11-28T15:00:00.000Z', ZONE)).toBe('2026-11-28T19:00:00.000Z');
  });

  it('is the end of the next working day elsewhere: a Friday evening\'s comment by Monday night', () => {
    expect(readDueAt(mentalHealth, 'cardiology-ward', '2026-11-27T12:00:00.000Z', ZONE)).toBe('2026-11-30T15:59:59.999Z');
    expect(readDueAt(DEMO_COMPLAINT_SETTINGS, 'cardiology-ward', '2026-11-24T02:00:00.000Z', ZONE)).toBe('2026-11-25T15:59:59.999Z');
  });

  it('takes the site\'s own times', () => {
    const site = ComplaintSettingsSchema.parse({ ...DEMO_COMPLAINT_SETTINGS, commentReading: { mentalHealthDepartments: ['psychology-clinic'], mentalHealthHours: 2, otherWorkingDays: 2 } });
    expect(readDueAt(site, 'psychology-clinic', '2026-11-28T15:00:00.000Z', ZONE)).toBe('2026-11-28T17:00:00.000Z');
    expect(readDueAt(site, 'cardiology-ward', '2026-11-24T02:00:00.000Z', ZONE)).toBe('2026-11-26T15:59:59.999Z');
  });

  it('refuses settings that would make a comment wait unbounded or not at all', () => {
    expect(ComplaintSettingsSchema.safeParse({ ...DEMO_COMPLAINT_SETTINGS, commentReading: { mentalHealthHours: 0 } }).success).toBe(false);
    expect(ComplaintSettingsSchema.safeParse({ ...DEMO_COMPLAINT_SETTINGS, commentReading: { otherWorkingDays: 11 } }).success).toBe(false);
    expect(ComplaintSettingsSchema.safeParse({ ...DEMO_COMPLAINT_SETTINGS, trainingConsent: 'yes' }).success).toBe(false);
  });
});
