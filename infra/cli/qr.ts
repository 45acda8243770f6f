import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { useCliEnvironment } from './cli-env.ts';

// `npm run qr` (api.md): list every department's survey URL, write one department's A5 poster as SVG,
// PNG or PDF, or revoke a department's printed codes.

const USAGE = [
  'usage: npm run qr -- --list [--json] [--site ID]',
  '       npm run qr -- --department ID [--site ID] --out FILE.svg|FILE.png|FILE.pdf',
  '       npm run qr -- --department ID [--site ID] --revoke',
].join('\n');

function fail(message: string, code = 2): never {
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
  const { A5 } = await import('../../shared/qr-poster.ts');
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
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { site: siteId, department: departmentId, out } = values;
  if (!values.list && departmentId === undefined) fail(USAGE);
  if (departmentId !== undefined && !values.revoke && out === undefined) fail(`--out FILE is needed for a poster\n${USAGE}`);
  if (out !== undefined && !['.svg', '.png', '.pdf'].includes(extname(out).toLowerCase())) fail(`--out must end in .svg, .png or .pdf, got "${out}"`);

  useCliEnvironment();
  // Imported after the environment is set: storage modules create their clients at import.
  const { requireEnv } = await import('../../shared/config.ts');
  const { env } = await import('../../shared/resource-env.ts');
  const { signingKey } = await import('../../shared/aws/secrets.ts');
  const { bumpCodeGeneration, getDepartment, getSite, listDepartments } = await import('../../shared/storage/sites.ts');
  const { surveyUrl } = await import('../../shared/survey-code.ts');
  const { currentSurveyCode } = await import('../../shared/survey-codes.ts');
  const table = requireEnv(env.tableName);
  const baseUrl = requireEnv(env.publicBaseUrl);
  const key = await signingKey();

  const site = await getSite(table, siteId);
  if (site === undefined) fail(`Unknown site "${siteId}"`, 1);

  if (values.list) {
    const rows = (await listDepartments(table, siteId)).map((d) => ({
      site: d.siteId,
      department: d.departmentId,
      name: `${d.name} / ${d.nameEn}`,
      url: surveyUrl(baseUrl, currentSurveyCode(key, d)),
    }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      const width = Math.max(...rows.map((r) => r.department.length));
      process.stdout.write(`${site.name} / ${site.nameEn}\n${rows.map((r) => `${r.department.padEnd(width)}  ${r.url}\n    ${r.name}`).join('\n')}\n`);
    }
    return;
  }

  if (departmentId === undefined) fail(USAGE);
  const department = await getDepartment(table, siteId, departmentId);
  if (department === undefined) fail(`Unknown department "${departmentId}" in site "${siteId}": see npm run qr -- --list`, 1);

  if (values.revoke) {
    const renewed = await bumpCodeGeneration(table, siteId, departmentId);
    process.stdout.write(`Revoked: every poster printed so far for ${department.name} / ${department.nameEn} stops working now.\nNew survey URL: ${surveyUrl(baseUrl, currentSurveyCode(key, renewed))}\nPrint new posters with: npm run qr -- --department ${departmentId} --out poster.pdf\n`);
    return;
  }

  if (out === undefined) fail(USAGE);
  const { renderPosterSvg } = await import('../../shared/qr-poster.ts');
  const url = surveyUrl(baseUrl, currentSurveyCode(key, department));
  await writePoster(renderPosterSvg({ site, department, url }), out);
  process.stdout.write(`Poster for ${department.name} / ${department.nameEn} written to ${out}\n${url}\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
