import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { staffDirectory } from '../../shared/administration/directory.ts';
import { changeStaff, createStaff, listStaff } from '../../shared/administration/users.ts';
import { json } from '../../shared/http/middleware.ts';
import { unsupportedMediaType } from '../../shared/http/problem.ts';
import { bodyFormat, parseJson, PUBLIC_BODY_LIMIT_BYTES, rawBody } from '../../shared/http/request.ts';
import { staffFunction } from '../../shared/http/staff.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { NotFoundError } from '../../shared/platform/domain-errors.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const context = { table, directory: staffDirectory(table) };

function jsonBody(event: APIGatewayProxyEventV2): unknown {
  if (bodyFormat(event) !== 'json') throw unsupportedMediaType('application/x-www-form-urlencoded');
  return parseJson(rawBody(event, PUBLIC_BODY_LIMIT_BYTES));
}

/** GET and POST /v1/admin/users, PATCH /v1/admin/users/{username}: staff accounts, for the admin. */
export const handler = staffFunction(async (event, identity) => {
  switch (event.routeKey) {
    case 'GET /v1/admin/users':
      return json(200, { items: await listStaff(context, identity, event.queryStringParameters?.site) }, { 'cache-control': 'no-store' });
    case 'POST /v1/admin/users':
      return json(201, { user: await createStaff(context, identity, () => jsonBody(event)) });
    case 'PATCH /v1/admin/users/{username}':
      return json(200, { user: await changeStaff(context, identity, event.pathParameters?.username ?? '', () => jsonBody(event)) });
    default:
      throw new NotFoundError('No such route.');
  }
});
