import * as assert from 'assert';
import { fixTitleEnglish } from '../../../src/core/fixTitle';
import type { Finding, PathElement } from '../../../src/core/policy/types';
import { LineIndex } from '../../../src/core/policy/parse';
import { applyTextEdits, EXTERNAL_ID_PLACEHOLDER, formattingOptionsOf, GITHUB_SUB_PLACEHOLDER, quickFixesFor, toStrictJson } from '../../../src/core/policy/insight';
import { offsetOf, readFixture, strictParse } from './helpers';

function finding(text: string, issueCode: string, path: PathElement[], start: number, length: number, fix?: Finding['fix']): Finding {
  const lines = new LineIndex(text);
  return { findingType: 'WARNING', issueCode, findingDetails: '', learnMoreLink: '', locations: [{ path, span: lines.span(start, length) }], fix };
}

function only<T>(items: readonly T[], pick: (t: T) => boolean = () => true): T {
  const found = items.filter(pick);
  assert.strictEqual(found.length, 1, `expected one, got ${found.length}`);
  return found[0];
}

describe('quick fixes', () => {
  it('adds the missing Version first, with the file indentation (spaces)', () => {
    const text = readFixture('no-version-effect-only.json');
    const fix = only(quickFixesFor(text, finding(text, 'MISSING_VERSION', [], 0, 1)));
    const out = applyTextEdits(text, fix.edits);
    assert.strictEqual(out, text.replace('{\n', '{\n  "Version": "2012-10-17",\n'));
    strictParse(out);
  });

  it('adds the missing Version with tabs in a tab-indented file', () => {
    const text = readFixture('tabs-no-version.json');
    const out = applyTextEdits(text, quickFixesFor(text, finding(text, 'MISSING_VERSION', [], 0, 1))[0].edits);
    assert.strictEqual(out, text.replace('{\n', '{\n\t"Version": "2012-10-17",\n'));
  });

  it('replaces a misspelt action with each suggestion', () => {
    const text = readFixture('misspelt-action.json');
    const at = offsetOf(text, '"s3:GetObjekt"');
    const fixes = quickFixesFor(text, finding(text, 'INVALID_ACTION', [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }], at, 14, { candidates: ['"s3:GetObject"', '"s3:GetObjectAcl"'] }));
    assert.deepStrictEqual(fixes.map((f) => [fixTitleEnglish(f.title), f.isPreferred]), [['Replace with s3:GetObject', true], ['Replace with s3:GetObjectAcl', false]]);
    const out = applyTextEdits(text, fixes[0].edits);
    assert.strictEqual(out, text.replace('s3:GetObjekt', 's3:GetObject'));
  });

  it('replaces StringLike with ArnLike on an ARN key', () => {
    const text = readFixture('string-like-arn.json');
    const path: PathElement[] = [{ value: 'Statement' }, { index: 0 }, { value: 'Condition' }, { value: 'StringLike' }, { key: 'aws:SourceArn' }];
    const fix = only(quickFixesFor(text, finding(text, 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', path, offsetOf(text, '"aws:SourceArn"'), 15)));
    assert.strictEqual(fixTitleEnglish(fix.title), 'Replace StringLike with ArnLike');
    const out = applyTextEdits(text, fix.edits);
    assert.strictEqual(out, text.replace('"StringLike"', '"ArnLike"'));
  });

  it('keeps the set and IfExists parts when renaming an operator', () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringNotEqualsIfExists":{"aws:SourceArn":["arn:aws:sns:*:1:t"]}}}]}';
    const path: PathElement[] = [{ value: 'Statement' }, { index: 0 }, { value: 'Condition' }, { value: 'ForAnyValue:StringNotEqualsIfExists' }, { key: 'aws:SourceArn' }];
    const fix = only(quickFixesFor(text, finding(text, 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', path, offsetOf(text, '"aws:SourceArn"'), 15)));
    assert.strictEqual(applyTextEdits(text, fix.edits), text.replace('ForAnyValue:StringNotEqualsIfExists', 'ForAnyValue:ArnNotEqualsIfExists'));
  });

  it('adds an sts:ExternalId condition to a cross-account trust statement, or an MFA condition', () => {
    const text = readFixture('trust-cross-account.json');
    const at = offsetOf(text, '"arn:aws:iam::111122223333:root"');
    const fixes = quickFixesFor(text, finding(text, 'CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA', [{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }, { value: 'AWS' }], at, 32));
    const ext = only(fixes, (f) => fixTitleEnglish(f.title) === 'Add an sts:ExternalId condition');
    const out = applyTextEdits(text, ext.edits);
    assert.deepStrictEqual((strictParse(out) as { Statement: Array<{ Condition: unknown }> }).Statement[0].Condition, { StringEquals: { 'sts:ExternalId': EXTERNAL_ID_PLACEHOLDER } });
    assert.ok(out.includes(`      "Action": "sts:AssumeRole",\n      "Condition": {\n        "StringEquals": {\n          "sts:ExternalId": "${EXTERNAL_ID_PLACEHOLDER}"\n        }\n      }\n    }`), out);
    const mfa = only(fixes, (f) => fixTitleEnglish(f.title).startsWith('Require MFA'));
    assert.deepStrictEqual((strictParse(applyTextEdits(text, mfa.edits)) as { Statement: Array<{ Condition: unknown }> }).Statement[0].Condition, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });

  it('adds a GitHub sub condition with a placeholder next to the existing aud condition (4-space file)', () => {
    const text = readFixture('trust-github.json');
    const at = offsetOf(text, '"arn:aws:iam::123456789012:oidc');
    const fixes = quickFixesFor(text, finding(text, 'MISSING_GITHUB_REPO_CONDITION_KEY', [{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }, { value: 'Federated' }], at, 10));
    const fix = only(fixes);
    assert.strictEqual(fixTitleEnglish(fix.title), 'Add a token.actions.githubusercontent.com:sub condition');
    const out = applyTextEdits(text, fix.edits);
    const cond = (strictParse(out) as { Statement: Array<{ Condition: unknown }> }).Statement[0].Condition;
    assert.deepStrictEqual(cond, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': GITHUB_SUB_PLACEHOLDER } });
    assert.ok(out.includes(`                "StringLike": {\n                    "token.actions.githubusercontent.com:sub": "${GITHUB_SUB_PLACEHOLDER}"\n                }`), out);
  });

  it('removes a redundant action and keeps the array valid', () => {
    const text = readFixture('redundant-action.json');
    const path: PathElement[] = [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index: 1 }];
    const fix = only(quickFixesFor(text, finding(text, 'REDUNDANT_ACTION', path, offsetOf(text, '"s3:GetObject"'), 14)));
    assert.strictEqual(fixTitleEnglish(fix.title), 'Remove redundant "s3:GetObject"');
    const out = applyTextEdits(text, fix.edits);
    assert.strictEqual(out, text.replace('        "s3:GetObject",\n', ''));
  });

  it('removes the covered action when the finding names the wildcard first', () => {
    const text = readFixture('redundant-action.json');
    const lines = new LineIndex(text);
    const at = (needle: string, index: number) => ({ path: [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index }] as PathElement[], span: lines.span(offsetOf(text, needle), needle.length) });
    const f: Finding = { findingType: 'SUGGESTION', issueCode: 'REDUNDANT_ACTION', findingDetails: '', learnMoreLink: '', locations: [at('"s3:Get*"', 0), at('"s3:GetObject"', 1)], fix: { remove: true } };
    const fix = only(quickFixesFor(text, f));
    assert.deepStrictEqual((strictParse(applyTextEdits(text, fix.edits)) as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, ['s3:Get*', 's3:ListBucket']);
  });

  it('uses the engine fix data when the finding carries it', () => {
    const text = readFixture('redundant-action.json');
    const path: PathElement[] = [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index: 2 }];
    const fix = only(quickFixesFor(text, finding(text, 'REDUNDANT_RESOURCE', path, offsetOf(text, '"s3:ListBucket"'), 15, { remove: true, title: { kind: 'remove', value: 's3:ListBucket' } })));
    assert.strictEqual(fixTitleEnglish(fix.title), 'Remove s3:ListBucket');
    assert.deepStrictEqual((strictParse(applyTextEdits(text, fix.edits)) as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, ['s3:Get*', 's3:GetObject']);
  });

  it('edits the location the engine fix names, not always the first', () => {
    const text = readFixture('redundant-action.json');
    const lines = new LineIndex(text);
    const at = (needle: string, index: number) => ({ path: [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index }] as PathElement[], span: lines.span(offsetOf(text, needle), needle.length) });
    const f: Finding = { findingType: 'SUGGESTION', issueCode: 'REDUNDANT_RESOURCE', findingDetails: '', learnMoreLink: '', locations: [at('"s3:Get*"', 0), at('"s3:ListBucket"', 2)], fix: { remove: true, location: 1 } };
    const fix = only(quickFixesFor(text, f));
    assert.deepStrictEqual((strictParse(applyTextEdits(text, fix.edits)) as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, ['s3:Get*', 's3:GetObject']);
  });

  it('offers nothing for codes it cannot fix', () => {
    const text = readFixture('identity-s3.json');
    assert.deepStrictEqual(quickFixesFor(text, finding(text, 'INVALID_EFFECT', [{ value: 'Statement' }, { index: 0 }, { value: 'Effect' }], 10, 2)), []);
  });
});

describe('formatting options', () => {
  it('reads indentation and line endings from the document', () => {
    assert.deepStrictEqual(formattingOptionsOf('{\n  "a": {\n    "b": 1\n  }\n}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
    assert.deepStrictEqual(formattingOptionsOf('{\r\n    "a": 1\r\n}'), { insertSpaces: true, tabSize: 4, eol: '\r\n' });
    assert.deepStrictEqual(formattingOptionsOf('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 4, eol: '\n' });
    assert.deepStrictEqual(formattingOptionsOf('{"a": 1}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
    // A policy in a Terraform heredoc: every line indented by 4, nested by 2 more.
    assert.deepStrictEqual(formattingOptionsOf('{\n      "Version": "2012-10-17",\n      "Statement": [\n        {\n          "Effect": "Allow"\n        }\n      ]\n    }'), { insertSpaces: true, tabSize: 2, eol: '\n' });
  });
});

describe('strict JSON for Access Analyzer', () => {
  it('blanks comments and trailing commas and keeps every offset', () => {
    const text = readFixture('jsonc-comments.jsonc');
    const strict = toStrictJson(text);
    assert.strictEqual(strict.length, text.length);
    assert.deepStrictEqual(strictParse(strict), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    assert.strictEqual(strict.indexOf('s3:GetObject'), text.indexOf('s3:GetObject'));
    assert.strictEqual(strict.split('\n').length, text.split('\n').length);
  });

  it('leaves strings that look like comments alone', () => {
    const text = '{"Resource": "arn:aws:s3:::b//x", "Sid": "a,]"}';
    assert.strictEqual(toStrictJson(text), text);
  });
});
