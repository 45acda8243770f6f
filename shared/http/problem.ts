import * as z from '../schemas/zod.ts';
import {
  ChangeRefusedError, DomainError, type FieldError, fieldErrors, ForbiddenError, NotFoundError, PreconditionFailedError, RateLimitedError, UnauthenticatedError,
  UnknownDepartmentCodeError, ValidationError, VersionConflictError, VersionRequiredError,
} from '../platform/domain-errors.ts';

// RFC 9457 problem details: every 4xx/5xx body of the API (api.md, "Errors").

export const FieldErrorSchema = z.object({
  path: z.string().check(z.meta({ description: 'The field, dotted (`contact.phone`); `(body)` for the body as a whole' })),
  message: z.string(),
}) satisfies z.ZodMiniType<FieldError>;

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  errors: z.optional(z.array(FieldErrorSchema)),
});
export type Problem = z.infer<typeof ProblemSchema>;

const TYPE_BASE = 'https://patient-feedback.invalid/problems/';

/** An error with its HTTP status: what the edge answers, built here or from a domain error. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, slug: string, title: string, detail: string, options: { errors?: readonly FieldError[] | undefined; headers?: Record<string, string> } = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  toProblem(): Problem {
    return {
      type: `${TYPE_BASE}${this.slug}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(this.errors === undefined ? {} : { errors: [...this.errors] }),
    };
  }
}

export const malformedJson = (detail: string) => new HttpProblem(400, 'malformed-json', 'Malformed JSON', detail);

export const unsupportedMediaType = (contentType: string) =>
  new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', `Send application/json, not ${contentType || 'no content type'}.`);

export const payloadTooLarge = (limitBytes: number) =>
  new HttpProblem(413, 'payload-too-large', 'Payload too large', `The body is over the limit of ${limitBytes} bytes.`);

export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail);


/** One field refused outside a zod schema (an unknown form field, a cursor this API did not give out). */
export const invalidField = (path: string, message: string) =>
  new HttpProblem(422, 'validation-failed', 'Validation failed', 'One or more fields are not valid.', { errors: [{ path, message }] });

export const validationFailed = (error: z.core.$ZodError) =>
  new HttpProblem(422, 'validation-failed', 'Validation failed', 'One or more fields are not valid.', { errors: fieldErrors(error) });

/** The one mapping from named domain errors to the statuses of api.md; undefined for anything unexpected. */
export function problemOf(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (!(error instanceof DomainError)) return undefined;
  const options = { errors: error.errors };
  if (error instanceof NotFoundError) return new HttpProblem(404, 'not-found', 'Not found', error.message);
  if (error instanceof ForbiddenError) return new HttpProblem(403, 'forbidden', 'Forbidden', error.message, options);
  if (error instanceof UnauthenticatedError) return new HttpProblem(401, 'unauthenticated', 'Unauthenticated', error.message, { headers: { 'WWW-Authenticate': 'Bearer' } });
  if (error instanceof UnknownDepartmentCodeError) return new HttpProblem(422, 'unknown-survey-code', 'Unknown survey code', error.message, options);
  if (error instanceof ChangeRefusedError) return new HttpProblem(422, 'change-refused', 'Change refused', error.message, options);
  if (error instanceof VersionConflictError) return new HttpProblem(409, 'version-conflict', 'Version conflict', error.message);
  if (error instanceof PreconditionFailedError) return new HttpProblem(412, 'precondition-failed', 'Precondition failed', error.message);
  if (error instanceof VersionRequiredError) return new HttpProblem(428, 'precondition-required', 'Precondition required', error.message);
  if (error instanceof RateLimitedError) return new HttpProblem(429, 'rate-limited', 'Too many requests', error.message, { headers: { 'Retry-After': String(error.retryAfterSeconds) } });
  if (error instanceof ValidationError) return new HttpProblem(422, 'validation-failed', 'Validation failed', error.message, options);
  return undefined;
}
