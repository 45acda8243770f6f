import { deflateSync } from 'node:zlib';
import type { Resvg } from '@resvg/resvg-wasm';
import { readShippedFile } from '../platform/shipped-files.ts';
import { POSTER_FONT_FAMILY, POSTER_FONTS, RESVG_WASM } from './poster-assets.ts';
import type { PosterFormat } from './poster-formats.ts';
import { A5 } from './qr-poster.ts';

// A department's poster (shared/sites/qr-poster.ts, SVG in millimetres) as the file a print shop takes:
// PNG at 300 dpi, or an A5 PDF holding that image. One path for `npm run qr` and the admin pages, here and
// in Lambda: resvg compiled to WebAssembly with the shipped font (shared/sites/poster-assets.ts), loaded
// only when a poster is asked for, so the functions that never make one do not load it. The PDF is written
// here (one page, one image: a PDF library would triple the admin pages' bundle for that).

/** 300 dpi on A5: sharp when a print shop enlarges it to A4. */
export const POSTER_DPI = 300;
const MM_PER_INCH = 25.4;
const POINTS_PER_INCH = 72;

interface Renderer {
  readonly Resvg: typeof Resvg;
  readonly fonts: readonly Uint8Array[];
}

/** resvg's WebAssembly can be started once per process: started on the first poster, then kept with the fonts. */
let renderer: Promise<Renderer> | undefined;

function posterRenderer(): Promise<Renderer> {
  renderer ??= (async () => {
    const resvg = await import('@resvg/resvg-wasm');
    await resvg.initWasm(readShippedFile(RESVG_WASM));
    return { Resvg: resvg.Resvg, fonts: POSTER_FONTS.map((font) => readShippedFile(font)) };
  })().catch((error: unknown) => {
    renderer = undefined;
    throw error;
  });
  return renderer;
}

type RenderedImage = ReturnType<InstanceType<typeof Resvg>['render']>;

interface Raster {
  /** Row-major RGBA, 8 bits a channel. */
  readonly rgba: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Draws the poster and hands the image to `take`, which copies out what it needs before the image is freed. */
async function rasterize<T>(svg: string, take: (image: RenderedImage) => T): Promise<T> {
  const { Resvg, fonts } = await posterRenderer();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round((A5.widthMm / MM_PER_INCH) * POSTER_DPI) },
    background: '#ffffff',
    // Only the shipped font, for every family the SVG names (the URL's monospace too).
    font: { fontBuffers: [...fonts], loadSystemFonts: false, defaultFontFamily: POSTER_FONT_FAMILY, sansSerifFamily: POSTER_FONT_FAMILY, monospaceFamily: POSTER_FONT_FAMILY },
  });
  // WebAssembly memory is not collected with the JavaScript objects: both are freed once `take` is done.
  try {
    const image = resvg.render();
    try {
      return take(image);
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** A PDF text string: UTF-16BE with its byte-order mark, in hex, so any title survives. */
const pdfText = (text: string) => `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

/** One A5 page filled by the image (its background is opaque white, so the alpha channel is dropped). */
function imagePdf(raster: Raster, title: string): Buffer {
  const rgb = Buffer.alloc(raster.width * raster.height * 3);
  for (let pixel = 0, from = 0, to = 0; pixel < raster.width * raster.height; pixel++, from += 4, to += 3) {
    rgb[to] = raster.rgba[from] ?? 255;
    rgb[to + 1] = raster.rgba[from + 1] ?? 255;
    rgb[to + 2] = raster.rgba[from + 2] ?? 255;
  }
  const image = deflateSync(rgb);
  const width = ((A5.widthMm / MM_PER_INCH) * POINTS_PER_INCH).toFixed(2);
  const height = ((A5.heightMm / MM_PER_INCH) * POINTS_PER_INCH).toFixed(2);
  const content = `q ${width} 0 0 ${height} 0 0 cm /Im0 Do Q`;
  const objects: (string | Buffer)[][] = [
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`],
    [`<< /Type /XObject /Subtype /Image /Width ${raster.width} /Height ${raster.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${image.length} >>\nstream\n`, image, '\nendstream'],
    [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`],
    [`<< /Title ${pdfText(title)} /Producer (patient-feedback) >>`],
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((pieces, index) => {
    offsets.push(offset);
    for (const piece of [`${index + 1} 0 obj\n`, ...pieces, '\nendobj\n']) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece;
      parts.push(bytes);
      offset += bytes.length;
    }
  });
  // Each cross-reference entry is exactly 20 bytes.
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** The poster's bytes in one format; `title` names the PDF (the department and what the poster asks). */
export async function posterFile(svg: string, format: PosterFormat, title: string): Promise<Buffer> {
  switch (format) {
    case 'svg':
      return Buffer.from(svg, 'utf8');
    case 'png':
      return rasterize(svg, (image) => Buffer.from(image.asPng()));
    case 'pdf':
      return imagePdf(await rasterize(svg, (image): Raster => ({ rgba: image.pixels, width: image.width, height: image.height })), title);
  }
}
