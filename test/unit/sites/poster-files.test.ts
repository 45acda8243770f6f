import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { posterFile } from '../../../shared/sites/poster-files.ts';
import { renderPosterSvg } from '../../../shared/sites/qr-poster.ts';

// The poster as the print shop takes it: a 300 dpi PNG whose code scans, and a one-page A5 PDF whose
// cross-reference table points at its objects (a reader would otherwise have to repair it).

const URL = 'https://feedback.hospital.example/s/ZGVtbzplbWVyZ2VuY3k6MQ.abcdefghijklmnop';
const svg = renderPosterSvg({ site: { name: '示范区人民医院', nameEn: 'Demo District People\'s Hospital' }, department: { name: '急诊科', nameEn: 'Emergency' }, url: URL });

describe('poster files', () => {
  it('draws a 300 dpi A5 PNG whose QR code scans to the URL', async () => {
    const png = PNG.sync.read(await posterFile(svg, 'png', 'x'));
    expect([png.width, png.height]).toEqual([1748, 2480]);
    expect(jsqr.default(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(URL);
  });

  it('writes an A5 PDF of one page holding that image, every object where the cross-reference table says', async () => {
    const pdf = await posterFile(svg, 'pdf', '急诊科 Emergency · Scan to rate your visit');
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    expect(text).toContain('/MediaBox [0 0 419.53 595.28]');
    expect(text).toContain('/Width 1748 /Height 2480 /ColorSpace /DeviceRGB');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const entries = text.slice(startxref).split('\n').slice(3, 9);
    entries.forEach((entry, i) => {
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      expect(text.slice(Number(entry.slice(0, 10))).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
    });
    // The title, in UTF-16BE so the Chinese survives.
    expect(text).toContain(`/Title <FEFF${Buffer.from('急诊科', 'utf16le').swap16().toString('hex').toUpperCase()}`);
  });

  it('gives the SVG as it is', async () => {
    expect((await posterFile(svg, 'svg', 'x')).toString('utf8')).toBe(svg);
  });
});
