import { createHmac } from 'node:crypto';

// A complaint's tracking code is what the patient keeps to follow it without an account. It is derived
// from the submission id with the signing key: the same submission always gets the same code (a retry
// is the same complaint), and without the key a code cannot be guessed (80 bits).

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read out over the phone

export function trackingCodeFor(key: Buffer, submissionId: string): string {
  const bytes = createHmac('sha256', key).update(`tracking:${submissionId}`).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 16) break;
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}

export const TRACKING_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/;
