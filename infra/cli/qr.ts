import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { useCliEnvironment } from './cli-env.ts';

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
// does, only when the options cannot be parsed at all.
function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** 300 dpi on A5: the PNG is sharp when a print shop enlarges it to A4. */
const PNG_SCALE = 300 / 96;

async function writePoster(svg: string, out: string): Promise<void> {
  const format = extname(out).toLowerCase();
  if (format === '.svg') {
    writeFileSync(out, svg);
    return;
  }
  const { launchChromium } = await import('../browser.ts');
  const { A5 } = await import('../../shared/sites/qr-poster.ts');
  const browser = await launchChromium();
  try {
    const widthPx = Math.round((A5.widthMm / 25.4) * 96);
    const heightPx = Math.round((A5.heightMm / 25.4) * 96);
    const page = await browser.newPage({ viewport: { width: widthPx, height: heightPx }, deviceScaleFactor: PNG_SCALE });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>@page{size:${A5.widthMm}mm ${A5.heightMm}mm;margin:0}html,body{margin:0}svg{display:block}</style></head><body>${svg}</body></html>`);
    await page.evaluate(() => document.fonts.ready);
    if (format === '.png') await page.screenshot({ path: out, clip: { x: 0, y: 0, width: widthPx, height: heightPx } });
    else await page.pdf({ path: out, width: `${A5.widthMm}mm`, height: `${A5.heightMm}mm`, printBackground: true, pageRanges: '1' });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        list: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        site: { type: 'string', default: 'demo' },
        department: { type: 'string' },
        out: { type: 'string' },
        revoke: { type: 'boolean', default: false },
        page: { type: 'string', default: 'survey' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { site: siteId, department: departmentId, out } = values;
  const page = values.page === 'survey' || values.page === 'complaint' ? values.page : fail(`--page is survey or complaint, got "${values.page}"\n${USAGE}`);
  if (values.list && (departmentId !== undefined || values.revoke || out !== undefined)) fail(`--list lists every department: leave out --department, --revoke and --out\n${USAGE}`);
  if (!values.list && departmentId === undefined) fail(`Say what to do: --list, or --department ID with --out FILE or --revoke\n${USAGE}`);
  if (departmentId !== undefined && !values.revoke && out === undefined) fail(`--out FILE.svg|FILE.png|FILE.pdf is needed for a poster\n${USAGE}`);
  if (out !== undefined && !['.svg', '.png', '.pdf'].includes(extname(out).toLowerCase())) fail(`--out must end in .svg, .png or .pdf, got "${out}"`);

  useCliEnvironment();
  // Imported after the environment is set: storage modules create their clients at import.
  const { requireEnv } = await import('../../shared/platform/config.ts');
  const { env } = await import('../../shared/platform/resource-env.ts');
  const { signingKey } = await import('../../shared/aws/secrets.ts');
  const { bumpCodeGeneration, getDepartment, getSite, listDepartments } = await import('../../shared/storage/sites.ts');
  const { surveyUrl } = await import('../../shared/sites/department-codes.ts');
  const { complaintPageUrl } = await import('../../shared/complaints/page/complaint-paths.ts');
  const pageUrl = page === 'complaint' ? complaintPageUrl : surveyUrl;
  const { currentSurveyCode } = await import('../../shared/sites/department-codes.ts');
  const table = requireEnv(env.tableName);
  const baseUrl = requireEnv(env.publicBaseUrl);
  const key = await signingKey();

  const site = await getSite(table, siteId);
  if (site === undefined) fail(`Unknown site "${siteId}"`);

  if (values.list) {
    const departments = await listDepartments(table, siteId);
    const rows = departments.map((d) => ({
      site: d.siteId,
      department: d.departmentId,
      name: `${d.name} / ${d.nameEn}`,
      url: pageUrl(baseUrl, currentSurveyCode(key, d)),
    }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      const width = Math.max(...rows.map((r) => r.department.length));
      const off = new Set(departments.filter((d) => !d.surveyEnabled).map((d) => d.departmentId));
      process.stdout.write(`${site.name} / ${site.nameEn}\n${rows.map((r) => `${r.department.padEnd(width)}  ${r.url}\n    ${r.name}${off.has(r.department) ? '  (surveys switched off: this code is refused)' : ''}`).join('\n')}\n`);
    }
    return;
  }

  if (departmentId === undefined) fail(USAGE);
  const department = await getDepartment(table, siteId, departmentId);
  if (department === undefined) fail(`Unknown department "${departmentId}" in site "${siteId}": see npm run qr -- --list`);

  let current = department;
  if (values.revoke) {
    current = await bumpCodeGeneration(table, siteId, departmentId);
    process.stdout.write(`Revoked: every poster printed so far for ${department.name} / ${department.nameEn} stops working now; take them down.\nNew ${page} URL: ${pageUrl(baseUrl, currentSurveyCode(key, current))}\n`);
    if (out === undefined) {
      process.stdout.write(`Print new posters with: npm run qr -- --department ${departmentId}${siteId === 'demo' ? '' : ` --site ${siteId}`}${page === 'complaint' ? ' --page complaint' : ''} --out poster.pdf\n`);
      return;
    }
  }

  if (out === undefined) fail(USAGE);
  if (!current.surveyEnabled) process.stderr.write(`Warning: surveys are switched off for ${departmentId}; this poster's code is refused until they are switched on again.\n`);
  const { POSTER_WORDING, renderPosterSvg } = await import('../../shared/sites/qr-poster.ts');
  const url = pageUrl(baseUrl, currentSurveyCode(key, current));
  await writePoster(renderPosterSvg({ site, department: current, url, wording: POSTER_WORDING[page] }), out);
  process.stdout.write(`Poster for ${current.name} / ${current.nameEn} written to ${out}\n${url}\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
