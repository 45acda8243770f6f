import type { Locale } from '../../schemas/survey.ts';

// Where the patient's complaint pages live. The complaint page takes the department's survey code (the
// same signed code its QR poster carries), so one poster, or a link from the survey page, reaches both.

export const complaintPagePath = (code: string): string => `/c/${encodeURIComponent(code)}`;

/** `/t` is the empty look-up form; `/t/{trackingCode}` the status of one complaint. */
export const trackingPagePath = (trackingCode?: string): string => (trackingCode === undefined ? '/t' : `/t/${encodeURIComponent(trackingCode)}`);

/** The page's language travels with the link, so a patient who switched language keeps it. */
export const withLocale = (path: string, locale: Locale): string => `${path}?lang=${locale}`;

/** The URL a complaint poster's QR code carries. */
export function complaintPageUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${complaintPagePath(code)}`;
}

/**
 * What a patient types is often the code without dashes, in lower case or with spaces (read out over the
 * phone): the 16 characters are put back into `XXXX-XXXX-XXXX-XXXX`. Anything else is left for the look-up
 * to refuse.
 */
export function normalizeTrackingCode(typed: string): string {
  const compact = typed.replace(/[\s-]/g, '').toUpperCase();
  return compact.length === 16 ? (compact.match(/.{4}/g) ?? []).join('-') : typed.trim().toUpperCase();
}
