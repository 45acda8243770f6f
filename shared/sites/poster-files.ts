import { existsSync } from 'node:fs';
import { A5 } from './qr-poster.ts';

// A department's poster (shared/sites/qr-poster.ts, SVG in millimetres) as the file a print shop takes:
// PNG at 300 dpi, or an A5 PDF holding that PNG. One path for `npm run qr` and the admin pages. The
// renderer (resvg, native code) and the PDF writer are imported only when a poster is asked for, so the
// functions that never make one do not load them.

export const POSTER_FORMATS = ['svg', 'png', 'pdf'] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];

export const POSTER_CONTENT_TYPES: Readonly<Record<PosterFormat, string>> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** 300 dpi on A5: sharp when a print shop enlarges it to A4. */
export const POSTER_DPI = 300;
const MM_PER_INCH = 25.4;
const POINTS_PER_INCH = 72;

/**
 * The CJK fonts the poster's words are set in: POSTER_FONT_FILES (colon-separated) where a deployment
 * ships its own, and the Noto CJK fonts Debian's fonts-noto-cjk installs (README, "Quick start").
 */
function fontFiles(): string[] {
  const configured = process.env.POSTER_FONT_FILES?.split(':').filter((path) => path !== '') ?? [];
  const debian = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'];
  return [...configured, ...debian].filter((path) => existsSync(path));
}

async function posterPng(svg: string): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const files = fontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round((A5.widthMm / MM_PER_INCH) * POSTER_DPI) },
    background: '#ffffff',
    font: { fontFiles: files, loadSystemFonts: files.length === 0, defaultFontFamily: 'Noto Sans CJK SC' },
  });
  return Buffer.from(resvg.render().asPng());
}

async function posterPdf(svg: string, title: string): Promise<Buffer> {
  const png = await posterPng(svg);
  const { PDFDocument } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreator('patient-feedback');
  // Fixed dates keep the same poster the same bytes.
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const width = (A5.widthMm / MM_PER_INCH) * POINTS_PER_INCH;
  const height = (A5.heightMm / MM_PER_INCH) * POINTS_PER_INCH;
  const page = pdf.addPage([width, height]);
  page.drawImage(await pdf.embedPng(png), { x: 0, y: 0, width, height });
  return Buffer.from(await pdf.save());
}

/** The poster's bytes in one format; `title` names the PDF (the department and what the poster asks). */
export async function posterFile(svg: string, format: PosterFormat, title: string): Promise<Buffer> {
  switch (format) {
    case 'svg':
      return Buffer.from(svg, 'utf8');
    case 'png':
      return posterPng(svg);
    case 'pdf':
      return posterPdf(svg, title);
  }
}
