import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { modulesPath, renderPosterSvg } from '../../shared/qr-poster.ts';

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

describe('the QR poster', () => {
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
