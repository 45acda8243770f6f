import { hasAction } from '../../auth/policy.ts';
import { requireEnv } from '../../platform/config.ts';
import { DomainError, ForbiddenError } from '../../platform/domain-errors.ts';
import { env } from '../../platform/resource-env.ts';
import type { PageAnswer, StaffSession } from '../../web/staff-page.ts';
import { staffDirectory } from '../directory.ts';
import { changeStaff, createStaff, getStaff, listStaff } from '../users.ts';
import { accountValues, formValues, newUserFromForm, userChangeFromForm } from './admin-forms.ts';
import { type FlatValues, renderNotAllowed, renderUser, renderUsers } from './admin-pages.ts';
import { orRefusal, pageRefusal, refusedFields } from './page-refusal.ts';

// The staff-account pages' controllers (the admin): each calls the same plain functions as the JSON API
// (users.ts) and answers a page or a redirect. The handler checks the session, the CSRF token and the
// origin before any of these runs. Only this function manages the staff directory (Cognito in AWS).

const table = requireEnv(env.tableName);
const directory = staffDirectory(table);
const users = { table, directory };

// --- staff accounts ---------------------------------------------------------------------------------

const NEW_USER_NAMES = ['username', 'name', 'email', 'role', 'sites', 'departments'];

export async function usersPage(session: StaffSession, values?: FlatValues, problem?: DomainError): Promise<PageAnswer> {
  if (!hasAction(session.user, 'users:manage')) return { outcome: 'not-for-role', body: renderNotAllowed(session) };
  const accounts = await listStaff(users, session.user);
  return {
    outcome: problem === undefined ? 'shown' : problem instanceof ForbiddenError ? 'not-for-role' : 'refused',
    body: renderUsers({
      ...session, accounts, directory: directory.kind,
      values: values ?? new Map([['role', 'office-officer'], ['sites', session.user.sites.join(', ')]]),
      errors: problem === undefined ? [] : refusedFields(problem),
      ...(problem !== undefined && problem.errors === undefined ? { detail: problem.message } : {}),
    }),
  };
}

export async function createUserPage(session: StaffSession, form: URLSearchParams): Promise<PageAnswer> {
  try {
    const created = await createStaff(users, session.user, () => newUserFromForm(form));
    return { redirect: `/admin/users/${encodeURIComponent(created.username)}?saved=1` };
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined) return refusal;
    if (!(error instanceof DomainError)) throw error;
    return usersPage(session, formValues(form, NEW_USER_NAMES), error);
  }
}

export async function userPage(session: StaffSession, username: string, query: Readonly<Record<string, string | undefined>>): Promise<PageAnswer> {
  return orRefusal(session, async (): Promise<PageAnswer> => {
    const account = await getStaff(users, session.user, username);
    return { outcome: 'shown', body: renderUser({ ...session, account, directory: directory.kind, values: accountValues(account), errors: [], saved: query.saved === '1' }) };
  });
}

export async function changeUserPage(session: StaffSession, username: string, form: URLSearchParams): Promise<PageAnswer> {
  let account;
  try {
    account = await getStaff(users, session.user, username);
    const before = account;
    await changeStaff(users, session.user, username, () => userChangeFromForm(form, before));
    return { redirect: `/admin/users/${encodeURIComponent(username)}?saved=1` };
  } catch (error) {
    const refusal = pageRefusal(session, error);
    if (refusal !== undefined || account === undefined) {
      if (refusal !== undefined) return refusal;
      throw error;
    }
    if (!(error instanceof DomainError)) throw error;
    const values = new Map([...accountValues(account), ...formValues(form, ['name', 'email', 'role', 'sites', 'departments', 'enabled'])]);
    return {
      outcome: error instanceof ForbiddenError ? 'not-for-role' : 'refused',
      body: renderUser({ ...session, account, directory: directory.kind, values, errors: refusedFields(error), ...(error.errors === undefined ? { detail: error.message } : {}) }),
    };
  }
}

