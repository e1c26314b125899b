import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import type { IGrammar } from 'vscode-textmate';
import { repoRoot } from '../fixtures';
import { contributedGrammars, loadGrammar, scopesAt, tokenize } from './textmate';

const root = repoRoot();

/** Scopes of the token where `needle` starts on the first line that contains it. */
function scopesOf(grammar: IGrammar, text: string, needle: string, occurrence = 0): readonly string[] {
  const lines = text.split('\n');
  const tokens = tokenize(grammar, text);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    for (let at = lines[i].indexOf(needle); at >= 0; at = lines[i].indexOf(needle, at + 1)) {
      if (seen++ === occurrence) return scopesAt(tokens, i, lines[i], needle, at);
    }
  }
  throw new Error(`${JSON.stringify(needle)} is not in the text`);
}

function assertScope(scopes: readonly string[], scope: string, what: string): void {
  assert.ok(scopes.includes(scope), `${what}: expected ${scope} in [${scopes.join(' ')}]`);
}

describe('TextMate grammars (vscode-textmate over vscode-oniguruma, as VS Code runs them)', function () {
  this.timeout(60_000);

  it('compile every pattern of every contributed grammar with Oniguruma', async () => {
    await loadGrammar('source.aws-config');
    const sources: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') sources.push(v);
          else collect(v);
        }
      }
    };
    for (const g of contributedGrammars()) collect(JSON.parse(fs.readFileSync(g.path, 'utf8')));
    assert.ok(sources.length > 30, `only ${sources.length} patterns found`);
    for (const source of sources) {
      const scanner = new oniguruma.OnigScanner([source]);
      scanner.dispose();
    }
  });

  it('inject nothing into JSON: policies are highlighted with semantic tokens, so other JSON files tokenize as without STS Lens', () => {
    const grammars = contributedGrammars();
    assert.ok(grammars.length >= 4, `only ${grammars.length} grammars contributed`);
    for (const g of grammars) assert.deepStrictEqual(g.injectTo ?? [], [], `${g.scopeName} is injected into ${g.injectTo?.join(', ')}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { grammars: Array<{ injectTo?: string[] }> } };
    assert.ok(pkg.contributes.grammars.every((g) => !g.injectTo), 'a grammar of package.json has injectTo');
  });

  it('colour AWS config and credentials files: sections, keys, values', async () => {
    const config = await loadGrammar('source.aws-config');
    const text = '[profile dev]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nmy custom key = 1\n[ sso-session  my sso ]\ns3 =\n  endpoint_url = https://example.com\n[default] junk\n# comment';
    assertScope(scopesOf(config, text, '['), 'punctuation.definition.section.begin.aws-config', '[ of [profile dev]');
    assertScope(scopesOf(config, text, 'profile'), 'storage.type.section.aws-config', 'profile of [profile dev]');
    assertScope(scopesOf(config, text, 'dev'), 'entity.name.section.aws-config', 'name of [profile dev]');
    assertScope(scopesOf(config, text, 'region'), 'support.type.property-name.aws-config', 'known key');
    assertScope(scopesOf(config, text, 'us-east-1'), 'constant.other.region.aws-config', 'region value');
    assertScope(scopesOf(config, text, 'arn:aws:iam'), 'constant.other.arn.aws-config', 'ARN value');
    assertScope(scopesOf(config, text, 'my custom key'), 'variable.other.property.aws-config', 'unknown key with blanks');
    assertScope(scopesOf(config, text, 'my sso'), 'entity.name.section.aws-config', 'section name with a blank');
    assertScope(scopesOf(config, text, 'endpoint_url'), 'support.type.property-name.nested.aws-config', 'nested key');
    assertScope(scopesOf(config, text, 'junk'), 'invalid.illegal.text-after-header.aws-config', 'text after a header');
    assertScope(scopesOf(config, text, '# comment'), 'comment.line.number-sign.aws-config', 'comment');
    const credentials = await loadGrammar('source.aws-credentials');
    assertScope(scopesOf(credentials, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'default'), 'entity.name.section.aws-config', 'credentials section');
  });

  it('colour the explanation and access views', async () => {
    const authz = await loadGrammar('text.sts-lens-authz');
    const text = '# Authorization failure\nVerdict DENIED by [Deny] Sid "Guard"\n  Conditions aws:SourceIp in 10.0.0.0/8\nResource arn:aws:s3:::b/k, next';
    assertScope(scopesOf(authz, text, 'DENIED'), 'invalid.illegal.denied.sts-lens-authz', 'verdict');
    assertScope(scopesOf(authz, text, 'Sid "Guard"'), 'entity.name.tag.sid.sts-lens-authz', 'Sid');
    assertScope(scopesOf(authz, text, 'aws:SourceIp'), 'support.type.property-name.condition-key.sts-lens-authz', 'condition key');
    assertScope(scopesOf(authz, text, 'arn:aws:s3'), 'string.unquoted.arn.sts-lens-authz', 'ARN');
    const access = await loadGrammar('text.sts-lens-access');
    const diff = 'Added (1)\n  s3:GetObject on *';
    assertScope(scopesOf(access, diff, 'Added'), 'markup.heading.sts-lens-access', 'heading');
    assertScope(scopesOf(access, diff, 's3:GetObject'), 'entity.name.function.sts-lens-access', 'action');
  });
});
