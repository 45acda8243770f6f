import { signingKey } from '../../shared/aws/secrets.ts';
import { csrfToken } from '../../shared/auth/session.ts';
import { callPage, correctCallPage, recordCallPage, takeCallPage, uploadPage, worklistPage } from '../../shared/callbacks/pages/callback-controller.ts';
import { httpFunction } from '../../shared/http/middleware.ts';
import { type FormPart, isMultipart, parseMultipart } from '../../shared/http/multipart.ts';
import { FORM_BODY_LIMIT_BYTES, rawBody } from '../../shared/http/request.ts';
import { genuinePost, readSession, redirect, SIGN_IN_PATH, staffPage, staffPageRoute } from '../../shared/http/staff-pages.ts';
import { renderSignInFailed } from '../../shared/auth/sign-in-pages.ts';

/** A HIS export of a few thousand discharges. */
const UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The callback pages: the worklist, a call and its form, "call", a correction, the CSV upload (multipart, so checked here). */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const id = event.pathParameters?.id ?? '';
  if (event.routeKey === 'POST /admin/callbacks/upload') {
    const current = await readSession(event);
    if (current === undefined || current.identity.kind !== 'user') return redirect(SIGN_IN_PATH);
    const parts = isMultipart(event) ? parseMultipart(event, rawBody(event, UPLOAD_LIMIT_BYTES)) : new Map<string, FormPart>();
    if (!genuinePost(event, key, current, parts.get('csrf')?.data.toString('utf8'))) return staffPage('not-for-role', renderSignInFailed(SIGN_IN_PATH));
    const file = parts.get('file');
    let text: string | undefined;
    try {
      text = utf8.decode(file?.data ?? Buffer.alloc(0));
    } catch {
      text = undefined;
    }
    const site = parts.get('site')?.data.toString('utf8');
    const answer = await uploadPage({ user: current.identity, csrf: csrfToken(key, current.token) }, { ...(site === undefined ? {} : { site }), filename: file?.filename ?? 'discharges.csv', text });
    return 'redirect' in answer ? redirect(answer.redirect) : staffPage(answer.outcome, answer.body);
  }
  return staffPageRoute(event, key, FORM_BODY_LIMIT_BYTES, (staff, form) => {
    switch (event.routeKey) {
      case 'GET /admin/callbacks/{id}':
        return callPage(staff, id);
      case 'POST /admin/callbacks/{id}':
        return recordCallPage(staff, id, form);
      case 'POST /admin/callbacks/{id}/call':
        return takeCallPage(staff, id);
      case 'POST /admin/callbacks/{id}/correct':
        return correctCallPage(staff, id, form);
      default:
        return worklistPage(staff, event.queryStringParameters ?? {});
    }
  });
});
