import { logger } from '../../platform/observability.ts';
import type { Site } from '../../schemas/site.ts';
import type { Locale } from '../../schemas/survey.ts';
import { verifySurveyCode } from '../../sites/department-codes.ts';
import { getComplaintSettings } from '../../storage/complaint-settings.ts';
import { escapeMarkup } from '../../web/markup.ts';
import type { OfficeContact } from '../settings.ts';

// The complaint office's public contact (phone, place, hours) at the foot of every patient page: the
// national rules require hospitals to publish it, and a patient who cannot or will not use the form
// must find a person. Where the site is unknown (a forged code) or has no contact on record, the page
// says where to ask instead.

const WORDS = {
  'zh-CN': { heading: '医患关系办公室（投诉接待）', phone: '电话', place: '地点', hours: '接待时间', ask: '请向任何一位工作人员询问办公室的电话和地点。' },
  en: { heading: 'Patient relations office (complaints)', phone: 'Phone', place: 'Where', hours: 'Open', ask: 'Ask any member of staff for its phone number and where to find it.' },
} as const;

/** A site's name in both languages, as a page that lists several sites' offices heads each. */
export type SiteName = Pick<Site, 'name' | 'nameEn'>;

/** An office's contact, and its site's name when the page lists more than one site's. */
export interface SiteOfficeContact {
  readonly site?: SiteName;
  readonly contact: OfficeContact;
}

export function officeContactSection(locale: Locale, contact: OfficeContact | undefined, site?: SiteName): string {
  const w = WORDS[locale];
  const heading = site === undefined ? w.heading : `${locale === 'en' ? site.nameEn : site.name} · ${w.heading}`;
  const head = `<aside class="aside office" aria-label="${escapeMarkup(heading)}"><b>${escapeMarkup(heading)}</b><br>\n`;
  if (contact === undefined) return `${head}${escapeMarkup(w.ask)}</aside>`;
  const en = locale === 'en';
  const tel = contact.phone.replace(/[^0-9+]/g, '');
  return `${head}${escapeMarkup(w.phone)}: <a href="tel:${escapeMarkup(tel)}">${escapeMarkup(contact.phone)}</a><br>
${escapeMarkup(w.place)}: ${escapeMarkup(en ? contact.placeEn : contact.place)}<br>
${escapeMarkup(w.hours)}: ${escapeMarkup(en ? contact.hoursEn : contact.hours)}</aside>`;
}

/**
 * Each site's office, named by its site when there is more than one (a hospital group's look-up form
 * lists every member's), or where to ask when none is on record.
 */
export function officeContactsSection(locale: Locale, contacts: readonly SiteOfficeContact[]): string {
  if (contacts.length === 0) return officeContactSection(locale, undefined);
  const named = contacts.length > 1;
  return contacts.map(({ site, contact }) => officeContactSection(locale, contact, named ? site : undefined)).join('');
}

/**
 * The public contact of the site a department code names: that of a genuine code's site even when the
 * code is revoked or its survey switched off (the patient is still at that hospital), none for a forged
 * code. A page that cannot read it shows the generic wording rather than failing: it is a footer, and
 * the page may be the answer to a submission already taken.
 */
export async function officeContactOfCode(table: string, key: Buffer, code: string | undefined, siteId?: string): Promise<OfficeContact | undefined> {
  const site = siteId ?? (code === undefined ? undefined : verifySurveyCode(key, code)?.siteId);
  if (site === undefined) return undefined;
  try {
    return (await getComplaintSettings(table, site))?.publicContact;
  } catch (error) {
    logger.warn('office contact not read', { error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
