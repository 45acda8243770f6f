import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_DEPARTMENTS } from '../../shared/demo-site.ts';
import { codeOf, postJson, surveyBody, useLocalStack } from '../support/local-stack.ts';

// `npm run qr` against a running stack, pointed at it by environment variables as for a deployed one.

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const stack = useLocalStack({ rateLimitPerMinute: 1000 });
const outDir = mkdtempSync(join(tmpdir(), 'qr-posters-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const run = promisify(execFile);
const qr = (...args: string[]) => run(TSX, ['infra/cli/qr.ts', ...args], { cwd: ROOT, env: { ...process.env, ...stack().env } });

const ListSchema = z.array(z.strictObject({ site: z.string(), department: z.string(), name: z.string(), url: z.url() }));

describe('npm run qr', () => {
  it('lists every department with a survey URL that opens its page', async () => {
    const list = ListSchema.parse(JSON.parse((await qr('--list', '--json')).stdout));
    expect(list.map((d) => d.department).sort()).toEqual(DEMO_DEPARTMENTS.map((d) => d.departmentId).sort());
    const pharmacy = list.find((d) => d.department === 'outpatient-pharmacy');
    expect(pharmacy?.name).toBe('门诊药房 / Outpatient Pharmacy');
    const page = await fetch(pharmacy?.url ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('门诊药房');
  });

  it('writes the poster as SVG, PDF and a 300 dpi PNG whose QR code scans to the survey URL', async () => {
    const url = await stack().surveyUrl('emergency');
    const file = (ext: string) => join(outDir, `emergency.${ext}`);
    await qr('--department', 'emergency', '--out', file('svg'));
    await qr('--department', 'emergency', '--out', file('pdf'));
    await qr('--department', 'emergency', '--out', file('png'));

    expect(readFileSync(file('svg'), 'utf8')).toContain('急诊科');
    expect(readFileSync(file('pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const png = PNG.sync.read(readFileSync(file('png')));
    expect(png.width).toBeGreaterThanOrEqual(1740);
    expect(png.height).toBeGreaterThanOrEqual(2470);
    // jsqr is CommonJS with a `default` export: under NodeNext its function is `.default`.
    expect(jsqr.default(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url);
  });

  it('revokes a department: old posters are refused, the new code is accepted', async () => {
    const oldCode = codeOf(await stack().surveyUrl('blood-draw'));
    const { stdout } = await qr('--department', 'blood-draw', '--revoke');
    const newUrl = /New survey URL: (\S+)/.exec(stdout)?.[1] ?? '';
    expect(newUrl).not.toBe('');

    const refused = await postJson(`${stack().baseUrl}/v1/surveys`, surveyBody(oldCode));
    expect(refused.status).toBe(422);
    expect((await fetch(`${stack().baseUrl}/s/${oldCode}`)).status).toBe(404);
    expect((await postJson(`${stack().baseUrl}/v1/surveys`, surveyBody(codeOf(newUrl)))).status).toBe(202);
  });

  it('explains a department it does not know and a file type it cannot write', async () => {
    await expect(qr('--department', 'no-such-ward', '--out', join(outDir, 'x.svg'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown department "no-such-ward"') as unknown });
    await expect(qr('--department', 'emergency', '--out', join(outDir, 'x.gif'))).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('.svg, .png or .pdf') as unknown });
  });
});
