import { signingKey } from '../../shared/aws/secrets.ts';
import { digestPreview, digestSettingsPage, saveDigestSettings, unsubscribePage } from '../../shared/digests/digest-pages.ts';
import { html, httpFunction } from '../../shared/http/middleware.ts';
import { FORM_BODY_LIMIT_BYTES } from '../../shared/http/request.ts';
import { downloadSession, publicBaseUrl, redirect, SIGN_IN_PATH, staffPage, staffPageRoute } from '../../shared/http/staff-pages.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const mailFrom = requireEnv(env.mailFrom);

// The mail's own inline styles, and nothing else: no script, no remote anything.
const PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** /admin/digests (choice and preview) and /digests/unsubscribe (the signed link in every digest). */
export const handler = httpFunction(async (event) => {
  const key = await signingKey();
  const query = event.queryStringParameters ?? {};
  const context = { table, baseUrl: publicBaseUrl, key, now: new Date(), from: mailFrom };
  if (event.routeKey.endsWith('/digests/unsubscribe')) {
    const answer = await unsubscribePage(context, query.t ?? '', event.routeKey.startsWith('POST '));
    return 'redirect' in answer ? redirect(answer.redirect) : staffPage(answer.outcome, answer.body);
  }
  const preview = query.preview;
  if (event.routeKey === 'GET /admin/digests' && (preview === 'week' || preview === 'month')) {
    const session = await downloadSession(event, key);
    if (session === undefined) return redirect(SIGN_IN_PATH);
    const page = await digestPreview(context, session, preview);
    return page === undefined ? staffPage('not-for-role', '<p>—</p>') : html(200, page, PREVIEW_POLICY);
  }
  return staffPageRoute(event, key, FORM_BODY_LIMIT_BYTES, (staff, form) => (event.routeKey.startsWith('POST ')
    ? saveDigestSettings(context, staff, form)
    : digestSettingsPage(context, staff, query.saved === '1')));
});
