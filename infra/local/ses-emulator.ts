import { Server } from 'node:http';
import { createRequire } from 'node:module';

// aws-ses-v2-local is CommonJS with an `exports.default`; Node and vitest's loader disagree on what an
// ESM default import of it is, so it is required, and checked, here.

const require = createRequire(import.meta.url);

type StartServer = (config: { host: string; port: number }) => Promise<unknown>;

function isStartServer(value: unknown): value is StartServer {
  return typeof value === 'function';
}

export async function startSesEmulator(host: string, port: number): Promise<Server> {
  const loaded: unknown = require('aws-ses-v2-local');
  const start = typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : undefined;
  if (!isStartServer(start)) throw new Error('aws-ses-v2-local has no server function');
  const server = await start({ host, port });
  if (!(server instanceof Server)) throw new Error('aws-ses-v2-local did not return an HTTP server');
  return server;
}
