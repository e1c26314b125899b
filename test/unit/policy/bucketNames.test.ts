// S3 User Guide, general purpose bucket naming rules: "Bucket names can consist only of lowercase
// letters, numbers, periods (.), and hyphens (-)." A bucket ARN written with a key names no bucket.
import * as assert from 'assert';
import { resourceProblem } from '../../../src/core/debugging/simulateChoices';
import { resourceMatchesFormat } from '../../../src/core/policy/checks/arnFormats';
import { access, diff, doc, lines } from '../evaluation/accessHelpers';
import { ACCOUNT, SESSION, allow, decision, policy, req } from '../evaluation/helpers';
import { lint, testCatalog } from './catalog';

const RULE = '"Bucket names can consist only of lowercase letters, numbers, periods (.), and hyphens (-)"';
const BUCKET_FORMAT = 'arn:${Partition}:s3:::${BucketName}';
const OBJECT_FORMAT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';

const statement = (Action: string | string[], Resource: string) => ({ Effect: 'Allow', Action, Resource });
const codes = (Action: string | string[], Resource: string) =>
  lint(JSON.stringify(doc(statement(Action, Resource))), 'IDENTITY_POLICY').findings.map((f) => f.issueCode);

describe(`S3 bucket names: ${RULE}, so none holds "/"`, () => {
  it(`${RULE}: adding s3:ListBucket on arn:aws:s3:::b/* grants nothing, and the access diff shows no change`, () => {
    const before = doc(statement('s3:GetObject', 'arn:aws:s3:::b/*'));
    const after = doc(statement(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::b/*'));
    assert.deepStrictEqual(diff(before, after), { added: [], removed: [], denied: [], noLongerDenied: [] });
    assert.deepStrictEqual(lines(diff(doc(statement('s3:GetObject', 'arn:aws:s3:::b/*')), doc(statement('s3:ListBucket', 'arn:aws:s3:::b'))).added), ['s3:ListBucket on arn:aws:s3:::b']);
  });

  it(`${RULE}: a statement whose only action is s3:ListBucket on arn:aws:s3:::b/* matches no action; with s3:GetObject it does`, () => {
    assert.ok(codes('s3:ListBucket', 'arn:aws:s3:::b/*').includes('RESOURCE_MATCHES_NO_ACTION'));
    // "*/x" could still be the resource part of an access point's ARN (accesspoint/x), which has a Region.
    assert.deepStrictEqual(codes('s3:ListBucket', 'arn:aws:s3:::*/x'), ['MISSING_ARN_REGION']);
    assert.deepStrictEqual(codes(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::b/*'), []);
    assert.ok(!codes('s3:ListBucket', 'arn:aws:s3:::b').includes('RESOURCE_MATCHES_NO_ACTION'));
  });

  it(`${RULE}: arn:aws:s3:::b*, arn:aws:s3:::* and * still name buckets; arn:aws:s3:::b/* and arn:aws:s3:::*/x do not`, () => {
    const grants = (resource: string) => [...access(doc(statement('s3:ListBucket', resource))).actions.values()].flatMap((a) => a.allows.map((p) => p.resource));
    for (const r of ['arn:aws:s3:::b*', 'arn:aws:s3:::*', '*', 'arn:aws:s3:::b?', 'arn:aws:s3:::b']) assert.deepStrictEqual(grants(r), [r], r);
    for (const r of ['arn:aws:s3:::b/*', 'arn:aws:s3:::*/x', 'arn:aws:s3:::?/*', 'arn:aws:s3:::b/k']) assert.deepStrictEqual(grants(r), [], r);
    for (const r of ['b*', '*', 'b', '*b*', 'b?c']) assert.ok(resourceMatchesFormat(r, BUCKET_FORMAT), r);
    for (const r of ['b/*', '*/x', 'b/k', '*/*', '?/?']) assert.ok(!resourceMatchesFormat(r, BUCKET_FORMAT), r);
  });

  it(`${RULE}, but object keys and other placeholders hold "/"`, () => {
    for (const r of ['b/*', '*/x', 'b/k/l', '*', 'b*/k']) assert.ok(resourceMatchesFormat(r, OBJECT_FORMAT), r);
    assert.ok(!resourceMatchesFormat('b', OBJECT_FORMAT));
    assert.ok(resourceMatchesFormat('role/team/app', 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'));
    // Directory buckets: "Consists only of lowercase letters, numbers and hyphens (-)."
    const directory = 'arn:${Partition}:s3express:${Region}:${Account}:bucket/${BucketName}';
    assert.ok(resourceMatchesFormat('bucket/b--usw2-az1--x-s3', directory));
    assert.ok(resourceMatchesFormat('bucket/*', directory));
    assert.ok(!resourceMatchesFormat('bucket/b/*', directory));
    // Another service's placeholder of the same name is not narrowed.
    assert.ok(resourceMatchesFormat('function:f/x', 'arn:${Partition}:lambda:${Region}:${Account}:function:${BucketName}'));
  });

  for (const [rule, format, bucket, inside] of [
    ['S3 Tables: "Bucket names can consist only of lowercase letters, numbers, and hyphens (-)."', 'arn:${Partition}:s3tables:${Region}:${Account}:bucket/${TableBucketName}', 'bucket/tb', 'arn:${Partition}:s3tables:${Region}:${Account}:bucket/${TableBucketName}/table/${TableID}'],
    ['S3 Vectors: "Vector bucket names can consist only of lowercase letters (a-z), numbers (0-9), and hyphens (-)."', 'arn:${Partition}:s3vectors:${Region}:${Account}:bucket/${BucketName}', 'bucket/vb', 'arn:${Partition}:s3vectors:${Region}:${Account}:bucket/${BucketName}/index/${IndexName}'],
    ['S3 on Outposts: "The bucket name must contain only lowercase letters, numbers, periods (.), and dashes (-)"', 'arn:${Partition}:s3-outposts:${Region}:${Account}:outpost/${OutpostId}/bucket/${BucketName}', 'outpost/op-1/bucket/ob', 'arn:${Partition}:s3-outposts:${Region}:${Account}:outpost/${OutpostId}/bucket/${BucketName}/object/${ObjectName}'],
  ]) {
    it(`${rule}: the bucket's ARN written with a path below the bucket names no bucket, only what is inside it`, () => {
      assert.ok(resourceMatchesFormat(bucket, format));
      assert.ok(resourceMatchesFormat(`${bucket.slice(0, bucket.lastIndexOf('/') + 1)}*`, format));
      // A key, not a wildcard: in S3 on Outposts' format a wildcard could also stand for an Outpost ID holding "/bucket/".
      assert.ok(!resourceMatchesFormat(`${bucket}/k`, format));
      assert.ok(resourceMatchesFormat(`${bucket}/k`, inside) || resourceMatchesFormat(`${bucket}/table/k`, inside) || resourceMatchesFormat(`${bucket}/index/k`, inside) || resourceMatchesFormat(`${bucket}/object/k`, inside));
    });
  }

  it(`${RULE}: for every short pattern, a format is matched exactly when some short resource both name (a bucket name without "/")`, () => {
    const formats = [BUCKET_FORMAT, OBJECT_FORMAT, 'arn:${Partition}:s3:::a${BucketName}/a', 'arn:${Partition}:s3:::${BucketName}a${BucketName}', 'arn:${Partition}:s3express:${Region}:${Account}:bucket/${BucketName}'];
    const words = (alphabet: string, max: number) => {
      const out = [''];
      for (let at = 0; out[at].length < max; at++) for (const c of alphabet) out.push(out[at] + c);
      return out;
    };
    const resources = words('ab/', 6);
    const glob = (p: string) => new RegExp(`^${p.replace(/[*?]/g, (c) => (c === '*' ? '.*' : '.'))}$`);
    for (const format of formats) {
      const prefix = format.includes('s3express') ? 'bucket/' : '';
      const shape = new RegExp(`^${format.split(':').slice(5).join(':').replace(/\$\{(\w+)\}/g, (_, name: string) => (name === 'BucketName' ? '[^/]+' : '.+'))}$`);
      for (const p of words('ab/*?', 4).map((w) => prefix + w)) {
        const named = glob(p);
        const expected = resources.some((r) => named.test(prefix + r) && shape.test(prefix + r));
        assert.strictEqual(resourceMatchesFormat(p, format), expected, `${p} against ${format}`);
      }
    }
  });

  it(`${RULE}: a request for s3:ListBucket on arn:aws:s3:::b is decided by the policy's Resource patterns`, () => {
    const list = req(SESSION, 's3:ListBucket', 'arn:aws:s3:::b', undefined, ACCOUNT);
    assert.strictEqual(decision(list, { identity: [policy(allow('s3:ListBucket', 'arn:aws:s3:::b*'))] }), 'Allowed');
    assert.strictEqual(decision(list, { identity: [policy(allow('s3:ListBucket', 'arn:aws:s3:::*'))] }), 'Allowed');
    assert.strictEqual(decision(list, { identity: [policy(allow('s3:ListBucket', 'arn:aws:s3:::b/*'))] }), 'ImplicitlyDenied');
    // The simulator's resource prompt takes bucket ARNs only.
    const h = testCatalog();
    h.ensureServicesSync(['s3']);
    assert.strictEqual(resourceProblem('s3:ListBucket', 'arn:aws:s3:::b', h.catalog), undefined);
    assert.match(resourceProblem('s3:ListBucket', 'arn:aws:s3:::b/k', h.catalog) ?? '', /is not the ARN of a resource s3:ListBucket acts on/);
  });
});
