import { randomUUID } from 'node:crypto';
import { DEFAULT_LIMITS } from '../../shared/sites/working-calendar.ts';
import { renderComplaintPage } from '../../shared/complaints/page/complaint-page.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { departmentPageFunction } from '../../shared/http/department-page.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { retentionFromEnv } from '../../shared/platform/retention.ts';
import { dayIn } from '../../shared/platform/time.ts';

const table = requireEnv(env.tableName);
const { contactDays } = retentionFromEnv();

/**
 * GET /c/{code}: the complaint page of the department the QR code (the survey code) names; a forged or
 * withdrawn code gets the survey page's friendly 404 page. The page states the national time limits;
 * the tracking page shows each complaint's own due date.
 */
export const handler = departmentPageFunction(table, ({ locale, code, target, officeContact }) => renderComplaintPage({
  locale,
  site: target.site,
  department: target.department,
  code,
  submissionId: randomUUID(),
  contactRetentionDays: contactDays,
  limits: DEFAULT_LIMITS,
  today: dayIn(target.site.timeZone, new Date()),
  action: '/v1/complaints',
  officeContact,
}));
