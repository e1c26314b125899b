import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { policySemanticTokens, type ScanCheckpoint } from '../../../src/core/policy/highlight/semanticTokens';
import { MAX_POLICY_TOKENS, POLICY_TOKEN_TYPES } from '../../../src/core/policy/highlight/tokenTypes';
import { repoRoot } from '../fixtures';
import { grammarLine } from '../grammars/hostileLines';
import { checkWellFormed, shownTokens, typesOf } from './tokens';

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Home",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "ec2:Describe*"],
      "Resource": ["arn:aws:s3:::my-bucket/home/\${aws:username}/*", "arn:aws:dynamodb:*:\${aws:PrincipalAccount}:table/Orders"],
      "Principal": {"Service": "ec2.amazonaws.com", "AWS": "123456789012"},
      "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:PrincipalTag/team": "\${aws:username}", "token.actions.githubusercontent.com:sub": "repo:org/*"}}
    },
    // JSON with Comments
    {"Effect": "Deny", "NotAction": "iam:PassRole", "Resource": "arn:aws:s3:::a\\"b", "Sid": "Allow", /* block */ "NotResource": "*"}
  ]
}`;

describe('policy highlighting: semantic tokens of a policy (one linear scan)', () => {
  const tokens = shownTokens(POLICY);
  const is = (needle: string, type: string, occurrence = 0): void =>
    assert.deepStrictEqual(typesOf(tokens, POLICY, needle, occurrence), [type], `${needle} (#${occurrence + 1}) should be one ${type} token`);

  it('mark the policy elements, the version date and the effects', () => {
    for (const key of ['Version', 'Statement', 'Sid', 'Effect', 'Action', 'Resource', 'Principal', 'Condition', 'NotAction', 'NotResource']) {
      const at = POLICY.indexOf(`"${key}"`) + 1;
      assert.deepStrictEqual(tokens.filter((t) => t.offset === at).map((t) => [t.type, t.text]), [['iamPolicyElement', key]], key);
    }
    is('2012-10-17', 'iamVersionDate');
    is('Allow', 'iamEffect');
    is('Deny', 'iamEffect');
    // "Allow" as a Sid is no effect.
    assert.deepStrictEqual(typesOf(tokens, POLICY, 'Allow', 1), []);
  });

  it('split an action into its service prefix, its name and its wildcards', () => {
    is('s3', 'iamService');
    is('GetObject', 'iamAction');
    is('ec2', 'iamService');
    is('Describe', 'iamAction');
    is('*', 'iamWildcard');
    is('iam', 'iamService');
    is('PassRole', 'iamAction');
  });

  it('split an ARN into arn, partition, service, Region, account and resource, with variables and wildcards inside', () => {
    is('arn', 'iamArn');
    is('aws', 'iamPartition');
    is('my-bucket/home/', 'iamResource');
    is('${aws:username}', 'iamVariable');
    is('dynamodb', 'iamService');
    is('${aws:PrincipalAccount}', 'iamVariable');
    is('table/Orders', 'iamResource');
    // The escaped quote stays inside the resource: the ARN ends at the real closing quote.
    is('a\\"b', 'iamResource');
  });

  it('mark principals, condition operators with their modifiers, condition keys and their prefixes', () => {
    is('ec2.amazonaws.com', 'iamServicePrincipal');
    is('123456789012', 'iamAccount');
    is('ForAnyValue', 'iamOperatorModifier');
    is('StringLike', 'iamConditionOperator');
    is('IfExists', 'iamOperatorModifier');
    is('PrincipalTag/team', 'iamConditionKey');
    is('${aws:username}', 'iamVariable', 1);
    is('token.actions.githubusercontent.com', 'iamService');
    is('sub', 'iamConditionKey');
  });

  it('give tokens only inside a policy and only for what policies mean: comments, Sids and other members stay plain', () => {
    for (const t of tokens) assert.ok(!['Home', 'JSON', 'block', 'Service', 'AWS', 'repo:org/'].includes(t.text), `unexpected token ${t.type} ${t.text}`);
    const notPolicy = '{"name": "x", "Action": "s3:GetObject", "Effect": "Allow", "arn": "arn:aws:s3:::b", "list": [{"Statement": 1}]}';
    assert.deepStrictEqual(shownTokens(notPolicy).filter((t) => t.type !== 'iamPolicyElement' || t.text !== 'Statement'), []);
    assert.deepStrictEqual(shownTokens('[{"Statement": [{"Effect": "Allow"}]}]'), [], 'an array is no policy');
  });

  it('return in a range request only the tokens that start in the range, the same as the whole document has there', () => {
    const all = policySemanticTokens(POLICY).tokens;
    const lines = POLICY.split('\n');
    let at = 0;
    for (const line of lines) {
      const part = policySemanticTokens(POLICY, { start: at, end: at + line.length }).tokens;
      assert.deepStrictEqual(part, all.filter((t) => t.offset >= at && t.offset < at + line.length), `line ${JSON.stringify(line)}`);
      at += line.length + 1;
    }
  });

  it('resume a range request from the last checkpoint before it: the same tokens, without scanning from the top', () => {
    const lines = Array.from({ length: 8_000 }, (_, i) => `    "${i % 3 ? 's3' : 'ec2'}:Get${i}*", "arn:aws:s3:::b${i}/\${aws:username}",`);
    const text = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Condition": {"StringLike": {"aws:PrincipalTag/t": "x"}}, "Action": [\n${lines.join('\n')}\n"s3:Last"]}]}`;
    const checkpoints: ScanCheckpoint[] = [];
    const whole = policySemanticTokens(text, { checkpoints });
    assert.ok(!whole.truncated);
    const all = whole.tokens;
    assert.ok(checkpoints.length > 10, `${checkpoints.length} checkpoints`);
    assert.ok(checkpoints.every((c, i) => i === 0 || c.offset > checkpoints[i - 1].offset));
    for (const line of [3, 3_999, 7_990]) {
      const start = text.indexOf(lines[line]);
      const end = start + lines[line].length;
      const resume = [...checkpoints].reverse().find((c) => c.offset <= start);
      let asked = 0;
      const part = policySemanticTokens(text, { start, end, resume, isCancelled: () => ++asked > 1_000 }).tokens;
      assert.deepStrictEqual(part, all.filter((t) => t.offset >= start && t.offset < end), `line ${line}`);
      assert.ok(part.some((t) => t.type === 'iamAction') && part.some((t) => t.type === 'iamVariable'), `line ${line}`);
      // The scan asks about cancellation every 4,096 scanner tokens: a resumed scan asks at most once, a scan from the top many times.
      assert.ok(asked <= 1, `line ${line}: ${asked} cancellation checks`);
    }
    let fromTop = 0;
    policySemanticTokens(text, { start: text.indexOf(lines[7_990]), isCancelled: () => ++fromTop > 1_000 });
    assert.ok(fromTop > 5, `${fromTop} cancellation checks from the top`);
  });

  it('stop at the token cap and say so, and stop when cancelled', () => {
    const many = `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Resource": "*", "Action": [${Array.from({ length: 5000 }, (_, i) => `"s3:Get${i}"`).join(', ')}]}}`;
    const capped = policySemanticTokens(many, { maxTokens: 100 });
    assert.strictEqual(capped.tokens.length, 100);
    assert.ok(capped.truncated);
    assert.ok(!policySemanticTokens(many).truncated);
    const cancelled = policySemanticTokens(many, { isCancelled: () => true });
    assert.ok(cancelled.cancelled);
    assert.ok(cancelled.tokens.length < policySemanticTokens(many).tokens.length);
    assert.ok(MAX_POLICY_TOKENS >= 100_000);
  });
});

