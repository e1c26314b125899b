import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import { repoRoot } from '../unit/fixtures';
import { codeOf, diagnosticsWhere, ours } from './diagnosticsHelpers';
import { closeAll, fixtureText, openUntitled, policyEditorHooks, rangeOf, withCode } from './policyEditorHelpers';

describe('policy editor in a real VS Code: lenses, hovers, completions, remote validation', () => {
  policyEditorHooks();

  describe('CodeLens, hovers and completions', () => {
    /** The linter's own lenses, without the evaluation lenses (Simulate Request, Who Can Assume) that share the top line. */
    const lintLenses = (lenses: vscode.CodeLens[]) => lenses.filter((l) => !['stsLens.simulateRequest', 'stsLens.whoCanAssumeRole'].includes(l.command?.command ?? ''));

    it('shows what each statement grants, who can assume the role, and remote validation', async () => {
      const doc = await openUntitled(fixtureText('trust-github.json'));
      const lenses = lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri));
      const titles = lenses.map((l) => l.command?.title ?? '');
      // Titles stay short (a verdict and a count); the names and access levels are in the tooltips.
      // Who can assume sits above "Statement", so the top line keeps room for the others.
      assert.deepStrictEqual(titles.slice(0, 3), ['Trust policy (detected)', 'Validate with IAM Access Analyzer', 'Can be assumed by 2 principals (1 with no condition)']);
      assert.strictEqual(doc.lineAt(lenses[2].range.start.line).text.trim(), '"Statement": [');
      assert.match(lenses[2].command?.tooltip ?? '', /^Can be assumed by GitHub Actions \(OIDC\), service ec2\.amazonaws\.com \(no condition\)\. /);
      assert.strictEqual(titles[3], 'Allows 1 action to GitHub Actions (OIDC) · 1 condition');
      assert.strictEqual(titles[4], 'Allows 1 action to service ec2.amazonaws.com');
      assert.match(lenses[3].command?.tooltip ?? '', /^Allows 1 action \(1 \w+\) to GitHub Actions \(OIDC\) · 1 condition\. /);
      assert.strictEqual(lenses[3].range.start.line, 3);
      assert.strictEqual(lenses[4].command?.command, 'stsLens.policy.showList');
    });

    it('switches the policy type per file', async () => {
      const doc = await openUntitled(fixtureText('trust-github.json'));
      await vscode.commands.executeCommand('stsLens.policy.setPolicyType', doc.uri, 'IDENTITY_POLICY');
      try {
        const lenses = lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri));
        assert.strictEqual(lenses[0].command?.title, 'Identity policy');
        await diagnosticsWhere(doc.uri, (ds) => ds.some((d) => /PRINCIPAL/.test(codeOf(d)) || codeOf(d) === 'UNSUPPORTED_ELEMENT_COMBINATION' || codeOf(d) === 'INVALID_POLICY_ELEMENT'), 'identity-policy findings about Principal');
      } finally {
        await vscode.commands.executeCommand('stsLens.policy.setPolicyType', doc.uri, 'auto');
      }
      const lenses = lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri));
      assert.strictEqual(lenses[0].command?.title, 'Trust policy (detected)');
    });

    it('forgets a type chosen for an unsaved document when it closes: the next document of that name is detected again', async () => {
      const first = await openUntitled(fixtureText('trust-github.json'), 'json', 'type-choice');
      await vscode.commands.executeCommand('stsLens.policy.setPolicyType', first.uri, 'IDENTITY_POLICY');
      assert.strictEqual(lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', first.uri))[0].command?.title, 'Identity policy');
      const closed = new Promise<void>((resolve) => {
        const listener = vscode.workspace.onDidCloseTextDocument((d) => {
          if (d.uri.toString() !== first.uri.toString()) return;
          listener.dispose();
          resolve();
        });
      });
      await closeAll();
      await closed;
      const second = await openUntitled(fixtureText('trust-github.json'), 'json', 'type-choice');
      assert.strictEqual(lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', second.uri))[0].command?.title, 'Trust policy (detected)');
    });

    it('hovers an action, a wildcard and a principal', async () => {
      const doc = await openUntitled(fixtureText('identity-s3.json'));
      const hoverText = async (needle: string): Promise<string> => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, rangeOf(doc, needle).start.translate(0, 2));
        return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      };
      assert.match(await hoverText('s3:GetObject'), /\*\*s3:GetObject\*\* · Amazon S3 · _Read_/);
      assert.match(await hoverText('s3:Delete*'), /\*\*s3:Delete\\\*\*\* matches \d+ actions/);
      const trust = await openUntitled(fixtureText('trust-cross-account.json'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', trust.uri, rangeOf(trust, 'arn:aws:iam::111122223333:root').start.translate(0, 2));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      assert.match(text, /\*\*AWS principal\*\* · account 111122223333/);
    });

    it('hovers a global condition key with what it holds, when AWS sets it and its documentation', async () => {
      const doc = await openUntitled('{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Deny", "Action": "s3:*", "Resource": "*",\n    "Condition": { "StringNotEquals": { "aws:RequestedRegion": "eu-west-1" } } }]\n}\n');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, rangeOf(doc, 'aws:RequestedRegion').start.translate(0, 2));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      assert.match(text, /\*\*aws:RequestedRegion\*\* · condition key · type `String` · global\n\nThe AWS Region the request was sent to/);
      assert.match(text, /\*\*Availability\*\*: Always in the request context\./);
      assert.ok(text.includes('[AWS documentation](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion)'), text);
      assert.ok(!text.includes('_No description._'), text);
    });

    it('completes actions of the typed service and Effect values', async () => {
      const doc = await openUntitled('{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "", "Action": "s3:", "Resource": "*" }]\n}\n');
      const actions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, rangeOf(doc, '"s3:"').end.translate(0, -1));
      const labels = actions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('s3:GetObject'), labels.slice(0, 20).join(', '));
      assert.ok(!labels.some((l) => l.startsWith('ec2:')));
      const effect = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, rangeOf(doc, '""').start.translate(0, 1));
      const effects = effect.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(effects.includes('Allow') && effects.includes('Deny'), effects.join(', '));
    });
  });

  describe('validation with IAM Access Analyzer', () => {
    let server: http.Server;
    let requests: Array<Record<string, unknown>>;
    let reply: { status: number; headers?: Record<string, string>; body: unknown };
    const saved = process.env.AWS_ENDPOINT_URL_ACCESSANALYZER;

    before(async () => {
      requests = [];
      server = http.createServer((req, res) => {
        let data = '';
        req.on('data', (c: Buffer) => (data += c.toString()));
        req.on('end', () => {
          requests.push(JSON.parse(data || '{}') as Record<string, unknown>);
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(JSON.stringify(reply.body));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      process.env.AWS_ENDPOINT_URL_ACCESSANALYZER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_ACCESSANALYZER;
      else process.env.AWS_ENDPOINT_URL_ACCESSANALYZER = saved;
      await new Promise((resolve) => server.close(resolve));
    });

    it('sends a trust policy as a role trust policy and merges the findings, marked remote', async () => {
      const doc = await openUntitled(fixtureText('trust-github.json'));
      const at = doc.getText().indexOf('"Federated"');
      reply = {
        status: 200,
        body: {
          findings: [
            {
              findingType: 'SUGGESTION',
              issueCode: 'REMOTE_ONLY_EXAMPLE',
              findingDetails: 'A finding only the service knows about.',
              learnMoreLink: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
              locations: [{ path: [{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }], span: { start: { line: 7, column: 16, offset: at }, end: { line: 7, column: 27, offset: at + 11 } } }],
            },
          ],
        },
      };
      const results = await vscode.commands.executeCommand<Array<{ ok: boolean }>>('stsLens.policy.validateWithAccessAnalyzer', doc.uri);
      assert.deepStrictEqual(results.map((r) => r.ok), [true], JSON.stringify(results));
      assert.deepStrictEqual({ policyType: requests.at(-1)?.policyType, resourceType: requests.at(-1)?.validatePolicyResourceType }, { policyType: 'RESOURCE_POLICY', resourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
      assert.strictEqual(requests.at(-1)?.policyDocument, doc.getText());
      const d = await withCode(doc.uri, 'REMOTE_ONLY_EXAMPLE');
      assert.ok(d.range.isEqual(rangeOf(doc, '"Federated"')));
      assert.match(d.message, /^\[IAM Access Analyzer\] A finding only the service knows about\.$/);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(0, 1), ' ');
      await vscode.workspace.applyEdit(edit);
      await diagnosticsWhere(doc.uri, (ds) => !ds.some((x) => codeOf(x) === 'REMOTE_ONLY_EXAMPLE'), 'remote findings to go stale after an edit');
    });

    it('fails gracefully without permission and when offline', async () => {
      const doc = await openUntitled(fixtureText('identity-s3.json'));
      reply = { status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: { message: 'not authorized' } };
      const denied = await vscode.commands.executeCommand<Array<{ ok: boolean; kind?: string }>>('stsLens.policy.validateWithAccessAnalyzer', doc.uri);
      assert.deepStrictEqual(denied.map((r) => r.kind), ['denied']);
      const port = (server.address() as AddressInfo).port;
      process.env.AWS_ENDPOINT_URL_ACCESSANALYZER = 'http://127.0.0.1:9';
      try {
        const offline = await vscode.commands.executeCommand<Array<{ ok: boolean; kind?: string }>>('stsLens.policy.validateWithAccessAnalyzer', doc.uri);
        assert.deepStrictEqual(offline.map((r) => r.kind), ['offline']);
      } finally {
        process.env.AWS_ENDPOINT_URL_ACCESSANALYZER = `http://127.0.0.1:${port}`;
      }
      assert.ok(ours(doc.uri).every((d) => !d.message.startsWith('[IAM Access Analyzer]')));
    });
  });

  describe('speed (printed, not asserted)', () => {
    it('publishes diagnostics for the largest corpus policy after an edit', async function () {
      const corpus = path.resolve(repoRoot(), '..', 'shared', 'corpus', 'aws-managed-policies');
      if (!fs.existsSync(corpus)) this.skip();
      const largest = fs.readdirSync(corpus).map((f) => path.join(corpus, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
      const text = JSON.stringify((JSON.parse(fs.readFileSync(largest, 'utf8')) as { document: unknown }).document, null, 2);
      const doc = await openUntitled(text);
      await diagnosticsWhere(doc.uri, () => true, 'first diagnostics');
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const marker = `sts-lens-bench-${i}`;
        const published = diagnosticsWhere(doc.uri, (ds) => ds.some((d) => d.message.includes(marker)), `diagnostics after edit ${i}`);
        const started = performance.now();
        const edit = new vscode.WorkspaceEdit();
        const firstAction = doc.getText().indexOf('"Action"');
        const valueStart = doc.getText().indexOf('"', doc.getText().indexOf(':', firstAction) + 1);
        edit.insert(doc.uri, doc.positionAt(valueStart + 1), `${marker}:`);
        await vscode.workspace.applyEdit(edit);
        await published;
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(`[bench] edit -> published diagnostics in VS Code, ${path.basename(largest)} (${(text.length / 1024).toFixed(1)} KB): median ${times[2].toFixed(1)} ms, max ${times[4].toFixed(1)} ms (an edit after a pause is linted at once; within a burst the debounce is 15-75 ms)`);
    });
  });
});
