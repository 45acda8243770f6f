import { ForbiddenError, NotFoundError, type DomainError } from '../../platform/domain-errors.ts';
import type { PageOutcome, StaffSession } from '../../web/staff-page.ts';
import { renderNotAllowed, renderNotFound } from './admin-pages.ts';

// What the admin pages' controllers share: how a refusal they do not show in their own form reads.

export const refusedFields = (error: DomainError) => [...(error.errors ?? [])];

/** A refusal the page shows; anything else is not the page's to answer. */
export function pageRefusal(session: StaffSession, error: unknown): { outcome: PageOutcome; body: string } | undefined {
  if (error instanceof NotFoundError) return { outcome: 'not-found', body: renderNotFound(session) };
  if (error instanceof ForbiddenError && error.errors === undefined) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  return undefined;
}

/** What `run` answers, or the page of a refusal it throws (as `pageRefusal`); any other error goes on up. */
export async function orRefusal<T>(session: StaffSession, run: () => Promise<T>): Promise<T | { outcome: PageOutcome; body: string }> {
  try {
    return await run();
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined) return refusal;
    throw error;
  }
}