describe('policy highlighting: hostile shapes are bounded and never throw', () => {
  const head = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Resource":';

  it('a line nested 20,000 brackets or objects deep: tokens before it, none inside it', () => {
    for (const deep of ['['.repeat(20_000), '{"Statement":'.repeat(20_000), `${'['.repeat(20_000)}"arn:aws:s3:::b"${']'.repeat(20_000)}`]) {
      const text = `${head} ${deep}`;
      const r = policySemanticTokens(text);
      assert.strictEqual(checkWellFormed(text, r.tokens), undefined);
      assert.ok(r.tokens.every((t) => t.offset < head.length), 'a token deep inside the nesting');
      assert.ok(r.tokens.some((t) => t.type === 'iamEffect'));
    }
  });

  it('a 20,000-character line of ARN strings: every ARN coloured', () => {
    const line = `[${Array.from({ length: 540 }, () => '"arn:aws:s3:::example-bucket/home/*"').join(', ')}]`;
    assert.ok(line.length >= 20_000);
    const text = `${head} ${line}}]}`;
    const r = policySemanticTokens(text);
    assert.strictEqual(checkWellFormed(text, r.tokens), undefined);
    assert.strictEqual(r.tokens.filter((t) => t.type === 'iamArn').length, 540);
    assert.strictEqual(r.tokens.filter((t) => t.type === 'iamResource').length, 540);
  });

  it('runs of ${, colons, escapes and unterminated strings', () => {
    const texts = [
      `${head} "arn:aws:s3:::b/${'${'.repeat(50_000)}"}]}`,
      `${head} "arn:${'${a:'.repeat(20_000)}"}]}`,
      `${head} "arn${':'.repeat(50_000)}"}]}`,
      `${head} "${'\\"'.repeat(20_000)}`,
      `${head} ["${'${aws:username", "'.repeat(5_000)}"]}]}`,
      `{"Statement": {"Condition": {"${'ForAnyValue:'.repeat(5_000)}StringLike": {"aws:${'${'.repeat(20_000)}": "x"}}}}`,
    ];
    for (const text of texts) {
      const r = policySemanticTokens(text);
      assert.strictEqual(checkWellFormed(text, r.tokens), undefined, text.slice(0, 80));
    }
    const variables = policySemanticTokens(`${head} "${'${aws:username}'.repeat(1000)}"}]}`).tokens.filter((t) => t.type === 'iamVariable');
    assert.strictEqual(variables.length, 1000);
  });

  it('the grammar fuzz lines (hostile shapes with syntax runs spliced in): well-formed tokens', () => {
    fc.assert(
      fc.property(grammarLine, ({ context, line }) => {
        const text = `${context}\n${line}`;
        assert.strictEqual(checkWellFormed(text, policySemanticTokens(text).tokens), undefined);
      }),
      { seed: 20261205, numRuns: 150 },
    );
  });
});

