import type * as z from '../schemas/zod.ts';

// Named domain errors. Domain code throws these; one mapping at the HTTP edge (shared/http/problem.ts)
// turns each into its problem+json status, and the staff pages into their page outcome.

/** A field that was refused, dotted (`contact.phone`); `(body)` for the input as a whole. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  readonly errors: readonly FieldError[] | undefined;

  constructor(message: string, errors?: readonly FieldError[]) {
    super(message);
    this.name = new.target.name;
    this.errors = errors;
  }
}

/** Unknown, or outside the caller's scope: out of scope is "not found", so existence does not leak. */
export class NotFoundError extends DomainError {}

/** The caller's role never allows this; with `errors`, the fields the role may not set. */
export class ForbiddenError extends DomainError {}

/** No identity, or one that does not verify. */
export class UnauthenticatedError extends DomainError {}

/** Input that fails its schema; `errors` names each field. */
export class ValidationError extends DomainError {
  static fromZod(error: z.core.$ZodError): ValidationError {
    return new ValidationError('One or more fields are not valid.', fieldErrors(error));
  }

  static field(path: string, message: string, detail = 'One or more fields are not valid.'): ValidationError {
    return new ValidationError(detail, [{ path, message }]);
  }
}

/** A department code that is forged, damaged, revoked or switched off. */
export class UnknownDepartmentCodeError extends DomainError {
  constructor() {
    super('The survey code is not valid or has been withdrawn; scan the QR code posted in the department again.', [{ path: 'code', message: 'unknown or withdrawn survey code' }]);
  }
}

/** A move the complaint's rules refuse (closing without an outcome, changing a closed case...). */
export class ChangeRefusedError extends DomainError {
  constructor(detail: string, path: string) {
    super(detail, [{ path, message: detail }]);
  }
}

/** Someone changed the record since the caller read it. */
export class VersionConflictError extends DomainError {}

/** Another caller has taken the call (a callback): the second is told who has it. */
export class CallTakenError extends VersionConflictError {
  readonly heldBy: string;

  constructor(heldBy: string) {
    super(`正在由 ${heldBy} 回访。This call is being made by ${heldBy}.`);
    this.heldBy = heldBy;
  }
}

/** A replacement sent with an If-Match that no longer names the current version (RFC 9110: 412). */
export class PreconditionFailedError extends DomainError {}

/** A change sent without the version it was based on. */
export class VersionRequiredError extends DomainError {
  readonly currentVersion: number;

  constructor(currentVersion: number, detail: string) {
    super(detail);
    this.currentVersion = currentVersion;
  }
}

/** Too many requests from one source; try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(`Too many submissions from this source; try again in ${retryAfterSeconds} s.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => {
    // An unknown field is reported on the field itself, so the caller can find it.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      path: [...issue.path, ...(key === undefined ? [] : [key])].map(String).join('.') || '(body)',
      message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
    }));
  }).flat();
}
