import { existsSync, readFileSync } from 'node:fs';

// Data a function reads from a file, not code: the poster renderer's WebAssembly and fonts, the national
// holiday schedule. Each sits beside the Lambda bundle under `file` (infra/bundling.ts copies it there for
// every bundle that names it) and, in the repository, where npm installed it (`source`, under
// node_modules), which tsx, vitest and `npm start` read.

export interface ShippedFile {
  /** The name beside the bundle. */
  readonly file: string;
  /** The installed package's file, relative to node_modules. */
  readonly source: string;
}

/** A shipped file's bytes, beside the bundle or else where npm installed it; a missing one is named. */
export function readShippedFile(shipped: ShippedFile): Buffer {
  const places = [new URL(shipped.file, import.meta.url), new URL(`../../node_modules/${shipped.source}`, import.meta.url)];
  const found = places.find((place) => existsSync(place));
  if (found === undefined) throw new Error(`${shipped.file} is neither beside the bundle nor installed (${shipped.source})`);
  return readFileSync(found);
}
