import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_POLICY_TEXT_LENGTH } from '../../../src/core/policy/limits';
import { readScenarioFile, readScenarioFileSync, readScenarioPolicy, readScenarioPolicySync, type PolicyFileScope } from '../../../src/node/scenarioFiles';

describe('scenario files: the CLI\'s blocking reads and the extension host\'s non-blocking reads agree', function () {
  let root: string;
  let outside: string;
  let scope: PolicyFileScope;
  const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-scenario-files-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-scenario-outside-'));
    fs.writeFileSync(path.join(root, 'policy.json'), POLICY);
    fs.writeFileSync(path.join(root, 'empty.json'), '');
    fs.writeFileSync(path.join(root, 'huge.json'), 'x'.repeat(MAX_POLICY_TEXT_LENGTH + 1));
    // 200 KB: the read takes several chunks.
    fs.writeFileSync(path.join(root, 'chunks.json'), `${POLICY}${' '.repeat(200_000)}`);
    fs.mkdirSync(path.join(root, 'folder'));
    // As Windows PowerShell 5's > and Out-File write.
    fs.writeFileSync(path.join(root, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POLICY, 'utf16le')]));
    fs.writeFileSync(path.join(outside, 'secret.json'), 'SECRET-CONTENT');
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(root, 'link.json'));
    fs.symlinkSync('/dev/zero', path.join(root, 'zero.json'));
    execFileSync('mkfifo', [path.join(root, 'fifo.json')]);
    scope = { root, rootName: 'project folder', allowOutside: false, allowHint: '--allow-outside-project' };
  });

  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const cases: [string, (r: unknown) => void][] = [
    ['policy.json', (r) => assert.strictEqual(r, POLICY)],
    ['empty.json', (r) => assert.strictEqual(r, '')],
    ['chunks.json', (r) => assert.strictEqual((r as string).length, POLICY.length + 200_000)],
    ['huge.json', (r) => assert.match((r as { error: string }).error, /^the policy file huge\.json is .*over the .* limit of a policy document/)],
    ['folder', (r) => assert.deepStrictEqual(r, { error: 'the policy file folder is a folder, not a file.' })],
    ['utf16.json', (r) => assert.deepStrictEqual(r, { error: 'the policy file utf16.json is saved as UTF-16, and policies are read as UTF-8: save it again as UTF-8.' })],
    ['missing.json', (r) => assert.deepStrictEqual(r, { error: 'cannot read the policy file missing.json: no such file.' })],
    ['link.json', (r) => assert.match((r as { error: string }).error, /^the policy file link\.json is a link to a file outside the project folder/)],
    ['zero.json', (r) => assert.match((r as { error: string }).error, /outside the project folder|not a regular file/)],
    ['fifo.json', (r) => assert.match((r as { error: string }).error, /^the policy file fifo\.json is not a regular file/)],
    ['../outside.json', (r) => assert.match((r as { error: string }).error, /^the policy file \.\.\/outside\.json is outside the project folder .*--allow-outside-project reads it anyway/)],
  ];

  for (const [written, check] of cases) {
    it(`a policy path ${written}: the same result both ways`, async () => {
      const abs = path.resolve(root, written);
      const blocking = readScenarioPolicySync(abs, written, scope);
      check(blocking);
      assert.deepStrictEqual(await readScenarioPolicy(abs, written, scope), blocking);
      assert.ok(!JSON.stringify(blocking).includes('SECRET-CONTENT'), 'the content of a refused file reached the result');
    });
  }

  it('--allow-outside-project reads a link out of the project, but still no device', async () => {
    const anywhere = { ...scope, allowOutside: true };
    const link = path.join(root, 'link.json');
    assert.strictEqual(readScenarioPolicySync(link, 'link.json', anywhere), 'SECRET-CONTENT');
    assert.strictEqual(await readScenarioPolicy(link, 'link.json', anywhere), 'SECRET-CONTENT');
    const zero = path.join(root, 'zero.json');
    assert.match((readScenarioPolicySync(zero, 'zero.json', anywhere) as { error: string }).error, /not a regular file/);
    assert.deepStrictEqual(await readScenarioPolicy(zero, 'zero.json', anywhere), readScenarioPolicySync(zero, 'zero.json', anywhere));
  });

  it('a scenario file: its text, or why not (folder, FIFO, missing), the same both ways', async () => {
    for (const [name, expected] of [
      ['policy.json', POLICY],
      ['folder', { error: 'it is a folder, not a scenario file' }],
      ['utf16.json', { error: 'it is saved as UTF-16, and scenario files are read as UTF-8: save it again as UTF-8' }],
      ['fifo.json', { error: 'not a regular file (a device, pipe or socket)' }],
      ['missing.json', { error: 'no such file' }],
    ] as const) {
      const file = path.join(root, name);
      assert.deepStrictEqual(readScenarioFileSync(file), expected, name);
      assert.deepStrictEqual(await readScenarioFile(file), expected, name);
    }
  });
});
