import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { bundleFunction } from '../../../infra/bundling.ts';

// zod/mini says only "Invalid input" unless its English messages are set, which shared/schemas/zod.ts does
// as a side effect. vitest runs the source, so only a bundle built as the CDK builds one (package.json's
// `sideEffects` decides what esbuild keeps), run in a process of its own (zod keeps its settings on
// globalThis, which this process has set), shows whether a Lambda still tells a caller what is wrong.

const out = mkdtempSync(join(tmpdir(), 'zod-messages-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('zod messages in a deployed bundle', () => {
  it('keeps the English field messages the API and the staff pages carry', async () => {
    // Arrange
    const { file } = await bundleFunction('test/support/zod-message-probe.ts', out);
    const refused = { submissionId: 'not-a-uuid', code: '', overall: 'great' };

    // Act
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', `const { messages } = await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(JSON.stringify(messages(${JSON.stringify(refused)})));`], { encoding: 'utf8' });

    // Assert
    expect(z.array(z.string()).parse(JSON.parse(printed))).toEqual(['Invalid UUID', 'Too small: expected string to have >=1 characters', expect.stringMatching(/^Invalid option: expected one of "very_good"/)]);
  });
});
