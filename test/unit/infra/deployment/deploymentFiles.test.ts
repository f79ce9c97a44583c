import * as assert from 'node:assert/strict';
import { deploymentFileKind } from '../../../../src/core/integration/deploymentFiles';
import { OfflineDeploymentFiles } from '../../../../src/infra/deployment/offlineDeploymentFiles';

// The offline validators on good and bad compose files, GitHub Actions workflows and Dockerfiles,
// written here: nothing runs, no Docker engine and no network.
const files = new OfflineDeploymentFiles();

const GOOD_COMPOSE = `name: shop
services:
  api:
    build:
      context: .
      dockerfile: Dockerfile
    ports:
      - "127.0.0.1:8080:8080"
    depends_on:
      db:
        condition: service_healthy
        restart: true
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app/src
  db:
    image: postgres:16.4
    healthcheck:
      test: ["CMD", "pg_isready"]
      interval: 5s
      start_interval: 1s
    deploy:
      resources:
        limits:
          memory: 512M
volumes:
  data: {}
`;

describe('offline deployment file checks', () => {
  it('names the kind of a deployment file by its path', () => {
    assert.deepEqual(
      ['compose.yaml', 'deploy/docker-compose.prod.yml', '.github/workflows/ci.yml', 'Dockerfile', 'api/Dockerfile.dev', 'web.dockerfile', 'README.md', '.github/dependabot.yml'].map(deploymentFileKind),
      ['compose', 'compose', 'github-actions', 'dockerfile', 'dockerfile', 'dockerfile', undefined, undefined],
    );
  });

  it('accepts a compose file with modern keys (develop.watch, depends_on.restart, start_interval)', async () => {
    const check = await files.check('compose.yaml', GOOD_COMPOSE);
    assert.deepEqual(check.problems, []);
    assert.equal(check.valid, true);
  });

  it('rejects a compose file with a key the specification does not have, at its line', async () => {
    const check = await files.check('compose.yaml', GOOD_COMPOSE.replace('    ports:', '    portz:'));
    assert.equal(check.valid, false);
    const problem = check.problems.find((entry) => /"portz"/.test(entry.message));
    assert.ok(problem, JSON.stringify(check.problems));
    assert.equal(problem.pointer, '#/services/api');
    assert.equal(problem.line, 4, 'the line of the service the key is in');
    const wrongType = await files.check('compose.yaml', 'services:\n  api:\n    image: node:22\n    restart: 3\n    ports: "8080"\n');
    assert.ok(wrongType.problems.some((entry) => entry.pointer === '#/services/api/ports' && entry.line === 5), JSON.stringify(wrongType.problems));
    const yaml = await files.check('docker-compose.yml', 'services:\n  api: [\n');
    assert.deepEqual([yaml.valid, yaml.problems[0]?.rule], [false, 'yaml']);
  });

  it('accepts a GitHub Actions workflow and rejects one with an unknown key (at its line) or a broken expression', async () => {
    const good = `name: CI
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
        env:
          CI: \${{ github.event_name == 'push' }}
`;
    assert.deepEqual((await files.check('.github/workflows/ci.yml', good)).problems, []);
    const unknown = await files.check('.github/workflows/ci.yml', good.replace('    steps:', '    stepz:'));
    assert.equal(unknown.valid, false);
    assert.ok(unknown.problems.some((problem) => /stepz/.test(problem.message) && problem.line === 8), JSON.stringify(unknown.problems));
    const expression = await files.check('.github/workflows/ci.yml', good.replace("github.event_name == 'push'", 'github.event_name =='));
    assert.equal(expression.valid, false, JSON.stringify(expression.problems));
  });

  it('accepts a pinned Dockerfile and judges a bad one by its rules, each at its line', async () => {
    const good = 'ARG NODE=22.11\nFROM node:${NODE}-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\nFROM gcr.io/distroless/nodejs22-debian12@sha256:0000000000000000000000000000000000000000000000000000000000000000\nCOPY --from=build /app /app\nUSER nonroot\nCMD ["/app/server.js"]\n';
    const goodCheck = await files.check('Dockerfile', good);
    assert.deepEqual(goodCheck.problems, []);
    const bad = 'RUN echo before\nFROM ubuntu\nRUNN apt-get update\nRUN curl -fsSL https://example.com/install.sh | sh\nADD https://example.com/tool.tar.gz /opt/\nEXPOSE\n';
    const check = await files.check('Dockerfile', bad);
    assert.equal(check.valid, false);
    const rules = check.problems.map((problem) => `${problem.line} ${problem.severity} ${problem.rule}`);
    assert.deepEqual(rules, ['1 error from-first', '2 warning unpinned-base-image', '3 error unknown-instruction', '4 warning piped-download', '5 warning add-from-url', '6 error missing-arguments']);
  });

  it('refuses a file that is no deployment file, saying which are', async () => {
    await assert.rejects(files.check('src/app.ts', ''), /compose files .* GitHub Actions workflows .* Dockerfiles/);
  });
});
