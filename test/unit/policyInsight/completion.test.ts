import * as assert from 'assert';
import { arnSnippet, completionsAt } from '../../../src/core/policy/insight';
import { catalogFor, offsetOf, readFixture } from './helpers';

describe('policy completions', () => {
  it('offers Effect values', () => {
    const t = '{"Statement":[{"Effect":"A","Action":"s3:GetObject","Resource":"*"}]}';
    const r = completionsAt(t, offsetOf(t, '"A"', 2), catalogFor(t));
    assert.deepStrictEqual(r?.entries.map((e) => e.label), ['Allow', 'Deny']);
    assert.strictEqual(t.slice(r.start, r.end), 'A');
  });

  it('offers service prefixes before the colon, and re-triggers after inserting one', () => {
    const t = '{"Statement":[{"Effect":"Allow","Action":"s","Resource":"*"}]}';
    const c = catalogFor(t);
    const r = completionsAt(t, offsetOf(t, '"s"', 2), c);
    assert.ok(r);
    const s3 = r.entries.find((e) => e.label === 's3');
    assert.deepStrictEqual({ insertText: s3?.insertText, detail: s3?.detail, retrigger: s3?.retrigger }, { insertText: 's3:', detail: 'Amazon S3', retrigger: true });
    assert.strictEqual(r.entries.length, c.allServicePrefixes().length);
  });

  it('offers the actions of the service typed, and only those', () => {
    const t = '{"Statement":[{"Effect":"Allow","Action":["s3:Get"],"Resource":"*"}]}';
    const c = catalogFor(t);
    const r = completionsAt(t, offsetOf(t, 's3:Get', 6), c);
    assert.ok(r);
    assert.strictEqual(r.entries.length, c.actions('s3').length);
    assert.ok(r.entries.every((e) => e.label.startsWith('s3:') && e.kind === 'action'));
    const get = r.entries.find((e) => e.label === 's3:GetObject');
    assert.deepStrictEqual({ detail: get?.detail, doc: get?.documentation }, { detail: 'Read', doc: 'Grants permission to retrieve objects from Amazon S3' });
    assert.strictEqual(t.slice(r.start, r.end), 's3:Get');
  });

  it('offers condition operators, with IfExists and set forms', () => {
    const t = '{"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"Str":{}}}]}';
    const r = completionsAt(t, offsetOf(t, 'Str', 3), catalogFor(t));
    const labels = r?.entries.map((e) => e.label) ?? [];
    for (const l of ['StringEquals', 'StringLikeIfExists', 'ArnLike', 'Null', 'ForAnyValue:StringEquals', 'ForAllValues:ArnLike']) assert.ok(labels.includes(l), l);
    assert.ok(!labels.includes('NullIfExists'));
  });

  it("offers the condition keys of the statement's actions first, then global keys", () => {
    const t = '{"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:":"x"}}}]}';
    const r = completionsAt(t, offsetOf(t, '"s3:"', 3), catalogFor(t));
    assert.ok(r);
    const prefix = r.entries.find((e) => e.label === 's3:prefix');
    assert.deepStrictEqual({ kind: prefix?.kind, detail: prefix?.detail, sort: prefix?.sortText?.[0] }, { kind: 'conditionKey', detail: 'String', sort: '0' });
    const sourceIp = r.entries.find((e) => e.label === 'aws:SourceIp');
    assert.deepStrictEqual({ detail: sourceIp?.detail, sort: sourceIp?.sortText?.[0] }, { detail: 'IPAddress · global', sort: '1' });
    assert.ok(!r.entries.some((e) => e.label === 'ec2:Region'), 'keys of other services are not offered');
  });

  it('offers ARN skeletons from the resource types of the statement actions', () => {
    const t = readFixture('identity-s3.json');
    const r = completionsAt(t, offsetOf(t, 'arn:aws:s3:::example-bucket"', 2), catalogFor(t));
    assert.ok(r);
    const object = r.entries.find((e) => e.label === 'arn:aws:s3:::${BucketName}/${ObjectName}');
    assert.deepStrictEqual({ insertText: object?.insertText, snippet: object?.snippet }, { insertText: 'arn:aws:s3:::${1:BucketName}/${2:ObjectName}', snippet: true });
    assert.ok(r.entries.some((e) => e.label === 'arn:aws:s3:::${BucketName}'));
    assert.ok(r.entries.some((e) => e.label === '*'));
  });

  it('offers principal kinds', () => {
    const t = '{"Statement":[{"Effect":"Allow","Principal":{"A":"x"},"Action":"sts:AssumeRole"}]}';
    assert.deepStrictEqual(completionsAt(t, offsetOf(t, '"A"', 2), catalogFor(t))?.entries.map((e) => e.label), ['AWS', 'Service', 'Federated', 'CanonicalUser']);
  });

  it('turns ARN formats into snippets with tab stops', () => {
    assert.strictEqual(arnSnippet('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'), 'arn:aws:iam::${1:Account}:role/${2:RoleNameWithPath}');
  });

  it('works while typing: unterminated strings and keys without values', () => {
    const key = '{"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:\n}}\n}]}';
    const keys = completionsAt(key, offsetOf(key, '"s3:\n', 4), catalogFor(key));
    assert.ok(keys && keys.entries.some((e) => e.label === 's3:prefix'), 'condition keys, not operators');
    assert.strictEqual(key.slice(keys.start, keys.end), 's3:');
    const action = '{"Statement":[{"Effect":"Allow","Action":["s3:Ge\n]}]}';
    const actions = completionsAt(action, offsetOf(action, 's3:Ge', 5), catalogFor(action));
    assert.ok(actions && actions.entries.some((e) => e.label === 's3:GetObject'));
    assert.strictEqual(action.slice(actions.start, actions.end), 's3:Ge');
  });

  it('offers the statement elements not yet present, and the top-level elements and Version', () => {
    const t = '{"Version":"2012","Statement":[{"Effect":"Allow","E":1}], "S": 1}';
    const c = catalogFor(t);
    assert.deepStrictEqual(completionsAt(t, offsetOf(t, '"E"', 2), c)?.entries.map((e) => e.label), ['Sid', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
    assert.deepStrictEqual(completionsAt(t, offsetOf(t, '"S"', 2), c)?.entries.map((e) => e.label), ['Id']);
    assert.deepStrictEqual(completionsAt(t, offsetOf(t, '2012', 2), c)?.entries.map((e) => e.label), ['2012-10-17']);
  });

  it('offers nothing elsewhere', () => {
    const t = '{"Id":"x","Statement":[]}';
    assert.strictEqual(completionsAt(t, offsetOf(t, '"x"', 1), catalogFor(t)), undefined);
  });
});
