import { CognitoIdentityProviderClient, ListUsersCommand, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cognitoDirectory } from '../../../shared/administration/directory.ts';
import { type DigestTarget, digestRecipients, recipientTargets } from '../../../shared/digests/send-digests.ts';
import type { DigestPreference } from '../../../shared/storage/digest-preferences.ts';

// Who gets which digest at send time: the directory's accounts now (the Cognito pool here, mocked at the
// SDK client), not the scope saved with the preference; a group-scoped manager gets the group's digest.

const cognitoMock = mockClient(CognitoIdentityProviderClient);
const POOL = 'cn-north-1_pool';
const GROUP = ['demo', 'community', 'mental-health'];

const site = (siteId: string): DigestTarget => ({ key: siteId, scope: { kind: 'site', siteId }, siteIds: [siteId], timeZone: 'Asia/Shanghai' });
const group = (groupId: string, siteIds: string[]): DigestTarget => ({ key: `group:${groupId}`, scope: { kind: 'group', groupId }, siteIds, timeZone: 'Asia/Shanghai' });
const TARGETS = [site('demo'), site('community'), site('mental-health'), site('far'), group('district-group', GROUP)];

const preference = (username: string, sites: string[] = GROUP): DigestPreference => ({
  username, email: `${username}@hospital.example`, locale: 'zh-CN', frequency: 'both', roles: ['manager'], sites, updatedAt: '2026-10-01T00:00:00.000Z',
});

const poolUser = (username: string, sites: string[], enabled = true) => ({ Username: username, Enabled: enabled, Attributes: [{ Name: 'name', Value: username }, { Name: 'custom:sites', Value: sites.join(',') }] });
const members: Record<string, string[]> = { manager: ['director', 'shrunk', 'left', 'wide'], 'office-head': ['head'], responder: ['moved'] };

describe('digest recipients from the Cognito directory', () => {
  beforeEach(() => {
    cognitoMock.reset();
    cognitoMock.on(ListUsersCommand).resolves({ Users: [
      poolUser('director', GROUP),
      poolUser('shrunk', ['community']),
      poolUser('left', GROUP, false),
      poolUser('moved', ['demo']),
      poolUser('wide', [...GROUP, 'far']),
      poolUser('head', ['demo']),
    ] });
    cognitoMock.on(ListUsersInGroupCommand).callsFake((input: { GroupName?: string }) => ({ Users: (members[input.GroupName ?? ''] ?? []).map((Username) => ({ Username })) }));
  });

  it('sends a group-scoped manager the group digest, a shrunk scope only what is left, and nothing to the disabled, the moved or the deleted', async () => {
    // Prepare: every preference was saved with the whole group in scope
    const preferences = ['director', 'shrunk', 'left', 'moved', 'wide', 'deleted'].map((u) => preference(u)).concat(preference('head', ['demo']));

    // Act
    const recipients = await digestRecipients(preferences, cognitoDirectory(POOL), TARGETS);

    // Assess
    const byUser = Object.fromEntries(recipients.map((r) => [r.preference.username, { role: r.role, targets: r.targets.map((t) => t.key) }]));
    expect(byUser).toEqual({
      director: { role: 'manager', targets: ['group:district-group'] },
      shrunk: { role: 'manager', targets: ['community'] },
      wide: { role: 'manager', targets: ['group:district-group', 'far'] },
      head: { role: 'office-head', targets: ['demo'] },
    });
    // One listing for the run, with the read-only calls the sender is granted.
    expect(cognitoMock.commandCalls(ListUsersCommand)).toHaveLength(1);
    expect(cognitoMock.commandCalls(ListUsersCommand)[0]?.args[0].input.UserPoolId).toBe(POOL);
  });

  it('asks the directory nothing when nobody wants a digest', async () => {
    expect(await digestRecipients([], cognitoDirectory(POOL), TARGETS)).toEqual([]);
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it('fails the run when the directory cannot be read, so the next run tries again', async () => {
    cognitoMock.on(ListUsersCommand).rejects(new Error('TooManyRequestsException'));
    await expect(digestRecipients([preference('director')], cognitoDirectory(POOL), TARGETS)).rejects.toThrow('TooManyRequestsException');
  });
});

describe('the digests of a scope', () => {
  it('gives a group whose every member is in scope, and the sites outside it; a partly covered group gives its sites', () => {
    const keys = (sites: string[], targets = TARGETS) => recipientTargets(sites, targets).map((t) => t.key);
    expect(keys(GROUP)).toEqual(['group:district-group']);
    expect(keys(['demo', 'community'])).toEqual(['demo', 'community']);
    expect(keys(['far'])).toEqual(['far']);
    expect(keys([])).toEqual([]);
    // A site in two covered groups is in both group digests, not sent on its own.
    expect(keys([...GROUP, 'far'], [...TARGETS, group('aid-pair', ['demo', 'far'])])).toEqual(['group:district-group', 'group:aid-pair']);
  });
});
