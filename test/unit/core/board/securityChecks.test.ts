import * as assert from 'node:assert/strict';
import { REDACTED, runSecurityChecks, withoutSecrets } from '../../../../src/core/board/securityChecks';

const GITHUB_TOKEN = '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';

async function checksOn(after: string, before?: string, path = 'src/app.js') {
  return runSecurityChecks([{ path, before, after }]);
}

describe('CSO security checks', () => {
  it('finds a vendor token on an added line and never repeats the secret', async () => {
    const findings = await checksOn(`const token = process.env.T;\nconst gh = "${GITHUB_TOKEN}";\n`);
    const secret = findings.find((f) => f.check === 'secret' && f.line === 2);
    assert.ok(secret, JSON.stringify(findings));
    assert.equal(secret.severity, 'critical');
    assert.ok(findings.every((f) => !f.message.includes(GITHUB_TOKEN)));
  });

  it('finds a literal assigned to a name that says it is a credential, and OpenAI-style keys', async () => {
    const findings = await checksOn('const dbPassword = "hunter2hunter2";\nconst client = new OpenAI({ apiKey: "sk-proj-abcdefghijklmnopqrstuvwxyz012345" });\n');
    assert.deepEqual(findings.filter((f) => f.check === 'secret').map((f) => f.line), [1, 2]);
  });

  it('looks only at lines the change added', async () => {
    const before = `const gh = "${GITHUB_TOKEN}";\n`;
    assert.deepEqual(await checksOn(`${before}const x = 1;\n`, before), []);
  });

  it('flags eval and shell commands built from strings, not literal eval or RegExp.exec', async () => {
    const findings = await checksOn(
      [
        'eval(userInput);',
        "eval('1 + 1');",
        'const m = /a(b)/.exec(text);',
        'const r = pattern.exec(line);',
        'exec(`git log ${branch}`);',
        "child_process.execSync('rm -rf ' + dir);",
        "execFile('git', ['log']);",
        "spawn('ls', [], { shell: true });",
      ].join('\n'),
    );
    assert.deepEqual(findings.filter((f) => f.check === 'dynamic-execution').map((f) => f.line), [1, 5, 6, 8]);
  });

  it('flags TLS verification turned off, in Node and Python', async () => {
    const findings = await checksOn("https.request({ rejectUnauthorized: false });\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nrequests.get(url, verify=False)\n");
    assert.deepEqual(findings.filter((f) => f.check === 'tls-disabled').map((f) => f.line), [1, 2, 3]);
  });

  it('reports new dependencies in package.json and requirements.txt, but not existing ones', async () => {
    const before = JSON.stringify({ dependencies: { lodash: '^4' } }, null, 2);
    const after = JSON.stringify({ dependencies: { lodash: '^4', 'left-pad': '^1' }, devDependencies: { leftpad2: '1' } }, null, 2);
    const npm = await checksOn(after, before, 'package.json');
    assert.deepEqual(npm.map((f) => f.message.match(/"(.+)"/)?.[1]), ['left-pad', 'leftpad2']);
    assert.ok(npm.every((f) => f.severity === 'medium'));
    const pip = await checksOn('requests==2.0\nflask>=3 # web\n', 'requests==2.0\n', 'requirements.txt');
    assert.deepEqual(pip.map((f) => f.message.match(/"(.+)"/)?.[1]), ['flask']);
  });

  it('passes a clean change', async () => {
    assert.deepEqual(await checksOn('export function add(a, b) {\n  return a + b;\n}\n'), []);
  });
});

describe('secrets withheld from diffs', () => {
  it('replaces each added line that holds a secret, keeping its indentation, and leaves clean files alone', async () => {
    const leaky = { path: 'src/client.js', before: 'const a = 1;\n', after: 'const a = 1;\n  const apiKey = "sk-proj-abcdefghijklmnopqrstuvwxyz012345";\nconst b = 2;\n' };
    const clean = { path: 'src/add.js', after: 'export const add = (a, b) => a + b;\n' };
    const [withheld, untouched] = await withoutSecrets([leaky, clean]);
    assert.equal(withheld.after, `const a = 1;\n  ${REDACTED}\nconst b = 2;\n`);
    assert.equal(withheld.before, leaky.before);
    assert.equal(untouched, clean);
  });
});
