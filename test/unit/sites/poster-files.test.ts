import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTER_FONTS, RESVG_WASM } from '../../../shared/sites/poster-assets.ts';
import { posterFile } from '../../../shared/sites/poster-files.ts';
import { renderPosterSvg } from '../../../shared/sites/qr-poster.ts';
import { bundleFunction } from '../../../infra/bundling.ts';

// The poster as the print shop takes it: a 300 dpi PNG whose code scans, and a one-page A5 PDF whose
// cross-reference table points at its objects (a reader would otherwise have to repair it). Drawn with
// the shipped font alone, here as in Lambda, from the data shipped beside the bundle.

const ROOT = join(import.meta.dirname, '..', '..', '..');

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

/** One line of text on an A5 page, as the poster sets its words. */
const textSvg = (text: string, family = 'Noto Sans SC') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="148mm" height="210mm" viewBox="0 0 148 210"><text x="10" y="100" font-size="14" font-family="${family}">${text}</text></svg>`;

/** The PNG's pixels darker than mid-grey: the ink. */
function ink(file: Buffer): number {
  const png = PNG.sync.read(file);
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 128) dark++;
  return dark;
}

describe('the poster\'s Chinese, from the shipped font alone', () => {
  it('draws each character as its own glyph, not a blank or the same missing-glyph box', async () => {
    const [blank, ren, yi] = await Promise.all(['', '人', '医'].map(async (text) => posterFile(textSvg(text), 'png', 'x')));
    expect(ink(blank!)).toBe(0);
    // A box would ink both alike; 医 has many more strokes than 人.
    expect(ink(ren!)).toBeGreaterThan(1000);
    expect(ink(yi!)).toBeGreaterThan(ink(ren!) * 1.5);
    expect(ink(await posterFile(textSvg('示范区人民医院'), 'png', 'x'))).toBeGreaterThan(ink(yi!) * 4);
  });

  it('never takes a font from the machine: a family only the system has falls back to the shipped one', async () => {
    // This machine has DejaVu Sans and Noto CJK installed; resvg's WebAssembly cannot read them (it has no
    // file system), so this guards the choice of renderer: a native one with system fonts would differ here.
    const shipped = await posterFile(textSvg('Hospital 医院'), 'png', 'x');
    expect((await posterFile(textSvg('Hospital 医院', 'DejaVu Sans'), 'png', 'x')).equals(shipped)).toBe(true);
    expect((await posterFile(textSvg('Hospital 医院', 'Noto Sans CJK SC'), 'png', 'x')).equals(shipped)).toBe(true);
  });
});

describe('the poster renderer in the bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poster-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ships the WebAssembly and the fonts beside the poster pages, as files, not inside the JavaScript', { timeout: 120_000 }, async () => {
    const out = join(dir, 'pages');
    const { files } = await bundleFunction('functions/poster-pages/handler.ts', out);

    for (const { file, source } of [RESVG_WASM, ...POSTER_FONTS]) expect(readFileSync(join(out, file)).equals(readFileSync(join(ROOT, 'node_modules', source))), file).toBe(true);
    // All its JavaScript, the entry and the chunks the poster's path loads on first use.
    expect(files.reduce((bytes, file) => bytes + statSync(file).size, 0)).toBeLessThan(1024 * 1024);
  });

  it('a bundled renderer draws a poster from the files beside it, and names the one missing', { timeout: 120_000 }, async () => {
    const out = join(dir, 'renderer');
    const { file } = await bundleFunction('shared/sites/poster-files.ts', out);
    const script = `const { posterFile } = await import(${JSON.stringify(file)}); process.stdout.write((await posterFile(${JSON.stringify(textSvg('示范区人民医院'))}, 'png', 'x')).toString('base64'));`;

    const drawn = Buffer.from(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }), 'base64');
    expect(drawn.equals(await posterFile(textSvg('示范区人民医院'), 'png', 'x'))).toBe(true);
    rmSync(join(out, 'NotoSansSC-Bold.ttf'));
    expect(() => execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/NotoSansSC-Bold\.ttf/);
  });
});
