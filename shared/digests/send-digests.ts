import { type StaffListing, staffListing } from '../administration/directory.ts';
import type { Role } from '../auth/identity.ts';
import { purposeMac } from '../auth/session.ts';
import { type Mail, sendMail } from '../aws/ses.ts';
import { logger } from '../platform/observability.ts';
import { dayIn, localMinute } from '../platform/time.ts';
import { buildManagerReport, type ManagerReport, type ReportScope } from '../reporting/manager-report.ts';
import { type Period, periodLabel, previousPeriod } from '../reporting/periods.ts';
import { claimDigest, markDigestSent, releaseDigest } from '../storage/digest-sends.ts';
import { type DigestPreference, listDigestPreferences, receives } from '../storage/digest-preferences.ts';
import type { SiteGroup } from '../schemas/site.ts';
import { getSiteGroup, listSiteGroups } from '../storage/site-groups.ts';
import { getSite, listSiteIds } from '../storage/sites.ts';
import { digestMessage } from './digest-mail.ts';

// The scheduled digest (api.md: weekly on Monday 08:00, monthly on the 1st at 08:00, in each site's time
// zone). The schedule runs every 15 minutes; a site's digest is due from 08:00 of the period's first
// day, local time, to the end of that day, so one schedule serves every time zone and a run that failed
// is retried by the next. Exactly once per recipient, site (or group) and period: see storage/digest-sends.ts.

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
  readonly send?: (mail: Mail) => Promise<string | undefined>;
  /** Who may still receive digests, and their scope now; the deployment's directory by default. */
  readonly directory?: StaffListing;
  /**
   * The operator command: one site or group (sent to each recipient whose scope holds it whole), one
   * kind, a given day's period, one recipient, whatever the hour.
   */
  readonly only?: { readonly siteId?: string; readonly groupId?: string; readonly kind?: DigestKind; readonly date?: string; readonly username?: string };
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

/**
 * What a digest reports on: a site, or a group of sites (each member and the total, as the dashboard's
 * group view). `key` names it in the exactly-once marker: a site's id, or `group:<id>` (ids have no colon).
 */
export interface DigestTarget {
  readonly key: string;
  readonly scope: ReportScope;
  readonly siteIds: readonly string[];
  /** A group is due by its first member's zone, as the dashboard reads its periods. */
  readonly timeZone: string;
}

/** The sites and groups a run considers: all of them, or the one the operator named. */
export async function digestTargets(table: string, only?: DigestRunOptions['only']): Promise<DigestTarget[]> {
  const siteTarget = async (siteId: string): Promise<DigestTarget[]> => {
    const site = await getSite(table, siteId);
    return site === undefined ? [] : [{ key: site.siteId, scope: { kind: 'site', siteId: site.siteId }, siteIds: [site.siteId], timeZone: site.timeZone }];
  };
  const groupTarget = async (group: SiteGroup): Promise<DigestTarget[]> => {
    const first = await getSite(table, group.siteIds[0] ?? '');
    return first === undefined ? [] : [{ key: `group:${group.groupId}`, scope: { kind: 'group', groupId: group.groupId }, siteIds: group.siteIds, timeZone: first.timeZone }];
  };
  if (only?.siteId !== undefined) return siteTarget(only.siteId);
  if (only?.groupId !== undefined) {
    const group = await getSiteGroup(table, only.groupId);
    return group === undefined ? [] : groupTarget(group);
  }
  const [siteIds, groups] = await Promise.all([listSiteIds(table), listSiteGroups(table)]);
  return (await Promise.all([...siteIds.map(siteTarget), ...groups.map(groupTarget)])).flat();
}

/**
 * The digests a recipient with these sites gets: one per group whose every member is in their scope
 * (members and total in one mail), and one per other site of theirs. A group-scoped manager is not also
 * sent each member's digest; a site in two such groups is in both.
 */
