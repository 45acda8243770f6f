import type { Locale } from '../../schemas/survey.ts';
import { escapeMarkup } from '../../web/markup.ts';
import type { OfficeContact } from '../settings.ts';

// The complaint office's public contact (phone, place, hours) at the foot of every patient page: the
// national rules require hospitals to publish it, and a patient who cannot or will not use the form
// must find a person.

const WORDS = {
  'zh-CN': { heading: '医患关系办公室（投诉接待）', phone: '电话', place: '地点', hours: '接待时间' },
  en: { heading: 'Patient relations office (complaints)', phone: 'Phone', place: 'Where', hours: 'Open' },
} as const;

export function officeContactSection(locale: Locale, contact: OfficeContact | undefined): string {
  if (contact === undefined) return '';
  const w = WORDS[locale];
  const en = locale === 'en';
  const tel = contact.phone.replace(/[^0-9+]/g, '');
  return `<aside class="aside office" aria-label="${escapeMarkup(w.heading)}"><b>${escapeMarkup(w.heading)}</b><br>
${escapeMarkup(w.phone)}: <a href="tel:${escapeMarkup(tel)}">${escapeMarkup(contact.phone)}</a><br>
${escapeMarkup(w.place)}: ${escapeMarkup(en ? contact.placeEn : contact.place)}<br>
${escapeMarkup(w.hours)}: ${escapeMarkup(en ? contact.hoursEn : contact.hours)}</aside>`;
}
