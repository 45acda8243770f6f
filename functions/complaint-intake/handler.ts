import { acceptPatientComplaint } from '../../shared/complaints/intake.ts';
import { COMPLAINT_FORM_FIELDS, renderComplaintConfirmationPage, renderRefusedComplaint } from '../../shared/complaints/page/complaint-page.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { publicSubmission } from '../../shared/intake/public-intake.ts';
import { retentionFromEnv } from '../../shared/platform/retention.ts';
import { DEFAULT_LIMITS } from '../../shared/sites/working-calendar.ts';

const { contactDays } = retentionFromEnv();

/**
 * POST /v1/complaints: a patient's or family's complaint, checked and queued; 202 with the tracking code,
 * or for a plain form post a page with the tracking code and what happens next. No field is a number.
 */
export const handler = httpFunction(publicSubmission({
  accept: acceptPatientComplaint,
  numericFields: new Set(),
  formFields: COMPLAINT_FORM_FIELDS,
  acceptedPage: ({ trackingCode }, locale, fields, officeContact) => renderComplaintConfirmationPage({ locale, trackingCode, contactGiven: fields.contact !== undefined, limits: DEFAULT_LIMITS, officeContact }),
  refusedPage: (locale, again, target, officeContact) => renderRefusedComplaint({ locale, again, target, contactRetentionDays: contactDays, limits: DEFAULT_LIMITS, now: new Date(), officeContact }),
}));
