import { randomUUID } from 'node:crypto';
import { requireEnv } from '../../shared/config.ts';
import { departmentPageFunction } from '../../shared/http/department-page.ts';
import { env } from '../../shared/resource-env.ts';
import { retentionFromEnv } from '../../shared/retention.ts';
import { asksWaitTime } from '../../shared/schemas/site.ts';
import { renderSurveyPage } from '../../shared/survey-page/render.ts';

const table = requireEnv(env.tableName);
const { contactDays } = retentionFromEnv();

/** GET /s/{code}: the survey page of the department the QR code names; an unknown code gets a friendly 404 page. */
export const handler = departmentPageFunction(table, ({ locale, code, target }) => renderSurveyPage({
  locale,
  site: target.site,
  department: target.department,
  code,
  submissionId: randomUUID(),
  askWaitTime: asksWaitTime(target.department),
  contactRetentionDays: contactDays,
  action: '/v1/surveys',
}));
