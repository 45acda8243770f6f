import { acceptSurvey } from '../../shared/intake/check-submission.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { publicSubmission } from '../../shared/intake/public-intake.ts';
import { retentionFromEnv } from '../../shared/platform/retention.ts';
import { renderRefusedSurvey, renderThankYouPage, SURVEY_FORM_FIELDS } from '../../shared/surveys/survey-page.ts';

const { contactDays } = retentionFromEnv();

/** POST /v1/surveys: one survey response, checked and queued; 202 JSON, or a page for a plain form post. */
export const handler = httpFunction(publicSubmission({
  accept: acceptSurvey,
  numericFields: new Set(['waitMinutes', 'ratings.registration', 'ratings.waiting', 'ratings.environment', 'ratings.communication', 'ratings.privacy']),
  formFields: SURVEY_FORM_FIELDS,
  acceptedPage: (_accepted, locale, fields, officeContact) => renderThankYouPage({ locale, contactRequested: fields.contact !== undefined, officeContact }),
  refusedPage: (locale, again, target, officeContact) => renderRefusedSurvey({ locale, again, target, contactRetentionDays: contactDays, officeContact }),
}));
