import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { freePort } from '../../infra/local/ports.ts';
import { dayIn } from '../../shared/platform/time.ts';
import { eventually, postJson } from '../support/local-stack.ts';

// `npm start` as a user runs it: a child process that prints its URLs, keeps data across a restart and
// stops cleanly on Ctrl-C; `npm run metrics` reads the figures from it.

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const localDir = mkdtempSync(join(tmpdir(), 'feedback-local-'));
const run = promisify(execFile);
const childEnv = { ...process.env, PATIENT_FEEDBACK_LOCAL_DIR: localDir, POWERTOOLS_LOG_LEVEL: 'ERROR' };

afterAll(() => rmSync(localDir, { recursive: true, force: true }));

interface Running {
  readonly child: ChildProcess;
  readonly surveyUrl: string;
  readonly baseUrl: string;
  readonly startSeconds: number;
}

async function start(port: number): Promise<Running> {
  const child = spawn(TSX, ['infra/local/start.ts'], { cwd: ROOT, env: { ...childEnv, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  // A first start writes two months of demo history: about 20 s alone, over 60 s beside another heavy test
  // file on a 2-core machine. How long it takes is the bench's business, not this test's.
  const ready = await eventually('npm start ready', () => Promise.resolve(output.includes('Press Ctrl-C') ? output : undefined), 150_000);
  const surveyUrl = /A survey page\s+(\S+)/.exec(ready)?.[1] ?? '';
  const startSeconds = Number(/started in ([\d.]+) s/.exec(ready)?.[1]);
  return { child, surveyUrl, baseUrl: `http://127.0.0.1:${port}`, startSeconds };
}

async function stop(running: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  running.child.kill('SIGINT');
  return exited;
}

/** localDir and everything under it, with its permission bits. */
function modes(): { path: string; mode: string; directory: boolean }[] {
  const entries = readdirSync(localDir, { withFileTypes: true, recursive: true }).map((entry) => join(entry.parentPath, entry.name));
  return [localDir, ...entries].map((path) => {
    const stat = statSync(path);
    return { path, mode: (stat.mode & 0o777).toString(8), directory: stat.isDirectory() };
  });
}

const notOwnerOnly = () => modes().filter(({ mode, directory }) => mode !== (directory ? '700' : '600'));

const MetricsSchema = z.object({
  surveys: z.object({ n: z.number(), counts: z.object({ very_good: z.number() }), tooFewResponses: z.boolean(), positiveRate: z.number().nullable() }),
});

async function metrics(args: string[]) {
  return run(TSX, ['infra/cli/metrics.ts', ...args], { cwd: ROOT, env: childEnv });
}

describe('npm start', () => {
  it('starts, takes a survey, reports it, stops on Ctrl-C and keeps it across a restart', { timeout: 360_000 }, async () => {
    const port = await freePort();
    const first = await start(port);
    expect(first.surveyUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/s/`));
    expect(first.startSeconds).toBeGreaterThan(0);
    expect((await fetch(`${first.baseUrl}/v1/health`)).status).toBe(200);

    const code = first.surveyUrl.slice(first.surveyUrl.lastIndexOf('/') + 1);
    const accepted = await postJson(`${first.baseUrl}/v1/surveys`, { submissionId: randomUUID(), code, overall: 'very_good', waitMinutes: 5, locale: 'zh-CN' });
    expect(accepted.status).toBe(202);

    const day = dayIn('Asia/Shanghai', new Date());
    const args = ['--site', 'demo', '--department', 'registration-billing', '--from', day, '--to', day, '--json'];
    const report = await eventually('survey in the figures', async () => {
      const parsed = MetricsSchema.parse(JSON.parse((await metrics(args)).stdout));
      return parsed.surveys.n === 1 ? parsed : undefined;
    });
    expect(report.surveys.counts.very_good).toBe(1);
    expect(report.surveys.tooFewResponses).toBe(true);
    expect(report.surveys.positiveRate).toBeNull();

    expect(modes().map(({ path }) => path)).toEqual(expect.arrayContaining([join(localDir, 'signing-key'), join(localDir, 'dynamodb', 'shared-local-instance.db')]));
    expect(notOwnerOnly()).toEqual([]);

    expect(await stop(first)).toBe(0);
    expect(existsSync(join(localDir, 'runtime.json'))).toBe(false);
    // As an older version left them: readable by everyone. The next start makes them owner-only again.
    for (const { path, directory } of modes()) chmodSync(path, directory ? 0o755 : 0o644);

    const second = await start(port);
    try {
      expect(notOwnerOnly()).toEqual([]);
      expect(second.surveyUrl).toBe(first.surveyUrl);
      expect((await fetch(second.surveyUrl)).status).toBe(200);
      const again = MetricsSchema.parse(JSON.parse((await metrics(args)).stdout));
      expect(again.surveys.n).toBe(1);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  });

  it('explains bad metrics arguments and a stack that is not running', async () => {
    await expect(metrics(['--site', 'demo', '--from', '2026-02-30', '--to', '2026-03-01'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--from must be a date') as unknown });
    await expect(metrics(['--site', 'demo', '--from', '2026-01-01', '--to', '2026-01-31'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('npm start') as unknown });
  });
});
