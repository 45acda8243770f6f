import { fail, parseCommandLine, useCliEnvironment } from './cli-env.ts';

// `npm run users`: the local staff accounts of the local token issuer (in AWS, Cognito's console or CLI
// manages staff: groups are roles, custom:sites and custom:departments their scope).

const USAGE = [
  'usage: npm run users -- list [--json]',
  '       npm run users -- add --username NAME --name "显示名" --role ROLE [--role ROLE] --site ID [--site ID] [--department ID ...]',
  '         (the password is read from PASSWORD, or asked for on the terminal)',
  '       npm run users -- disable --username NAME',
  '       npm run users -- enable --username NAME',
  'roles: office-officer, office-head, responder, callback-staff, manager, admin',
].join('\n');

/** Schema fields named as the options that set them. */
const OPTION_OF: Readonly<Record<string, string>> = { roles: 'role', sites: 'site', departments: 'department' };

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) fail('Set PASSWORD, or run in a terminal to be asked for it.', 1);
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('Password: ');
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(USAGE, {
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true, default: [] },
      site: { type: 'string', multiple: true, default: [] },
      department: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (command === undefined) fail(`Say what to do: list, add, disable or enable\n${USAGE}`, 2);

  useCliEnvironment();
  const { requireEnv } = await import('../../shared/platform/config.ts');
  const { env } = await import('../../shared/platform/resource-env.ts');
  const { createUserIfAbsent, getUser, listUsers, setUserDisabled, StaffUserSchema } = await import('../../shared/storage/users.ts');
  const { hashPassword, passwordProblem } = await import('../../shared/auth/password.ts');
  const { recordAudit } = await import('../../shared/storage/audit.ts');
  const { signInStanding } = await import('../../shared/auth/sign-in.ts');
  const { signingKey } = await import('../../shared/aws/secrets.ts');
  const table = requireEnv(env.tableName);
  const actor = `operator:${process.env.USER ?? 'local'}`;

  switch (command) {
    case 'list': {
      const key = await signingKey();
      const nowSeconds = Math.floor(Date.now() / 1000);
      const users = await Promise.all((await listUsers(table)).map(async ({ passwordHash: _hash, ...user }) => {
        const { failures, readyAt } = await signInStanding(table, key, user.username);
        return { ...user, failedSignIns: failures, ...(readyAt > nowSeconds ? { slowedUntil: new Date(readyAt * 1000).toISOString() } : {}) };
      }));
      if (values.json) process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
      else {
        for (const u of users) {
          const slowed = u.slowedUntil === undefined ? '' : ` · slowed until ${u.slowedUntil} after ${u.failedSignIns} failed sign-ins`;
          process.stdout.write(`${u.username.padEnd(12)} ${u.disabled ? 'DISABLED ' : ''}${u.name} · ${u.roles.join(',')} · sites ${u.sites.join(',')}${u.departments.length > 0 ? ` · departments ${u.departments.join(',')}` : ''}${slowed}\n`);
        }
      }
      return;
    }
    case 'add': {
      const password = await readPassword();
      const weak = passwordProblem(password);
      if (weak !== undefined) fail(`The password needs ${weak}.`, 1);
      const candidate = {
        username: values.username?.toLowerCase(), name: values.name, passwordHash: await hashPassword(password), roles: values.role, sites: values.site,
        departments: values.department, disabled: false,
      };
      const user = StaffUserSchema.safeParse(candidate);
      if (!user.success) fail(user.error.issues.map((i) => `--${OPTION_OF[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('\n'), 1);
      if (!(await createUserIfAbsent(table, user.data))) fail(`A user "${user.data.username}" exists already.`, 1);
      await recordAudit(table, { actor, action: 'user-add', outcome: 'success', sites: user.data.sites, target: `user:${user.data.username}` });
      process.stdout.write(`Added ${user.data.username} (${user.data.roles.join(', ')})\n`);
      return;
    }
    case 'disable':
    case 'enable': {
      if (values.username === undefined) fail(USAGE, 2);
      if (!(await setUserDisabled(table, values.username, command === 'disable'))) fail(`No user "${values.username}".`, 1);
      const sites = (await getUser(table, values.username))?.sites ?? [];
      await recordAudit(table, { actor, action: `user-${command}`, outcome: 'success', sites, target: `user:${values.username}` });
      process.stdout.write(`${command === 'disable' ? 'Disabled' : 'Enabled'} ${values.username}\n`);
      return;
    }
    default:
      fail(`Unknown command "${command}"\n${USAGE}`, 2);
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
