import type { Mail } from '../aws/ses.ts';
import { listSiteIds } from '../storage/sites.ts';

// The scheduled monitors' one shape (the SLA monitor, the unread-comment reminder, the expired-call sweep):
// for each site, find its due items page by page, and act on each page that has any. Each monitor keeps
// its own reading and acting; the loop over sites and pages is this one.

/** What a scheduled monitor that mails is given. */
export interface MonitorOptions {
  readonly table: string;
  readonly mailFrom: string;
  readonly publicBaseUrl: string;
  /** The handler passes `new Date()`; tests pass the moment they need. */
  readonly now: Date;
  /** SES by default; tests collect the mails. */
  readonly send?: (mail: Mail) => Promise<unknown>;
}

export interface SweepPage<T> {
  readonly items: readonly T[];
  /** Where the next page starts; absent when this was the last. */
  readonly cursor?: string | undefined;
}

export interface SiteSweep<T> {
  /** A page of the site's due items from `cursor` (undefined: the first page). */
  readonly read: (siteId: string, cursor: string | undefined) => Promise<SweepPage<T>>;
  /** Acts on a page with items; 'stop' leaves the rest of this site to the next run. */
  readonly act: (siteId: string, items: readonly T[]) => Promise<'next' | 'stop'>;
}

/** One run over every site; returns how many sites there were. */
export async function sweepSites<T>(table: string, sweep: SiteSweep<T>): Promise<number> {
  const sites = await listSiteIds(table);
  for (const siteId of sites) {
    let cursor: string | undefined;
    do {
      const page = await sweep.read(siteId, cursor);
      cursor = page.cursor;
      if (page.items.length > 0 && await sweep.act(siteId, page.items) === 'stop') break;
    } while (cursor !== undefined);
  }
  return sites.length;
}
