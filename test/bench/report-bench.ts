import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import type { SurveyMessage } from '../../shared/schemas/intake-message.ts';
import { coalesceDeltas } from '../../shared/reporting/counters.ts';
import { OVERALL_OPTIONS } from '../../shared/schemas/survey.ts';

// Report cost against volume: the same site and period filled with N responses' worth of what the worker
// writes for them, then each report built once cold, counting the DynamoDB requests and items it reads.
// A report whose cost is flat reads the same at 10,000 and 100,000 responses (ratio 1). What the worker
// writes per response (the response item) is not written here: no report may read it; only the daily
// aggregates it coalesces are, with the worker's own arithmetic (coalesceDeltas, aggregateWrites, monthly roll-ups included).
//
// `REPORTS` names each report measured: add the digest or any new report as one more entry. A month of
// its own per volume keeps the fills apart.

export type ReportBuilder = (period: { readonly siteId: string; readonly from: string; readonly to: string }) => Promise<unknown>;

export const REPORTS: Record<string, () => Promise<ReportBuilder>> = {
  // The figures of `npm run metrics` and GET /v1/admin/metrics (the key keeps its first name).
  dashboardReport: async () => {
    const { buildReport } = await import('../../shared/reporting/report.ts');
    return ({ siteId, from, to }) => buildReport(TABLE_NAME, siteId, undefined, from, to);
  },
  // What the dashboard page and the digest build: every section, trend and previous period included.
  managerReport: async () => {
    const { buildManagerReport } = await import('../../shared/reporting/manager-report.ts');
    return ({ siteId, from, to }) => buildManagerReport(managerRequest(siteId, from, to));
  },
  // The monthly digest mail as it goes to SES (subject, HTML and text): its bytes are the digest's size.
  digestMail: async () => {
    const { buildManagerReport } = await import('../../shared/reporting/manager-report.ts');
    const { renderDigest } = await import('../../shared/digests/digest-mail.ts');
    return async ({ siteId, from, to }) => {
      const input = { report: await buildManagerReport(managerRequest(siteId, from, to)), locale: 'zh-CN' as const, from: 'digest@hospital.example', to: 'manager@hospital.example', unsubscribeUrl: 'https://feedback.example/u/x', linkCases: false };
      const { subject, html, text } = renderDigest(input);
      return Buffer.from(subject + html + text);
    };
  },
};

const managerRequest = (siteId: string, from: string, to: string) => ({
  table: TABLE_NAME, scope: { kind: 'site' as const, siteId }, period: { kind: 'month' as const, from, to }, now: new Date(`${to}T12:00:00Z`), baseUrl: 'https://feedback.example',
});

const VOLUMES = [10_000, 100_000] as const;
// The same month of two years apart: the managers' report reads a 12-month trend and the previous period,
// which must reach neither the other fill nor the year of demo history that the page bench writes, and the
// year so far, which must span as many months in both.
const MONTHS: Record<(typeof VOLUMES)[number], { from: string; to: string }> = {
  10_000: { from: '2022-03-01', to: '2022-03-31' },
  100_000: { from: '2024-03-01', to: '2024-03-31' },
};

/** `count` surveys spread evenly over the departments and days of `month` (noon Beijing time). */
function surveys(count: number, departments: readonly string[], month: { from: string; to: string }): SurveyMessage[] {
  const days = Number(month.to.slice(8, 10));
  return Array.from({ length: count }, (_, i) => ({
    kind: 'survey' as const,
    receivedAt: `${month.from.slice(0, 8)}${String(1 + (i % days)).padStart(2, '0')}T04:00:00.000Z`,
    siteId: 'demo',
    departmentId: departments[i % departments.length] ?? '',
    timeZone: 'Asia/Shanghai',
    survey: { submissionId: randomUUID(), overall: OVERALL_OPTIONS[i % OVERALL_OPTIONS.length] ?? 'good', waitMinutes: 5 * (1 + (i % 12)), locale: 'zh-CN' as const },
  }));
}

export interface ReportCost {
  readonly responses: Record<string, { readonly requests: number; readonly itemsRead: number; readonly buildMs: string; readonly bytes?: number }>;
  readonly itemsReadRatio: number;
}

export async function reportFigures(departments: readonly string[]): Promise<Record<string, ReportCost>> {
  const { dynamoDb } = await import('../../shared/aws/dynamodb.ts');
  const { aggregateWrites } = await import('../../shared/storage/aggregates.ts');
  let requests = 0;
  let items = 0;
  dynamoDb.middlewareStack.add((next) => async (args) => {
    const result = await next(args);
    requests += 1;
    const output: unknown = result.output;
    if (typeof output === 'object' && output !== null) {
      if ('Items' in output && Array.isArray(output.Items)) items += output.Items.length;
      else if ('Item' in output && output.Item !== undefined) items += 1;
      else if ('Responses' in output && typeof output.Responses === 'object' && output.Responses !== null) items += Object.values(output.Responses).flat().length;
    }
    return result;
  }, { step: 'initialize', name: 'bench-report-reads' });

  const now = new Date().toISOString();
  for (const volume of VOLUMES) {
    const deltas = coalesceDeltas(surveys(volume, departments, MONTHS[volume]));
    for (let i = 0; i < deltas.length; i += 16) {
      await Promise.all(aggregateWrites(TABLE_NAME, deltas.slice(i, i + 16), now).map(({ Update }) => {
        if (Update === undefined) throw new Error('aggregateWrites gave no update');
        return dynamoDb.send(new UpdateCommand(Update));
      }));
    }
  }

  const figures: Record<string, ReportCost> = {};
  for (const [name, load] of Object.entries(REPORTS)) {
    const build = await load();
    const at: Record<string, { requests: number; itemsRead: number; buildMs: string; bytes?: number }> = {};
    for (const volume of VOLUMES) {
      requests = 0;
      items = 0;
      const started = performance.now();
      const built = await build({ siteId: 'demo', ...MONTHS[volume] });
      at[String(volume)] = { requests, itemsRead: items, buildMs: `${(performance.now() - started).toFixed(1)} ms`, ...(Buffer.isBuffer(built) ? { bytes: built.length } : {}) };
    }
    const [small, large] = VOLUMES.map((volume) => at[String(volume)]?.itemsRead ?? NaN);
    figures[name] = { responses: at, itemsReadRatio: Number(((large ?? NaN) / (small ?? NaN)).toFixed(2)) };
  }
  return figures;
}
