import { randomUUID } from 'node:crypto';
import { requireEnv } from '../../shared/platform/config.ts';
import { departmentPageFunction } from '../../shared/http/department-page.ts';
import { env } from '../../shared/platform/resource-env.ts';
import { retentionFromEnv } from '../../shared/platform/retention.ts';
import { asksWaitTime } from '../../shared/schemas/site.ts';
import { renderSurveyPage } from '../../shared/surveys/survey-page.ts';

const table = requireEnv(env.tableName);
const { contactDays } = retentionFromEnv();

/** GET /s/{code}: the survey page of the department the QR code names; an unknown code gets a friendly 404 page. */
export const handler = departmentPageFunction(table, ({ locale, code, target, officeContact }) => renderSurveyPage({
  locale,
  site: target.site,
  department: target.department,
  code,
  submissionId: randomUUID(),
  askWaitTime: asksWaitTime(target.department),
  contactRetentionDays: contactDays,
  action: '/v1/surveys',
  officeContact,
}));
