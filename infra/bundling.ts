import { join } from 'node:path';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { MODEL_FILE_NAME } from '../shared/classify/model/model-file.ts';
import { POSTER_FONTS, RESVG_WASM } from '../shared/sites/poster-assets.ts';
import { NATIONAL_SCHEDULE } from '../shared/sites/national-schedule.ts';

// One set of esbuild settings for the Lambda bundles: the CDK stack bundles with them, and the bench
// builds the same bundles to measure their size and cold import time, so the two cannot drift.

/** Lambda runs Node 24 on arm64; the AWS SDK is bundled (not taken from the runtime) so its version is the lockfile's. */
export const LAMBDA_NODE_TARGET = 'node24';

/**
 * ESM bundles still meet CommonJS dependencies that call require(); give them one. The import is renamed
 * because esbuild does not see the banner: a module of ours importing `createRequire` itself would declare
 * it twice in an unminified bundle.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire as bannerCreateRequire } from 'module'; const require = bannerCreateRequire(import.meta.url);";

export const MAIN_FIELDS = ['module', 'main'];

/**
 * Left out of every bundle, though the SDK names them: code a function never runs in Lambda. The default
 * credential chain takes Lambda's credentials from the environment, its first link, and imports these
 * later links (profiles, SSO, web identity, the STS and SSO clients they call, container and instance
 * metadata) only when it gets that far; event streams are imported only by an operation that streams,
 * and none of ours does. Each is still in the Lambda runtime's own SDK, so reaching one by surprise
 * loads it rather than failing. Together they were about 130 KB of every bundle; the two metadata links
 * also kept esbuild from tree-shaking the parts of @smithy/core they share (a module reached by a
 * dynamic import is wrapped whole).
 */
export const NEVER_RUN_MODULES = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
  '@smithy/core/event-streams',
];

/** The complaint classifier's weights, relative to the repository root. */
export const MODEL_SOURCE = join('shared', 'classify', 'model', MODEL_FILE_NAME);

/**
 * Data a bundle reads from beside itself, not code: the classifier's weights, the national holiday
 * schedule (shared/sites/national-schedule.ts), and the poster renderer's WebAssembly and Chinese font
 * (shared/sites/poster-assets.ts; both read by shared/platform/shipped-files.ts). `file` is its name
 * beside the bundle, `source` where it is in the repository.
 */
export const SHIPPED_DATA: readonly { readonly file: string; readonly source: string }[] = [
  { file: MODEL_FILE_NAME, source: MODEL_SOURCE },
  ...[NATIONAL_SCHEDULE, RESVG_WASM, ...POSTER_FONTS].map(({ file, source }) => ({ file, source: join('node_modules', source) })),
];

/**
 * The shell command that ships the data beside a bundle that reads it. The bundle names each file
 * (`new URL('complaint-model.json', import.meta.url)`, which esbuild leaves as it is) only when it uses it,
 * so only those functions carry it (the classifying ones the weights, the six that count working days the
 * holiday schedule, the admin pages the poster's 24 MB); the others stay small. The CDK runs it after
 * bundling, and the bench and the tests run the same command on their own bundles
 * (test/support/lambda-bundle.ts).
 */
export function shipDataCommand(root: string, outDir: string, bundleFile = 'index.mjs'): string {
  const quote = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;
  return SHIPPED_DATA.map(({ file, source }) => `if grep -qF ${quote(file)} ${quote(join(outDir, bundleFile))}; then cp ${quote(join(root, source))} ${quote(join(outDir, file))}; fi`).join('; ');
}

/** The NodejsFunction bundling props (local esbuild, never Docker). */
export function cdkBundling(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: LAMBDA_NODE_TARGET,
    minify: true,
    sourceMap: false,
    banner: ESM_REQUIRE_BANNER,
    mainFields: MAIN_FIELDS,
    externalModules: NEVER_RUN_MODULES,
    forceDockerBundling: false,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir, outputDir) => [shipDataCommand(inputDir, outputDir)],
    },
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
    external: NEVER_RUN_MODULES,
    logLevel: 'warning',
  };
}
