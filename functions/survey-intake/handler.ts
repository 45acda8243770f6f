import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { acceptSurvey } from '../../shared/intake/check-submission.ts';
import { html, httpFunction, json } from '../../shared/http/middleware.ts';
import { problemOf } from '../../shared/http/problem.ts';
import { bodyFormat, formToObject, parseJson, prefersJson, PUBLIC_BODY_LIMIT_BYTES, rawBody } from '../../shared/http/request.ts';
import { publicIntakeContext } from '../../shared/intake/public-intake.ts';
import { LocaleSchema } from '../../shared/schemas/survey.ts';
import { renderThankYouPage, surveyProblemWording } from '../../shared/surveys/survey-page.ts';
import { PAGE_CONTENT_SECURITY_POLICY, renderProblemPage } from '../../shared/web/patient-page.ts';

/** Form fields that the schema wants as numbers (a plain HTML form posts only strings). */
const NUMERIC_FORM_FIELDS = new Set(['waitMinutes', 'ratings.registration', 'ratings.waiting', 'ratings.environment', 'ratings.communication', 'ratings.privacy']);

async function accept(body: unknown, event: APIGatewayProxyEventV2) {
  return acceptSurvey(body, await publicIntakeContext(event));
}

/**
 * JSON bodies, and form posts from the page's script (which asks for JSON), get 202 JSON or
 * problem+json. A plain form post from a phone without JavaScript gets a page back: thank you, or what
 * to fix. Either way the form's fields are coerced once, here.
 */
export const handler = httpFunction(async (event) => {
  const body = rawBody(event, PUBLIC_BODY_LIMIT_BYTES);
  if (bodyFormat(event) === 'json') return json(202, await accept(parseJson(body), event));

  if (prefersJson(event)) return json(202, await accept(formToObject(body, NUMERIC_FORM_FIELDS), event));
  const locale = LocaleSchema.catch('zh-CN').parse(new URLSearchParams(body.toString('utf8')).get('locale') ?? undefined);
  try {
    const fields = formToObject(body, NUMERIC_FORM_FIELDS);
    await accept(fields, event);
    return html(200, renderThankYouPage({ locale, contactRequested: fields.contact !== undefined }), PAGE_CONTENT_SECURITY_POLICY);
  } catch (error) {
    const problem = problemOf(error);
    if (problem === undefined) throw error;
    return html(problem.status, renderProblemPage({ locale, status: problem.status, problem: problem.toProblem(), wording: surveyProblemWording(locale) }), PAGE_CONTENT_SECURITY_POLICY, { ...problem.headers });
  }
});
