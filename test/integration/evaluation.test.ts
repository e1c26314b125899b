import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { appRoleDenial, decodedEntry } from './decodedMessages';
import { extensionHooks, waitFor } from './extensionSuite';
import { testWorld } from './world';

interface AccountEvaluation {
  ok: boolean;
  error?: string;
  decision?: string;
  deciding?: { policy: string; kind: string; sid?: string; uri?: string; range?: [number, number, number, number] }[];
  unread?: string[];
  notes?: string[];
  traceUri?: string;
  suggestedReader?: string;
}
interface Simulation { ok: boolean; error?: string; decision?: string; decorations?: { deciding: { line: number; effect: string }[]; conditions: { line: number; text: string }[] }; traceUri?: string }
interface AssumeRow { label: string; principal?: string; verdict: string; because: string }
interface TestReport { id: string; label?: string; state: string; message?: string; location?: { uri: string; line: number } }

function folder(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the harness opens a workspace folder');
  return f.uri.fsPath;
}

/** The 0-based line of the first line containing `needle` in `text`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('policy debugging: evaluate, simulate, who can assume, policy tests', function () {
  this.timeout(90000);
  const world = testWorld() as ReturnType<typeof testWorld> & { policyWorld: { roleArn: string; bucket: string } };

  extensionHooks();

  const denialEntry = (action: string, resource: string) => decodedEntry(appRoleDenial(world.accountId, action, resource, { region: 'us-east-1' }));

  it('evaluates a decoded denial against the account and opens the deciding statement, highlighted', async () => {
    const entryId = await denialEntry('s3:DeleteObject', `arn:aws:s3:::${world.policyWorld.bucket}/reports/q3.csv`);
    const r = await vscode.commands.executeCommand<AccountEvaluation>('stsLens.evaluateAgainstAccount', { entryId, profile: 'policy-reader' });
    assert.ok(r.ok, r.error);
    assert.strictEqual(r.decision, 'ExplicitlyDenied');
    assert.deepStrictEqual(r.unread, [], 'policy-reader reads everything');
    const d = r.deciding![0];
    assert.strictEqual(d.sid, 'DenyDeletes');
    assert.strictEqual(d.policy, 'role/app_role inline:app-guard');
    assert.ok(d.uri?.startsWith('sts-lens-policy:'), d.uri);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(d.uri!));
    const [sl, sc, el, ec] = d.range!;
    const statement = doc.getText(new vscode.Range(sl, sc, el, ec));
    assert.match(statement, /^\{[\s\S]*"Sid": "DenyDeletes"[\s\S]*\}$/);
    assert.ok(!statement.includes('ReadQueues'), 'the range is the one statement, not the policy');
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === d.uri);
    assert.ok(editor, 'the policy holding the statement is open');
    assert.strictEqual(editor.selection.start.line, sl);
    const trace = await vscode.workspace.openTextDocument(vscode.Uri.parse(r.traceUri!));
    assert.match(trace.getText(), /^EXPLICITLY DENIED\n/);
    assert.match(trace.getText(), /SCP \[level 0\] guardrails .*does not apply \(SCPs do not restrict principals of the management account/);
    assert.match(trace.getText(), /permissions boundary arn:aws:iam::123456789012:policy\/app-boundary/);
  });

  it('says the answer is partial when the identity may not list the organization\'s SCPs', async () => {
    const entryId = await denialEntry('s3:GetObject', `arn:aws:s3:::${world.policyWorld.bucket}/locked/a.csv`);
    const r = await vscode.commands.executeCommand<AccountEvaluation>('stsLens.evaluateAgainstAccount', { entryId, profile: 'iam-only-reader' });
    assert.ok(r.ok, r.error);
    assert.ok(r.unread!.includes('organizations:ListPoliciesForTarget was denied: SCPs not evaluated'), r.unread!.join('\n'));
    assert.strictEqual(r.suggestedReader, 'policy-reader', 'the way out names the profile that read every part before');
    const trace = await vscode.workspace.openTextDocument(vscode.Uri.parse(r.traceUri!));
    assert.match(trace.getText(), /^ALLOWED \(PARTIAL ANSWER\)/);
    assert.match(trace.getText(), /Not evaluated \(the decision may differ in AWS\):\n {2}organizations:ListPoliciesForTarget was denied: SCPs not evaluated/);
  });

  it('simulates a request from a policy file: deciding statement highlighted, failed conditions annotated, saved as a policy test', async () => {
    const scp = vscode.Uri.file(path.join(folder(), 'policy-tests', 'guardrail-scp.json'));
    const text = fs.readFileSync(scp.fsPath, 'utf8');
    await vscode.window.showTextDocument(scp);
    // An SCP reads like an identity policy; the file is declared one, so the simulation treats it as a guardrail.
    await vscode.commands.executeCommand('stsLens.policy.setPolicyType', scp, 'SERVICE_CONTROL_POLICY');
    const request = { principal: 'arn:aws:sts::123456789012:assumed-role/reporting/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::sts-lens-demo-bucket/a.csv' };
    const denied = await vscode.commands.executeCommand<Simulation>('stsLens.simulateRequest', { uri: scp.toString(), request: { ...request, context: { 'aws:RequestedRegion': 'eu-west-1' } } });
    assert.ok(denied.ok, denied.error);
    assert.strictEqual(denied.decision, 'ExplicitlyDenied');
    assert.deepStrictEqual(denied.decorations!.deciding.map((d) => [d.line, d.effect]), [[lineOf(text, 'DenyOutsideUsEast1') - 1, 'Deny']]);

    const allowed = await vscode.commands.executeCommand<Simulation>('stsLens.simulateRequest', { uri: scp.toString(), request: { ...request, context: { 'aws:RequestedRegion': 'us-east-1' } } });
    assert.strictEqual(allowed.decision, 'Allowed');
    assert.deepStrictEqual(allowed.decorations!.conditions, [{ line: lineOf(text, 'StringNotEquals'), text: '✘ aws:RequestedRegion: request has us-east-1' }]);
    const trace = await vscode.workspace.openTextDocument(vscode.Uri.parse(allowed.traceUri!));
    assert.match(trace.getText(), /DenyOutsideUsEast1/);

    const saved = await vscode.commands.executeCommand<{ ok: boolean; file?: string }>('stsLens.saveAsPolicyTest');
    assert.ok(saved.ok && saved.file);
    try {
      const scenario = JSON.parse(fs.readFileSync(saved.file, 'utf8'));
      assert.deepStrictEqual(scenario.serviceControlPolicies, [['./guardrail-scp.json']]);
      assert.strictEqual(scenario.expect, 'Allowed');
      assert.strictEqual(path.dirname(saved.file), path.dirname(scp.fsPath));
    } finally {
      fs.rmSync(saved.file, { force: true });
    }
  });

  it('refuses a principal that is not an ARN and an unknown action with a clear message', async () => {
    const uri = vscode.Uri.file(path.join(folder(), 'policies', 's3-read-only.json'));
    const notArn = await vscode.commands.executeCommand<Simulation>('stsLens.simulateRequest', { uri: uri.toString(), request: { principal: 'alice', action: 's3:GetObject', resource: '*', context: {} } });
    assert.ok(!notArn.ok && /"alice" is not an ARN/.test(notArn.error!), notArn.error);
    const unknown = await vscode.commands.executeCommand<Simulation>('stsLens.simulateRequest', { uri: uri.toString(), request: { principal: 'arn:aws:iam::123456789012:user/bob', action: 's3:GetObjekt', resource: '*', context: {} } });
    assert.ok(!unknown.ok && /no action named GetObjekt/.test(unknown.error!), unknown.error);
  });

  it('lists which of the profiles can assume a role: one can, one lacks the external ID, one is not trusted', async () => {
    const uri = vscode.Uri.file(path.join(folder(), 'policies', 'app-trust.json'));
    const roleArn = `arn:aws:iam::${world.accountId}:role/app`;
    const r = await vscode.commands.executeCommand<{ ok: boolean; rows: AssumeRow[] }>('stsLens.whoCanAssumeRole', { uri: uri.toString(), roleArn, options: {}, quiet: true });
    assert.ok(r.ok);
    const row = (label: string) => r.rows.find((x) => x.label === label)!;
    assert.strictEqual(row('sts-role').verdict, 'can', JSON.stringify(row('sts-role')));
    assert.match(row('sts-role').because, /CiRole/);
    assert.strictEqual(row('sts-user').verdict, 'cannot');
    assert.match(row('sts-user').because, /PartnerWithExternalId.*sts:ExternalId/);
    assert.strictEqual(row('no-trust-user').verdict, 'cannot');
    assert.doesNotMatch(row('no-trust-user').because, /ExternalId/);
    const withId = await vscode.commands.executeCommand<{ ok: boolean; rows: AssumeRow[] }>('stsLens.whoCanAssumeRole', { uri: uri.toString(), roleArn, options: { externalId: 'sts-lens-demo' }, quiet: true });
    assert.strictEqual(withId.rows.find((x) => x.label === 'sts-user')!.verdict, 'can');
  });

  it('discovers and runs the policy tests in the Test Explorer, reporting a failing one at the deciding statement', async () => {
    const dir = path.join(folder(), 'policy-tests');
    const bad = path.join(dir, 'missing-policy.policytest.json');
    const request = { principal: 'arn:aws:iam::123456789012:user/bob', action: 's3:GetObject', resource: '*' };
    fs.writeFileSync(bad, JSON.stringify({ request, identityPolicies: ['./nowhere.json'], expect: 'Allowed' }));
    // A repository's scenarios name files outside the workspace, devices and deep nesting: each is that test's clear error.
    const hostile = path.join(dir, 'hostile.policytest.json');
    fs.writeFileSync(
      hostile,
      JSON.stringify([
        { name: 'reads the environment', request, identityPolicies: ['/proc/self/environ'], expect: 'Allowed' },
        { name: 'reads a device', request, identityPolicies: ['../../../../../../../../dev/zero'], expect: 'Allowed' },
        { request, identityPolicies: ['./nowhere.json'], expect: 'Allowed' },
      ]),
    );
    const deepFile = path.join(dir, 'deep.policytest.json');
    fs.writeFileSync(deepFile, `{"request": ${'['.repeat(8000)}${']'.repeat(8000)}}`);
    try {
      const r = await vscode.commands.executeCommand<{ discovered: number; reports: TestReport[] }>('stsLens.internal.runPolicyTests');
      assert.ok(r.discovered >= 4, `discovered ${r.discovered}`);
      const by = (suffix: string) => r.reports.find((x) => x.id.endsWith(suffix));
      assert.strictEqual(by('read-reports.policytest.json')?.state, 'passed');
      assert.strictEqual(by('write-reports.policytest.json')?.state, 'passed');
      assert.strictEqual(by('region-guardrail.policytest.json#0')?.state, 'passed');
      const failed = by('region-guardrail.policytest.json#1');
      assert.strictEqual(failed?.state, 'failed');
      assert.strictEqual(failed.message, 'Expected Allowed, got ExplicitlyDenied');
      const scpText = fs.readFileSync(path.join(dir, 'guardrail-scp.json'), 'utf8');
      assert.ok(failed.location?.uri.endsWith('/policy-tests/guardrail-scp.json'), failed.location?.uri);
      assert.strictEqual(failed.location?.line, lineOf(scpText, 'DenyOutsideUsEast1') - 1);
      const missing = by('missing-policy.policytest.json');
      assert.strictEqual(missing?.state, 'errored');
      assert.match(missing.message!, /cannot read the policy file \.\/nowhere\.json/);
      const environ = by('hostile.policytest.json#0');
      assert.deepStrictEqual([environ?.label, environ?.state], ['reads the environment', 'errored']);
      assert.match(environ!.message!, /the policy file \/proc\/self\/environ is outside the workspace folder/);
      assert.doesNotMatch(environ!.message!, /PATH=|HOME=/);
      const device = by('hostile.policytest.json#1');
      assert.deepStrictEqual([device?.label, device?.state], ['reads a device', 'errored']);
      assert.match(device!.message!, /the policy file \.\.\/(\.\.\/)+dev\/zero is outside the workspace folder/);
      assert.deepStrictEqual([by('hostile.policytest.json#2')?.label, by('hostile.policytest.json#2')?.state], ['case 3', 'errored']);
      const deep = by('deep.policytest.json');
      assert.deepStrictEqual([deep?.label, deep?.state], ['deep.policytest.json', 'errored']);
      assert.match(deep!.message!, /nest more than 68 levels deep at line 1, column 80/);
    } finally {
      fs.rmSync(bad, { force: true });
      fs.rmSync(hostile, { force: true });
      fs.rmSync(deepFile, { force: true });
    }
  });

  it('runs a policy test again when it is saved', async () => {
    const file = path.join(folder(), 'policy-tests', 'write-reports.policytest.json');
    const original = fs.readFileSync(file, 'utf8');
    try {
      const doc = await vscode.workspace.openTextDocument(file);
      const edit = new vscode.WorkspaceEdit();
      const at = original.indexOf('"ImplicitlyDenied"');
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"ImplicitlyDenied"'.length)), '"Allowed"');
      await vscode.workspace.applyEdit(edit);
      await doc.save();
      const report = await waitFor('the saved test to run again', async () => {
        const r = await vscode.commands.executeCommand<{ reports: TestReport[] }>('stsLens.internal.runPolicyTests', { lastOnly: true });
        return r.reports.find((x) => x.id.endsWith('write-reports.policytest.json') && x.state === 'failed');
      });
      assert.strictEqual(report.message, 'Expected Allowed, got ImplicitlyDenied');
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});

describe('policy debugging: lenses', function () {
  this.timeout(60000);

  it('offers Simulate Request on every policy and Who Can Assume on trust policies only', async () => {
    const folderPath = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const commandsOf = async (rel: string) => {
      const doc = await vscode.workspace.openTextDocument(path.join(folderPath, rel));
      const lenses = await waitFor(`lenses of ${rel}`, async () => {
        const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        return ls.some((l) => l.command?.command === 'stsLens.simulateRequest') ? ls : undefined;
      });
      return lenses.map((l) => l.command?.command).filter((c) => c === 'stsLens.simulateRequest' || c === 'stsLens.whoCanAssumeRole');
    };
    assert.deepStrictEqual(await commandsOf('policies/app-trust.json'), ['stsLens.simulateRequest', 'stsLens.whoCanAssumeRole']);
    assert.deepStrictEqual(await commandsOf('policies/s3-read-only.json'), ['stsLens.simulateRequest']);
  });
});
