import { describe, expect, it } from 'vitest';
import { applyChange, ComplaintChangeSchema } from '../../../shared/complaints/lifecycle.ts';
import { fieldErrors } from '../../../shared/platform/domain-errors.ts';
import type { ComplaintRecord } from '../../../shared/schemas/complaint.ts';
import { bilingual } from '../../../shared/web/staff-wording.ts';

// The case form's refusals reach staff in Chinese and English, whatever rule or schema refused.

const record: ComplaintRecord = {
  id: 'c-1', siteId: 'demo', departmentId: 'emergency', trackingCode: 'ABCD-EFGH-JKLM-NPQR', channel: 'qr-page', enteredBy: 'patient', settledOnSpot: false,
  multiDepartment: false, receivedAt: '2026-11-23T14:05:00.000Z', timeZone: 'Asia/Shanghai', description: '等了很久', status: 'investigating',
  category: 'waiting', severity: 'low', safetySignal: false, safetyKinds: [], terms: [], handlerDepartmentId: 'patient-relations', owner: 'office',
  acknowledgeBy: '2026-11-24T15:59:59.999Z', dueAt: '2026-11-30T15:59:59.999Z', hasContact: false, mailPending: false, version: 1,
};

const refusal = (change: Record<string, unknown>): string => {
  try {
    applyChange(record, ComplaintChangeSchema.parse(change), 'user:office', new Date('2026-11-24T00:00:00Z'));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('not refused');
};

describe('staff messages', () => {
  it('puts Chinese before every refusal of the lifecycle', () => {
    for (const message of [
      refusal({ reason: 'x', status: 'closed' }),
      refusal({ reason: 'x', status: 'acknowledged' }),
      refusal({ reason: 'x', dueAt: '2026-11-01T00:00:00Z' }),
      refusal({ reason: 'x' }),
    ]) {
      const shown = bilingual(message);
      expect(shown, message).toMatch(/^[^ ]*[\u4e00-\u9fff]/);
      expect(shown).not.toMatch(/^请检查此项/);
      expect(shown.endsWith(message)).toBe(true);
    }
    expect(bilingual('A investigating complaint cannot become acknowledged.')).toBe('“调查中”的投诉不能直接改为“已确认”。 · A investigating complaint cannot become acknowledged.');
  });

  it('words the schema refusals of the case form in Chinese too', () => {
    const parsed = ComplaintChangeSchema.safeParse({ reason: '', status: 'nonsense', extra: 1 });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const shown = fieldErrors(parsed.error).map((e) => bilingual(e.message));
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const text of shown) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(shown.some((t) => t.startsWith('请填写原因'))).toBe(true);
    expect(shown.some((t) => t.startsWith('请从列表中选择'))).toBe(true);
  });

  it('leaves a message already in both languages as it is', () => {
    expect(bilingual('本地账号需要初始密码 · A local account needs a first password.')).toBe('本地账号需要初始密码 · A local account needs a first password.');
  });
});

describe('the discharge import', () => {
  it('words a refused CSV row in Chinese first', () => {
    expect(bilingual('no department "nowhere" at this site')).toBe('没有科室“nowhere” · no department "nowhere" at this site');
    expect(bilingual('Invalid ISO datetime')).toMatch(/^日期或时间格式不正确 · /);
  });
});
