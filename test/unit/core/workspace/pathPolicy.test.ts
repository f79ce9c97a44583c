import * as assert from 'node:assert/strict';
import { WorkspaceError, type WorkspaceErrorCode } from '../../../../src/core/ports';
import { PathPolicy } from '../../../../src/core/workspace/pathPolicy';
import { normalizeWorkspacePath } from '../../../../src/core/workspace/workspacePath';

function refusal(run: () => unknown): { code: WorkspaceErrorCode; message: string } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof WorkspaceError, `expected a WorkspaceError, got ${String(error)}`);
    return { code: error.code, message: error.message };
  }
  assert.fail('expected the path to be refused');
}

describe('path policy', () => {
  describe('normalizeWorkspacePath', () => {
    const accepted: [string, string][] = [
      ['src/index.ts', 'src/index.ts'],
      ['./src//index.ts', 'src/index.ts'],
      ['src/./lib/../index.ts', 'src/index.ts'],
      ['src\\lib\\x.ts', 'src/lib/x.ts'],
      ['src/', 'src'],
      ['.', ''],
      ['', ''],
      ['docs/café/naïve.md', 'docs/café/naïve.md'],
      ['src/日本語.ts', 'src/日本語.ts'],
      ['a b/c d.txt', 'a b/c d.txt'],
      ['~/x', '~/x'],
    ];
    for (const [input, expected] of accepted) {
      it(`accepts ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
        assert.equal(normalizeWorkspacePath(input), expected);
      });
    }

    const refused: [string, WorkspaceErrorCode, RegExp][] = [
      ['../x', 'outside-root', /leads outside the workspace root/],
      ['a/../../x', 'outside-root', /leads outside/],
      ['..', 'outside-root', /leads outside/],
      ['src/..\\..\\x', 'outside-root', /leads outside/],
      ['/etc/passwd', 'outside-root', /absolute path/],
      ['C:\\x', 'outside-root', /absolute path/],
      ['c:/x', 'outside-root', /absolute path/],
      ['C:x', 'outside-root', /absolute path/],
      ['\\\\server\\share\\x', 'outside-root', /absolute path/],
      ['//server/share', 'outside-root', /absolute path/],
      ['src/a.ts:hidden', 'refused', /':'/],
      ['src/a\u0000.ts', 'refused', /control character/],
      ['src/a\nb.ts', 'refused', /control character/],
    ];
    for (const [input, code, message] of refused) {
      it(`refuses ${JSON.stringify(input)} (${code})`, () => {
        const error = refusal(() => normalizeWorkspacePath(input));
        assert.equal(error.code, code);
        assert.match(error.message, message);
      });
    }
  });

  describe('protected paths', () => {
    const policy = new PathPolicy({ protectedGlobs: ['secrets/', '*.pem', '/config/prod.json', 'src/generated/**'] });

    const protectedPaths: [string, string][] = [
      ['.git', '.git'],
      ['.git/config', '.git'],
      ['vendor/lib/.git/HEAD', '.git'],
      ['.GIT/config', '.git'],
      ['.git./config', '.git'],
      ['.vscode/settings.json', '.vscode'],
      ['.github/workflows/ci.yml', '.github'],
      ['node_modules/x', 'node_modules'],
      ['packages/app/node_modules/left-pad/index.js', 'node_modules'],
      ['.env', '.env'],
      ['src/.env.local', '.env.*'],
      ['.ENV.Production', '.env.*'],
      ['.imperium/state.json', '.imperium'],
      ['secrets', 'secrets'],
      ['secrets/api/key.txt', 'secrets'],
      ['deploy/tls/server.pem', '*.pem'],
      ['config/prod.json', 'config/prod.json'],
      ['src/generated/api.ts', 'src/generated/**'],
      ['./src/../.env', '.env'],
      ['src\\.env', '.env'],
    ];
    for (const [input, glob] of protectedPaths) {
      it(`refuses ${JSON.stringify(input)} (matches ${glob})`, () => {
        const error = refusal(() => policy.check(input));
        assert.equal(error.code, 'protected');
        assert.ok(error.message.includes(`matches "${glob}"`), error.message);
      });
    }

    const allowed = ['src/index.ts', '.gitignore', '.github-notes.md', 'docs/.environment.md', '.envrc', 'my_node_modules/x', 'config/dev.json', 'src/generated', 'src/.vscodeignore', 'src/gitx/x'];
    for (const input of allowed) {
      it(`allows ${JSON.stringify(input)}`, () => {
        assert.equal(policy.check(input), normalizeWorkspacePath(input));
      });
    }

    it('allows the root itself, so it can be listed', () => {
      assert.equal(policy.check('.'), '');
    });

    it('refuses globs that would protect everything or try to un-protect', () => {
      assert.throws(() => new PathPolicy({ protectedGlobs: ['/'] }), /everything or nothing/);
      assert.throws(() => new PathPolicy({ protectedGlobs: ['**'] }), /everything or nothing/);
      assert.throws(() => new PathPolicy({ protectedGlobs: ['!.env'] }), /negation/);
    });
  });
});
