// The files a poster comes as (shared/sites/poster-files.ts makes them). Apart from the renderer so that
// the admin pages read a request's format without loading the QR encoder and the renderer's code.

export const POSTER_FORMATS = ['svg', 'png', 'pdf'] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];

export const POSTER_CONTENT_TYPES: Readonly<Record<PosterFormat, string>> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
};
