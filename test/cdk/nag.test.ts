import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGEMENTS, unacknowledgedFindings } from '../../infra/nag.ts';
import { buildStack } from '../support/cdk-stack.ts';

// cdk-nag (AwsSolutions and HIPAA Security) over the whole stack: no finding may pass unacknowledged,
// and every acknowledgement must still answer a real finding, so stale reasons do not pile up.
describe('cdk-nag', () => {
  it('reports no finding that is not acknowledged with a reason', () => {
    expect(unacknowledgedFindings(buildStack())).toEqual([]);
    for (const { reason } of ACKNOWLEDGEMENTS) expect(reason.length).toBeGreaterThan(40);
  });

  it('acknowledges only findings that occur', () => {
    const findings = unacknowledgedFindings(buildStack({ acknowledgeNagFindings: false })).map((line) => line.split(' ')[0]);
    const stale = ACKNOWLEDGEMENTS.map(({ id }) => id).filter((id) => !findings.includes(id));
    expect(stale).toEqual([]);
  });
});
