import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { signingKey } from '../../shared/aws/secrets.ts';
import { sendMessage } from '../../shared/aws/sqs.ts';
import { acceptPatientComplaint } from '../../shared/complaints/intake.ts';
import { numberEnv, requireEnv } from '../../shared/config.ts';
import { httpFunction, json } from '../../shared/http/middleware.ts';
import { bodyFormat, formToObject, parseJson, PUBLIC_BODY_LIMIT_BYTES, rawBody, sourceIp } from '../../shared/http/request.ts';
import { env } from '../../shared/resource-env.ts';

const table = requireEnv(env.tableName);
const queueUrl = requireEnv(env.intakeQueueUrl);
const rateLimitPerMinute = numberEnv(env.rateLimitPerMinute, 20);

async function accept(body: unknown, event: APIGatewayProxyEventV2) {
  return acceptPatientComplaint(body, {
    table,
    key: await signingKey(),
    sourceIp: sourceIp(event),
    rateLimitPerMinute,
    enqueue: (message) => sendMessage(queueUrl, message),
  });
}

/** POST /v1/complaints: a patient's or family's complaint, checked and queued; 202 with the tracking code. */
export const handler = httpFunction(async (event) => {
  const body = rawBody(event, PUBLIC_BODY_LIMIT_BYTES);
  const fields = bodyFormat(event) === 'json' ? parseJson(body) : formToObject(body, new Set());
  return json(202, await accept(fields, event));
});
