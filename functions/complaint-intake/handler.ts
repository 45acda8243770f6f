import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DEFAULT_LIMITS } from '../../shared/sites/working-calendar.ts';
import { complaintProblemWording, renderComplaintConfirmationPage } from '../../shared/complaints/page/complaint-page.ts';
import { acceptPatientComplaint } from '../../shared/complaints/intake.ts';
import { html, httpFunction, json } from '../../shared/http/middleware.ts';
import { problemOf } from '../../shared/http/problem.ts';
import { bodyFormat, formToObject, parseJson, prefersJson, PUBLIC_BODY_LIMIT_BYTES, rawBody } from '../../shared/http/request.ts';
import { publicIntakeContext } from '../../shared/intake/public-intake.ts';
import { LocaleSchema } from '../../shared/schemas/survey.ts';
import { PAGE_CONTENT_SECURITY_POLICY, renderProblemPage } from '../../shared/web/patient-page.ts';

async function accept(body: unknown, event: APIGatewayProxyEventV2) {
  return acceptPatientComplaint(body, await publicIntakeContext(event));
}

/**
 * POST /v1/complaints: a patient's or family's complaint, checked and queued; 202 with the tracking code.
 * JSON, and the page's script (which asks for JSON), get 202 JSON or problem+json. A plain form post from
 * a phone without JavaScript gets a page: the tracking code and what happens next, or what to fix.
 */
export const handler = httpFunction(async (event) => {
  const body = rawBody(event, PUBLIC_BODY_LIMIT_BYTES);
  if (bodyFormat(event) === 'json') return json(202, await accept(parseJson(body), event));
  // No complaint field is a number: form values stay strings for the schema to judge.
  const fields = formToObject(body, new Set());
  if (prefersJson(event)) return json(202, await accept(fields, event));

  const locale = LocaleSchema.catch('zh-CN').parse(new URLSearchParams(body.toString('utf8')).get('locale') ?? undefined);
  const page = { 'content-language': locale };
  return accept(fields, event).then(
    ({ trackingCode }) => html(200, renderComplaintConfirmationPage({ locale, trackingCode, contactGiven: fields.contact !== undefined, limits: DEFAULT_LIMITS }), PAGE_CONTENT_SECURITY_POLICY, page),
    (error: unknown) => {
      const problem = problemOf(error);
      if (problem === undefined) throw error;
      const body = renderProblemPage({ locale, status: problem.status, problem: problem.toProblem(), wording: complaintProblemWording(locale) });
      return html(problem.status, body, PAGE_CONTENT_SECURITY_POLICY, { ...page, ...problem.headers });
    },
  );
});
