import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import type { IGrammar } from 'vscode-textmate';
import { repoRoot } from '../fixtures';
import { contributedGrammars, loadGrammar, scopesAt, tokenize, type LineTokens } from './textmate';

const root = repoRoot();
const corpus = path.join(root, '..', 'shared', 'corpus', 'aws-managed-policies');

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

function assertNoScope(scopes: readonly string[], fragment: string, what: string): void {
  assert.ok(!scopes.some((s) => s.includes(fragment)), `${what}: expected no *${fragment}* scope in [${scopes.join(' ')}]`);
}

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Home",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "ec2:Describe*"],
      "Resource": ["arn:aws:s3:::my-bucket/home/\${aws:username}/*", "arn:aws:dynamodb:*:\${aws:PrincipalAccount}:table/Orders"],
      "Principal": {"Service": "ec2.amazonaws.com", "AWS": "123456789012"},
      "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:PrincipalTag/team": "\${aws:username}"}}
    },
    {"Effect": "Deny", "NotAction": "iam:PassRole", "Resource": "arn:aws:s3:::a\\"b", "Sid": "after"}
  ]
}`;

describe('TextMate grammars (vscode-textmate over vscode-oniguruma, as VS Code runs them)', function () {
  this.timeout(60_000);

  let json: IGrammar;
  let jsonPlain: IGrammar;
  before(async () => {
    json = await loadGrammar('source.json');
    jsonPlain = await loadGrammar('source.json', { injections: false });
  });

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
    assert.ok(sources.length > 40, `only ${sources.length} patterns found`);
    for (const source of sources) {
      const scanner = new oniguruma.OnigScanner([source]);
      scanner.dispose();
    }
  });

  it('colour a policy: actions, ARNs and their parts, variables, condition operators and keys, principals, effects', () => {
    assertScope(scopesOf(json, POLICY, 's3'), 'entity.name.type.service.iam', 'service of s3:GetObject');
    assertScope(scopesOf(json, POLICY, 'GetObject'), 'entity.name.function.action.iam', 'action s3:GetObject');
    assertScope(scopesOf(json, POLICY, '*"]'), 'keyword.operator.wildcard.iam', 'wildcard of ec2:Describe*');
    assertScope(scopesOf(json, POLICY, 'arn'), 'keyword.other.arn.iam', 'arn: of an ARN');
    assertScope(scopesOf(json, POLICY, 'my-bucket'), 'string.other.resource.iam', 'resource of an ARN');
    assertScope(scopesOf(json, POLICY, 'aws:username'), 'variable.other.policy-variable.iam', '${aws:username} in an ARN');
    assertScope(scopesOf(json, POLICY, 'dynamodb'), 'entity.name.type.service.iam', 'service part of an ARN');
    const region = scopesOf(json, POLICY, '*:$');
    assertScope(region, 'constant.other.region.iam', 'wildcard region');
    assertScope(region, 'keyword.operator.wildcard.iam', 'wildcard region');
    const account = scopesOf(json, POLICY, 'aws:PrincipalAccount');
    assertScope(account, 'constant.numeric.account.iam', 'variable as the account of an ARN');
    assertScope(account, 'variable.other.policy-variable.iam', 'variable as the account of an ARN');
    assertScope(scopesOf(json, POLICY, 'StringLike'), 'keyword.operator.condition.iam', 'condition operator');
    assertScope(scopesOf(json, POLICY, 'IfExists'), 'storage.modifier.if-exists.iam', 'IfExists');
    assertScope(scopesOf(json, POLICY, 'PrincipalTag/team'), 'variable.other.condition-key.iam', 'condition key');
    assertScope(scopesOf(json, POLICY, 'aws:username', 1), 'variable.other.policy-variable.iam', 'variable as a condition value');
    assertScope(scopesOf(json, POLICY, 'ec2.amazonaws.com'), 'entity.name.type.service-principal.iam', 'service principal');
    assertScope(scopesOf(json, POLICY, '123456789012'), 'constant.numeric.account.iam', 'account principal');
    assertScope(scopesOf(json, POLICY, 'Allow'), 'constant.language.effect.iam', 'Effect');
    assertScope(scopesOf(json, POLICY, 'Deny'), 'constant.language.effect.iam', 'Effect');
    assertScope(scopesOf(json, POLICY, 'Condition'), 'keyword.other.policy-element.iam', 'policy element');
    assertScope(scopesOf(json, POLICY, 'Version'), 'keyword.other.policy-element.iam', 'Version of a policy');
  });

  it('end an ARN with an escaped quote at the closing quote, not the escaped one', () => {
    assertScope(scopesOf(json, POLICY, '\\"'), 'constant.character.escape.json', 'escaped quote inside an ARN');
    const after = scopesOf(json, POLICY, 'Sid": "after', 0);
    assertScope(after, 'support.type.property-name.json', 'the key after the ARN');
    assertNoScope(after, 'string.quoted', 'the key after the ARN');
  });

  it('colour a policy in a JSON with Comments file too', async () => {
    const jsonc = await loadGrammar('source.json.comments');
    const text = `// deploy role\n${POLICY.replace('"Sid": "Home",', '"Sid": "Home", /* block */')}`;
    assertScope(scopesOf(jsonc, text, 'GetObject'), 'entity.name.function.action.iam', 'action in JSONC');
    assertScope(scopesOf(jsonc, text, 'block'), 'comment.block.json', 'comment in a JSONC policy');
  });

  it('leave JSON that is not a policy exactly as VS Code tokenizes it without STS Lens', async () => {
    const jsonc = await loadGrammar('source.json.comments');
    const jsoncPlain = await loadGrammar('source.json.comments', { injections: false });
    const files: Array<[string, string]> = [
      ['package.json', fs.readFileSync(path.join(root, 'package.json'), 'utf8')],
      ['package-lock.json (start)', fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8').slice(0, 60_000)],
      ['syntaxes/aws-config.tmLanguage.json', fs.readFileSync(path.join(root, 'syntaxes', 'aws-config.tmLanguage.json'), 'utf8')],
      ['keys that policies use', '{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Effect": "Allow", "Version": "1.0",\n "Condition": {"aws:SourceIp": "${aws:username}"}, "list": ["arn:aws:iam::123456789012:role/x", "*"]}'],
    ];
    for (const [name, text] of files) assert.deepStrictEqual(tokenize(json, text), tokenize(jsonPlain, text), `${name} tokenizes differently with the policy grammars`);
    const tsconfig = `// compiler settings\n${fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')}`;
    assert.deepStrictEqual(tokenize(jsonc, tsconfig), tokenize(jsoncPlain, tsconfig), 'tsconfig.json (JSON with Comments) tokenizes differently');
    assert.notDeepStrictEqual(tokenize(json, POLICY), tokenize(jsonPlain, POLICY), 'a policy should tokenize differently (else this comparison proves nothing)');
  });

  it('colour the actions, ARNs and effects of the AWS managed policies in ../shared/corpus', () => {
    const files = fs.readdirSync(corpus).filter((f) => f.endsWith('.json')).sort();
    assert.ok(files.length > 100, `expected the corpus at ${corpus}`);
    let actions = 0;
    let actionsColoured = 0;
    for (const file of files.slice(0, 150)) {
      const text = JSON.stringify(JSON.parse(fs.readFileSync(path.join(corpus, file), 'utf8')).document, null, 2);
      const lines = text.split('\n');
      const tokens: LineTokens[] = tokenize(json, text);
      lines.forEach((line, i) => {
        assert.ok(!tokens[i].stoppedEarly);
        const action = /^\s*"([a-z0-9-]+):[A-Za-z0-9*?]+",?$/.exec(line) ?? /"(?:Not)?Action": "([a-z0-9-]+):/.exec(line);
        if (action) {
          actions++;
          if (scopesAt(tokens, i, line, `"${action[1]}:`).length && scopesAt(tokens, i, line, `${action[1]}:`).includes('meta.action.iam')) actionsColoured++;
        }
        const arn = line.indexOf('"arn:');
        if (arn >= 0) assertScope(scopesAt(tokens, i, line, 'arn:', arn), 'keyword.other.arn.iam', `${file} line ${i + 1}`);
        const effect = /"Effect": "(Allow|Deny)"/.exec(line);
        if (effect) assertScope(scopesAt(tokens, i, line, effect[1], effect.index + 10), 'constant.language.effect.iam', `${file} line ${i + 1}`);
      });
    }
    assert.ok(actions > 500, `only ${actions} actions found`);
    assert.ok(actionsColoured / actions > 0.99, `${actions - actionsColoured} of ${actions} actions not coloured`);
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
