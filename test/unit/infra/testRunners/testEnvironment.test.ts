// The environment a test process gets: an allowlist of the caller's (see scrubbedEnvironment), never
// the model's key or the gateway's token, since the tests it runs are model-written code.
import * as assert from 'node:assert/strict';
import { testEnvironment } from '../../../../src/infra/testRunners/frameworkRunner';

describe('the environment of a test process', () => {
  const names = ['IMPERIUM_API_KEY', 'OPENAI_API_KEY', 'IMPERIUM_API_TOKEN', 'IMPERIUM_TEST_KEEP_ME'];
  const saved = new Map(names.map((name) => [name, process.env[name]]));
  before(() => {
    for (const name of names) process.env[name] = `value-of-${name}`;
  });
  after(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('holds no model key and no gateway token, and nothing off the allowlist', () => {
    const env = testEnvironment({ EXTRA: '1' });
    assert.equal(env.IMPERIUM_API_KEY, undefined);
    assert.equal(env.OPENAI_API_KEY, undefined);
    assert.equal(env.IMPERIUM_API_TOKEN, undefined);
    assert.equal(env.IMPERIUM_TEST_KEEP_ME, undefined);
    assert.equal(env.PATH, process.env.PATH);
    assert.equal(env.EXTRA, '1');
    assert.equal(env.NO_COLOR, '1');
  });

  it('refuses a caller that passes one in', () => {
    assert.throws(() => testEnvironment({ IMPERIUM_API_TOKEN: 'x' }), /may not carry IMPERIUM_API_TOKEN/);
  });
});
