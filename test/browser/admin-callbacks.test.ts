import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { storeDischarges } from '../../shared/callbacks/discharges.ts';
import { addDays, dayIn } from '../../shared/platform/time.ts';
import { auditEntries } from '../../shared/storage/audit.ts';
import { callbackCounterNames } from '../../shared/reporting/counters.ts';
import { sumAggregates } from '../../shared/storage/aggregates.ts';
import { callHistory, getCall, getPerson } from '../../shared/storage/callbacks.ts';
import { getComplaint } from '../../shared/storage/complaints.ts';
import { keys } from '../../shared/storage/keys.ts';
import { SCREENSHOTS, signIn, useBrowser } from '../support/browser.ts';
import { eventually, useLocalStack } from '../support/local-stack.ts';

// A callback nurse on a phone works the worklist in Chromium, without any script: reveals a number
// (audited), records a reached call with an issue, and the complaint it raised appears in the office's
// inbox; the office imports a CSV file and is told which rows were refused.

const stack = useLocalStack();
const browser = useBrowser();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const TZ = 'Asia/Shanghai';
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });

async function seedDischarges(): Promise<void> {
  const day = (n: number) => dayIn(TZ, addDays(new Date(), -n));
  await storeDischarges(TABLE_NAME, {
    kind: 'discharges', receivedAt: new Date().toISOString(), siteId: 'demo', timeZone: TZ, batchId: '5f0c7a1e-0000-4000-8000-000000000001', enteredBy: 'client:his-integration',
    discharges: [
      { dischargeId: 'ZY-B-1', departmentId: 'cardiology-ward', dischargedAt: `${day(4)}T10:00:00+08:00`, patient: { name: '王秀英', phone: '13900001234' }, serviceType: 'inpatient' },
      { dischargeId: 'ZY-B-2', departmentId: 'orthopaedics-ward', dischargedAt: `${day(2)}T15:30:00+08:00`, patient: { name: '李建华', phone: '13900005678' }, serviceType: 'day-surgery' },
      { dischargeId: 'ZY-B-3', departmentId: 'emergency', dischargedAt: `${day(3)}T09:00:00+08:00`, patient: { name: '张志强', phone: '13900009999' }, serviceType: 'emergency' },
    ],
  }, new Date());
}

