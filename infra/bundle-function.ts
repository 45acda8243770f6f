import { bundleFunction } from './bundling.ts';

// `tsx infra/bundle-function.ts <entry> <outDir>`: one function's bundle, as the CDK asset's local bundling
// runs it (LocalEsbuild in constructs/feedback-function.ts).

const [entry, outDir] = process.argv.slice(2);
if (entry === undefined || outDir === undefined) throw new Error('usage: bundle-function.ts <entry in the repository> <output folder>');
await bundleFunction(entry, outDir);
