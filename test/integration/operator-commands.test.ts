import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every operator command parses its options the one way (infra/cli/cli-env.ts, parseCommandLine):
// `--help` prints its usage and succeeds; an option it does not know fails with the reason and the usage
// (exit 2), before it looks for a stack, so no stack runs here.

const ROOT = join(import.meta.dirname, '..', '..');

const COMMANDS = readdirSync(join(ROOT, 'infra', 'cli')).filter((file) => file.endsWith('.ts') && file !== 'cli-env.ts').sort();

// `node --import tsx`: one process a run, not tsx's launcher and the Node it starts.
const run = (command: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join('infra', 'cli', command), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });

describe('the operator commands\' options', () => {
  it('covers every command', () => {
    expect(COMMANDS).toEqual(['classifier-export.ts', 'classifier-train.ts', 'demo.ts', 'digest.ts', 'discharges.ts', 'metrics.ts', 'qr.ts', 'rollups.ts', 'users.ts']);
  });

  it.each(COMMANDS)('%s: --help prints the usage and succeeds; an unknown option fails with the usage (2)', (command) => {
    const help = run(command, '--help');
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run /);
    expect(help.stderr).toBe('');

    const bad = run(command, '--no-such-option');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--no-such-option'");
    expect(bad.stderr).toContain('usage: npm run ');
    expect(bad.stdout).toBe('');

    // A string option with no value is a usage error too, where the command has one.
    const missing = run(command, command === 'demo.ts' ? '--days' : command === 'classifier-train.ts' ? '--out' : '--site');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('usage: npm run ');
  });
});
