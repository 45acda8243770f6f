import type { ShippedFile } from '../platform/shipped-files.ts';

// The data the poster renderer reads (shared/sites/poster-files.ts): resvg's WebAssembly and the Chinese
// font the poster is set in. Files, not code (shared/platform/shipped-files.ts). Never a system font, so a
// poster looks the same everywhere and needs no font on the machine.

/** The family name inside the shipped font files, which the poster's SVG asks for first. */
export const POSTER_FONT_FAMILY = 'Noto Sans SC';

export const RESVG_WASM: ShippedFile = { file: 'resvg.wasm', source: '@resvg/resvg-wasm/index_bg.wasm' };

/** The two weights the poster uses (400 for text, 700 for the names and the call); OFL-licensed. */
export const POSTER_FONTS: readonly ShippedFile[] = [
  { file: 'NotoSansSC-Regular.ttf', source: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf' },
  { file: 'NotoSansSC-Bold.ttf', source: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf' },
];
