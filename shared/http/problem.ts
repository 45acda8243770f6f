import { z } from 'zod';

// RFC 9457 problem details: every 4xx/5xx body of the API (api.md, "Errors").

export const FieldErrorSchema = z.object({
  path: z.string().meta({ description: 'The field, dotted (`contact.phone`); `(body)` for the body as a whole' }),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(FieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

const TYPE_BASE = 'https://patient-feedback.invalid/problems/';

/** A domain error that maps to one HTTP status on purpose. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, slug: string, title: string, detail: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
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
      ...(this.errors === undefined ? {} : { errors: this.errors }),
    };
  }
}

export const malformedJson = (detail: string) => new HttpProblem(400, 'malformed-json', 'Malformed JSON', detail);

export const unsupportedMediaType = (contentType: string) =>
  new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', `Send application/json, not ${contentType || 'no content type'}.`);

export const payloadTooLarge = (limitBytes: number) =>
  new HttpProblem(413, 'payload-too-large', 'Payload too large', `The body is over the limit of ${limitBytes} bytes.`);

export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail);

export const rateLimited = (retryAfterSeconds: number) =>
  new HttpProblem(429, 'rate-limited', 'Too many requests', `Too many submissions from this source; try again in ${retryAfterSeconds} s.`, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    // An unknown field is reported on the field itself, so the caller can find it.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      path: [...issue.path, ...(key === undefined ? [] : [key])].map(String).join('.') || '(body)',
      message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
    }));
  }).flat();
}

/** One field refused outside a zod schema (an unknown form field, a cursor this API did not give out). */
export const invalidField = (path: string, message: string) =>
  new HttpProblem(422, 'validation-failed', 'Validation failed', 'One or more fields are not valid.', { errors: [{ path, message }] });

export const validationFailed = (error: z.ZodError) =>
  new HttpProblem(422, 'validation-failed', 'Validation failed', 'One or more fields are not valid.', { errors: fieldErrors(error) });
