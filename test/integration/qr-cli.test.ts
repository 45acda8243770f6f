import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DEMO_DEPARTMENTS } from '../../infra/local/demo-site.ts';
import { codeOf, postJson, surveyBody, useLocalStack } from '../support/local-stack.ts';

// `npm run qr` against a running stack: pointed at it by environment variables as for a deployed one,
// and found through .local/runtime.json as `npm start` describes itself (the file is written here for
// the stack this process runs; test/integration/local-runtime.test.ts covers `npm start` itself).

const ROOT = join(import.meta.dirname, '..', '..');
// Node with tsx's loader, as the tsx command runs it, minus the extra process that command starts first.
const CLI = [process.execPath, '--import', 'tsx', 'infra/cli/qr.ts'] as const;
const stack = useLocalStack({ rateLimitPerMinute: 1000 });
const outDir = mkdtempSync(join(tmpdir(), 'qr-posters-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const run = promisify(execFile);
const qr = (...args: string[]) => run(CLI[0], [...CLI.slice(1), ...args], { cwd: ROOT, env: { ...process.env, ...stack().env } });

/** This process's environment without the stack's variables (the local stack put them here), with a local dir. */
function withoutStack(localDir: string): NodeJS.ProcessEnv {
  const stackVariables = new Set(Object.keys(stack().env));
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !stackVariables.has(name))), PATIENT_FEEDBACK_LOCAL_DIR: localDir };
}
const qrIn = (localDir: string, ...args: string[]) => run(CLI[0], [...CLI.slice(1), ...args], { cwd: ROOT, env: withoutStack(localDir) });
const localDir = (name: string, runtime?: unknown) => {
  const dir = join(outDir, name);
  mkdirSync(dir, { recursive: true });
  if (runtime !== undefined) writeFileSync(join(dir, 'runtime.json'), JSON.stringify(runtime));
  return dir;
};

const ListSchema = z.array(z.strictObject({ site: z.string(), department: z.string(), name: z.string(), url: z.url() }));

