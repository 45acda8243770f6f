import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { buildStack } from '../support/cdk-stack.ts';

// cfn-lint is AWS's own template linter: it checks the synthesized template against CloudFormation's
// resource specification (property types, allowed values, references), which cdk-nag does not. It comes
// with the machine's Python (no registry here serves it), so a missing one fails with how to get it.

/**
 * The stack is environment-agnostic, and cfn-lint checks that each resource type exists in the regions it
 * is given (else it takes AWS_REGION, which the tests set for the SDK). Cognito user pools do not exist in
 * the China partition, so the regions are named here: the default one and Hong Kong, nearest the hospitals.
 */
const REGIONS = ['us-east-1', 'ap-east-1'];

const Finding = z.object({
  Filename: z.string(),
  Level: z.enum(['Error', 'Warning', 'Informational']),
  Rule: z.object({ Id: z.string() }),
  Message: z.string(),
  Location: z.object({ Path: z.array(z.union([z.string(), z.number()])).nullable().optional() }),
});
type Finding = z.infer<typeof Finding>;

/** Lints each template (one cfn-lint process: it spends seconds loading the specification); the findings by template. */
function cfnLint(templates: Readonly<Record<string, unknown>>): Record<string, Finding[]> {
  const folder = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
  try {
    const files = Object.entries(templates).map(([name, template]) => {
      const file = join(folder, `${name}.json`);
      writeFileSync(file, JSON.stringify(template));
      return [name, file] as const;
    });
    const run = spawnSync('cfn-lint', ['--format', 'json', '--regions', ...REGIONS, '--', ...files.map(([, file]) => file)], { encoding: 'utf8' });
    if (run.error !== undefined) throw new Error(`cfn-lint did not run (${run.error.message}): it comes with the machine's Python 3; elsewhere \`pip install cfn-lint\``);
    // The exit code is a bit mask of the levels found; the findings themselves are the verdict.
    const parsed = z.array(Finding).safeParse(JSON.parse(run.stdout || 'null'));
    if (!parsed.success) throw new Error(`cfn-lint answered no findings list (exit ${String(run.status)}): ${run.stderr}`);
    return Object.fromEntries(files.map(([name, file]) => [name, parsed.data.filter((f) => f.Filename === file)]));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const describeFinding = (f: Finding) => `${f.Rule.Id} ${(f.Location.Path ?? []).join('/')}: ${f.Message}`;

/** A control: a Lambda on a runtime that does not exist, which the linter must call an error. */
const BROKEN = {
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs99.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' } } },
  },
};

describe('cfn-lint', () => {
  let findings: Record<string, Finding[]> = {};
  beforeAll(() => {
    findings = cfnLint({ stack: Template.fromStack(buildStack({ bundle: false })).toJSON(), control: BROKEN });
  });

  it('finds no error in the synthesized template', () => {
    const all = findings.stack ?? [];
    const warnings = all.filter((f) => f.Level !== 'Error');
    // Warnings are reported, not failed: today only W3005, a DependsOn that CDK itself adds beside a GetAtt.
    const counts = new Map<string, number>();
    for (const { Rule } of warnings) counts.set(Rule.Id, (counts.get(Rule.Id) ?? 0) + 1);
    const byRule = [...counts].map(([rule, count]) => `${rule} ×${String(count)}`);
    console.info(`cfn-lint (${REGIONS.join(', ')}): ${String(all.length - warnings.length)} errors, ${String(warnings.length)} warnings ${byRule.join(', ')}`);
    expect(all.filter((f) => f.Level === 'Error').map(describeFinding)).toEqual([]);
  });

  it('reports an error when the template has one (the control)', () => {
    expect((findings.control ?? []).filter((f) => f.Level === 'Error').map((f) => f.Rule.Id)).toContain('E3030');
  });
});
