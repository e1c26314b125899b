import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { fixturePath } from '../unit/fixtures';
import { extensionHooks, waitFor } from './extensionSuite';

interface Shown {
  readonly line: number;
  readonly text: string;
  readonly type: string;
}

function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Decodes VS Code's relative encoding (line delta, start delta, length, type, modifiers) with the provider's legend. */
function decode(doc: vscode.TextDocument, tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend): Shown[] {
  const out: Shown[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i + 4 < tokens.data.length; i += 5) {
    const [dLine, dChar, length, type] = tokens.data.slice(i, i + 4);
    line += dLine;
    char = dLine ? dChar : char + dChar;
    out.push({ line, text: doc.lineAt(line).text.slice(char, char + length), type: legend.tokenTypes[type] });
  }
  return out;
}

/** The document's semantic tokens as the editor asks for them (the built-in command and legend), once the provider is registered. */
async function documentTokens(doc: vscode.TextDocument): Promise<Shown[]> {
  const legend = await waitFor('the semantic tokens legend', async () => vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', doc.uri));
  const tokens = await waitFor('semantic tokens', async () => vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri));
  return decode(doc, tokens, legend);
}

async function open(...parts: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(...parts));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function has(tokens: readonly Shown[], type: string, text: string): boolean {
  return tokens.some((t) => t.type === type && t.text === text);
}

describe('policy highlighting with semantic tokens in a real VS Code', () => {
  extensionHooks();

  it('colours a policy file: elements, effects, actions, ARNs, wildcards, condition operators, keys and variables', async () => {
    const doc = await open('policy-editor', 'identity-s3.json');
    const tokens = await documentTokens(doc);
    const expected: Array<[string, string]> = [
      ['iamPolicyElement', 'Version'],
      ['iamVersionDate', '2012-10-17'],
      ['iamPolicyElement', 'Statement'],
      ['iamEffect', 'Allow'],
      ['iamEffect', 'Deny'],
      ['iamService', 's3'],
      ['iamAction', 'GetObject'],
      ['iamAction', 'Delete'],
      ['iamWildcard', '*'],
      ['iamArn', 'arn'],
      ['iamPartition', 'aws'],
      ['iamResource', 'example-bucket'],
      ['iamConditionOperator', 'StringLike'],
      ['iamConditionKey', 'prefix'],
      ['iamVariable', '${aws:username}'],
    ];
    for (const [type, text] of expected) assert.ok(has(tokens, type, text), `no ${type} token "${text}" in ${JSON.stringify(tokens.slice(0, 40))}`);
    // The Sid is a name the author chose, not part of the policy language.
    assert.ok(!tokens.some((t) => t.text === 'ReadWrite'));
  });

  it('gives an ordinary JSON file no tokens at all, even with a "Statement" member', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: fs.readFileSync(fixturePath('policy-editor', 'not-a-policy.json'), 'utf8') });
    await vscode.window.showTextDocument(doc);
    const tokens = await waitFor('an answer for a JSON file', async () => vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri));
    assert.deepStrictEqual([...tokens.data], []);
    const untitled = await vscode.workspace.openTextDocument({ language: 'json', content: '{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Effect": "Allow"}' });
    const none = await waitFor('an answer for an untitled JSON file', async () => vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', untitled.uri));
    assert.strictEqual(none.data.length, 0, 'a JSON object without Statement is no policy');
  });

  it('colours the policies inside a CloudFormation YAML template, and only where the YAML holds the same text', async () => {
    const doc = await open('policy-editor', 'cloudformation.template.yaml');
    const tokens = await documentTokens(doc);
    assert.ok(has(tokens, 'iamService', 'sts') && has(tokens, 'iamAction', 'AssumeRole'), JSON.stringify(tokens));
    assert.ok(has(tokens, 'iamEffect', 'Allow'));
    assert.ok(has(tokens, 'iamVariable', '${aws:username}'));
    assert.ok(!tokens.some((t) => t.text === 'DeployRole' || t.text === 'AWS::IAM::Role'), 'a token outside the policies');
  });

  it('answers a range request with the tokens of that range only', async () => {
    const doc = await open('policy-editor', 'identity-s3.json');
    const line = doc.getText().split('\n').findIndex((l) => l.includes('"Action": ["s3:GetObject"'));
    const legend = await waitFor('the range legend', async () => vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentRangeSemanticTokensLegend', doc.uri));
    const range = new vscode.Range(line, 0, line + 1, 0);
    const tokens = decode(doc, await waitFor('range tokens', async () => vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentRangeSemanticTokens', doc.uri, range)), legend);
    assert.ok(tokens.length >= 7, JSON.stringify(tokens));
    assert.ok(tokens.every((t) => t.line === line), JSON.stringify(tokens));
    assert.ok(has(tokens, 'iamAction', 'ListBucket'));
  });
});
