// docker-compose.yml and .devcontainer/ cannot be run here (no Docker engine), so they are checked:
// the compose file against the Compose specification's schema and dclint's rules, every image
// pinned to a version, every published port bound to loopback; the dev container's image and
// features pinned too.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DCLinter } from 'dclint';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
const COMPOSE = join(ROOT, 'docker-compose.yml');

interface ComposeFile {
  readonly services: Record<string, { readonly image?: string; readonly ports?: readonly string[] }>;
}

function pinned(image: string): boolean {
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest' && /\d/.test(tag);
}

describe('deployment files', () => {
  it('docker-compose.yml is valid Compose and passes dclint', () => {
    const linter = new DCLinter({
      rules: {
        'service-image-require-explicit-tag': 2,
        'no-unbound-port-interfaces': 2,
        'no-duplicate-exported-ports': 2,
        'no-duplicate-container-names': 2,
        'no-version-field': 2,
        'require-quotes-in-ports': 2,
        'no-build-and-image': 2,
        'require-project-name-field': 2,
      },
      quiet: true,
      debug: false,
      exclude: [],
    });
    const [result] = linter.lintFiles([COMPOSE], false);
    assert.ok(result);
    assert.deepEqual(result.messages.map((message) => `${message.rule}: ${message.message}`), []);
    assert.equal(result.errorCount, 0);
  });

  it('pins every image and binds every published port to loopback', () => {
    const compose = parse(readFileSync(COMPOSE, 'utf8')) as ComposeFile;
    assert.deepEqual(Object.keys(compose.services).sort(), ['conductor', 'worker']);
    for (const [name, service] of Object.entries(compose.services)) {
      assert.ok(service.image && pinned(service.image), `${name}: ${service.image} is pinned to a version`);
      for (const port of service.ports ?? []) assert.match(port, /^127\.0\.0\.1:\d+:\d+$/, `${name}: ${port} is bound to loopback`);
    }
    assert.match(JSON.stringify(compose.services.worker), /"worker","\/workspace","--conductor-url","http:\/\/conductor:8080"/);
  });

  it('.devcontainer pins its image and features and installs with npm ci', () => {
    const container = JSON.parse(readFileSync(join(ROOT, '.devcontainer', 'devcontainer.json'), 'utf8')) as { image: string; features: Record<string, { version?: string }>; postCreateCommand: string };
    assert.ok(pinned(container.image), container.image);
    for (const feature of Object.keys(container.features)) assert.ok(pinned(feature), `${feature} is pinned`);
    assert.equal(container.features['ghcr.io/devcontainers/features/java:1.6.3']?.version, '21', 'Java 21 runs the Conductor server the tests start');
    assert.equal(container.postCreateCommand, 'npm ci --no-audit --no-fund');
  });
});
