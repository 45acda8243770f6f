import { describe, expect, it } from 'vitest';
import { withoutContactDetails } from '../../../shared/comments/corrections-export.ts';

// The exported labels carry a patient's words but never the contact details typed into them.

describe('withoutContactDetails', () => {
  it('masks phone numbers and e-mail addresses, and keeps the rest as typed', () => {
    expect(withoutContactDetails('请打我电话 138 1234 5678 或 +86-13812345678，邮箱 wang.li@example.com。')).toBe('请打我电话 [电话 phone] 或 [电话 phone]，邮箱 [邮箱 email]。');
    expect(withoutContactDetails('Call me on 020 7946 0958 or mail a.b@c.org')).toBe('Call me on [电话 phone] or mail [邮箱 email]');
    expect(withoutContactDetails('等了120分钟，3号窗口')).toBe('等了120分钟，3号窗口');
  });
});
