import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, show, writeWorkspaceFile } from './diagnosticsHelpers';
import { extensionHooks } from './extensionSuite';

const GUARDRAIL = `${JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObjekt', Resource: '*' },
    ],
  },
  null,
  2,
)}\n`;

const scenario = (slot: string, written: string) => `${JSON.stringify({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }, identityPolicies: ['../org/read.json'], [slot]: slot === 'serviceControlPolicies' ? [[written]] : [written], expect: 'Allowed' }, null, 2)}\n`;

const escalation = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d).startsWith('PRIVILEGE_ESCALATION_'));
const misspelt = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'INVALID_ACTION');

describe('policy type of a file that a policy test uses as an SCP, in a real VS Code', function () {
  extensionHooks('after');

  it('lints it with the SCP rules, not as the identity policy it reads like; using it as an identity policy instead brings the identity findings back', async () => {
    writeWorkspaceFile('guarded-org/org/read.json', `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }, null, 2)}\n`);
    const uri = writeWorkspaceFile('guarded-org/org/region-guard.json', GUARDRAIL);
    const test = 'guarded-org/tests/region.policytest.json';
    writeWorkspaceFile(test, scenario('serviceControlPolicies', '../org/region-guard.json'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));

    // Linted once the policy tests are read: the misspelt action is found, the Allow "*" that every SCP
    // starts from raises no privilege-escalation warnings (those are about what an identity can do).
    const asScp = await diagnosticsWhere(uri, (ds) => misspelt(ds) && !escalation(ds), 'the SCP findings');
    assert.deepStrictEqual(asScp.map(codeOf), ['INVALID_ACTION'], show(asScp));

    // Edited and saved in the editor, as a person changes a test.
    const testDoc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, test));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(testDoc.uri, new vscode.Range(testDoc.positionAt(0), testDoc.positionAt(testDoc.getText().length)), scenario('identityPolicies', '../org/region-guard.json'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await testDoc.save());
    const asIdentity = await diagnosticsWhere(uri, (ds) => misspelt(ds) && escalation(ds), 'the identity-policy findings after the test uses the file as one');
    assert.ok(asIdentity.some((d) => codeOf(d) === 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'), show(asIdentity));
  });
});
