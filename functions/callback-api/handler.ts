import { acceptDischarges } from '../../shared/callbacks/discharges.ts';
import { acceptCallback, noSuchCall } from '../../shared/callbacks/record.ts';
import { requireAction } from '../../shared/auth/policy.ts';
import { callView, worklist, WorklistQuerySchema } from '../../shared/callbacks/worklist.ts';
import { intakeSender } from '../../shared/aws/sqs.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { json } from '../../shared/http/middleware.ts';
import { unsupportedMediaType, validationFailed } from '../../shared/http/problem.ts';
import { bodyFormat, parseJson, PUBLIC_BODY_LIMIT_BYTES, rawBody } from '../../shared/http/request.ts';
import { staffFunction } from '../../shared/http/staff.ts';
import { env } from '../../shared/platform/resource-env.ts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const table = requireEnv(env.tableName);
const enqueue = intakeSender();

/** 500 discharges with Chinese names, ASCII-escaped by a careful client, fit well within this. */
const DISCHARGE_BODY_LIMIT_BYTES = 256 * 1024;

function jsonBody(event: APIGatewayProxyEventV2, limit: number): unknown {
  if (bodyFormat(event) !== 'json') throw unsupportedMediaType('application/x-www-form-urlencoded');
  return parseJson(rawBody(event, limit));
}

/** POST /v1/discharges, POST /v1/callbacks (the HIS, the call centre, staff) and GET /v1/admin/callbacks. */
export const handler = staffFunction(async (event, identity) => {
  switch (event.routeKey) {
    case 'POST /v1/discharges':
      return json(202, await acceptDischarges(() => jsonBody(event, DISCHARGE_BODY_LIMIT_BYTES), identity, { table, enqueue }));
    case 'POST /v1/callbacks':
      return json(202, await acceptCallback(() => jsonBody(event, PUBLIC_BODY_LIMIT_BYTES), identity, { table, enqueue }));
    case 'GET /v1/admin/callbacks': {
      requireAction(identity, 'callbacks:read');
      const parsed = WorklistQuerySchema.safeParse(event.queryStringParameters ?? {});
      if (!parsed.success) throw validationFailed(parsed.error);
      const page = await worklist(table, identity, parsed.data);
      return json(200, { items: page.items.map(callView), ...(page.cursor === undefined ? {} : { cursor: page.cursor }) }, { 'cache-control': 'no-store' });
    }
    default:
      throw noSuchCall();
  }
});
