import assert from 'node:assert/strict';
import { cleanToolEnvironment, InstallCommandError, isTransientFailure, runInstallCommand } from '../../support/installCommand';

describe('harness install commands', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('drops what an outer npm run leaves in the environment, keeps the rest', () => {
    process.env.npm_config_loglevel = 'silent';
    process.env.npm_node_execpath = '/usr/bin/node';
    process.env.NODE = '/usr/bin/node';
    process.env.INIT_CWD = '/work';
    process.env.PATH = '/work/main/node_modules/.bin:/work/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/local/bin:/usr/bin';
    process.env.IMPERIUM_KEEP = 'yes';
    const env = cleanToolEnvironment({ EXTRA: '1' });
    assert.equal(env.npm_config_loglevel, undefined);
    assert.equal(env.npm_node_execpath, undefined);
    assert.equal(env.NODE, undefined);
    assert.equal(env.INIT_CWD, undefined);
    assert.equal(env.PATH, '/usr/local/bin:/usr/bin');
    assert.equal(env.IMPERIUM_KEEP, 'yes');
    assert.equal(env.EXTRA, '1');
  });

  it('tells registry hiccups from final failures', () => {
    assert.equal(isTransientFailure('npm error code ECONNRESET\nnpm error network aborted'), true);
    assert.equal(isTransientFailure('npm error 503 Service Unavailable - GET https://registry/x'), true);
    assert.equal(isTransientFailure('gssapi/gssapi.h: No such file or directory'), false);
    assert.equal(isTransientFailure('code-server currently requires node v24'), false);
  });

  it('shows the failing tool its own output, not only an exit code', () => {
    assert.throws(
      () => runInstallCommand('sh', ['-c', 'echo "the real reason" >&2; exit 3']),
      (error: unknown) => error instanceof InstallCommandError && error.exitCode === 3 && /the real reason/.test(error.message),
    );
  });

  it('a nested tool does not see the outer npm silencing it', () => {
    process.env.npm_config_loglevel = 'silent';
    const output = runInstallCommand('sh', ['-c', 'echo "loglevel=${npm_config_loglevel:-unset}"']);
    assert.match(output, /loglevel=unset/);
  });
});
