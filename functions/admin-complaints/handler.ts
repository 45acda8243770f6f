import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Identity } from '../../shared/auth/identity.ts';
import { authorize, requireAction } from '../../shared/auth/policy.ts';
import { acceptStaffComplaint } from '../../shared/complaints/intake.ts';
import { changeCase, etag, readCase, versionOfEtag } from '../../shared/complaints/change-case.ts';
import { caseView, ListQuerySchema, noSuchComplaint } from '../../shared/complaints/staff-view.ts';
import { signingKey } from '../../shared/aws/secrets.ts';
import { intakeSender, notifySender } from '../../shared/aws/sqs.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { json } from '../../shared/http/middleware.ts';
import { unsupportedMediaType, validationFailed } from '../../shared/http/problem.ts';
import { bodyFormat, header, parseJson, PUBLIC_BODY_LIMIT_BYTES, rawBody } from '../../shared/http/request.ts';
import { staffFunction } from '../../shared/http/staff.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { retentionFromEnv } from '../../shared/platform/retention.ts';
import { complaintHistory, listComplaints } from '../../shared/storage/complaints.ts';

const table = requireEnv(env.tableName);
const { contactDays } = retentionFromEnv();
const enqueue = intakeSender();
const notify = notifySender();

async function create(event: APIGatewayProxyEventV2, identity: Identity) {
  const body = () => {
    if (bodyFormat(event) !== 'json') throw unsupportedMediaType('application/x-www-form-urlencoded');
    return parseJson(rawBody(event, PUBLIC_BODY_LIMIT_BYTES));
  };
  return json(202, await acceptStaffComplaint(body, identity, { table, key: await signingKey(), enqueue }));
}

async function list(event: APIGatewayProxyEventV2, identity: Identity) {
  requireAction(identity, 'complaints:read');
  const parsed = ListQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw validationFailed(parsed.error);
  const q = parsed.data;
  const scope = authorize(identity, 'complaints:read', { siteId: q.site, ...(q.department === undefined ? {} : { departmentId: q.department }) });
  const departmentIds = q.department !== undefined ? [q.department] : scope === 'all' ? undefined : scope;
  // A cursor this API did not give out is refused as a field (InvalidCursorError).
  const page = await listComplaints(table, q.site, {
    ...(q.status === undefined ? {} : { status: q.status }),
    ...(q.owner === undefined ? {} : { owner: q.owner }),
    ...(departmentIds === undefined ? {} : { departmentIds }),
    ...(q.overdue === 'true' ? { overdueAt: new Date() } : {}),
  }, q.limit, q.cursor);
  return json(200, { items: page.items.map(caseView), ...(page.cursor === undefined ? {} : { cursor: page.cursor }) }, { 'cache-control': 'no-store' });
}

async function read(id: string, identity: Identity) {
  const { record } = await readCase(table, identity, id);
  return json(200, { complaint: caseView(record), history: await complaintHistory(table, id) }, { etag: etag(record.version), 'cache-control': 'no-store' });
}

async function change(event: APIGatewayProxyEventV2, id: string, identity: Identity) {
  const ifMatch = header(event, 'if-match');
  const { record: next } = await changeCase({ table, contactDays, notify }, identity, id, ifMatch === undefined ? undefined : versionOfEtag(ifMatch), () => parseJson(rawBody(event, PUBLIC_BODY_LIMIT_BYTES)));
  return json(200, { complaint: caseView(next) }, { etag: etag(next.version) });
}

/** POST and GET /v1/admin/complaints, GET and PATCH /v1/admin/complaints/{id}: the office's inbox and cases. */
export const handler = staffFunction(async (event, identity) => {
  const id = event.pathParameters?.id ?? '';
  switch (event.routeKey) {
    case 'POST /v1/admin/complaints':
      return create(event, identity);
    case 'GET /v1/admin/complaints':
      return list(event, identity);
    case 'GET /v1/admin/complaints/{id}':
      return read(id, identity);
    case 'PATCH /v1/admin/complaints/{id}':
      return change(event, id, identity);
    default:
      throw noSuchComplaint();
  }
});