describe('callbacks in Chromium', () => {
  it('lets a callback nurse on a phone work the list, reveal a number, and record a reached call with an issue that reaches the office\'s inbox', async () => {
    await seedDischarges();
    const page = await signIn(browser(), stack().baseUrl, 'callback', 'Callback-demo-2026', PHONE);
    await page.goto(`${stack().baseUrl}/admin/callbacks`);
    const text = await page.locator('main').innerText();
    // Their two wards only, soonest due first, numbers masked.
    expect(text).toContain('王秀英');
    expect(text).toContain('李建华');
    expect(text).not.toContain('张志强');
    expect(text.indexOf('王秀英')).toBeLessThan(text.indexOf('李建华'));
    expect(text).toContain('139****1234');
    expect(text).not.toContain('13900001234');
    await shot(page, 'callbacks-worklist-phone.png');

    await page.locator('tr', { hasText: '王秀英' }).getByRole('button', { name: '拨打 · Call' }).click();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('a[href^="tel:"]').innerText()).toBe('13900001234');
    const audited = await auditEntries(TABLE_NAME, 'demo', new Date().toISOString().slice(0, 10));
    expect(audited.filter((a) => a.action === 'callback-reveal' && a.actor === 'user:callback' && a.target === 'call:demo:discharge:ZY-B-1')).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain('13900001234');
    await shot(page, 'callbacks-call-revealed-phone.png');

    await page.getByLabel('已接通 Reached').check();
    await page.locator('select[name="overall"]').selectOption('poor');
    await page.locator('select[name="rating-communication"]').selectOption('2');
    await page.locator('textarea[name="comment"]').fill('恢复还行，就是出院时没人讲药怎么吃。');
    await page.locator('textarea[name="issue-1"]').fill('出院带药没有用药说明，护士也说不清楚，希望药剂科给个解释。');
    await shot(page, 'callbacks-call-form-phone.png');
    await page.getByRole('button', { name: '保存 · Save' }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('main').innerText()).toContain('已保存');

    const call = await eventually('the call recorded', async () => { const c = await getCall(TABLE_NAME, keys.dischargeCall('demo', 'ZY-B-1')); return c?.status === 'done' && c.complaintIds.length === 1 ? c : undefined; });
    const complaintId = call.complaintIds[0] ?? '';
    const complaint = await eventually('its complaint stored', async () => getComplaint(TABLE_NAME, complaintId));
    expect(complaint).toMatchObject({ channel: 'callback', owner: 'callback', callId: 'discharge:ZY-B-1' });
    // The list no longer offers the call.
    await page.goto(`${stack().baseUrl}/admin/callbacks`);
    expect(await page.locator('main').innerText()).not.toContain('王秀英');
    await shot(page, 'callbacks-worklist-after-phone.png');

    const office = await signIn(browser(), stack().baseUrl, 'office', 'Office-demo-2026', DESKTOP);
    await office.goto(`${stack().baseUrl}/admin/complaints`);
    await expect.poll(async () => office.locator(`a[href="/admin/complaints/${complaintId}"]`).count()).toBeGreaterThan(0);
    await shot(office, 'callbacks-complaint-in-office-inbox-desktop.png');
  });

  it('tells a second caller who has the call', async () => {
    const office = await signIn(browser(), stack().baseUrl, 'office', 'Office-demo-2026', DESKTOP);
    const nurse = await signIn(browser(), stack().baseUrl, 'callback', 'Callback-demo-2026', PHONE);
    await nurse.goto(`${stack().baseUrl}/admin/callbacks/discharge:ZY-B-2`);
    await nurse.getByRole('button', { name: '拨打并显示号码 · Call (shows the number)' }).click();
    await nurse.waitForLoadState('networkidle');
    await office.goto(`${stack().baseUrl}/admin/callbacks/discharge:ZY-B-2`);
    const text = await office.locator('main').innerText();
    expect(text).toContain('正在由 user:callback 回访');
    expect(text).not.toContain('13900005678');
    await shot(office, 'callbacks-taken-by-another-desktop.png');
  });

  it('lets a nurse on a phone correct a number and mark a patient not to be called, from the call\'s page', async () => {
    const day = dayIn(TZ, addDays(new Date(), -3));
    await storeDischarges(TABLE_NAME, {
      kind: 'discharges', receivedAt: new Date().toISOString(), siteId: 'demo', timeZone: TZ, batchId: '5f0c7a1e-0000-4000-8000-000000000002', enteredBy: 'client:his-integration',
      discharges: [{ dischargeId: 'ZY-D-1', departmentId: 'cardiology-ward', dischargedAt: `${day}T10:00:00+08:00`, patient: { name: '赵桂兰', phone: '13900004444' }, serviceType: 'inpatient' }],
    }, new Date());
    const declined = async () => (await sumAggregates(TABLE_NAME, 'demo', 'cardiology-ward', day, day)).counters[callbackCounterNames.declined] ?? 0;
    const before = await declined();
    const page = await signIn(browser(), stack().baseUrl, 'callback', 'Callback-demo-2026', PHONE);
    await page.goto(`${stack().baseUrl}/admin/callbacks/discharge:ZY-D-1`);
    // A number that is not one is refused, in Chinese first, and the call is unchanged.
    await page.locator('input[name="phone"]').fill('打错了');
    await page.getByRole('button', { name: '保存更正 · Save the correction' }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('main').innerText()).toContain('不是有效的电话号码 Not a phone number');
    expect((await getCall(TABLE_NAME, keys.dischargeCall('demo', 'ZY-D-1')))?.version).toBe(1);
    await shot(page, 'callbacks-correction-refused-phone.png');

    await page.locator('input[name="phone"]').fill('13900005555');
    await page.getByRole('button', { name: '保存更正 · Save the correction' }).click();
    await page.waitForLoadState('networkidle');
    const text = await page.locator('main').innerText();
    expect(text).toContain('139****5555');
    expect(text).not.toContain('13900005555');
    await shot(page, 'callbacks-corrected-phone.png');
    expect(await getPerson(TABLE_NAME, 'demo', 'ZY-D-1', new Date())).toEqual({ name: '赵桂兰', phone: '13900005555' });
    expect((await callHistory(TABLE_NAME, 'demo', 'ZY-D-1')).filter((h) => h.change === 'correction').map((h) => [h.actor, h.detail])).toEqual([['user:callback', 'phone corrected (call page)']]);

    await page.getByLabel('患者不愿接受回访').check();
    await page.getByRole('button', { name: '保存更正 · Save the correction' }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('main').innerText()).not.toContain('赵桂兰');
    await shot(page, 'callbacks-after-do-not-call-phone.png');
    expect(await getCall(TABLE_NAME, keys.dischargeCall('demo', 'ZY-D-1'))).toMatchObject({ status: 'done', result: 'do_not_call', version: 3 });
    expect(await declined()).toBe(before + 1);
    const audited = (await auditEntries(TABLE_NAME, 'demo', new Date().toISOString().slice(0, 10))).filter((a) => a.action === 'callback-correction' && a.target === 'call:demo:discharge:ZY-D-1');
    expect(audited.map((a) => [a.actor, a.detail])).toEqual(expect.arrayContaining([['user:callback', 'phone'], ['user:callback', 'do not call']]));
    expect(JSON.stringify(audited)).not.toContain('13900005555');
    // The page of a closed call offers no correction.
    await page.goto(`${stack().baseUrl}/admin/callbacks/discharge:ZY-D-1`);
    expect(await page.locator('input[name="phone"]').count()).toBe(0);
  });

  it('imports a CSV file at a desk: good rows taken, bad rows named by row and field', async () => {
    const file = join(tmpdir(), `discharges-${process.pid}.csv`);
    const day = dayIn(TZ, addDays(new Date(), -1));
    writeFileSync(file, `\uFEFFdischargeId,departmentId,dischargedAt,name,phone,serviceType,doNotCall\nZY-C-1,maternity-ward,${day}T10:00:00+08:00,陈丽娟,13900002222,maternity,否\nZY-C-2,maternity-ward,${day}T11:00:00+08:00,周海燕,not-a-phone,maternity,\nZY-C-3,no-such-ward,${day}T11:00:00+08:00,吴国平,13900003333,inpatient,\n`);
    const page = await signIn(browser(), stack().baseUrl, 'office', 'Office-demo-2026', DESKTOP);
    await page.goto(`${stack().baseUrl}/admin/callbacks`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: '导入 · Import' }).click();
    await page.waitForLoadState('networkidle');
    const text = await page.locator('main').innerText();
    expect(text).toContain('共 3 行，已接收 1 行，2 行未接收');
    expect(text).toContain('第 3 行 Row 3: 电话 phone');
    expect(text).toContain('第 4 行 Row 4: 科室 departmentId');
    await shot(page, 'callbacks-csv-upload-desktop.png');
    await eventually('the good row stored', async () => getCall(TABLE_NAME, keys.dischargeCall('demo', 'ZY-C-1')));
  });
});
