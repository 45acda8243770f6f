import { signingKey } from '../../shared/aws/secrets.ts';
import { normalizeTrackingCode } from '../../shared/complaints/page/complaint-paths.ts';
import { renderTrackingPage } from '../../shared/complaints/page/complaint-page.ts';
import type { SiteOfficeContact } from '../../shared/complaints/page/office-contact.ts';
import { findTrackedComplaint } from '../../shared/complaints/tracking.ts';
import { getComplaintSettingsOf } from '../../shared/storage/complaint-settings.ts';
import { getSites, listSiteIds } from '../../shared/storage/sites.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { html, httpFunction } from '../../shared/http/middleware.ts';
import { problemOf } from '../../shared/http/problem.ts';
import { header, sourceIp } from '../../shared/http/request.ts';
import { limitLookup } from '../../shared/intake/rate-limit.ts';
import { rateLimitsFromEnv } from '../../shared/intake/rate-limit-settings.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { negotiateLocale } from '../../shared/web/locale.ts';
import { PAGE_CONTENT_SECURITY_POLICY } from '../../shared/web/patient-page.ts';

const table = requireEnv(env.tableName);
const rateLimits = rateLimitsFromEnv();

/**
 * The public contact of each site's complaint office: one site's for a complaint, every site's on the bare
 * form, where each is headed by its site's name (so the names are read only when there are several).
 */
async function officeContacts(siteIds: readonly string[]): Promise<SiteOfficeContact[]> {
  const [settings, sites] = await Promise.all([getComplaintSettingsOf(table, siteIds), siteIds.length > 1 ? getSites(table, siteIds) : undefined]);
  return siteIds.flatMap((siteId) => {
    const contact = settings.get(siteId)?.publicContact;
    if (contact === undefined) return [];
    if (sites === undefined) return [{ contact }];
    const site = sites.get(siteId);
    return [{ site: { name: site?.name ?? siteId, nameEn: site?.nameEn ?? siteId }, contact }];
  });
}

/**
 * GET /t/{trackingCode}, and GET /t (the look-up form, which sends `?code=`): a complaint's status, received
 * date and due date, in words; no personal data. Rate limited like the tracking API, so codes cannot be
 * tried in bulk; an unknown code gets a friendly 404 page with the form again.
 */
export const handler = httpFunction(async (event) => {
  const locale = negotiateLocale(header(event, 'accept-language'), event.queryStringParameters?.lang);
  const headers = { 'content-language': locale, vary: 'accept-language' };
  const typed = event.pathParameters?.trackingCode ?? event.queryStringParameters?.code ?? '';
  if (typed.trim() === '') return html(200, renderTrackingPage({ locale, officeContacts: await officeContacts(await listSiteIds(table)) }), PAGE_CONTENT_SECURITY_POLICY, headers);
  try {
    await limitLookup({ table, key: await signingKey(), sourceIp: sourceIp(event), rateLimits });
    const { tracked, siteId } = await findTrackedComplaint(table, normalizeTrackingCode(typed));
    return html(200, renderTrackingPage({ locale, tracked, officeContacts: await officeContacts([siteId]) }), PAGE_CONTENT_SECURITY_POLICY, headers);
  } catch (error) {
    const problem = problemOf(error);
    if (problem === undefined) throw error;
    const refused = problem.status === 429 ? 429 : 404;
    return html(refused, renderTrackingPage({ locale, refused, typed, officeContacts: await officeContacts(await listSiteIds(table)) }), PAGE_CONTENT_SECURITY_POLICY, { ...headers, ...problem.headers });
  }
});
