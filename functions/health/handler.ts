import { describeTable } from '../../shared/aws/dynamodb.ts';
import { approximateDepth } from '../../shared/aws/sqs.ts';
import { requireEnv } from '../../shared/platform/config.ts';
import { checkHealth } from '../../shared/platform/health.ts';
import { httpFunction, json } from '../../shared/http/middleware.ts';
import { env } from '../../shared/platform/resource-env.ts';

const table = requireEnv(env.tableName);
const intakeQueueUrl = requireEnv(env.intakeQueueUrl);
const notifyQueueUrl = requireEnv(env.notifyQueueUrl);

const probes = [
  { name: 'table', check: () => describeTable(table) },
  { name: 'intake-queue', check: async () => { await approximateDepth(intakeQueueUrl); } },
  { name: 'notify-queue', check: async () => { await approximateDepth(notifyQueueUrl); } },
];

export const handler = httpFunction(async () => {
  const report = await checkHealth(probes);
  return json(report.status === 'ok' ? 200 : 503, report, { 'cache-control': 'no-store' });
});