describe('policy highlighting: the manifest', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
    contributes: { semanticTokenTypes: Array<{ id: string; superType: string; description: string }>; semanticTokenScopes: Array<{ language?: string; scopes: Record<string, string[]> }> };
  };
  const STANDARD = ['namespace', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'type', 'parameter', 'variable', 'property', 'enumMember', 'decorator', 'event', 'function', 'method', 'macro', 'label', 'comment', 'string', 'keyword', 'number', 'regexp', 'operator'];

  it('declare every token type with a standard super type, and map each to the TextMate scopes themes colour', () => {
    assert.deepStrictEqual(pkg.contributes.semanticTokenTypes.map((t) => t.id), [...POLICY_TOKEN_TYPES]);
    for (const t of pkg.contributes.semanticTokenTypes) {
      assert.ok(STANDARD.includes(t.superType), `${t.id}: super type ${t.superType}`);
      assert.match(t.description, /^%semanticTokenTypes\.\w+\.description%$/);
    }
    const scopes = pkg.contributes.semanticTokenScopes[0].scopes;
    assert.deepStrictEqual(Object.keys(scopes), [...POLICY_TOKEN_TYPES]);
    for (const [type, list] of Object.entries(scopes)) assert.ok(list.length && list.every((s) => s.endsWith('.iam')), `${type}: ${list.join(', ')}`);
  });
});
