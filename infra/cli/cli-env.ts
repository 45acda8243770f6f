import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as z from '../../shared/schemas/zod.ts';
import { env } from '../../shared/platform/resource-env.ts';

// Operator commands (`npm run qr`, `npm run metrics`) run against the deployed stack when its variables
// are set (TABLE_NAME, SIGNING_KEY_SECRET_ARN, PUBLIC_BASE_URL and AWS credentials), and otherwise
// against the local stack that `npm start` is running, which describes itself in .local/runtime.json.

/** Where `npm start` keeps its data, signing key and runtime description (PATIENT_FEEDBACK_LOCAL_DIR overrides). */
export const LOCAL_DIR = process.env.PATIENT_FEEDBACK_LOCAL_DIR ?? join(import.meta.dirname, '..', '..', '.local');
export const RUNTIME_FILE = join(LOCAL_DIR, 'runtime.json');

export const RuntimeFileSchema = z.object({
  pid: z.int(),
  baseUrl: z.string(),
  env: z.record(z.string(), z.string()),
});
export type RuntimeFile = z.infer<typeof RuntimeFileSchema>;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Points this process at the deployed or the running local stack; throws a clear message when neither is there. */
export function useCliEnvironment(): void {
  if (process.env[env.tableName] !== undefined) return;
  if (!existsSync(RUNTIME_FILE)) {
    throw new Error('No stack to talk to: start the local one with `npm start` (in another terminal), or set TABLE_NAME, SIGNING_KEY_SECRET_ARN and PUBLIC_BASE_URL for the deployed one.');
  }
  const runtime = RuntimeFileSchema.parse(JSON.parse(readFileSync(RUNTIME_FILE, 'utf8')));
  if (!isRunning(runtime.pid)) throw new Error('The local stack is not running: start it with `npm start` (in another terminal).');
  Object.assign(process.env, runtime.env);
}

/** Ends an operator command with a message on stderr: 2 for a usage error, 1 for a failure. */
export function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parsedOrUsage<R>(usage: string, parse: () => R): R {
  try {
    return parse();
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2);
  }
}

/**
 * An operator command's options, parsed strictly (node's parseArgs, strict by default): `--help` prints
 * the usage on stdout and ends the command (0); an option it does not know, or one without its value,
 * ends it with the reason and the usage on stderr (2). `--help` is every command's, so it is not listed.
 */
export function parseCommandLine<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const { tokens } = parsedOrUsage(usage, () => parseArgs({ args: config.args, allowPositionals: config.allowPositionals, options: { ...config.options, help: { type: 'boolean' } }, tokens: true }));
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return parsedOrUsage(usage, () => parseArgs(config));
}
