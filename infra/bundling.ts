import { copyFile, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { LEXICON_FILE_NAME } from '../shared/classify/lexicon/lexicon-file.ts';
import { MODEL_FILE_NAME } from '../shared/classify/model/model-file.ts';
import { POSTER_FONTS, RESVG_WASM } from '../shared/sites/poster-assets.ts';
import { NATIONAL_SCHEDULE } from '../shared/sites/national-schedule.ts';
import * as z from '../shared/schemas/zod.ts';

// One set of esbuild settings for the Lambda bundles: the CDK stack bundles with them, and the bench
// builds the same bundles to measure their size and cold import time, so the two cannot drift.

/** The repository's root: bundle entries and shipped data are paths in it. */
export const ROOT = join(import.meta.dirname, '..');

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
  // A browser's user-agent parser, behind an `import()` in a function of @aws-sdk/core no Node client
  // calls: tree-shaken before chunks were split, but a split bundle gives every `import()` target a chunk.
  'bowser',
];

/** The complaint classifier's weights, relative to the repository root. */
export const MODEL_SOURCE = join('shared', 'classify', 'model', MODEL_FILE_NAME);

/** The classifier's lexicon as the functions read it, relative to the repository root. */
export const LEXICON_SOURCE = join('shared', 'classify', 'lexicon', LEXICON_FILE_NAME);

/**
 * Data a bundle reads from beside itself, not code: the classifier's weights and lexicon, the national holiday
 * schedule (shared/sites/national-schedule.ts), and the poster renderer's WebAssembly and Chinese font
 * (shared/sites/poster-assets.ts; both read by shared/platform/shipped-files.ts). `file` is its name
 * beside the bundle, `source` where it is in the repository.
 */
export const SHIPPED_DATA: readonly { readonly file: string; readonly source: string }[] = [
  { file: MODEL_FILE_NAME, source: MODEL_SOURCE },
  { file: LEXICON_FILE_NAME, source: LEXICON_SOURCE },
  ...[NATIONAL_SCHEDULE, RESVG_WASM, ...POSTER_FONTS].map(({ file, source }) => ({ file, source: join('node_modules', source) })),
];

/**
 * The SDK clients' schema files name each trait through a constant used as a computed key
 * (`{ [_e]: _c, [_hE]: 400 }`). esbuild must assume a computed key may run code, so it keeps every
 * schema of every operation the client has: SESv2's 47 KB, where SendEmail needs 2. This rewrites those keys
 * as the literal strings the constants hold, which is the SDK generator's own fix (smithy-typescript
 * #1889, for aws-sdk-js-v3 #7607, both open), so esbuild drops what no command names. A key whose constant
 * is not a plain string is left as it is.
 */
export const sdkSchemaLiteralKeys: Plugin = {
  name: 'sdk-schema-literal-keys',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/][^\\/]+\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const strings = new Map<string, string>();
      for (const [, name, literal] of source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)) {
        // A literal `__proto__` key sets the prototype, where the computed one makes a property.
        if (name && literal && literal !== '"__proto__"') strings.set(name, literal);
      }
      // Only a key that opens or follows a property in an object literal (`{ [_e]:`, `, [_hE]:`).
      const contents = source.replace(/([{,]\s*)\[(_\w+)\]:/g, (key: string, before: string, name: string) => {
        const literal = strings.get(name);
        return literal === undefined ? key : `${before}${literal}:`;
      });
      return { contents, loader: 'js' };
    });
  },
};

const PackageVersionSchema = z.object({ version: z.string() });

/**
 * Each SDK client imports its own package.json whole (`import packageInfo from "../package.json"`) to put
 * `packageInfo.version` in the user agent, its one use of the file; a default import of JSON keeps every
 * field (the dependency lists, scripts, the description): about 2 KB per client in every bundle. This
 * hands esbuild the version alone.
 */
export const sdkClientVersionOnly: Plugin = {
  name: 'sdk-client-version-only',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]package\.json$/ }, async ({ path }) => {
      const { version } = PackageVersionSchema.parse(JSON.parse(await readFile(path, 'utf8')));
      return { contents: JSON.stringify({ version }), loader: 'json' };
    });
  },
};

/** Packages whose modules only define (classes, functions) but do not say so in their package.json. */
const SIDE_EFFECT_FREE_PACKAGES = ['@aws-sdk/lib-dynamodb'];

