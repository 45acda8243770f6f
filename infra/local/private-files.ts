import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// What the local runtime keeps on disk (contact details, password hashes, the signing key) is readable by
// its owner only, whatever the umask: directories 0700, files 0600, and those left by an older version
// are fixed on start.

/** Creates `dir` if needed and makes it, and everything under it, its owner's only. */
export function keepPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    chmodSync(join(entry.parentPath, entry.name), entry.isDirectory() ? 0o700 : 0o600);
  }
}
