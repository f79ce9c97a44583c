import { strict as assert } from 'node:assert';
import { describeFetchError } from '../../../../src/infra/conductor/conductorConnection';

describe('why a request to Conductor failed, in words', () => {
  it('names the network error code, or the reason fetch gives when there is none', async () => {
    const refused = await fetch('http://127.0.0.1:2/').catch((error: unknown) => error);
    assert.equal(describeFetchError(refused), 'fetch failed (ECONNREFUSED)');
    const badPort = await fetch('http://127.0.0.1:9/').catch((error: unknown) => error);
    assert.equal(describeFetchError(badPort), 'fetch failed (bad port)');
    assert.equal(describeFetchError(new DOMException('The operation timed out.', 'TimeoutError')), 'no answer in time');
  });
});
