import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { signingKey } from '../aws/secrets.ts';
import { intakeSender } from '../aws/sqs.ts';
import { html, type HttpHandler, json } from '../http/middleware.ts';
import { problemOf } from '../http/problem.ts';
import {
  answersWithPage, bodyBytes, bodyFormat, bodyFormatOf, FORM_BODY_LIMIT_BYTES, formToObject, formValues, type FormValues, header, parseJson,
  PUBLIC_BODY_LIMIT_BYTES, rawBody, sourceIp, withinLimit, cookie,
} from '../http/request.ts';
import { requireEnv } from '../platform/config.ts';
import { logger } from '../platform/observability.ts';
import { env } from '../platform/resource-env.ts';
import type { IntakeMessage } from '../schemas/intake-message.ts';
import type { Locale } from '../schemas/survey.ts';
import { officeContactOfCode } from '../complaints/page/office-contact.ts';
import type { OfficeContact } from '../complaints/settings.ts';
import { resolveSurveyCode, type SurveyTarget } from '../sites/department-codes.ts';
import { negotiateLocale } from '../web/locale.ts';
import { PAGE_CONTENT_SECURITY_POLICY, type Resubmission } from '../web/patient-page.ts';
import type { PublicIntakeContext } from './check-submission.ts';
import { DEVICE_COOKIE } from './device.ts';
import { rateLimitsFromEnv } from './rate-limit-settings.ts';

// The public intake functions (surveys, patients' complaints): what they hand their domain function (the
// table, the code-signing key, the caller's address and device cookie for the rate limit, and the queue), and how they
// answer. Resource names are read when the handler module loads, so a missing one fails the cold start,
// not the first patient.

const table = requireEnv(env.tableName);
const enqueue = intakeSender();
const rateLimits = rateLimitsFromEnv();

export interface QueueingIntakeContext extends PublicIntakeContext {
  readonly enqueue: (message: IntakeMessage) => Promise<unknown>;
}

export async function publicIntakeContext(event: APIGatewayProxyEventV2): Promise<QueueingIntakeContext> {
  return {
    table,
    key: await signingKey(),
    sourceIp: sourceIp(event),
    deviceCookie: cookie(event, DEVICE_COOKIE),
    rateLimits,
    enqueue,
  };
}

/** A public form, as its intake function answers it. */
export interface PublicSubmission<T> {
  /** Checks and queues a submission; throws the named error that refuses it. */
  readonly accept: (body: unknown, context: QueueingIntakeContext) => Promise<T>;
  /** Form fields the schema wants as numbers (a plain HTML form posts only strings). */
  readonly numericFields: ReadonlySet<string>;
  /** The form's fields, read back from a refused post to show them again. */
  readonly formFields: readonly string[];
  /** With the complaint office's contact, which every patient page shows (PageContext). */
  readonly acceptedPage: (accepted: T, locale: Locale, fields: Readonly<Record<string, unknown>>, officeContact: OfficeContact | undefined) => string;
  /** The form again as it was sent, with what to fix; without a department (the code names none, or it cannot be read now), a page without the form. */
  readonly refusedPage: (locale: Locale, again: Resubmission, target: SurveyTarget | undefined, officeContact: OfficeContact | undefined) => string;
}

/**
 * A refused post larger than this is not shown again. None comes from the pages: their fields' maxlength
 * keeps every post under FORM_BODY_LIMIT_BYTES.
 */
const SHOWN_AGAIN_LIMIT_BYTES = 1024 * 1024;

interface PageContext {
  /** The department a form's code names, to show the form again; absent when it names none or cannot be read now. */
  readonly target?: SurveyTarget | undefined;
  /** The office of the code's site (a revoked code's too); absent for a forged code or when it cannot be read. */
  readonly officeContact?: OfficeContact | undefined;
}

async function pageContextOf(code: string | undefined): Promise<PageContext> {
  if (code === undefined || code === '') return {};
  try {
    const key = await signingKey();
    const target = await resolveSurveyCode(table, key, code);
    return { target, officeContact: await officeContactOfCode(table, key, code, target?.site.siteId) };
  } catch {
    // The refusal was logged already; the page without the form still says what happened.
    return {};
  }
}

/**
 * JSON bodies, and form posts from the page's script (which asks for JSON), get 202 JSON or problem+json.
 * A browser's own form post (no JavaScript) always gets a page in the patient's language: thank you, or
 * for every refusal (400, 413, 415, 422, 429, 5xx) the form again with what they typed and what to fix.
 */
export function publicSubmission<T>(submission: PublicSubmission<T>): HttpHandler {
  return async (event) => {
    if (!answersWithPage(event)) {
      const format = bodyFormat(event);
      const body = rawBody(event, format === 'json' ? PUBLIC_BODY_LIMIT_BYTES : FORM_BODY_LIMIT_BYTES);
      const fields = format === 'json' ? parseJson(body) : formToObject(body, submission.numericFields);
      return json(202, await submission.accept(fields, await publicIntakeContext(event)));
    }
    const bytes = bodyBytes(event);
    const values: FormValues = bodyFormatOf(event) === 'form' && bytes.byteLength <= SHOWN_AGAIN_LIMIT_BYTES ? formValues(bytes, submission.formFields) : {};
    const locale = negotiateLocale(header(event, 'accept-language'), values.locale);
    const page = { 'content-language': locale, vary: 'accept-language' };
    try {
      bodyFormat(event);
      const fields = formToObject(withinLimit(bytes, FORM_BODY_LIMIT_BYTES), submission.numericFields);
      const accepted = await submission.accept(fields, await publicIntakeContext(event));
      const { officeContact } = await pageContextOf(values.code);
      return html(200, submission.acceptedPage(accepted, locale, fields, officeContact), PAGE_CONTENT_SECURITY_POLICY, page);
    } catch (error) {
      const problem = problemOf(error);
      // As the middleware does for JSON: the error for the operator, a page that reveals nothing for the patient.
      if (problem === undefined) logger.error('unhandled error', { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
      const again: Resubmission = { status: problem?.status ?? 500, errors: problem?.errors ?? [], values };
      const { target, officeContact } = await pageContextOf(values.code);
      return html(again.status, submission.refusedPage(locale, again, target, officeContact), PAGE_CONTENT_SECURITY_POLICY, { ...page, ...problem?.headers });
    }
  };
}
