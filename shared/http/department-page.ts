import { signingKey } from '../aws/secrets.ts';
import { officeContactOfCode } from '../complaints/page/office-contact.ts';
import type { OfficeContact } from '../complaints/settings.ts';
import { DEVICE_COOKIE, deviceIdOf, newDeviceCookie } from '../intake/device.ts';
import type { Locale } from '../schemas/survey.ts';
import { renderUnknownCodePage } from '../surveys/survey-page.ts';
import { negotiateLocale } from '../web/locale.ts';
import { PAGE_CONTENT_SECURITY_POLICY } from '../web/patient-page.ts';
import { resolveSurveyCode, type SurveyTarget } from '../sites/department-codes.ts';
import { html, httpFunction } from '../http/middleware.ts';
import { cookie, header } from '../http/request.ts';

// The pages a department's QR code opens (the survey page /s/{code}, the complaint page /c/{code}) take
// the same signed code, answer in the negotiated language, and meet a forged or withdrawn code with
// the same friendly 404 page. Only what each page shows differs. A browser without a device id gets one
// (shared/intake/device.ts), which its submissions carry back to the rate limit.

export interface DepartmentPageRequest {
  readonly locale: Locale;
  readonly code: string;
  readonly target: SurveyTarget;
  /** The complaint office's public contact, which every patient page shows. */
  readonly officeContact: OfficeContact | undefined;
}

export function departmentPageFunction(table: string, render: (request: DepartmentPageRequest) => string) {
  return httpFunction(async (event) => {
    const locale = negotiateLocale(header(event, 'accept-language'), event.queryStringParameters?.lang);
    const headers = { 'content-language': locale, vary: 'accept-language' };
    const code = event.pathParameters?.code ?? '';
    const key = await signingKey();
    const target = await resolveSurveyCode(table, key, code);
    // A revoked code still names its site, whose office the patient can turn to; a forged one names none.
    if (target === undefined) return html(404, renderUnknownCodePage({ locale, officeContact: await officeContactOfCode(table, key, code) }), PAGE_CONTENT_SECURITY_POLICY, headers);
    const officeContact = await officeContactOfCode(table, key, code, target.site.siteId);
    const page = html(200, render({ locale, code, target, officeContact }), PAGE_CONTENT_SECURITY_POLICY, headers);
    return deviceIdOf(key, cookie(event, DEVICE_COOKIE)) === undefined ? { ...page, cookies: [newDeviceCookie(key)] } : page;
  });
}
