import { create as encodeQr } from 'qrcode/lib/core/qrcode.js';
import type { Department, Site } from '../schemas/site.ts';
import { escapeMarkup } from '../web/markup.ts';
import { POSTER_FONT_FAMILY } from './poster-assets.ts';

// The printable A5 poster a department puts up: hospital, department (Chinese large, English below),
// what to do, a large QR code and the URL for anyone who cannot scan. Pure SVG in millimetres, so
// it prints at any resolution; shared/sites/poster-files.ts turns it into PNG and PDF.

export const A5 = { widthMm: 148, heightMm: 210 } as const;

/** QR modules of the quiet zone around the code (the standard asks for four). */
const QUIET_ZONE = 4;
const QR_SIZE_MM = 100;
// The shipped font first (the PNG and PDF are drawn with it alone); the others for the SVG opened elsewhere.
const FONT = `'${POSTER_FONT_FAMILY}','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif`;

export interface ModuleMatrix {
  readonly size: number;
  get(row: number, column: number): number | boolean;
}


/** One path for the dark modules, one rectangle per horizontal run, in module units. */
export function modulesPath(modules: ModuleMatrix): string {
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      parts.push(`M${start} ${row}h${column - start}v1h-${column - start}z`);
    }
  }
  return parts.join('');
}

/** Roughly how wide a line of text sets: CJK characters are square, Latin ones about half as wide. */
function estimatedWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 1 : 0.56;
  return ems * fontSize;
}

/** The preferred size, shrunk until the line fits the poster's width. */
function fit(text: string, preferred: number, maxWidth = A5.widthMm - 20): number {
  const width = estimatedWidth(text, preferred);
  return width <= maxWidth ? preferred : Math.floor((preferred * maxWidth / width) * 10) / 10;
}

function line(text: string, y: number, size: number, options: { weight?: number; fill?: string; family?: string } = {}): string {
  return `<text x="${A5.widthMm / 2}" y="${y}" font-size="${fit(text, size)}" text-anchor="middle" font-family="${options.family ?? FONT}"${options.weight === undefined ? '' : ` font-weight="${options.weight}"`} fill="${options.fill ?? '#1d2733'}">${escapeMarkup(text)}</text>`;
}

/** What the poster asks people to do, in Chinese and English: rate the visit, or make a complaint (/c/{code}). */
export interface PosterWording {
  readonly call: string;
  readonly callEn: string;
  readonly note: string;
  readonly noteEn: string;
}

export const POSTER_WORDING = {
  survey: { call: '扫码评价本次就诊', callEn: 'Scan to rate your visit', note: '匿名填写 · 约 1 分钟 · 无需登录或下载', noteEn: 'Anonymous · about 1 minute · no app or login' },
  complaint: { call: '扫码投诉 · 反映问题', callEn: 'Scan to make a complaint', note: '可不留姓名 · 凭查询码查看进度 · 无需登录', noteEn: 'No name needed · follow it with a tracking code · no login' },
} as const satisfies Record<string, PosterWording>;

export interface PosterInput {
  readonly site: Pick<Site, 'name' | 'nameEn'>;
  readonly department: Pick<Department, 'name' | 'nameEn'>;
  readonly url: string;
  /** The survey poster's words unless given. */
  readonly wording?: PosterWording;
}

export function renderPosterSvg({ site, department, url, wording = POSTER_WORDING.survey }: PosterInput): string {
  const qr = encodeQr(url, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size + 2 * QUIET_ZONE;
  const scale = QR_SIZE_MM / modules;
  const qrX = (A5.widthMm - QR_SIZE_MM) / 2;
  const qrY = 74;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${A5.widthMm}mm" height="${A5.heightMm}mm" viewBox="0 0 ${A5.widthMm} ${A5.heightMm}">
<rect width="${A5.widthMm}" height="${A5.heightMm}" fill="#ffffff"/>
<rect width="${A5.widthMm}" height="24" fill="#0b5cad"/>
${line(site.name, 12, 7, { weight: 700, fill: '#ffffff' })}
${line(site.nameEn, 19, 3.6, { fill: '#ffffff' })}
${line(department.name, 41, 12, { weight: 700 })}
${line(department.nameEn, 49.5, 5.2, { fill: '#4b5966' })}
${line(wording.call, 62, 7.5, { weight: 700, fill: '#0b5cad' })}
${line(wording.callEn, 69, 4.6, { fill: '#0b5cad' })}
<g transform="translate(${qrX} ${qrY}) scale(${scale})"><rect width="${modules}" height="${modules}" fill="#ffffff"/><path transform="translate(${QUIET_ZONE} ${QUIET_ZONE})" d="${modulesPath(qr.modules)}" fill="#000000" shape-rendering="crispEdges"/></g>
${line(wording.note, qrY + QR_SIZE_MM + 9, 5)}
${line(wording.noteEn, qrY + QR_SIZE_MM + 15, 3.8, { fill: '#4b5966' })}
${line(url, A5.heightMm - 8, 2.6, { family: 'monospace', fill: '#4b5966' })}
</svg>
`;
}
