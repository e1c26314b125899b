import * as assert from 'assert';
import { hoverAt } from '../../../src/core/policy/insight';
import { catalogFor, offsetOf, readFixture } from './helpers';

describe('policy hovers', () => {
  const text = readFixture('identity-s3.json');
  const catalog = catalogFor(text);

  it('describes an action: service, description, access level, resource types with ARN formats, condition keys', () => {
    const at = offsetOf(text, 's3:GetObject', 4);
    const h = hoverAt(text, at, catalog);
    assert.ok(h);
    assert.strictEqual(text.slice(h.start, h.end), '"s3:GetObject"');
    const a = catalog.action('s3', 'GetObject')!;
    assert.match(h.markdown, /^\*\*s3:GetObject\*\* · Amazon S3 · _Read_/);
    assert.ok(h.markdown.includes(a.description), 'description');
    assert.match(h.markdown, /\n- object: `arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}`\n/);
    assert.match(h.markdown, /\*\*Condition keys\*\*: .*`s3:ExistingObjectTag\/<key>`/);
  });

  it('lists the actions a wildcard matches', () => {
    const at = offsetOf(text, 's3:Delete*', 3);
    const h = hoverAt(text, at, catalog);
    assert.ok(h);
    const count = catalog.actions('s3').filter((a) => /^Delete/.test(a.name)).length;
    assert.match(h.markdown, new RegExp(`^\\*\\*s3:Delete\\\\\\*\\*\\* matches ${count} actions`));
    assert.match(h.markdown, /- `s3:DeleteObject` _Write_/);
  });

  it('says when a wildcard matches nothing and when a service is unknown', () => {
    const t = '{"Statement":{"Effect":"Allow","Action":["s3:Nope*","nosuch:Get"],"Resource":"*"}}';
    const c = catalogFor(t);
    assert.strictEqual(hoverAt(t, offsetOf(t, 'Nope'), c)?.markdown, '**s3:Nope\\*** matches no action.');
    assert.strictEqual(hoverAt(t, offsetOf(t, 'nosuch'), c)?.markdown, '**nosuch:Get**: `nosuch` is not a known service prefix.');
  });

  it('describes a condition operator and a condition key with its type', () => {
    const op = hoverAt(text, offsetOf(text, 'StringLike', 2), catalog);
    assert.ok(op);
    assert.match(op.markdown, /^\*\*StringLike\*\*: condition operator \(String\)/);
    const key = hoverAt(text, offsetOf(text, 's3:prefix', 2), catalog);
    assert.ok(key);
    assert.match(key.markdown, /^\*\*s3:prefix\*\* · condition key · type `String`/);
    assert.match(key.markdown, /Supported by 1 of this statement's actions: `s3:ListBucket`/);
  });

  it('explains ForAllValues and IfExists parts of an operator', () => {
    const t = '{"Statement":{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"ForAllValues:StringEqualsIfExists":{"aws:TagKeys":["a"]}}}}';
    const h = hoverAt(t, offsetOf(t, 'ForAll', 1), catalogFor(t));
    assert.ok(h);
    assert.match(h.markdown, /`ForAllValues:` every value/);
    assert.match(h.markdown, /`\.\.\.IfExists`/);
    const k = hoverAt(t, offsetOf(t, 'aws:TagKeys', 1), catalogFor(t));
    assert.match(k?.markdown ?? '', /type `ArrayOfString` · global/);
  });

  it('says IfExists changes nothing after ForAnyValue ("For no matching context key or if the key does not exist, the condition returns false")', () => {
    const t = '{"Statement":{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["a"]}}}}';
    const h = hoverAt(t, offsetOf(t, 'ForAny', 1), catalogFor(t));
    assert.ok(h);
    assert.match(h.markdown, /`\.\.\.IfExists` changes nothing after `ForAnyValue:`: when the key is absent from the request, the condition is still false\./);
    assert.doesNotMatch(h.markdown, /the condition is true/);
  });

  it('describes principals with their kind and account', () => {
    const t = readFixture('trust-github.json');
    const c = catalogFor(t);
    const fed = hoverAt(t, offsetOf(t, 'arn:aws:iam::123456789012:oidc', 1), c);
    assert.ok(fed);
    assert.match(fed.markdown, /^\*\*Federated principal\*\* · GitHub Actions \\\(OIDC\\\) · account 123456789012/);
    const svc = hoverAt(t, offsetOf(t, 'ec2.amazonaws.com', 1), c);
    assert.match(svc?.markdown ?? '', /^\*\*Service principal\*\* · service ec2\.amazonaws\.com/);
    const x = readFixture('trust-cross-account.json');
    const acct = hoverAt(x, offsetOf(x, 'arn:aws:iam::111122223333:root', 1), c);
    assert.match(acct?.markdown ?? '', /^\*\*AWS principal\*\* · account 111122223333\n\nAccount 111122223333 \(the account root ARN\)/);
  });

  it('splits an ARN into its parts', () => {
    const h = hoverAt(text, offsetOf(text, 'arn:aws:s3:::example-bucket/*', 1), catalog);
    assert.strictEqual(h?.markdown, "**ARN** · partition `aws` · service `s3` (Amazon S3) · region `(none)` · account `(none)` · resource `example-bucket/*`\n\nMatches `s3:object` of this statement's actions.");
    const bucket = hoverAt(text, offsetOf(text, 'arn:aws:s3:::example-bucket"', 1), catalog);
    assert.match(bucket?.markdown ?? '', /Matches `s3:bucket` of this statement's actions\.$/);
    const t = '{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:sqs:us-east-1:123456789012:q"}}';
    assert.match(hoverAt(t, offsetOf(t, 'arn:aws:sqs', 1), catalogFor(t))?.markdown ?? '', /Matches no resource type of this statement's actions\.$/);
  });

  it('has nothing for other places', () => {
    assert.strictEqual(hoverAt(text, offsetOf(text, '2012-10-17', 1), catalog), undefined);
    assert.strictEqual(hoverAt('{ not json', 3, catalog), undefined);
  });
});