describe('npm run qr', () => {
  it('lists every department with a survey URL that opens its page', async () => {
    const [json, { stdout: table }] = await Promise.all([qr('--list', '--json'), qr('--list')]);
    const list = ListSchema.parse(JSON.parse(json.stdout));
    expect(list).toHaveLength(DEMO_DEPARTMENTS.length);
    expect(list.map((d) => d.department).sort()).toEqual(DEMO_DEPARTMENTS.map((d) => d.departmentId).sort());
    expect(new Set(list.map((d) => d.site))).toEqual(new Set(['demo']));
    // Offices that only investigate complaints have surveys switched off: their code opens no page.
    const enabled = new Set(DEMO_DEPARTMENTS.filter((d) => d.surveyEnabled).map((d) => d.departmentId));
    for (const { url, department } of list) expect({ url, status: (await fetch(url)).status }).toEqual({ url, status: enabled.has(department) ? 200 : 404 });
    const pharmacy = list.find((d) => d.department === 'outpatient-pharmacy');
    expect(pharmacy?.name).toBe('门诊药房 / Outpatient Pharmacy');
    const page = await fetch(pharmacy?.url ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('门诊药房');

    expect(table).toContain('示范区人民医院');
    expect(table).toContain(pharmacy?.url);
  });

  it('finds the local stack through runtime.json, and says so when none is running', async () => {
    const found = localDir('running', { pid: process.pid, baseUrl: stack().baseUrl, env: stack().env });
    const gone = spawnSync('true').pid;
    const [listed] = await Promise.all([
      qrIn(found, '--list', '--json'),
      expect(qrIn(localDir('never-started'), '--list')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('npm start') as unknown }),
      expect(qrIn(localDir('stopped', { pid: gone, baseUrl: stack().baseUrl, env: stack().env }), '--list')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not running') as unknown }),
    ]);
    const list = ListSchema.parse(JSON.parse(listed.stdout));
    expect(list.find((d) => d.department === 'emergency')?.url).toBe(await stack().surveyUrl('emergency'));
  });

  it('writes the poster as SVG, PDF and a 300 dpi PNG whose QR code scans to the survey URL', async () => {
    const url = await stack().surveyUrl('emergency');
    const file = (ext: string) => join(outDir, `emergency.${ext}`);
    await Promise.all(['svg', 'pdf', 'png'].map((ext) => qr('--department', 'emergency', '--out', file(ext))));

    const svg = readFileSync(file('svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('急诊科');
    expect(svg).toContain(url);
    expect(readFileSync(file('pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(file('png')).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const png = PNG.sync.read(readFileSync(file('png')));
    // A5 at 300 dpi: 148 mm × 210 mm is 1748 × 2480 px.
    expect(Math.abs(png.width - 1748)).toBeLessThanOrEqual(2);
    expect(Math.abs(png.height - 2480)).toBeLessThanOrEqual(2);
    // jsqr is CommonJS with a `default` export: under NodeNext its function is `.default`.
    expect(jsqr.default(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url);
  });

  it('gives the complaint page\'s URLs and poster with --page complaint: the same code, at /c/', async () => {
    const list = ListSchema.parse(JSON.parse((await qr('--list', '--json', '--page', 'complaint')).stdout));
    const url = list.find((d) => d.department === 'emergency')?.url ?? '';
    expect(url).toBe((await stack().surveyUrl('emergency')).replace('/s/', '/c/'));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>我要投诉</h1>');

    const poster = join(outDir, 'emergency-complaint.svg');
    await qr('--department', 'emergency', '--page', 'complaint', '--out', poster);
    const svg = readFileSync(poster, 'utf8');
    expect(svg).toContain(url);
    expect(svg).toContain('扫码投诉');
    expect(svg).not.toContain('扫码评价');
    await expect(qr('--list', '--page', 'feedback')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--page is survey or complaint') as unknown });
  });

  it('revokes a department: old posters are refused, the new code is accepted', async () => {
    const oldCode = codeOf(await stack().surveyUrl('blood-draw'));
    const { stdout } = await qr('--department', 'blood-draw', '--revoke');
    const newUrl = /New survey URL: (\S+)/.exec(stdout)?.[1] ?? '';
    expect(newUrl).not.toBe('');
    expect(stdout).toContain('stops working');

    const refused = await postJson(`${stack().baseUrl}/v1/surveys`, surveyBody(oldCode));
    expect(refused.status).toBe(422);
    expect((await fetch(`${stack().baseUrl}/s/${oldCode}`)).status).toBe(404);
    expect((await postJson(`${stack().baseUrl}/v1/surveys`, surveyBody(codeOf(newUrl)))).status).toBe(202);
  });

  it('revokes and writes the new poster in one go', async () => {
    const oldUrl = await stack().surveyUrl('maternity-ward');
    const poster = join(outDir, 'maternity.svg');
    const { stdout } = await qr('--department', 'maternity-ward', '--revoke', '--out', poster);
    const newUrl = await stack().surveyUrl('maternity-ward');
    expect(newUrl).not.toBe(oldUrl);
    expect(stdout).toContain(`New survey URL: ${newUrl}`);
    expect(readFileSync(poster, 'utf8')).toContain(newUrl);
    expect((await postJson(`${stack().baseUrl}/v1/surveys`, surveyBody(codeOf(oldUrl)))).status).toBe(422);
  });

  it('explains a department it does not know, a missing --out and a file type it cannot write', async () => {
    await Promise.all([
      expect(qr('--department', 'no-such-ward', '--out', join(outDir, 'x.svg'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown department "no-such-ward"') as unknown }),
      expect(qr('--department', 'emergency')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--out FILE') as unknown }),
      expect(qr('--department', 'emergency', '--out', join(outDir, 'x.gif'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('.svg, .png or .pdf') as unknown }),
      expect(qr('--list', '--site', 'no-such-site')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown site "no-such-site"') as unknown }),
      expect(qr('--no-such-option')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run qr') as unknown }),
    ]);
  });
});
