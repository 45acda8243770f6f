import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderComplaintConfirmationPage } from '../../../../shared/complaints/page/complaint-page.ts';
import { officeContactOfCode, officeContactSection, officeContactsSection } from '../../../../shared/complaints/page/office-contact.ts';
import type { OfficeContact } from '../../../../shared/complaints/settings.ts';
import { DEFAULT_LIMITS } from '../../../../shared/sites/working-calendar.ts';
import { renderThankYouPage, renderUnknownCodePage } from '../../../../shared/surveys/survey-page.ts';
import { DEMO_COMPLAINT_SETTINGS } from '../../../../infra/local/demo-site.ts';
import { genuineCode, TEST_SIGNING_KEY } from '../../../support/survey-target.ts';

// The complaint office's public contact on every patient page: the site's when the page knows the site
// (a revoked code's too), and where to ask when it does not.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const CONTACT: OfficeContact = { phone: '0571-8888 1234', place: '门诊楼一楼', placeEn: 'Outpatient building, ground floor', hours: '每天 8:00–17:30', hoursEn: 'Daily 8:00–17:30' };

beforeEach(() => {
  dynamoMock.reset();
});

describe('the office\'s contact', () => {
  it('gives phone (dialable), place and hours in the page\'s language', () => {
    const zh = officeContactSection('zh-CN', CONTACT);
    expect(zh).toContain('<a href="tel:057188881234">0571-8888 1234</a>');
    expect(zh).toContain('门诊楼一楼');
    expect(zh).toContain('每天 8:00–17:30');
    expect(officeContactSection('en', CONTACT)).toContain('Outpatient building, ground floor');
  });

  it('names each site\'s office when a page lists more than one, and not when it lists one', () => {
    const other: OfficeContact = { ...CONTACT, phone: '0571-8888 2200' };
    const two = [{ site: { name: '示范区人民医院', nameEn: 'Demo District People\'s Hospital' }, contact: CONTACT }, { site: { name: '示范区城东社区卫生服务中心', nameEn: 'Chengdong Community Health Centre' }, contact: other }];
    const zh = officeContactsSection('zh-CN', two);
    expect(zh).toContain('<b>示范区人民医院 · 医患关系办公室（投诉接待）</b>');
    expect(zh).toContain('<b>示范区城东社区卫生服务中心 · 医患关系办公室（投诉接待）</b>');
    expect(zh.indexOf('0571-8888 1234')).toBeLessThan(zh.indexOf('0571-8888 2200'));
    expect(officeContactsSection('en', two)).toContain('<b>Chengdong Community Health Centre · Patient relations office (complaints)</b>');
    expect(officeContactsSection('zh-CN', two.slice(0, 1))).toContain('<b>医患关系办公室（投诉接待）</b>');
  });

  it('says where to ask when the site is unknown or has no contact on record', () => {
    expect(officeContactSection('zh-CN', undefined)).toContain('请向任何一位工作人员询问办公室的电话和地点。');
    expect(officeContactSection('en', undefined)).toContain('Ask any member of staff for its phone number');
  });

  it('is on the pages after a post and on the unknown-code page', () => {
    expect(renderThankYouPage({ locale: 'zh-CN', contactRequested: false, officeContact: CONTACT })).toContain('0571-8888 1234');
    expect(renderComplaintConfirmationPage({ locale: 'en', trackingCode: 'ABCD-EFGH-JKMN', contactGiven: false, limits: DEFAULT_LIMITS, officeContact: CONTACT })).toContain('0571-8888 1234');
    expect(renderUnknownCodePage({ locale: 'zh-CN', officeContact: CONTACT })).toContain('0571-8888 1234');
    expect(renderUnknownCodePage({ locale: 'zh-CN', officeContact: undefined })).toContain('请向任何一位工作人员询问');
  });

  it('is read for the site a genuine code names, revoked or not; a forged code names none, and a failed read falls back', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: { pk: 'SITE#demo', sk: 'COMPLAINTS', settingsVersion: 1, ...DEMO_COMPLAINT_SETTINGS, publicContact: CONTACT } });
    // A code of generation 1, whatever the department's generation now: only its MAC and its site count here.
    const revoked = genuineCode('cardiology-ward', 1);
    expect(await officeContactOfCode('t', TEST_SIGNING_KEY, revoked)).toEqual(CONTACT);
    expect(dynamoMock.commandCalls(GetCommand).map((c) => String(c.args[0].input.Key?.pk))).toEqual(['SITE#demo']);
    expect(await officeContactOfCode('t', TEST_SIGNING_KEY, 'forged.code')).toBeUndefined();
    expect(await officeContactOfCode('t', TEST_SIGNING_KEY, undefined)).toBeUndefined();
    dynamoMock.on(GetCommand).rejects(new Error('throttled'));
    expect(await officeContactOfCode('t', TEST_SIGNING_KEY, revoked)).toBeUndefined();
  });
});
