import { describe, expect, it } from 'vitest';
import { DEVICE_COOKIE, deviceIdOf, newDeviceCookie } from '../../../shared/intake/device.ts';
import { TEST_SIGNING_KEY } from '../../support/survey-target.ts';

const valueOf = (setCookie: string) => /^pf_device=([^;]*);/.exec(setCookie)?.[1] ?? '';

describe('the device cookie', () => {
  it('is a random id with its MAC, HttpOnly, Secure, SameSite=Lax, for the whole site, for a day', () => {
    const setCookie = newDeviceCookie(TEST_SIGNING_KEY);

    expect(DEVICE_COOKIE).toBe('pf_device');
    expect(setCookie).toMatch(/^pf_device=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}; Path=\/; Max-Age=86400; HttpOnly; Secure; SameSite=Lax$/);
    expect(valueOf(newDeviceCookie(TEST_SIGNING_KEY))).not.toBe(valueOf(setCookie));
  });

  it('gives back its id only when this key minted it', () => {
    const value = valueOf(newDeviceCookie(TEST_SIGNING_KEY));
    const [id = '', mac = ''] = value.split('.');

    expect(deviceIdOf(TEST_SIGNING_KEY, value)).toBe(id);
    expect(deviceIdOf(Buffer.alloc(32, 7), value)).toBeUndefined();
    expect(deviceIdOf(TEST_SIGNING_KEY, valueOf(newDeviceCookie(Buffer.alloc(32, 7))))).toBeUndefined();
    expect(deviceIdOf(TEST_SIGNING_KEY, `${id}x.${mac}`)).toBeUndefined();
    expect(deviceIdOf(TEST_SIGNING_KEY, `${id}.${mac.slice(1)}`)).toBeUndefined();
    expect(deviceIdOf(TEST_SIGNING_KEY, `${value}.${mac}`)).toBeUndefined();
    for (const nothing of [undefined, '', '.', id, `.${mac}`]) expect(deviceIdOf(TEST_SIGNING_KEY, nothing), String(nothing)).toBeUndefined();
  });
});
