import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { signingKey } from '../aws/secrets.ts';
import { sendMessage } from '../aws/sqs.ts';
import { requireEnv } from '../platform/config.ts';
import type { PublicIntakeContext } from './check-submission.ts';
import { DEVICE_COOKIE } from './device.ts';
import { rateLimitsFromEnv } from './rate-limit-settings.ts';
import { env } from '../platform/resource-env.ts';
import type { IntakeMessage } from '../schemas/intake-message.ts';
import { cookie, sourceIp } from '../http/request.ts';

// What the public intake functions (surveys, patients' complaints) hand their domain function: the
// table, the code-signing key, the caller's address and device cookie for the rate limit, and the
// queue. Read when the handler module loads, so a missing resource name fails the cold start, not the
// first patient.

const table = requireEnv(env.tableName);
const queueUrl = requireEnv(env.intakeQueueUrl);
const rateLimits = rateLimitsFromEnv();

export interface QueueingIntakeContext extends PublicIntakeContext {
  readonly enqueue: (message: IntakeMessage) => Promise<unknown>;
}

export async function publicIntakeContext(event: APIGatewayProxyEventV2): Promise<QueueingIntakeContext> {
  return {
    table,
    key: await signingKey(),
    sourceIp: sourceIp(event),
    deviceCookie: cookie(event, DEVICE_COOKIE),
    rateLimits,
    enqueue: (message) => sendMessage(queueUrl, message),
  };
}
