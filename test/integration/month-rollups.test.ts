import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { writeDemoHistory } from '../../infra/local/demo-history.ts';
import { DEMO_DEPARTMENTS, DEMO_SITE } from '../../infra/local/demo-site.ts';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { dynamoDb } from '../../shared/aws/dynamodb.ts';
import { DEFAULT_RETENTION } from '../../shared/platform/retention.ts';
import { buildManagerReport, type ManagerReport } from '../../shared/reporting/manager-report.ts';
import type { SurveyMessage } from '../../shared/schemas/intake-message.ts';
import { createDepartmentIfAbsent, createSiteIfAbsent } from '../../shared/storage/sites.ts';
import { storeSurveys } from '../../shared/storage/surveys.ts';
import { useLocalStack } from '../support/local-stack.ts';

// `npm run rollups` against DynamoDB Local: a hospital whose history was written as day items only (before
// the month and year roll-ups) gets the same year view as the same data written through today's writer,
// and a second run changes nothing.

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const stack = useLocalStack({ pollersPerQueue: 0 });
const run = promisify(execFile);
const rollups = (...args: string[]) => run(TSX, ['infra/cli/rollups.ts', ...args], { cwd: ROOT, env: { ...process.env, ...stack().env } });

/** How the command failed: its exit code and what it said. */
const RefusalSchema = z.object({ code: z.number(), stderr: z.string() });
const refusal = async (...args: string[]) => RefusalSchema.parse(await rollups(...args).then(() => ({}), (error: unknown) => error));

const LEGACY = 'legacy';
const PARTITIONS = ['ALL', ...DEMO_DEPARTMENTS.map((d) => d.departmentId)];
const CountsSchema = { rebuilt: z.number(), unchanged: z.number(), 'no-days': z.number() };
const ResultSchema = z.strictObject({ site: z.string(), from: z.string(), to: z.string(), ...CountsSchema, years: z.strictObject(CountsSchema) });

async function itemsOf(siteId: string, departmentId: string, prefix: 'DAY#' | 'MONTH#' | 'YEAR#'): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await dynamoDb.send(new QueryCommand({
    TableName: TABLE_NAME, ConsistentRead: true, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': `AGG#${siteId}#${departmentId}`, ':prefix': prefix },
  }));
  return Items;
}

const monthItems = async (siteId: string) => (await Promise.all(PARTITIONS.map((d) => itemsOf(siteId, d, 'MONTH#')))).flat();
const yearItems = async (siteId: string) => (await Promise.all(PARTITIONS.map((d) => itemsOf(siteId, d, 'YEAR#')))).flat();

/** What the year view shows from the aggregates (comments and overdue cases come from other items). */
function figures(report: ManagerReport) {
  const unit = ({ siteId: _siteId, ...row }: ManagerReport['departments'][number]) => row;
  return {
    surveys: report.surveys, previous: report.previous, volume: report.volume, trend: report.trend, callbacks: report.callbacks,
    departments: report.departments.map(unit), services: report.services.map(unit),
    complaints: { ...report.complaints, overdue: [], withoutComplaintThisYear: report.complaints.withoutComplaintThisYear.map((d) => d.id) },
  };
}

const yearOf = (siteId: string) => buildManagerReport({ table: TABLE_NAME, scope: { kind: 'site', siteId }, period: { kind: 'year', from: '2026-01-01', to: '2026-12-31' }, now: new Date('2026-11-10T02:00:00Z'), baseUrl: 'https://feedback.example' });

let serial = 0;
const october = (siteId: string): SurveyMessage[] => Array.from({ length: 10 }, (_, i) => {
  serial += 1;
  return { kind: 'survey', receivedAt: `2026-10-${String(5 + i).padStart(2, '0')}T10:00:00+08:00`, siteId, departmentId: 'emergency', timeZone: 'Asia/Shanghai', survey: { submissionId: `dddddddd-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`, overall: i % 3 === 0 ? 'poor' : 'very_good', waitMinutes: 10 + i } };
});

