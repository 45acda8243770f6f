import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportAuditTrail, readAuditTrail } from '../../../shared/administration/audit-trail.ts';
import type { UserIdentity } from '../../../shared/auth/identity.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../shared/platform/domain-errors.ts';
import { NO_SITE, recordAudit } from '../../../shared/storage/audit.ts';

// Each site has its own audit trail: an entry is written to each site it concerns, a reading queries only
// the partitions of the site read, and another site is "not found". Mocked at the SDK client.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2026-12-03T08:00:00.000Z');
const head: UserIdentity = { kind: 'user', subject: 's', username: 'head', roles: ['office-head'], sites: ['demo'], departments: [] };

const puts = (): Record<string, unknown>[] => dynamoMock.commandCalls(PutCommand).map((c) => c.args[0].input.Item ?? {});
const queriedPartitions = () => dynamoMock.commandCalls(QueryCommand).map((c) => String(c.args[0].input.ExpressionAttributeValues?.[':pk']));
const partitionsAndSites = () => puts().map((i) => [String(i.pk), String(i.site)]);

beforeEach(() => {
  dynamoMock.reset();
  dynamoMock.on(PutCommand).resolves({});
  dynamoMock.on(QueryCommand).resolves({ Items: [] });
});

describe('an audit entry', () => {
  it('is written once to each site it concerns, carrying that site, with one id', async () => {
    await recordAudit('t', { actor: 'user:head', action: 'sign-in', outcome: 'success', sites: ['demo', 'north', 'demo'] }, NOW);
    const items = puts();
    expect(partitionsAndSites()).toEqual([['AUDIT#demo#2026-12-03', 'demo'], ['AUDIT#north#2026-12-03', 'north']]);
    expect(new Set(items.map((i) => String(i.sk))).size).toBe(1);
  });

  it('belongs to no site when it concerns none (a sign-in with a name nobody has)', async () => {
    await recordAudit('t', { actor: 'user:nobody', action: 'sign-in', outcome: 'failure', sites: [], detail: 'unknown user' }, NOW);
    expect(partitionsAndSites()).toEqual([[`AUDIT#${NO_SITE}#2026-12-03`, NO_SITE]]);
  });
});

describe('reading the trail', () => {
  it('reads only the partitions of the reader\'s site, and records the reading there', async () => {
    dynamoMock.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'AUDIT#demo#2026-12-03' } }).resolves({
      Items: [{ pk: 'AUDIT#demo#2026-12-03', sk: 'x', at: '2026-12-03T07:00:00.000Z', site: 'demo', actor: 'user:office', action: 'complaint-change', outcome: 'success' }],
    });
    const page = await readAuditTrail('t', head, { from: '2026-12-01', to: '2026-12-03' }, NOW);
    expect(page.siteId).toBe('demo');
    expect(page.items).toEqual([expect.objectContaining({ site: 'demo', actor: 'user:office' })]);
    expect(queriedPartitions()).toEqual(['AUDIT#demo#2026-12-03', 'AUDIT#demo#2026-12-02', 'AUDIT#demo#2026-12-01']);
    // Recorded when it happens, in the site's partition of that day.
    expect(puts()).toEqual([expect.objectContaining({ pk: `AUDIT#demo#${new Date().toISOString().slice(0, 10)}`, site: 'demo', action: 'audit-read' })]);
  });

  it('answers another site with 404 and a role without the trail with 403, reading and recording nothing', async () => {
    await expect(readAuditTrail('t', head, { site: 'north' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportAuditTrail('t', head, { site: 'north' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(readAuditTrail('t', { ...head, roles: ['manager'] }, { site: 'bogus!' }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(0);
    expect(puts()).toEqual([]);
  });

  it('refuses a cursor of one site\'s trail on another\'s', async () => {
    const both: UserIdentity = { ...head, sites: ['demo', 'north'] };
    dynamoMock.on(QueryCommand).resolves({ Items: [{ pk: 'AUDIT#demo#2026-12-03', sk: 'k1', at: '2026-12-03T07:00:00.000Z', site: 'demo', actor: 'user:office', action: 'a', outcome: 'success' }] });
    const first = await readAuditTrail('t', both, { site: 'demo', limit: '1' }, NOW);
    expect(first.cursor).toBeDefined();
    await expect(readAuditTrail('t', both, { site: 'north', cursor: first.cursor }, NOW)).rejects.toBeInstanceOf(ValidationError);
  });

  it('finds a case filter only among the site\'s own cases', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: undefined });
    await expect(readAuditTrail('t', head, { case: 'aaaaaaaa-0000-4000-8000-000000000009' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
  });
});
