import * as z from '../../shared/schemas/zod.ts';
import { authorize, requireAction } from '../../shared/auth/policy.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { json } from '../../shared/http/middleware.ts';
import { notFound, validationFailed } from '../../shared/http/problem.ts';
import { staffFunction } from '../../shared/http/staff.ts';
import { buildReport } from '../../shared/reporting/report.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { IdSchema } from '../../shared/schemas/site.ts';
import { isValidDay } from '../../shared/platform/time.ts';

const table = requireEnv(env.tableName);

const Day = z.string().check(z.refine(isValidDay, 'a date YYYY-MM-DD'));
export const MetricsQuerySchema = z.strictObject({
  site: IdSchema,
  department: z.optional(IdSchema),
  from: Day,
  to: Day,
}).check(z.refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] }));

/** GET /v1/admin/metrics: the figures of `npm run metrics`, for managers, the office, and responders (own departments). */
export const handler = staffFunction(async (event, identity) => {
  requireAction(identity, 'metrics:read');
  const parsed = MetricsQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw validationFailed(parsed.error);
  const { site, department, from, to } = parsed.data;
  const departments = authorize(identity, 'metrics:read', { siteId: site, ...(department === undefined ? {} : { departmentId: department }) });
  // A responder asking for the whole site's figures sees nothing beyond their departments.
  if (department === undefined && departments !== 'all') throw notFound('No such resource.');
  // An unknown site or department is a NotFoundError (UnknownScopeError), mapped to 404 at the edge.
  return json(200, await buildReport(table, site, department, from, to), { 'cache-control': 'no-store' });
});
