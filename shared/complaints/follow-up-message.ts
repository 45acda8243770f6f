import type { ComplaintMessage, SurveyMessage } from '../schemas/intake-message.ts';
import { trackingCodeFor } from './tracking-code.ts';

// Apart from the triage (and its classifier) so that the office's pages, which queue the case of a
// confirmed signal for the worker, build its message without loading what only the worker runs.

/** Where a survey's follow-up case comes from: the survey's place and time, its id, language and contact. */
export interface FollowUpSource {
  readonly submissionId: string;
  readonly receivedAt: string;
  readonly siteId: string;
  readonly departmentId: string;
  readonly timeZone: string;
  readonly locale?: SurveyMessage['survey']['locale'];
  readonly contact?: SurveyMessage['survey']['contact'];
}

/**
 * The follow-up case's message; it has the submission's id, so a survey (or a callback note whose signal
 * the office confirmed) followed up twice is one case.
 */
export function followUpMessage(source: FollowUpSource, description: string, key: Buffer, safety?: 'signal', channel: 'survey-follow-up' | 'callback' = 'survey-follow-up'): ComplaintMessage {
  return {
    kind: 'complaint',
    receivedAt: source.receivedAt,
    siteId: source.siteId,
    departmentId: source.departmentId,
    timeZone: source.timeZone,
    trackingCode: trackingCodeFor(key, source.submissionId),
    channel,
    enteredBy: channel === 'callback' ? 'callback' : 'survey',
    settledOnSpot: false,
    multiDepartment: false,
    ...(safety === undefined ? {} : { safety }),
    complaint: {
      submissionId: source.submissionId,
      description,
      ...(source.locale === undefined ? {} : { locale: source.locale }),
      ...(source.contact === undefined ? {} : { contact: { ...source.contact, relation: 'patient' } }),
    },
  };
}
