import { strict as assert } from 'node:assert';
import { ConductorConfigurationError } from '../../../../src/infra/conductor/conductorConnection';
import { conductorWorkflowLink } from '../../../../src/infra/conductor/conductorLinks';

describe("links to a workflow in Conductor's UI", () => {
  it('points at the execution page under the configured address', () => {
    assert.equal(conductorWorkflowLink('http://127.0.0.1:5000', '0c44d7ca-713c-46b1-a0c9-9ee4fc0294e1'), 'http://127.0.0.1:5000/execution/0c44d7ca-713c-46b1-a0c9-9ee4fc0294e1');
    assert.equal(conductorWorkflowLink('https://conductor.example.test/ui/', 'abc-1'), 'https://conductor.example.test/ui/execution/abc-1');
  });

  it('refuses an address that is not http(s) and an id that is not one, saying which', () => {
    assert.throws(() => conductorWorkflowLink('not an address', 'abc'), (error: unknown) => error instanceof ConductorConfigurationError && /"not an address" is not an address of Conductor's UI/.test(error.message));
    assert.throws(() => conductorWorkflowLink('javascript:alert(1)', 'abc'), /is not an http or https address/);
    assert.throws(() => conductorWorkflowLink('http://127.0.0.1:5000', '../../admin'), /is not a Conductor workflow id/);
  });
});
