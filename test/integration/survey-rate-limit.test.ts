import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../infra/local/stack.ts';
import { DEFAULT_RATE_LIMITS } from '../../shared/intake/rate-limit-settings.ts';
import { takeToken } from '../../shared/storage/rate-buckets.ts';
import { codeOf, postJson, surveyBody, useLocalStack } from '../support/local-stack.ts';

// The rate limit as deployed (its default budgets), on the local stack. Every request here comes from
// 127.0.0.1: one address, like a hospital's guest Wi-Fi. A phone is a client that opened the survey
// page and carries back the device cookie it set.

const stack = useLocalStack({ pollersPerQueue: 0 });
const { perAddress, perDevice, refused } = DEFAULT_RATE_LIMITS;

const pageUrl = () => stack().surveyUrl('surgery-clinic');
const surveysUrl = () => `${stack().baseUrl}/v1/surveys`;

/** Opens the survey page as a phone does; the device cookie it was given, as a Cookie header. */
async function openPage(cookie?: string): Promise<string | undefined> {
  const response = await fetch(await pageUrl(), { headers: cookie === undefined ? {} : { cookie } });
  expect(response.status).toBe(200);
  await response.text();
  return response.headers.getSetCookie()[0];
}

async function phone(): Promise<string> {
  const setCookie = await openPage();
  expect(setCookie).toBeDefined();
  return (setCookie ?? '').split(';')[0] ?? '';
}

async function submit(cookie?: string, overrides: Record<string, unknown> = {}): Promise<Response> {
  const response = await postJson(surveysUrl(), surveyBody(codeOf(await pageUrl()), overrides), cookie === undefined ? {} : { cookie });
  expect([202, 422, 429]).toContain(response.status);
  return response;
}

/** Sends `count` surveys one after the other; the statuses, the Retry-After of each 429, and how long it took. */
async function burst(count: number, send: () => Promise<Response>) {
  const started = Date.now();
  const statuses: number[] = [];
  const retryAfter: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await send();
    statuses.push(response.status);
    if (response.status === 429) {
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      retryAfter.push(Number(response.headers.get('retry-after')));
    }
    await response.text();
  }
  return { statuses, retryAfter, elapsedMs: Date.now() - started };
}

const count = (statuses: readonly number[], status: number) => statuses.filter((s) => s === status).length;
/** A budget's tokens, and those it refilled while the burst ran (one every 60 s / budget). */
const atMost = (budget: number, elapsedMs: number) => budget + Math.ceil(elapsedMs / (60_000 / budget));

describe('the rate limit behind one shared address', () => {
  it('gives a phone its device cookie once: HttpOnly, Secure, SameSite=Lax, for the whole site', async () => {
    const setCookie = await openPage();

    expect(setCookie).toMatch(/^pf_device=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Path=\/; Max-Age=86400; HttpOnly; Secure; SameSite=Lax$/);
    const cookie = (setCookie ?? '').split(';')[0];
    expect(await openPage(cookie)).toBeUndefined();
    expect(await openPage('pf_device=forged.AAAAAAAAAAAAAAAA')).toMatch(/^pf_device=/);
  });

  it('lets a busy hospital\'s peak through: 40 phones in a burst, twice the old limit of 20 a minute per address', async () => {
    // One after the other: the buckets do not care, and a loaded test machine times out a crowd.
    const phones = await burst(40, async () => submit(await phone()));

    expect(phones.statuses).toEqual(Array.from({ length: 40 }, () => 202));
  });

  it('stops one phone that floods, and its neighbours still get through', async () => {
    const flooder = await phone();

    const flood = await burst(25, () => submit(flooder));

    expect(count(flood.statuses, 202)).toBeGreaterThanOrEqual(perDevice);
    expect(count(flood.statuses, 202)).toBeLessThanOrEqual(atMost(perDevice, flood.elapsedMs));
    expect(count(flood.statuses, 202) + count(flood.statuses, 429)).toBe(25);
    expect(flood.retryAfter.every((seconds) => seconds >= 1 && seconds <= 60_000 / perDevice / 1000)).toBe(true);
    expect((await submit(await phone())).status).toBe(202);
  });

  it('holds a client without the page\'s cookie to one device\'s budget, and phones still get through', async () => {
    const script = await burst(20, () => submit());

    expect(count(script.statuses, 202)).toBeGreaterThanOrEqual(perDevice);
    expect(count(script.statuses, 202)).toBeLessThanOrEqual(atMost(perDevice, script.elapsedMs));
    expect(count(script.statuses, 429)).toBeGreaterThan(0);
    expect((await submit(await phone())).status).toBe(202);
  });

  it('refuses junk on a budget of its own, so patients\' surveys still go through', async () => {
    const junk = await burst(45, () => submit(undefined, { overall: 'great' }));

    expect(count(junk.statuses, 422)).toBeGreaterThanOrEqual(refused);
    expect(count(junk.statuses, 422)).toBeLessThanOrEqual(atMost(refused, junk.elapsedMs));
    expect(count(junk.statuses, 422) + count(junk.statuses, 429)).toBe(45);
    const patients = await burst(5, async () => submit(await phone()));
    expect(patients.statuses).toEqual([202, 202, 202, 202, 202]);
  });
});