describe('npm run rollups', () => {
  it('rebuilds the month items of history written as days only, so the year view equals the same data written through the normal writer', async () => {
    // Prepare: three months of history at the hospital through today's writer (days and months), and the
    // same day items at a copy of it as the writer before the roll-ups left them (no month items).
    await writeDemoHistory(TABLE_NAME, 75, '2026-11-10');
    await createSiteIfAbsent(TABLE_NAME, { ...DEMO_SITE, siteId: LEGACY });
    for (const department of DEMO_DEPARTMENTS) await createDepartmentIfAbsent(TABLE_NAME, { ...department, siteId: LEGACY });
    for (const departmentId of PARTITIONS) {
      for (const item of await itemsOf(DEMO_SITE.siteId, departmentId, 'DAY#')) {
        await dynamoDb.send(new PutCommand({ TableName: TABLE_NAME, Item: { ...item, pk: `AGG#${LEGACY}#${departmentId}`, siteId: LEGACY } }));
      }
    }
    // October is the month the roll-ups began in: surveys since then are in its month item, the earlier days not.
    await storeSurveys(TABLE_NAME, october(DEMO_SITE.siteId), DEFAULT_RETENTION);
    await storeSurveys(TABLE_NAME, october(LEGACY), DEFAULT_RETENTION);
    const expected = figures(await yearOf(DEMO_SITE.siteId));
    const before = figures(await yearOf(LEGACY));
    expect(before.surveys.n).toBe(10);
    expect(expected.surveys.n).toBeGreaterThan(1000);

    // Act
    const first = ResultSchema.parse(JSON.parse((await rollups('--site', LEGACY, '--from', '2026-01', '--to', '2026-12', '--json')).stdout));

    // Assess: the year view and every month and year item's counters, and the days or months it holds, as the
    // normal writer left them at the hospital
    expect(first.rebuilt + first.unchanged + first['no-days']).toBe(12 * PARTITIONS.length);
    expect(first.rebuilt).toBeGreaterThan(4 * 10);
    // One year item for each partition with a month item; the others (offices without surveys) have none.
    const partitionsWithMonths = new Set((await monthItems(LEGACY)).map((item) => item.pk)).size;
    expect(first.years).toEqual({ rebuilt: partitionsWithMonths, unchanged: 0, 'no-days': PARTITIONS.length - partitionsWithMonths });
    expect(figures(await yearOf(LEGACY))).toEqual(expected);
    const counters = (items: Record<string, unknown>[]) => Object.fromEntries(items.map(({ pk, sk, siteId: _s, updatedAt: _u, version: _v, ...rest }) => [`${String(pk).replace(/^AGG#[^#]+#/u, '')}/${String(sk)}`, rest]));
    expect(counters(await monthItems(LEGACY))).toEqual(counters(await monthItems(DEMO_SITE.siteId)));
    expect(counters(await yearItems(LEGACY))).toEqual(counters(await yearItems(DEMO_SITE.siteId)));
    expect((await yearItems(LEGACY))[0]).toMatchObject({ months: new Set(['08', '09', '10', '11']) });

    // Act: again
    const snapshot = await monthItems(LEGACY);
    const second = ResultSchema.parse(JSON.parse((await rollups('--site', LEGACY, '--from', '2026-01', '--to', '2026-12', '--json')).stdout));

    // Assess: nothing written, nothing counted twice
    expect(second).toMatchObject({ rebuilt: 0, unchanged: first.rebuilt + first.unchanged, 'no-days': first['no-days'], years: { rebuilt: 0, unchanged: first.years.rebuilt, 'no-days': first.years['no-days'] } });
    expect(await monthItems(LEGACY)).toEqual(snapshot);
    expect(figures(await yearOf(LEGACY))).toEqual(expected);

    // A survey through the normal writer after the rebuild lands on the rebuilt month once.
    await storeSurveys(TABLE_NAME, october(LEGACY).slice(0, 1), DEFAULT_RETENTION);
    expect((await yearOf(LEGACY)).surveys.n).toBe(expected.surveys.n + 1);
  });

  it('explains itself, and refuses a bad month or an unknown site in both languages, changing nothing', async () => {
    expect((await rollups('--help')).stdout).toContain('usage: npm run rollups -- --site ID --from YYYY-MM --to YYYY-MM');
    const before = await monthItems(LEGACY);
    const badMonth = await refusal('--site', LEGACY, '--from', '2026-13', '--to', '2026-12');
    expect(badMonth.code).toBe(2);
    expect(badMonth.stderr).toContain('--from 需要 YYYY-MM 形式的月份 · --from must be a month YYYY-MM');
    const reversed = await refusal('--site', LEGACY, '--from', '2026-12', '--to', '2026-01');
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('--from must not be after --to');
    const unknown = await refusal('--site', 'nowhere', '--from', '2026-01', '--to', '2026-12');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有这个院区 · unknown site "nowhere"');
    expect(await monthItems(LEGACY)).toEqual(before);
  });
});
