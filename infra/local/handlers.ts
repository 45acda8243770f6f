import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type FunctionName, functions } from '../topology.ts';

// Loads the same handler modules Lambda runs, and gives them a Lambda-shaped context.

export type Invoke = (event: unknown) => Promise<unknown>;

type HandlerFunction = (event: unknown, context: Context) => Promise<unknown>;

function hasHandler(module: unknown): module is { handler: HandlerFunction } {
  return typeof module === 'object' && module !== null && 'handler' in module && typeof module.handler === 'function';
}

function lambdaContext(name: FunctionName): Context {
  const spec = functions[name];
  const deadline = Date.now() + spec.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: String(spec.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const root = join(import.meta.dirname, '..', '..');

export async function loadHandler(name: FunctionName): Promise<Invoke> {
  const module: unknown = await import(pathToFileURL(join(root, functions[name].entry)).href);
  if (!hasHandler(module)) throw new Error(`${functions[name].entry} does not export a handler`);
  return (event) => module.handler(event, lambdaContext(name));
}
