import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userCacheFolder } from '../../../src/infra/userCacheFolder';

describe('the person’s cache folder', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'imperium-cache-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is $XDG_CACHE_HOME/imperium-flow on Linux, created private', () => {
    const folder = userCacheFolder({ XDG_CACHE_HOME: join(root, 'xdg'), HOME: join(root, 'home') }, 'linux');
    assert.equal(folder, join(root, 'xdg', 'imperium-flow'));
    assert.equal(statSync(folder).mode & 0o777, 0o700);
  });

  it('is ~/.cache/imperium-flow when XDG_CACHE_HOME is unset or relative, ~/Library/Caches on macOS', () => {
    assert.equal(userCacheFolder({ HOME: root }, 'linux'), join(root, '.cache', 'imperium-flow'));
    assert.equal(userCacheFolder({ HOME: root, XDG_CACHE_HOME: 'relative/cache' }, 'linux'), join(root, '.cache', 'imperium-flow'));
    assert.equal(userCacheFolder({ HOME: root }, 'darwin'), join(root, 'Library', 'Caches', 'imperium-flow'));
  });

  it('is none where others could write it, or where it is a link', () => {
    const shared = join(root, 'shared');
    mkdirSync(join(shared, 'imperium-flow'), { recursive: true });
    chmodSync(join(shared, 'imperium-flow'), 0o777);
    assert.equal(userCacheFolder({ XDG_CACHE_HOME: shared }, 'linux'), undefined);
    const linked = join(root, 'linked');
    mkdirSync(linked);
    symlinkSync(join(root, 'elsewhere'), join(linked, 'imperium-flow'));
    mkdirSync(join(root, 'elsewhere'));
    assert.equal(userCacheFolder({ XDG_CACHE_HOME: linked }, 'linux'), undefined);
  });
});