describe('the tracking page behind one address', () => {
  it('refuses look-ups past the address\'s budget with 429 rather than saying whether the code exists', async () => {
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < perAddress + 20; i++) {
      const response = await fetch(`${stack().baseUrl}/t/AAAA-BBBB-CCCC-DDDD`, { headers: { 'accept-language': 'zh-CN' } });
      statuses.push(response.status);
      const page = await response.text();
      if (response.status === 429) expect(page).not.toContain('没有找到这个查询码');
    }

    expect(count(statuses, 404) + count(statuses, 429)).toBe(statuses.length);
    expect(count(statuses, 429)).toBeGreaterThanOrEqual(Math.max(1, 20 - Math.ceil((Date.now() - started) / (60_000 / perAddress))));
    expect(count(statuses, 404)).toBeLessThanOrEqual(atMost(perAddress, Date.now() - started));
  });
});

describe('a bucket on DynamoDB Local', () => {
  const minute = Date.UTC(2026, 10, 22, 16, 31);

  it('lets 20 of 40 requests through across a minute boundary with a budget of 20, then one every 3 s', async () => {
    const bucket = `it-${randomUUID()}`;
    const waits: number[] = [];
    // 16:30:59.000 to 16:31:00.950, 50 ms apart: fixed one-minute windows let 39 through.
    for (let i = 0; i < 40; i++) waits.push(await takeToken(TABLE_NAME, bucket, minute - 1_000 + i * 50, 20));

    expect(waits.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 0));
    expect(waits.slice(20).every((wait) => wait > 0 && wait <= 3_000)).toBe(true);
    expect(await takeToken(TABLE_NAME, bucket, minute - 1_000 + 2_999, 20)).toBeGreaterThan(0);
    expect(await takeToken(TABLE_NAME, bucket, minute - 1_000 + 3_000, 20)).toBe(0);
    expect(await takeToken(TABLE_NAME, bucket, minute - 1_000 + 3_001, 20)).toBeGreaterThan(0);
  });

  it('hands out exactly its budget to requests that race for it', async () => {
    const bucket = `it-${randomUUID()}`;

    const waits = await Promise.all(Array.from({ length: 30 }, () => takeToken(TABLE_NAME, bucket, minute, 20)));

    expect(waits.filter((wait) => wait === 0)).toHaveLength(20);
  });

  it('is full again once the time it was due full has passed', async () => {
    const bucket = `it-${randomUUID()}`;
    for (let i = 0; i < 20; i++) await takeToken(TABLE_NAME, bucket, minute, 20);
    expect(await takeToken(TABLE_NAME, bucket, minute, 20)).toBe(3_000);

    const later = await Promise.all(Array.from({ length: 25 }, () => takeToken(TABLE_NAME, bucket, minute + 60_001, 20)));

    expect(later.filter((wait) => wait === 0)).toHaveLength(20);
  });
});
