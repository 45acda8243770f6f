import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './local-stack.ts';

// `npm start` as a child process in its own process group, so a test can SIGKILL the whole stack (tsx,
// the node process under it and DynamoDB Local's JVM) the way a crash or `kill -9` of the group would.

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface LocalProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly surveyUrl: string;
  readonly output: () => string;
  readonly exited: Promise<void>;
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export async function startLocalProcess(port: number, env: Record<string, string | undefined>): Promise<LocalProcess> {
  const child = spawn(TSX, ['infra/local/start.ts'], { cwd: ROOT, env: { ...process.env, PATIENT_FEEDBACK_DEMO_DAYS: '0', PATIENT_FEEDBACK_DEMO_CALLBACKS: '0', PATIENT_FEEDBACK_DEMO_CASES: '0', ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const ready = await eventually('npm start ready', () => {
    if (!alive(child)) throw new Error(`npm start exited (${child.exitCode ?? child.signalCode}): ${output}`);
    return Promise.resolve(output.includes('Press Ctrl-C') ? output : undefined);
  }, 60_000).catch((error: unknown) => {
    if (child.pid !== undefined && alive(child)) process.kill(-child.pid, 'SIGKILL');
    throw error;
  });
  const surveyUrl = /A survey page\s+(\S+)/.exec(ready)?.[1] ?? '';
  return { child, baseUrl: `http://127.0.0.1:${port}`, surveyUrl, output: () => output, exited };
}

const killed = new WeakSet<LocalProcess>();

/** SIGKILL to every process of the stack at once (the group may outlive tsx): nothing gets to save anything. Once per stack. */
export async function killLocalProcess(running: LocalProcess): Promise<void> {
  if (!killed.has(running) && running.child.pid !== undefined) {
    killed.add(running);
    try {
      process.kill(-running.child.pid, 'SIGKILL');
    } catch {
      // Every process of the group has exited already.
    }
  }
  await running.exited;
}
