import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { signingKey } from '../aws/secrets.ts';
import { sendMessage } from '../aws/sqs.ts';
import { numberEnv, requireEnv } from '../platform/config.ts';
import type { PublicIntakeContext } from './check-submission.ts';
import { env } from '../platform/resource-env.ts';
import type { IntakeMessage } from '../schemas/intake-message.ts';
import { sourceIp } from '../http/request.ts';

// What the public intake functions (surveys, patients' complaints) hand their domain function: the
// table, the code-signing key, the caller's address for the rate limit, and the queue. Read when the
// handler module loads, so a missing resource name fails the cold start, not the first patient.

const table = requireEnv(env.tableName);
const queueUrl = requireEnv(env.intakeQueueUrl);
const rateLimitPerMinute = numberEnv(env.rateLimitPerMinute, 20);

export interface QueueingIntakeContext extends PublicIntakeContext {
  readonly enqueue: (message: IntakeMessage) => Promise<unknown>;
}

export async function publicIntakeContext(event: APIGatewayProxyEventV2): Promise<QueueingIntakeContext> {
  return { table, key: await signingKey(), sourceIp: sourceIp(event), rateLimitPerMinute, enqueue: (message) => sendMessage(queueUrl, message) };
}
