import { writeFileSync } from 'node:fs';
import { isValidDay } from '../../shared/platform/time.ts';
import { fail, parseCommandLine, useCliEnvironment } from './cli-env.ts';

// `npm run digest -- --site ID --period week|month [--date D] [--to USERNAME] (--send | --out FILE.html)`
// (api.md): the digest of the week or month before DATE (today in the site's zone by default), written to
// a file to look at, or sent, exactly once per recipient and period, as the schedule sends it. `--group ID`
// instead of `--site`: a group's digest (each member site and the total), sent to those who see every member.

const USAGE = 'usage: npm run digest -- (--site ID | --group ID) --period week|month [--date YYYY-MM-DD] [--to USERNAME] (--send | --out FILE.html)';

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, {
    options: {
      site: { type: 'string' }, group: { type: 'string' }, period: { type: 'string' }, date: { type: 'string' }, to: { type: 'string' },
      send: { type: 'boolean', default: false }, out: { type: 'string' },
    },
  });
  const { site: siteId, group: groupId, period, date, to, send, out } = values;
  if ((siteId === undefined) === (groupId === undefined) || (period !== 'week' && period !== 'month') || send === (out !== undefined)) fail(USAGE);
  if (date !== undefined && !isValidDay(date)) fail(`--date must be a date YYYY-MM-DD, got "${date}"`);

  useCliEnvironment();
  const { requireEnv } = await import('../../shared/platform/config.ts');
  const { env } = await import('../../shared/platform/resource-env.ts');
  const { signingKey } = await import('../../shared/aws/secrets.ts');
  const { getSite } = await import('../../shared/storage/sites.ts');
  const { getSiteGroup } = await import('../../shared/storage/site-groups.ts');
  const { dayIn } = await import('../../shared/platform/time.ts');
  const table = requireEnv(env.tableName);
  const baseUrl = requireEnv(env.publicBaseUrl);
  const from = requireEnv(env.mailFrom);
  const group = groupId === undefined ? undefined : await getSiteGroup(table, groupId);
  if (groupId !== undefined && group === undefined) fail(`unknown group "${groupId}"`, 1);
  // A group's period is read in its first member's zone, as the dashboard and the schedule read it.
  const site = await getSite(table, siteId ?? group?.siteIds[0] ?? '');
  if (site === undefined) fail(`unknown site "${siteId ?? ''}"`, 1);
  const day = date ?? dayIn(site.timeZone, new Date());
  const key = await signingKey();
  if (send) {
    const { runDigests } = await import('../../shared/digests/send-digests.ts');
    const result = await runDigests({ table, baseUrl, from, key, now: new Date(), only: { ...(groupId === undefined ? { siteId: site.siteId } : { groupId }), kind: period, date: day, ...(to === undefined ? {} : { username: to }) } });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.failed > 0) process.exit(1);
    return;
  }
  const { buildManagerReport } = await import('../../shared/reporting/manager-report.ts');
  const { previousPeriod } = await import('../../shared/reporting/periods.ts');
  const { renderDigest } = await import('../../shared/digests/digest-mail.ts');
  const { unsubscribeUrl } = await import('../../shared/digests/send-digests.ts');
  const { getDigestPreference } = await import('../../shared/storage/digest-preferences.ts');
  const preference = to === undefined ? undefined : await getDigestPreference(table, to);
  const report = await buildManagerReport({ table, scope: groupId === undefined ? { kind: 'site', siteId: site.siteId } : { kind: 'group', groupId }, period: previousPeriod(period, day), now: new Date(), baseUrl });
  const mail = renderDigest({ report, locale: preference?.locale ?? 'zh-CN', from, to: preference?.email ?? 'preview@invalid', unsubscribeUrl: unsubscribeUrl(baseUrl, key, to ?? 'preview'), linkCases: preference?.roles.includes('office-head') ?? false });
  writeFileSync(out ?? '', mail.html);
  process.stdout.write(`${mail.subject}\n${out ?? ''} (${Buffer.byteLength(mail.html)} bytes)\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
