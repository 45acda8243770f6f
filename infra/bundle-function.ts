import { bundleFolder, bundleFunction } from './bundling.ts';

// `tsx infra/bundle-function.ts <outRoot> <entry>...`: each function's bundle in its own folder under
// <outRoot> (`bundleFolder`), as the CDK asset's local bundling runs it (LocalEsbuild in
// constructs/feedback-function.ts). esbuild builds them side by side.

const [outRoot, ...entries] = process.argv.slice(2);
if (outRoot === undefined || entries.length === 0) throw new Error('usage: bundle-function.ts <output root> <entry in the repository>...');
const results = await Promise.allSettled(entries.map((entry) => bundleFunction(entry, bundleFolder(outRoot, entry))));
// Every build runs to its end, and each failure names its function (the CDK would name whichever asset asked first).
const failed = entries.flatMap((entry, i) => { const result = results[i]; return result?.status === 'rejected' ? [`${entry}: ${String(result.reason)}`] : []; });
if (failed.length > 0) throw new Error(`could not bundle ${failed.length} of ${entries.length} functions:\n${failed.join('\n')}`);
