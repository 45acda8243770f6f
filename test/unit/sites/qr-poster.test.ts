import jsqr from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { A5, modulesPath, renderPosterSvg } from '../../../shared/sites/qr-poster.ts';

const URL = 'https://feedback.hospital.example.cn/s/ZGVtbzplbWVyZ2VuY3k6MQ.AbCdEfGhIjKlMnOp';

/** Draws a path of `M x y h n v1 h-n z` runs back into a module matrix. */
function matrixFromPath(path: string, size: number): boolean[][] {
  const matrix = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  for (const [, x, y, n] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(n); i++) {
      const row = matrix[Number(y)];
      if (row !== undefined) row[Number(x) + i] = true;
    }
  }
  return matrix;
}

/** The QR code as the poster draws it: its placement on the page and the dark modules read back from its path. */
function drawnQr(svg: string) {
  const match = /<g transform="translate\(([\d.]+) ([\d.]+)\) scale\(([\d.]+)\)"><rect width="(\d+)" height="(\d+)" fill="#ffffff"\/><path transform="translate\((\d+) (\d+)\)" d="([^"]*)"/.exec(svg);
  if (match === null) throw new Error('no QR code group in the poster');
  const [x, y, scale, outer, outerHeight, quietX, quietY] = match.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
  return { x, y, scale, outer, outerHeight, quietX, quietY, path: match[8] ?? '' };
}

/** Paints a module matrix with its quiet zone, 4 px a module, as RGBA for jsQR. */
function raster(matrix: boolean[][], quiet: number): { data: Uint8ClampedArray; width: number } {
  const px = 4;
  const width = (matrix.length + 2 * quiet) * px;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  matrix.forEach((row, r) => row.forEach((dark, c) => {
    if (!dark) return;
    for (let dy = 0; dy < px; dy++) {
      for (let dx = 0; dx < px; dx++) {
        const i = (((r + quiet) * px + dy) * width + (c + quiet) * px + dx) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }));
  return { data, width };
}

describe('the QR poster', () => {
  it('puts a large, centred QR code of the URL on the page, with a quiet zone of four modules, and it scans', () => {
    const svg = renderPosterSvg({ site: { name: '示范区人民医院', nameEn: 'Demo Hospital' }, department: { name: '门诊药房', nameEn: 'Outpatient Pharmacy' }, url: URL });
    const { modules } = QRCode.create(URL, { errorCorrectionLevel: 'M' });
    const qr = drawnQr(svg);
    expect(qr.quietX).toBe(4);
    expect(qr.quietY).toBe(4);
    expect(qr.outer).toBe(modules.size + 8);
    expect(qr.outerHeight).toBe(qr.outer);
    const sideMm = qr.outer * qr.scale;
    expect(sideMm).toBeGreaterThanOrEqual(90);
    expect(qr.x + sideMm / 2).toBeCloseTo(A5.widthMm / 2, 6);
    expect(qr.y + sideMm).toBeLessThan(A5.heightMm - 20);

    const drawn = matrixFromPath(qr.path, modules.size);
    const expected = Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, column) => Boolean(modules.get(row, column))));
    expect(drawn).toEqual(expected);
    const { data, width } = raster(drawn, qr.quietX);
    // jsqr is CommonJS with a `default` export: under NodeNext its function is `.default`.
    expect(jsqr.default(data, width, width)?.data).toBe(URL);
  });

  it('draws exactly the QR code of the URL', () => {
    const { modules } = QRCode.create(URL, { errorCorrectionLevel: 'M' });
    const expected = Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, column) => Boolean(modules.get(row, column))));
    expect(matrixFromPath(modulesPath(modules), modules.size)).toEqual(expected);
  });

  it('is an A5 page with both names, the instructions and the URL, escaped for XML', () => {
    const svg = renderPosterSvg({ site: { name: '示范区人民医院', nameEn: 'Demo Hospital' }, department: { name: '急诊科', nameEn: 'A & <B> "Emergency"' }, url: URL });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="148mm" height="210mm" viewBox="0 0 148 210">/);
    for (const text of ['示范区人民医院', '急诊科', 'A &amp; &lt;B&gt; &quot;Emergency&quot;', '扫码评价本次就诊', 'Scan to rate your visit', URL]) expect(svg).toContain(text);
    expect(svg).not.toContain('<B>');
  });

  it('shrinks a long name to fit the page instead of running off it', () => {
    const long = '呼吸与危重症医学科暨睡眠呼吸障碍诊疗中心病区';
    const svg = renderPosterSvg({ site: { name: 'H', nameEn: 'H' }, department: { name: long, nameEn: 'R' }, url: URL });
    const size = Number(new RegExp(`font-size="([\\d.]+)"[^>]*>${long}<`).exec(svg)?.[1]);
    expect(size).toBeLessThan(12);
    expect(size * [...long].length).toBeLessThanOrEqual(128);
  });
});
