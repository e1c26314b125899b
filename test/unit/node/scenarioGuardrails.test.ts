import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { guardrailNames, listScenarioFilesSync, MAX_GUARDRAIL_SCENARIO_FILES, readGuardrailUsesSync } from '../../../src/node/scenarioGuardrails';

const isTest = (p: string) => p.endsWith('.policytest.json');

describe('reading what policy tests use as SCPs and RCPs', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-guardrail-uses-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`reads at most ${MAX_GUARDRAIL_SCENARIO_FILES} scenario files, and none under node_modules`, () => {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'a.policytest.json'), '{}');
    for (let i = 0; i < MAX_GUARDRAIL_SCENARIO_FILES + 20; i++) fs.writeFileSync(path.join(dir, `t${i}.policytest.json`), '{}');
    const files = listScenarioFilesSync(dir, isTest);
    assert.strictEqual(files.length, MAX_GUARDRAIL_SCENARIO_FILES);
    assert.ok(files.every((f) => !f.includes('node_modules')));
  });

  it('lists nearest first and in name order, whatever other files the folders hold, and keeps the first by name', () => {
    for (const sub of ['b', 'a']) {
      fs.mkdirSync(path.join(dir, sub));
      fs.writeFileSync(path.join(dir, sub, `${sub}.policytest.json`), '{}');
    }
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(dir, `policy${i}.json`), '{}');
    for (const name of ['z.policytest.json', 'm.policytest.json']) fs.writeFileSync(path.join(dir, name), '{}');
    assert.deepStrictEqual(
      listScenarioFilesSync(dir, isTest).map((f) => path.relative(dir, f)),
      ['m.policytest.json', 'z.policytest.json', path.join('a', 'a.policytest.json'), path.join('b', 'b.policytest.json')],
    );
    const names = Array.from({ length: MAX_GUARDRAIL_SCENARIO_FILES + 20 }, (_, i) => `t${String(i).padStart(4, '0')}.policytest.json`);
    for (const name of [...names].reverse()) fs.writeFileSync(path.join(dir, name), '{}');
    const files = listScenarioFilesSync(dir, isTest).map((f) => path.relative(dir, f));
    assert.deepStrictEqual(files, ['m.policytest.json', ...names.slice(0, MAX_GUARDRAIL_SCENARIO_FILES - 1)], 'the root folder fills the limit before the folders below it');
  });

  it('a scenario file over 1 MiB is not read for this', () => {
    const names = { serviceControlPolicies: ['scp.json'], description: 'x'.repeat(1024 * 1024) };
    fs.writeFileSync(path.join(dir, 'big.policytest.json'), JSON.stringify({ request: { action: 's3:GetObject', resource: '*' }, ...names }));
    assert.strictEqual(readGuardrailUsesSync(dir, isTest).typeOf(path.join(dir, 'scp.json')), undefined);
    fs.writeFileSync(path.join(dir, 'big.policytest.json'), JSON.stringify({ request: { action: 's3:GetObject', resource: '*' }, ...names, description: 'small' }));
    assert.strictEqual(readGuardrailUsesSync(dir, isTest).typeOf(path.join(dir, 'scp.json')), 'SERVICE_CONTROL_POLICY');
  });

  it('a path outside the project folder names nothing', () => {
    const text = JSON.stringify({ request: { action: 's3:GetObject', resource: '*' }, serviceControlPolicies: ['../outside.json', 'inside.json', '/etc/passwd'] });
    assert.deepStrictEqual(guardrailNames(path.join(dir, 't.policytest.json'), text, dir).map((n) => n.file), [path.join(dir, 'inside.json')]);
  });

  it('lists only the folder itself when not recursive', () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'below.policytest.json'), '{}');
    fs.writeFileSync(path.join(dir, 'here.policytest.json'), '{}');
    assert.deepStrictEqual(listScenarioFilesSync(dir, isTest, false), [path.join(dir, 'here.policytest.json')]);
    assert.deepStrictEqual(listScenarioFilesSync(dir, isTest).sort(), [path.join(dir, 'here.policytest.json'), path.join(dir, 'sub', 'below.policytest.json')]);
  });
});
