import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { acknowledgmentsIn, applyNag, unacknowledgedFindings } from '../../infra/nag.ts';
import { buildStack } from '../support/cdk-stack.ts';

// cdk-nag v3 (AwsSolutions and HIPAA Security) runs as a CDK validation plugin at synthesis. An error-level
// finding nobody acknowledged makes `app.synth()` throw (in tests; `npx cdk synth` prints it and exits 1),
// and every finding, warnings included, lands in the cloud assembly's validation-report.json.

const Report = z.object({
  pluginReports: z.array(z.object({
    pluginName: z.string(),
    violations: z.array(z.object({ ruleName: z.string(), severity: z.string().optional(), violatingConstructs: z.array(z.object({ constructPath: z.string().optional() })).default([]) })),
  })),
});

/** Synthesizes the app with the nag packs on; returns the findings of the validation report (or the thrown report). */
function synthWithNag(app: App): string[] {
  applyNag(app);
  const assembly = app.synth();
  const report = Report.parse(JSON.parse(readFileSync(join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8')));
  return report.pluginReports.flatMap((plugin) => plugin.violations.flatMap((v) =>
    v.violatingConstructs.map((c) => `${v.severity ?? 'error'} ${v.ruleName} ${c.constructPath ?? '?'}`)));
}

describe('cdk-nag', () => {
  // The findings are the template's: the functions' bundles (their asset hashes) change none of them, so
  // these stacks skip bundling; test/cdk/stack.test.ts synthesizes the bundled one.
  it('synthesizes the stack with no finding that is not acknowledged', () => {
    const stack = buildStack({ bundle: false });
    const app = stack.node.root;
    if (!(app instanceof App)) throw new Error('the stack is not in an App');
    expect(synthWithNag(app)).toEqual([]);
  });

  it('fails synthesis when a finding is introduced (a control: an unencrypted, unlogged bucket)', () => {
    const app = new App();
    new Bucket(new Stack(app, 'Control'), 'Plain');
    expect(() => synthWithNag(app)).toThrow(/AwsSolutions-S1[\s\S]*HIPAA\.Security-S3BucketLoggingEnabled/);
  });

  it('gives every acknowledgement a reason, and each still answers a real finding on the construct it is placed on', () => {
    const stack = buildStack({ acknowledgeNagFindings: false, bundle: false });
    const placed = acknowledgmentsIn(stack);
    expect(placed.length).toBeGreaterThan(10);
    const findings = unacknowledgedFindings(stack);
    const stale = placed.filter((ack) => !findings.some((f) => f.rule === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`))));
    expect(stale.map((ack) => `${ack.id} on ${ack.path}`)).toEqual([]);
    for (const { id, reason } of placed) expect(reason.length, id).toBeGreaterThan(60);
    // With them off, what remains is exactly what they answer: nothing is covered by accident from elsewhere.
    const unanswered = findings.filter((f) => !placed.some((ack) => f.rule === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`))));
    expect(unanswered).toEqual([]);
  });
});
