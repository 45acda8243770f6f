import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compress } from '../../../shared/http/compress.ts';

// Brotli's window is sized to the body (shared/http/compress.ts): every size must still round-trip.
describe('compress', () => {
  const page = (bytes: number) => '<p>您对本次就诊满意吗？ How was your visit?</p>\n'.repeat(Math.ceil(bytes / 60)).slice(0, bytes);

  it.each([1, 1024, 14_000, 70_000, 300_000])('gives back exactly the text, brotli and gzip, for %i characters', (length) => {
    const text = page(length);

    expect(brotliDecompressSync(compress(text, 'br')).toString('utf8')).toBe(text);
    expect(gunzipSync(compress(text, 'gzip')).toString('utf8')).toBe(text);
  });

  it('compresses a page to a fraction of its size', () => {
    const text = page(14_000);

    expect(compress(text, 'br').length).toBeLessThan(Buffer.byteLength(text) / 10);
  });
});
