import * as assert from 'assert';
import { lintPolicy, MAX_POLICY_NESTING, MAX_POLICY_TEXT_LENGTH, MAX_SYNTAX_FINDINGS_PER_KIND } from '../../../src/core/policy';
import { findPolicyRegions, terraformInterpolations } from '../../../src/core/policy/insight';
import { cloudFormationYamlPolicies as readYaml } from '../../../src/core/policy/insight/cloudformationYaml';
import { parsePolicy, parseStrictTree } from '../../../src/core/policy/parse';
import { lint, testCatalog } from '../policy/catalog';

const deep = (depth: number) => `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n     "Condition": ${'['.repeat(depth)}${']'.repeat(depth)}}\n  ]\n}\n`;

describe('policy lint on adversarial documents', function () {
  this.timeout(30_000);

  it('reports a policy nested thousands of levels deep at the first bracket past the limit, without throwing', () => {
    const text = deep(2700);
    const r = lint(text);
    assert.deepStrictEqual(r.findings.map((f) => f.issueCode), ['POLICY_NESTING_TOO_DEEP']);
    const start = r.findings[0].locations[0].span.start;
    // "Condition" is on line 5; the brackets open there, the statement object is level 3.
    assert.strictEqual(start.line, 5);
    assert.strictEqual(text[start.offset], '[');
    assert.strictEqual(start.offset, text.indexOf('[', text.indexOf('Condition')) + MAX_POLICY_NESTING - 3);
    assert.match(r.findings[0].findingDetails, /nested more than 64 levels/);
  });

  it('lists the first 101 of 100,000 comments and of 100,000 trailing commas, the last saying how many more there are', () => {
    const body = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]';
    const comments = lint(`${'// x\n'.repeat(100_000)}${body}}`).findings.filter((f) => f.issueCode === 'JSON_COMMENT');
    assert.strictEqual(comments.length, MAX_SYNTAX_FINDINGS_PER_KIND + 1);
    assert.strictEqual(comments[MAX_SYNTAX_FINDINGS_PER_KIND].findingDetails, 'Comments are not valid JSON; AWS rejects a policy that contains them. 99,899 more comments after this one are not listed.');
    // The 101st comment, on line 101.
    assert.strictEqual(comments[MAX_SYNTAX_FINDINGS_PER_KIND].locations[0].span.start.line, MAX_SYNTAX_FINDINGS_PER_KIND + 1);
    const commas = lint(`{"Version": "2012-10-17", "Statement": [${'[1,],'.repeat(100_000)}{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`).findings.filter((f) => f.issueCode === 'JSON_TRAILING_COMMA');
    assert.strictEqual(commas.length, MAX_SYNTAX_FINDINGS_PER_KIND + 1);
    assert.match(commas[MAX_SYNTAX_FINDINGS_PER_KIND].findingDetails, / 99,899 more trailing commas after this one are not listed\.$/);
  });

  it('a megabyte of stray commas keeps 101 syntax errors and counts the rest; the first error is reported exactly', () => {
    const n = 1_000_000;
    const text = `{"Version": "2012-10-17", "Statement": [${','.repeat(n)}]}`;
    const parsed = parsePolicy(text);
    // The last comma, before "]", is a trailing comma.
    assert.strictEqual(parsed.syntax.filter((s) => s.kind === 'error').length, MAX_SYNTAX_FINDINGS_PER_KIND + 1);
    assert.deepStrictEqual(parsed.syntax.filter((s) => s.kind !== 'error').map((s) => [s.kind, s.offset]), [['trailingComma', text.lastIndexOf(',')]]);
    assert.deepStrictEqual(parsed.unlisted, { error: n - MAX_SYNTAX_FINDINGS_PER_KIND - 1, comment: 0, trailingComma: 0 });
    const at = text.indexOf(',', text.indexOf('['));
    assert.deepStrictEqual(parsed.syntax[0], { kind: 'error', message: 'ValueExpected', offset: at, length: 1 });
    const syntax = lint(text).findings.filter((f) => f.issueCode === 'JSON_SYNTAX_ERROR');
    assert.deepStrictEqual(syntax.map((f) => f.findingDetails), [`Fix the JSON syntax error at index ${at} line 1 column ${at}: value expected.`]);
  });

  it('lists every one of 101 comments, without a count', () => {
    const comments = lint(`${'/* x */'.repeat(101)}{"Version": "2012-10-17", "Statement": []}`).findings.filter((f) => f.issueCode === 'JSON_COMMENT');
    assert.strictEqual(comments.length, 101);
    assert.ok(comments.every((f) => f.findingDetails === 'Comments are not valid JSON; AWS rejects a policy that contains them.'));
  });

  it('still lints a policy just under the nesting limit', () => {
    const r = lint(deep(MAX_POLICY_NESTING - 3));
    assert.ok(!r.findings.some((f) => f.issueCode === 'POLICY_NESTING_TOO_DEEP'));
  });

  it('counts brackets inside strings and comments as text, not nesting', () => {
    const text = `{"Version": "2012-10-17", "Statement": {"Sid": "${'['.repeat(500)}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`;
    assert.ok(!lint(text).findings.some((f) => f.issueCode === 'POLICY_NESTING_TOO_DEEP'));
  });

  it('reports a document over 1 MB once, at its start, naming its size and the quotas', () => {
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
    const text = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: Math.ceil(MAX_POLICY_TEXT_LENGTH / 70) + 10 }, () => statement) });
    const r = lintPolicy(text, { policyType: 'auto', catalog: testCatalog().catalog });
    assert.deepStrictEqual(r.findings.map((f) => f.issueCode), ['POLICY_DOCUMENT_TOO_LARGE']);
    assert.strictEqual(r.findings[0].locations[0].span.start.offset, 0);
    assert.match(r.findings[0].findingDetails, /The document is 1\.\d MB.*6,144 characters for a managed policy/);
  });

  it('keeps redundancy findings for long action lists (wildcards compared by prefix ranges)', () => {
    const actions = [...Array.from({ length: 1200 }, (_, i) => `s3:GetObject${i}`), 's3:GetObject1*'];
    const r = lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }));
    const redundant = r.findings.filter((f) => f.issueCode === 'REDUNDANT_ACTION');
    assert.strictEqual(redundant.length, 1);
    // s3:GetObject1* covers s3:GetObject1, 10-19, 100-199 and 1000-1199: 311 values and itself.
    assert.strictEqual(redundant[0].locations.length, 312);
  });

  it('groups 50,000 copies of one wildcard with the actions it covers into one finding, each value once', () => {
    const actions = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? 's3:Get*' : 's3:GetObject'));
    const r = lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }));
    const redundant = r.findings.filter((f) => f.issueCode === 'REDUNDANT_ACTION');
    assert.strictEqual(redundant.length, 1);
    assert.strictEqual(redundant[0].locations.length, 50_000);
    assert.match(redundant[0].findingDetails, /remove the redundant action such as: s3:GetObject\./);
  });

  it('a wildcard that covers another wildcard keeps it in its group, whatever the order', () => {
    const actions = ['s3:Get*', 's3:*', 's3:GetObject', 's3:Get*', 's3:PutObject', 's3:*'];
    const r = lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }));
    const redundant = r.findings.filter((f) => f.issueCode === 'REDUNDANT_ACTION');
    assert.deepStrictEqual(redundant.map((f) => f.locations.map((l) => l.path.at(-1))), [[0, 1, 2, 3, 4, 5].map((index) => ({ index }))]);
  });

  it('a list of distinct wildcards too long to compare reports its repeats only, instead of hanging', () => {
    const actions = [...Array.from({ length: 40_000 }, (_, i) => `*${i}`), '*1', '*1'];
    const r = lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }));
    const redundant = r.findings.filter((f) => f.issueCode === 'REDUNDANT_ACTION');
    assert.strictEqual(redundant.length, 1);
    assert.deepStrictEqual(redundant[0].locations.map((l) => l.path.at(-1)), [{ index: 1 }, { index: 40_000 }, { index: 40_001 }]);
  });

  it('suggests replacements for the first 1,000 unknown actions of a policy only', () => {
    const actions = Array.from({ length: 3000 }, (_, i) => `s3:GetObjekt${i}`);
    const r = lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }));
    const invalid = r.findings.filter((f) => f.issueCode === 'INVALID_ACTION');
    assert.strictEqual(invalid.length, 3000);
    assert.strictEqual(invalid.filter((f) => f.fix).length, 1000);
    assert.strictEqual(invalid[2999].findingDetails, 'The action s3:GetObjekt2999 does not exist.');
  });

  it('lists the first 101 unknown condition keys of each kind in a policy of 10,000 of each, the last counting the rest', () => {
    const n = 10_000;
    const block = (key: (i: number) => string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [key(i), 'x']));
    const statement = (key: (i: number) => string) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: block(key) } });
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [statement((i) => (i === 0 ? 'aws:SourceIpp' : `aws:Unknown${i}`)), statement((i) => `s3:nokey${i}`), statement((i) => `nocolon${i}`), statement((i) => `nosuchservice${i}:key`)],
    });
    const findings = lint(text).findings;
    const more = ` ${(n - MAX_SYNTAX_FINDINGS_PER_KIND - 1).toLocaleString('en-US')} more findings like this one after it are not listed.`;
    const last = (code: string, details: string) => {
      const found = findings.filter((f) => f.issueCode === code);
      assert.strictEqual(found.length, MAX_SYNTAX_FINDINGS_PER_KIND + 1, code);
      assert.strictEqual(found[MAX_SYNTAX_FINDINGS_PER_KIND].findingDetails, `${details}${more}`);
      // The ones listed are the first in the document, and only the last carries the count.
      assert.ok(found.slice(0, -1).every((f) => !f.findingDetails.includes('not listed')), code);
      return found;
    };
    const global = last('INVALID_GLOBAL_CONDITION_KEY', 'The condition key aws:Unknown100 does not exist. Use a valid condition key.');
    assert.match(global[0].findingDetails, /aws:SourceIpp does not exist\. Use a valid condition key\. Did you mean aws:SourceIp\?$/);
    last('INVALID_SERVICE_CONDITION_KEY', 'The condition key s3:nokey100 does not exist in the service s3. Use a valid condition key.');
    last('INVALID_CONDITION_KEY_FORMAT', 'The condition key format is not valid. Use the format service:keyname.');
    last('INVALID_SERVICE', 'The service nosuchservice100 does not exist. Use a valid service name.');
  });

  it('reports the unclosed variables of a long run of "${aws:", the first 100 of them', () => {
    const r = lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${aws:'.repeat(2000) }] }));
    const missing = r.findings.filter((f) => f.issueCode === 'MISSING_BRACE_IN_VARIABLE');
    assert.strictEqual(missing.length, 100);
    assert.strictEqual(missing[0].locations[0].span.start.offset, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '' }] }).indexOf('"Resource":""') + 12);
  });

  it('the strict parser gives up on deep nesting instead of recursing', () => {
    assert.strictEqual(parseStrictTree('['.repeat(100_000) + ']'.repeat(100_000)), undefined);
  });
});

