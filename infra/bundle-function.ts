import { bundleFolder, bundleFunction } from './bundling.ts';

// `tsx infra/bundle-function.ts <outRoot> <entry>...`: each function's bundle in its own folder under
// <outRoot> (`bundleFolder`), as the CDK asset's local bundling runs it (LocalEsbuild in
// constructs/feedback-function.ts). esbuild builds them side by side.

const [outRoot, ...entries] = process.argv.slice(2);
if (outRoot === undefined || entries.length === 0) throw new Error('usage: bundle-function.ts <output root> <entry in the repository>...');
await Promise.all(entries.map((entry) => bundleFunction(entry, bundleFolder(outRoot, entry))));