/**
 * `@aws-sdk/lib-dynamodb` declares no `sideEffects`, so esbuild keeps every module of it that any module of
 * ours imports, even for a function that never sends a DynamoDB command: with it the DynamoDB client and
 * the SDK core it extends (about 170 KB, in the OpenAPI function, which reads no table, through a schema
 * it shares with the storage modules). Its modules only define the document client and its commands, so
 * they are marked side-effect free here, as `@aws-sdk/client-dynamodb` marks its own; what a function
 * uses is kept as before (test/unit/aws/sdk-schemas.test.ts sends the same calls from a bundle).
 */
export const sideEffectFreePackages: Plugin = {
  name: 'side-effect-free-packages',
  setup(builder) {
    const inPackage = (path: string) => SIDE_EFFECT_FREE_PACKAGES.some((name) => path.includes(`/node_modules/${name}/`));
    builder.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === sideEffectFreePackages) return undefined;
      const named = SIDE_EFFECT_FREE_PACKAGES.some((name) => args.path === name || args.path.startsWith(`${name}/`));
      if (!named && !inPackage(args.importer)) return undefined;
      const resolved = await builder.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: sideEffectFreePackages });
      if (resolved.errors.length > 0 || !inPackage(resolved.path)) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};

/** The file a function's handler is in, inside its bundle's folder: the Lambda handler `index.handler`. */
const BUNDLE_ENTRY = 'index.mjs';

/**
 * The same bundle as the CDK builds, for one entry, written to `outdir`: `index.mjs`, and beside it one
 * chunk per `import()` target (and chunks for the code they share with the rest). A function then
 * parses at cold start only what its common requests run; a rare path (mails after a change, the
 * classifier behind one button, a CSV upload, QR codes and posters) loads its chunk when first taken.
 * Chunks stay beside the entry, not in a subfolder, because shipped data is found beside the module that
 * reads it (`new URL(file, import.meta.url)`).
 */
function esbuildOptionsFor(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [entry],
    outdir,
    entryNames: 'index',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_NODE_TARGET,
    minify: true,
    sourcemap: false,
    banner: { js: ESM_REQUIRE_BANNER },
    mainFields: MAIN_FIELDS,
    external: NEVER_RUN_MODULES,
    plugins: [sdkSchemaLiteralKeys, sideEffectFreePackages, sdkClientVersionOnly],
    logLevel: 'warning',
  };
}

/**
 * The outputs (metafile paths) loaded with `start`, by default the entry: it, then every chunk it reaches
 * by static imports. From the entry that is what a cold start loads; from a chunk behind an `import()`,
 * what that import loads (some of it may be loaded already).
 */
export function loadedAtImport(metafile: Metafile, start?: string): Set<string> {
  const { outputs } = metafile;
  const from = start ?? Object.keys(outputs).find((path) => basename(path) === BUNDLE_ENTRY);
  const loaded = new Set<string>();
  const next = from === undefined ? [] : [from];
  for (let path = next.pop(); path !== undefined; path = next.pop()) {
    if (loaded.has(path)) continue;
    loaded.add(path);
    for (const imported of outputs[path]?.imports ?? []) if (imported.kind === 'import-statement' && imported.path in outputs) next.push(imported.path);
  }
  return loaded;
}

/** Where `infra/bundle-function.ts` writes the bundle of `entry` (a path in the repository) under `outRoot`. */
export const bundleFolder = (outRoot: string, entry: string): string => join(outRoot, encodeURIComponent(entry));

/** A function's bundle: its entry file, every JavaScript file written (the entry and its chunks), and esbuild's metafile. */
export interface FunctionBundle {
  readonly file: string;
  readonly files: readonly string[];
  readonly metafile: Metafile;
}

/**
 * `entry` (a path in the repository) bundled into `outDir` (`index.mjs` and its chunks), with the data it
 * names shipped beside it. The bundle names each file (`new URL('complaint-model.json', import.meta.url)`,
 * which esbuild leaves as it is) only when it uses it, so only those functions carry it (the classifying
 * ones the weights, the six that count working days the holiday schedule, the admin pages the poster's
 * 24 MB); the others stay small. The CDK (through `infra/bundle-function.ts`; this module imports nothing
 * of the CDK, so that child process starts quickly), the bench and the tests all bundle through here.
 */
export async function bundleFunction(entry: string, outDir: string): Promise<FunctionBundle> {
  const { metafile } = await build({ ...esbuildOptionsFor(join(ROOT, entry), outDir), metafile: true });
  const files = Object.keys(metafile.outputs).map((output) => resolve(output));
  const code = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
  await Promise.all(SHIPPED_DATA.filter(({ file: name }) => code.includes(name))
    .map(({ file: name, source }) => copyFile(join(ROOT, source), join(outDir, name))));
  return { file: join(outDir, BUNDLE_ENTRY), files, metafile };
}