describe('policy recognition on adversarial templates', function () {
  this.timeout(30_000);

  it('finds the policy of a deeply nested JSON document and reports its depth', () => {
    const text = `{"Version": "2012-10-17", "Statement": [], "Extra": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const regions = findPolicyRegions(text, 'json');
    assert.strictEqual(regions.length, 1);
    assert.deepStrictEqual(lint(regions[0].text).findings.map((f) => f.issueCode), ['POLICY_NESTING_TOO_DEEP']);
  });

  it('finds the policy of a CloudFormation YAML template beside a flow sequence nested 100,000 deep', () => {
    const policy = 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n';
    const text = `${policy}Metadata:\n  Deep: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const regions = findPolicyRegions(text, 'yaml', { readYaml });
    assert.strictEqual(regions.length, 1);
    assert.deepStrictEqual(JSON.parse(regions[0].text), { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  });

  it('a jsonencode with a stray closing parenthesis ends instead of looping', () => {
    const text = 'x = jsonencode({\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "*", "Resource": "*"}\n)\n';
    assert.deepStrictEqual(findPolicyRegions(text, 'terraform'), []);
  });

  it('heredocs are matched to their own end marker when many are open', () => {
    const open = Array.from({ length: 500 }, (_, i) => `a${i} = <<EOF${i}\n`).join('');
    const text = `${open}policy = <<POLICY\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}\nPOLICY\n`;
    const regions = findPolicyRegions(text, 'terraform');
    assert.strictEqual(regions.length, 1);
    assert.ok(regions[0].text.startsWith('{"Version"'));
  });

  it('Terraform interpolations: a run of "${" without a closing brace is not one', () => {
    assert.deepStrictEqual(terraformInterpolations('${'.repeat(10_000)), []);
    assert.deepStrictEqual(terraformInterpolations('a ${var.x} b $${aws:username} ${a${b}'), [[2, 10], [30, 37]]);
  });
});

describe('Terraform policy documents on adversarial input', () => {
  it('thousands of nested or unclosed aws_iam_policy_document blocks are read without recursing without bound', () => {
    const text = 'data "aws_iam_policy_document" "x" {\n'.repeat(20_000);
    assert.deepStrictEqual(findPolicyRegions(text, 'terraform'), []);
  });
});
