// The data the poster renderer reads (shared/sites/poster-files.ts): resvg's WebAssembly and the Chinese
// font the poster is set in. Files, not code: each sits beside the Lambda bundle under `file` (copied there
// by infra/bundling.ts) and, in the repository, where npm installed it (`source`, under node_modules).

/** The family name inside the shipped font files, which the poster's SVG asks for first. */
export const POSTER_FONT_FAMILY = 'Noto Sans SC';

export interface PosterAsset {
  /** The name beside the bundle. */
  readonly file: string;
  /** The installed package's file, relative to node_modules. */
  readonly source: string;
}

export const RESVG_WASM: PosterAsset = { file: 'resvg.wasm', source: '@resvg/resvg-wasm/index_bg.wasm' };

/** The two weights the poster uses (400 for text, 700 for the names and the call); OFL-licensed. */
export const POSTER_FONTS: readonly PosterAsset[] = [
  { file: 'NotoSansSC-Regular.ttf', source: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf' },
  { file: 'NotoSansSC-Bold.ttf', source: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf' },
];
