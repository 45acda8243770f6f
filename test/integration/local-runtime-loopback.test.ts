import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.ts';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.ts';
import { codeOf, eventually, surveyBody } from '../support/local-stack.ts';

// The local runtime as the network sees it: every listener on loopback (none of the emulators has
// authentication), its files owner-only, and a gateway that answers bad requests like API Gateway.

const dataDir = mkdtempSync(join(tmpdir(), 'feedback-loopback-'));
let stack: LocalStack | undefined;
const whileStarting: { health?: { status: number; body: unknown }; survey?: { status: number; body: unknown } } = {};

beforeAll(async () => {
  const port = await freePort();
  const starting = startLocalStack({ port, dataDir, shortLived: true });
  // Not awaited yet: the gateway should already answer, and say what is still starting.
  try {
    const health = await eventually('a health answer while starting', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/v1/health`);
      return { status: response.status, body: await response.json() as unknown };
    });
    const survey = await fetch(`http://127.0.0.1:${port}/v1/surveys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    Object.assign(whileStarting, { health, survey: { status: survey.status, body: await survey.json() as unknown } });
  } finally {
    stack = await starting;
  }
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function running(): LocalStack {
  if (stack === undefined) throw new Error('the local stack is not running');
  return stack;
}

const portOf = (url: string) => Number(new URL(url).port);

/** This process and every process it started (DynamoDB Local's java among them). */
function processTree(): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(parent, [...(parents.get(parent) ?? []), Number(name)]);
  }
  const tree = [process.pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i] ?? -1) ?? []));
  return tree;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1] !== undefined) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** /proc/net/tcp's address: 32-bit words in host (little-endian) order, then the port. */
function decodeAddress(hex: string): { address: string; port: number } {
  const [host = '', port = '0'] = hex.split(':');
  const bytes = (host.match(/.{8}/g) ?? []).flatMap((word) => (word.match(/../g) ?? []).reverse().map((byte) => parseInt(byte, 16)));
  const address = bytes.length === 4
    ? bytes.join('.')
    : Array.from({ length: 8 }, (_, i) => (((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0)).toString(16)).join(':');
  return { address, port: parseInt(port, 16) };
}

/** Every TCP socket in LISTEN state, with the inode that ties it to a process. */
function listeningSockets(): { address: string; port: number; inode: string }[] {
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) => readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A')
    .map((fields) => ({ ...decodeAddress(fields[1] ?? ''), inode: fields[9] ?? '' })));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|0:0:0:0:0:0:0:1|0:0:0:0:0:ffff:7f[0-9a-f]{2}:[0-9a-f]+)$/;

interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: Buffer;
}

/** Sends the requests one after another through a keep-alive agent with one socket; returns each status and how many connections it took. */
async function onOneConnection(port: number, requests: readonly RawRequest[]): Promise<{ statuses: number[]; connections: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<Socket>();
  const statuses: number[] = [];
  try {
    for (const { method = 'GET', path, headers = {}, body } of requests) {
      statuses.push(await new Promise<number>((resolve, reject) => {
        const sent = request({ host: '127.0.0.1', port, agent, method, path, headers }, (response) => {
          response.resume();
          response.once('end', () => resolve(response.statusCode ?? 0));
        });
        sent.once('socket', (socket) => sockets.add(socket));
        sent.once('error', reject);
        sent.end(body);
      }));
    }
  } finally {
    agent.destroy();
  }
  return { statuses, connections: sockets.size };
}

describe('local runtime on the network', () => {
  it('answers health 503 naming what is still starting, and every other route 503, until it has started', async () => {
    expect(whileStarting.health?.status).toBe(503);
    expect(whileStarting.health?.body).toMatchObject({ status: 'starting', checks: { table: 'starting' }, missing: expect.arrayContaining(['table', 'pollers']) as unknown });
    expect(whileStarting.survey?.status).toBe(503);
    expect(whileStarting.survey?.body).toMatchObject({ status: 503, title: 'Service Unavailable' });

    const ready = await fetch(`${running().baseUrl}/v1/health`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok' });
  });

  it('listens on loopback only, every emulator and the gateway included', () => {
    const inodes = new Set(processTree().flatMap((pid) => [...socketInodes(pid)]));
    const ours = listeningSockets().filter((socket) => inodes.has(socket.inode));
    const { baseUrl, endpoints, issuer } = running();
    const ports = [baseUrl, endpoints.dynamodb, endpoints.sqs, endpoints.ses, issuer.url].map(portOf);
    expect(ours.map((socket) => socket.port)).toEqual(expect.arrayContaining(ports));
    expect(ours.filter((socket) => !LOOPBACK.test(socket.address))).toEqual([]);
  });

  it('keeps its data files readable by their owner only', () => {
    const entries = readdirSync(dataDir, { withFileTypes: true, recursive: true });
    expect(entries.map((entry) => entry.name)).toContain('shared-local-instance.db');
    const modes = [dataDir, ...entries.map((entry) => join(entry.parentPath, entry.name))].map((path) => [path, (statSync(path).mode & 0o777).toString(8)]);
    expect(modes.filter(([, mode]) => mode !== '700' && mode !== '600')).toEqual([]);
  });

  it('answers a malformed path 400 problem+json, never 500', async () => {
    for (const path of ['/s/%E0%A4%A', '/c/%', '/v1/surveys/%ZZ']) {
      const response = await fetch(`${running().baseUrl}${path}`);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    }
    const port = portOf(running().baseUrl);
    expect(await onOneConnection(port, [{ path: '/s/%E0%A4%A' }, { path: '*' }, { path: `http://127.0.0.1:${port}/v1/health` }, { path: '/v1/health' }]))
      .toEqual({ statuses: [400, 400, 200, 200], connections: 1 });
  });

  it('answers an oversized body 413 and keeps the connection usable for the next request', async () => {
    const code = codeOf(await running().surveyUrl('registration-billing'));
    const huge = Buffer.from(JSON.stringify(surveyBody(code, { comment: 'x'.repeat(11 * 1024 * 1024) })));
    const post = { method: 'POST', path: '/v1/surveys', headers: { 'content-type': 'application/json', 'content-length': huge.length }, body: huge };
    expect(await onOneConnection(portOf(running().baseUrl), [post, { path: '/v1/health' }, post, { path: '/v1/health' }]))
      .toEqual({ statuses: [413, 200, 413, 200], connections: 1 });
  });
});
