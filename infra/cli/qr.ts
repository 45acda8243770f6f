import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { POSTER_FORMATS, type PosterFormat } from '../../shared/sites/poster-formats.ts';
import { fail, parseCommandLine, useCliEnvironment } from './cli-env.ts';

// `npm run qr` (api.md): list every department's survey URL, write one department's A5 poster as SVG,
// PNG or PDF, or revoke a department's printed codes. `--page complaint` does the same for the complaint
// page (/c/{code}), which takes the same code: revoking a department withdraws both posters.

const USAGE = [
  'usage: npm run qr -- --list [--json] [--site ID] [--page survey|complaint]',
  '       npm run qr -- --department ID [--site ID] [--page survey|complaint] --out FILE.svg|FILE.png|FILE.pdf',
  '       npm run qr -- --department ID [--site ID] --revoke [--out FILE]   (revokes, then writes the new poster)',
  'The site defaults to "demo", the page to "survey" (/s/{code}); "complaint" is the complaint page (/c/{code}, same code).',
  '--list --json prints [{ "site", "department", "name", "url" }], name being "中文名 / English name".',
].join('\n');

// Exit 1 with the reason on stderr for anything the operator can fix from the message (unknown site or
// department, missing --out, a file type it cannot write, no stack running); exit 2, as `npm run metrics`
// does, only when the options cannot be parsed at all. Revoking and the posters are the same functions
// the admin pages use (shared/sites/department-posters.ts); the operator is `client:operator-cli` in the
// audit trail, as for `npm run discharges`.

const OPERATOR = 'client:operator-cli';

const formatOf = (out: string): PosterFormat | undefined => POSTER_FORMATS.find((format) => `.${format}` === extname(out).toLowerCase());

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, {
    options: {
      list: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      site: { type: 'string', default: 'demo' },
      department: { type: 'string' },
      out: { type: 'string' },
      revoke: { type: 'boolean', default: false },
      page: { type: 'string', default: 'survey' },
    },
  });
  const { site: siteId, department: departmentId, out } = values;
  const page = values.page === 'survey' || values.page === 'complaint' ? values.page : fail(`--page is survey or complaint, got "${values.page}"\n${USAGE}`, 1);
  if (values.list && (departmentId !== undefined || values.revoke || out !== undefined)) fail(`--list lists every department: leave out --department, --revoke and --out\n${USAGE}`, 1);
  if (!values.list && departmentId === undefined) fail(`Say what to do: --list, or --department ID with --out FILE or --revoke\n${USAGE}`, 1);
  if (departmentId !== undefined && !values.revoke && out === undefined) fail(`--out FILE.svg|FILE.png|FILE.pdf is needed for a poster\n${USAGE}`, 1);
  if (out !== undefined && formatOf(out) === undefined) fail(`--out must end in .svg, .png or .pdf, got "${out}"`, 1);

  useCliEnvironment();
  // Imported after the environment is set: storage modules create their clients at import.
  const { requireEnv } = await import('../../shared/platform/config.ts');
  const { env } = await import('../../shared/platform/resource-env.ts');
  const { signingKey } = await import('../../shared/aws/secrets.ts');
  const { getDepartment, getSite, listDepartments } = await import('../../shared/storage/sites.ts');
  const { departmentPoster, posterUrl, revokeDepartmentCodes } = await import('../../shared/sites/department-posters.ts');
  const context = { table: requireEnv(env.tableName), key: await signingKey(), publicBaseUrl: requireEnv(env.publicBaseUrl) };
  const { table } = context;

  const site = await getSite(table, siteId);
  if (site === undefined) fail(`Unknown site "${siteId}"`, 1);

  if (values.list) {
    const departments = await listDepartments(table, siteId);
    const rows = departments.map((d) => ({ site: d.siteId, department: d.departmentId, name: `${d.name} / ${d.nameEn}`, url: posterUrl(context, d, page) }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      const width = Math.max(...rows.map((r) => r.department.length));
      const off = new Set(departments.filter((d) => !d.surveyEnabled).map((d) => d.departmentId));
      process.stdout.write(`${site.name} / ${site.nameEn}\n${rows.map((r) => `${r.department.padEnd(width)}  ${r.url}\n    ${r.name}${off.has(r.department) ? '  (surveys switched off: this code is refused)' : ''}`).join('\n')}\n`);
    }
    return;
  }

  if (departmentId === undefined) fail(USAGE, 1);
  const department = await getDepartment(table, siteId, departmentId);
  if (department === undefined) fail(`Unknown department "${departmentId}" in site "${siteId}": see npm run qr -- --list`, 1);

  let current = department;
  if (values.revoke) {
    current = await revokeDepartmentCodes(table, siteId, departmentId, OPERATOR);
    process.stdout.write(`Revoked: every poster printed so far for ${department.name} / ${department.nameEn} stops working now; take them down.\nNew ${page} URL: ${posterUrl(context, current, page)}\n`);
    if (out === undefined) {
      process.stdout.write(`Print new posters with: npm run qr -- --department ${departmentId}${siteId === 'demo' ? '' : ` --site ${siteId}`}${page === 'complaint' ? ' --page complaint' : ''} --out poster.pdf\n`);
      return;
    }
  }

  if (out === undefined) fail(USAGE, 1);
  if (!current.surveyEnabled) process.stderr.write(`Warning: surveys are switched off for ${departmentId}; this poster's code is refused until they are switched on again.\n`);
  const poster = await departmentPoster(context, siteId, departmentId, page, formatOf(out) ?? 'svg', current);
  writeFileSync(out, poster.bytes);
  process.stdout.write(`Poster for ${current.name} / ${current.nameEn} written to ${out}\n${poster.url}\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
