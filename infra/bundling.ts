import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

// One set of esbuild settings for the Lambda bundles: the CDK stack bundles with them, and the bench
// builds the same bundles to measure their size and cold import time, so the two cannot drift.

/** Lambda runs Node 24 on arm64; the AWS SDK is bundled (not taken from the runtime) so its version is the lockfile's. */
export const LAMBDA_NODE_TARGET = 'node24';

/** ESM bundles still meet CommonJS dependencies that call require(); give them one. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export const MAIN_FIELDS = ['module', 'main'];

/** The NodejsFunction bundling props (local esbuild, never Docker). */
export function cdkBundling(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: LAMBDA_NODE_TARGET,
    minify: true,
    sourceMap: false,
    banner: ESM_REQUIRE_BANNER,
    mainFields: MAIN_FIELDS,
    externalModules: [],
    forceDockerBundling: false,
  };
}

/** The same bundle as the CDK builds, for one entry, written to `outfile`. */
export function esbuildOptionsFor(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_NODE_TARGET,
    minify: true,
    sourcemap: false,
    banner: { js: ESM_REQUIRE_BANNER },
    mainFields: MAIN_FIELDS,
    logLevel: 'warning',
  };
}
