import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../../../infra/local/demo-site.ts';
import { renderRefusedComplaint } from '../../../shared/complaints/page/complaint-page.ts';
import { DEFAULT_LIMITS } from '../../../shared/sites/working-calendar.ts';
import { renderRefusedSurvey } from '../../../shared/surveys/survey-page.ts';
import { formField, type Resubmission, resubmissionId } from '../../../shared/web/patient-page.ts';
import { uuidFor } from '../../support/survey-messages.ts';
import { demoDepartment, genuineCode } from '../../support/survey-target.ts';

// The refused form shown again: any status has its page, values are escaped, and the same submission
// is sent again.

const target = { site: DEMO_SITE, department: demoDepartment('cardiology-ward') };
const again = (status: number, values: Record<string, string>, errors: Resubmission['errors'] = []): Resubmission => ({ status, errors, values });

describe('a refused form shown again', () => {
  it.each([400, 413, 415, 422, 429, 500, 503])('has a page for status %i, in both languages', (status) => {
    const values = { submissionId: uuidFor(1), code: genuineCode(), comment: '好 👍' };
    for (const locale of ['zh-CN', 'en'] as const) {
      const page = renderRefusedSurvey({ locale, again: again(status, values), target, contactRetentionDays: 90, officeContact: undefined });
      expect(page).toContain(`<html lang="${locale}">`);
      expect(page).toContain('id="refused"');
      expect(page).toContain('>\n好 👍</textarea>');
    }
  });

  it('says "try again later" for a 5xx and names no internals', () => {
    const page = renderRefusedComplaint({ locale: 'zh-CN', again: again(503, { description: '很差' }), target, contactRetentionDays: 90, limits: DEFAULT_LIMITS, now: new Date(), officeContact: undefined });
    expect(page).toContain('系统繁忙，您的投诉没有提交成功，请稍后再试。');
  });

  it('escapes what was typed in attributes and text alike', () => {
    const page = renderRefusedComplaint({
      locale: 'en', again: again(422, { description: '</textarea><script>x</script>', staffInvolved: '" onfocus="x', 'contact.name': '<b>' }, [{ path: 'description', message: 'x' }]),
      target, contactRetentionDays: 90, limits: DEFAULT_LIMITS, now: new Date(), officeContact: undefined,
    });
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(page).toContain('value="&quot; onfocus=&quot;x"');
    expect(page).toContain('value="&lt;b&gt;"');
    expect(page).not.toContain('<script>x');
  });

  it('keeps the submissionId that was sent, and makes a new one only when it was no uuid', () => {
    expect(resubmissionId(again(422, { submissionId: uuidFor(7) }))).toBe(uuidFor(7));
    expect(resubmissionId(again(422, { submissionId: 'x' }))).not.toBe('x');
  });

  it('marks a field whose nested path was refused', () => {
    expect(formField(again(422, {}, [{ path: 'contact.phone', message: 'x' }]), 'contact').invalidClass).toBe(' invalid');
    expect(formField(again(422, {}, [{ path: 'contactless', message: 'x' }]), 'contact').invalidClass).toBe('');
  });

  it('without the department, gives the reason and what was written, to copy', () => {
    const page = renderRefusedComplaint({ locale: 'zh-CN', again: again(422, { description: '护士态度很差', desiredOutcome: '道歉' }, [{ path: 'code', message: 'x' }]), target: undefined, contactRetentionDays: 90, limits: DEFAULT_LIMITS, now: new Date(), officeContact: undefined });
    expect(page).toContain('<li>科室二维码（请重新扫描科室张贴的二维码）</li>');
    expect(page).toContain('<textarea readonly>\n护士态度很差</textarea>');
    expect(page).toContain('<textarea readonly>\n道歉</textarea>');
    expect(page).not.toContain('<form');
  });
});