export function recipientTargets(sites: readonly string[], targets: readonly DigestTarget[]): DigestTarget[] {
  const covered = (target: DigestTarget) => target.siteIds.length > 0 && target.siteIds.every((id) => sites.includes(id));
  const groups = targets.filter((t) => t.scope.kind === 'group' && covered(t));
  const inGroups = new Set(groups.flatMap((g) => g.siteIds));
  return [...groups, ...targets.filter((t) => t.scope.kind === 'site' && covered(t) && !t.siteIds.some((id) => inGroups.has(id)))];
}

export interface DigestRecipient {
  readonly preference: DigestPreference;
  readonly role: Role;
  /** The sites and groups their digests are about, from their scope in the directory now. */
  readonly targets: readonly DigestTarget[];
}

/**
 * Who receives digests, checked at send time against the directory (the user pool in AWS, the local user
 * store on one machine), not against the scope saved with the preference: an account that is gone,
 * disabled or no longer a manager or office head gets none, and one whose sites shrank gets only those it
 * has now. One directory listing per run (the sender may read users and groups, nothing more).
 */
export async function digestRecipients(preferences: readonly DigestPreference[], directory: StaffListing, targets: readonly DigestTarget[]): Promise<DigestRecipient[]> {
  if (preferences.length === 0) return [];
  const accounts = new Map((await directory.list()).map((a) => [a.username, a]));
  return preferences.flatMap((preference) => {
    const account = accounts.get(preference.username);
    if (account === undefined || !account.enabled || !DIGEST_ROLES.includes(account.role)) return [];
    const mine = recipientTargets(account.sites, targets);
    return mine.length === 0 ? [] : [{ preference, role: account.role, targets: mine }];
  });
}

export async function runDigests(options: DigestRunOptions): Promise<DigestRunResult> {
  const { table, now, only } = options;
  const send = options.send ?? sendMail;
  const counts = { sent: 0, alreadySent: 0, failed: 0 };
  const kinds = only?.kind === undefined ? (['week', 'month'] as const) : [only.kind];
  const targets = await digestTargets(table, only);
  const due = new Map<string, Period>();
  for (const target of targets) {
    for (const kind of kinds) {
      const period = only?.date === undefined ? duePeriod(kind, target.timeZone, now) : previousPeriod(kind, only.date);
      if (period !== undefined) due.set(`${target.key}|${kind}`, period);
    }
  }
  // Most runs (every 15 minutes) have nothing due: they read no preferences and ask the directory nothing.
  const recipients = due.size === 0 ? [] : await digestRecipients(
    (await listDigestPreferences(table)).filter((p) => (only?.username === undefined ? p.frequency !== 'none' : p.username === only.username)),
    options.directory ?? staffListing(table),
    targets,
  );
  const reports = new Map<string, Promise<ManagerReport>>();
  for (const { preference, role, targets: mine } of recipients) {
    for (const kind of kinds) {
      // The operator who names a recipient sends them this digest whatever they chose.
      if (!receives(preference, kind) && only?.username === undefined) continue;
      for (const target of mine) {
        const period = due.get(`${target.key}|${kind}`);
        if (period === undefined) continue;
        const label = periodLabel(period);
        if (!(await claimDigest(table, target.key, label, preference.username, now))) {
          counts.alreadySent += 1;
          continue;
        }
        try {
          const reportKey = `${target.key}|${kind}`;
          const report = reports.get(reportKey) ?? buildManagerReport({ table, scope: target.scope, period, now, baseUrl: options.baseUrl });
          reports.set(reportKey, report);
          const input = { report: await report, locale: preference.locale, from: options.from, to: preference.email, unsubscribeUrl: unsubscribeUrl(options.baseUrl, options.key, preference.username), linkCases: role === 'office-head' };
          const messageId = await send(digestMessage(input));
          await markDigestSent(table, target.key, label, preference.username, messageId, new Date());
          counts.sent += 1;
        } catch (error) {
          // Released, so the next run (15 minutes on) sends it; the run fails at its end for the error metric.
          logger.error('digest not sent', { scope: target.key, period: label, username: preference.username, error });
          await releaseDigest(table, target.key, label, preference.username, now);
          counts.failed += 1;
        }
      }
    }
  }
  logger.info('digests run', { ...counts, day: dayIn('UTC', now) });
  return counts;
}
