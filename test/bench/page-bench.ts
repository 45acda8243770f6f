import { request } from 'node:http';
import type { LocalStack } from '../../infra/local/stack.ts';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { SESSION_COOKIE } from '../../shared/http/staff.ts';
import { getUser } from '../../shared/storage/users.ts';
import * as z from 'zod';

// Every page as a phone or a desk receives it from the local gateway: its HTML, gzip and brotli sizes
// (headers counted apart), and how long the server takes to answer it, from request to last byte,
// one request at a time (`SAMPLES` each, after one warm-up, so a cold import is not counted). Staff pages
// are fetched with a signed-in session cookie of the role that uses them.

// 200, not 40: of 40 samples the p95 is the second slowest, which moved by 10 ms from run to run on this
// machine with no change to the code; of 200 it is the tenth slowest.
const SAMPLES = Number(process.env.BENCH_PAGE_SAMPLES ?? 200);
const CaseListSchema = z.object({ items: z.array(z.object({ id: z.string() })) });

interface Fetched {
  readonly status: number;
  readonly body: number;
  readonly headers: number;
}

function fetchRaw(url: string, encoding: string, cookie?: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': encoding, 'accept-language': 'zh-CN', ...(cookie === undefined ? {} : { cookie }) } }, (res) => {
      let body = 0;
      res.on('data', (chunk: Buffer) => { body += chunk.byteLength; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.rawHeaders.reduce((sum, h) => sum + Buffer.byteLength(h) + 2, 0) }));
    }).on('error', reject).end();
  });
}

export interface PageFigures {
  readonly status: number;
  readonly htmlBytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
  readonly responseHeaderBytes: number;
  readonly renderP50: string;
  readonly renderP95: string;
}

async function measure(url: string, cookie?: string): Promise<PageFigures> {
  const [identity, gzip, brotli] = [await fetchRaw(url, 'identity', cookie), await fetchRaw(url, 'gzip', cookie), await fetchRaw(url, 'br, gzip', cookie)];
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await fetchRaw(url, 'br, gzip', cookie);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => `${(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN).toFixed(1)} ms`;
  return { status: identity.status, htmlBytes: identity.body, gzipBytes: gzip.body, brotliBytes: brotli.body, responseHeaderBytes: brotli.headers, renderP50: at(50), renderP95: at(95) };
}

async function sessionOf(stack: LocalStack, username: string): Promise<string> {
  const user = await getUser(TABLE_NAME, username);
  if (user === undefined) throw new Error(`no demo user "${username}"`);
  return `${SESSION_COOKIE}=${stack.issuer.idTokenFor(user)}`;
}

/** Patient pages of `code` (and the tracking page of `trackingCode`), and the staff pages. */
export async function pageFigures(stack: LocalStack, code: string, trackingCode: string | undefined): Promise<{ patient: Record<string, PageFigures>; staff: Record<string, PageFigures> }> {
  const base = stack.baseUrl;
  const patient: Record<string, PageFigures> = {
    survey: await measure(`${base}/s/${code}`),
    complaint: await measure(`${base}/c/${code}`),
    trackingForm: await measure(`${base}/t`),
  };
  if (trackingCode !== undefined) patient.tracking = await measure(`${base}/t/${trackingCode}`);
  const office = await sessionOf(stack, 'office');
  const manager = await sessionOf(stack, 'manager');
  const staff: Record<string, PageFigures> = {
    dashboard: await measure(`${base}/admin`, manager),
    complaintInbox: await measure(`${base}/admin/complaints`, office),
    complaintEntry: await measure(`${base}/admin/complaints/new`, office),
  };
  const inbox = await fetch(`${base}/v1/admin/complaints?site=demo`, { headers: { authorization: `Bearer ${office.slice(SESSION_COOKIE.length + 1)}` } });
  const listed = CaseListSchema.safeParse(await inbox.json());
  const first = listed.success ? listed.data.items[0] : undefined;
  if (first !== undefined) staff.complaintCase = await measure(`${base}/admin/complaints/${first.id}`, office);
  // Issue 11's figure: the dashboard over a year of the demo site's 28 departments, after a year of its
  // history (about 6,800 surveys and a year of complaint counters, 15 s to write).
  const { writeDemoHistory } = await import('../../infra/local/demo-history.ts');
  const { dayIn } = await import('../../shared/platform/time.ts');
  await writeDemoHistory(TABLE_NAME, 365, dayIn('Asia/Shanghai', new Date()));
  staff.dashboardYear = await measure(`${base}/admin?period=year`, manager);
  return { patient, staff };
}
