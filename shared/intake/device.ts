import { randomBytes } from 'node:crypto';
import { purposeMac, safeEqual, setCookie } from '../auth/session.ts';

// A device is a browser that opened a department's page: the page gives it a random id in an HttpOnly
// first-party cookie, signed so that only the pages mint ids. The id is never stored: the rate limiter
// keys a device's budget on its hash under the day's salt, so one phone flooding is stopped without
// stopping the rest of its ward's shared Wi-Fi. It lives a day, as long as the salt; a visit needs minutes.

export const DEVICE_COOKIE = 'pf_device';
const DEVICE_COOKIE_SECONDS = 24 * 60 * 60;
const MAC_LENGTH = 16;

const mac = (key: Buffer, id: string) => purposeMac(key, 'device', id).slice(0, MAC_LENGTH);

/** The Set-Cookie value that gives a browser a new device id. */
export function newDeviceCookie(key: Buffer): string {
  const id = randomBytes(16).toString('base64url');
  // Lax, not Strict: the page is opened from a QR scan (another site), and that visit must send it back.
  return setCookie(DEVICE_COOKIE, `${id}.${mac(key, id)}`, { maxAgeSeconds: DEVICE_COOKIE_SECONDS, sameSite: 'Lax', path: '/' });
}

/** The device id a cookie carries, or undefined when there is none or it was not minted with this key. */
export function deviceIdOf(key: Buffer, cookieValue: string | undefined): string | undefined {
  const [id, signature, ...rest] = (cookieValue ?? '').split('.');
  if (id === undefined || id === '' || signature === undefined || rest.length > 0) return undefined;
  return safeEqual(signature, mac(key, id)) ? id : undefined;
}
