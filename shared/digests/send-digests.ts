import type { Role } from '../auth/identity.ts';
import { purposeMac } from '../auth/session.ts';
import { sendRawMail } from '../aws/ses.ts';
import { logger } from '../platform/observability.ts';
import { dayIn, localMinute } from '../platform/time.ts';
import { buildManagerReport, type ManagerReport } from '../reporting/manager-report.ts';
import { type Period, periodLabel, previousPeriod } from '../reporting/periods.ts';
import { claimDigest, markDigestSent, releaseDigest } from '../storage/digest-sends.ts';
import { type DigestPreference, listDigestPreferences, receives } from '../storage/digest-preferences.ts';
import { getSite, listSiteIds } from '../storage/sites.ts';
import { getUser } from '../storage/users.ts';
import { digestMime, renderDigest } from './digest-mail.ts';

// The scheduled digest (api.md: weekly on Monday 08:00, monthly on the 1st at 08:00, in each site's time
// zone). The schedule runs every 15 minutes; a site's digest is due from 08:00 of the period's first
// day, local time, to the end of that day, so one schedule serves every time zone and a run that failed
// is retried by the next. Exactly once per recipient, site and period: see storage/digest-sends.ts.

export const DIGEST_HOUR = 8;
export const DIGEST_ROLES: readonly Role[] = ['manager', 'office-head'];
export type DigestKind = 'week' | 'month';

export interface DigestRunOptions {
  readonly table: string;
  readonly now: Date;
  readonly baseUrl: string;
  readonly from: string;
  /** Signs the unsubscribe links. */
  readonly key: Buffer;
  readonly send?: (raw: Buffer) => Promise<string | undefined>;
  /** The operator command: one site, one kind, a given day's period, one recipient, whatever the hour. */
  readonly only?: { readonly siteId?: string; readonly kind?: DigestKind; readonly date?: string; readonly username?: string };
}

export interface DigestRunResult {
  readonly sent: number;
  /** Already sent (or being sent by an overlapping run). */
  readonly alreadySent: number;
  readonly failed: number;
}

/** The one-click unsubscribe link's token: the username and a MAC bound to this purpose. */
export const unsubscribeToken = (key: Buffer, username: string): string => `${username}.${purposeMac(key, 'digest-unsubscribe', username)}`;

export function usernameOfToken(key: Buffer, token: string): string | undefined {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const username = token.slice(0, dot);
  return unsubscribeToken(key, username) === token ? username : undefined;
}

export const unsubscribeUrl = (baseUrl: string, key: Buffer, username: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/digests/unsubscribe?t=${encodeURIComponent(unsubscribeToken(key, username))}`;

/** The period a digest of `kind` sent now reports, or undefined when none is due at this local time. */
export function duePeriod(kind: DigestKind, timeZone: string, now: Date): Period | undefined {
  const [day = '', time = ''] = localMinute(timeZone, now).split(' ');
  const hour = Number(time.slice(0, 2));
  const firstDay = kind === 'week' ? new Date(`${day}T00:00:00Z`).getUTCDay() === 1 : day.endsWith('-01');
  return firstDay && hour >= DIGEST_HOUR ? previousPeriod(kind, day) : undefined;
}

/** Whether the preference still stands for this site: the user's scope in the local store when it keeps them. */
async function mayReceive(table: string, preference: DigestPreference, siteId: string): Promise<boolean> {
  if (!preference.sites.includes(siteId) || !preference.roles.some((r) => DIGEST_ROLES.includes(r))) return false;
  const user = await getUser(table, preference.username);
  if (user === undefined) return true;
  return !user.disabled && user.sites.includes(siteId) && user.roles.some((r) => DIGEST_ROLES.includes(r));
}

export async function runDigests(options: DigestRunOptions): Promise<DigestRunResult> {
  const { table, now, only } = options;
  const send = options.send ?? sendRawMail;
  const counts = { sent: 0, alreadySent: 0, failed: 0 };
  const preferences = (await listDigestPreferences(table)).filter((p) => only?.username === undefined || p.username === only.username);
  const siteIds = only?.siteId === undefined ? await listSiteIds(table) : [only.siteId];
  for (const siteId of siteIds) {
    const site = await getSite(table, siteId);
    if (site === undefined) continue;
    for (const kind of only?.kind === undefined ? (['week', 'month'] as const) : [only.kind]) {
      const period = only?.date === undefined ? duePeriod(kind, site.timeZone, now) : previousPeriod(kind, only.date);
      if (period === undefined) continue;
      const label = periodLabel(period);
      let report: ManagerReport | undefined;
      for (const preference of preferences) {
        if (!receives(preference, kind) && only?.username === undefined) continue;
        if (!(await mayReceive(table, preference, siteId))) continue;
        if (!(await claimDigest(table, siteId, label, preference.username, now))) {
          counts.alreadySent += 1;
          continue;
        }
        try {
          report ??= await buildManagerReport({ table, scope: { kind: 'site', siteId }, period, now, baseUrl: options.baseUrl });
          const input = { report, locale: preference.locale, from: options.from, to: preference.email, unsubscribeUrl: unsubscribeUrl(options.baseUrl, options.key, preference.username), linkCases: preference.roles.includes('office-head') };
          const messageId = await send(await digestMime(input, renderDigest(input)));
          await markDigestSent(table, siteId, label, preference.username, messageId, new Date());
          counts.sent += 1;
        } catch (error) {
          // Released, so the next run (15 minutes on) sends it; the run fails at its end for the error metric.
          logger.error('digest not sent', { siteId, period: label, username: preference.username, error });
          await releaseDigest(table, siteId, label, preference.username, now);
          counts.failed += 1;
        }
      }
    }
  }
  logger.info('digests run', { ...counts, day: dayIn('UTC', now) });
  return counts;
}
