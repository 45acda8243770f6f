// qrcode's encoder alone. The package's main module also loads its PNG, terminal and canvas renderers
// (and pngjs): about 35 KB the poster function never runs, since the poster draws the matrix itself and
// resvg makes the PNG. The encoder is the module the main one re-exports `create` from.
declare module 'qrcode/lib/core/qrcode.js' {
  export { create } from 'qrcode';
}
