import * as assert from 'assert';
import { diffAccess } from '../../../src/core/evaluation/access';
import { access, diffsReportEngineChanges, doc, lines, pick, some, type EngineWitness, type Rand } from './accessHelpers';
import { ACCOUNT, decision, OTHER, req, ROLE, SESSION, USER } from './helpers';

// Within one account a resource-based policy that names a user, role or session grants it access
// without any identity-based policy, while one that names the account leaves the decision to the
// account's identity-based policies. So an account root changed to one of its principals is not
// narrower when the account owns the resource.

const SAME_ACCOUNT = 'IAM User Guide: "If either the identity-based policy or the resource-based policy within the same account allows the request and the other doesn\'t, the request is still allowed."';
const UNION = 'IAM User Guide: "When an IAM entity (user or role) requests access to a resource within the same account, AWS evaluates all the permissions granted by the identity-based and resource-based policies. The resulting permissions are the union of the permissions of the two types."';

const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const queuePolicy = (Principal: unknown, Resource: string = QUEUE) => doc({ Effect: 'Allow', Principal, Action: 'sqs:SendMessage', Resource });
const resourceDiff = (base: object, next: object, resourceAccount?: string) => {
  const both = [JSON.stringify(base, null, 2), JSON.stringify(next, null, 2)];
  return diffAccess(access(base, 'RESOURCE_POLICY', both, resourceAccount), access(next, 'RESOURCE_POLICY', both, resourceAccount));
};

describe('access diff: a resource policy naming its own account or one of its principals', () => {
  it(`${SAME_ACCOUNT} — an SQS queue policy's Principal changed from its own account to a role of it: the role is added (it needs no identity policy now) and the account removed`, () => {
    const d = resourceDiff(queuePolicy({ AWS: ROOT }), queuePolicy({ AWS: ROLE }));
    assert.deepStrictEqual(lines(d.added), [`sqs:SendMessage on ${QUEUE} for ${ROLE}`]);
    assert.deepStrictEqual(lines(d.removed), [`sqs:SendMessage on ${QUEUE} for ${ROOT}`]);
    assert.ok(!d.added[0].dependsOnAccount, 'the queue ARN says whose it is');
    // The bare account ID reads the same.
    assert.deepStrictEqual(lines(resourceDiff(queuePolicy({ AWS: ACCOUNT }), queuePolicy({ AWS: ROLE })).added), [`sqs:SendMessage on ${QUEUE} for ${ROLE}`]);
  });

  it('a queue of another account: its root changed to one of its roles is narrower (cross-account, the role needs its own identity policy either way)', () => {
    const other = `arn:aws:iam::${OTHER}:root`;
    const d = resourceDiff(queuePolicy({ AWS: other }), queuePolicy({ AWS: `arn:aws:iam::${OTHER}:role/Ops` }));
    assert.deepStrictEqual(d.added, []);
    assert.deepStrictEqual(lines(d.removed), [`sqs:SendMessage on ${QUEUE} for ${other}`]);
  });

  it(`${UNION} — when the Resource names no account (S3, "*"), the change is never read as narrower: both sides are shown, saying it depends on whose the resource is; --resource-account settles it`, () => {
    const bucketPolicy = (Principal: unknown) => doc({ Effect: 'Allow', Principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' });
    const base = bucketPolicy({ AWS: ROOT });
    const next = bucketPolicy({ AWS: USER });
    const d = resourceDiff(base, next);
    assert.strictEqual(d.added.length, 1);
    assert.strictEqual(d.removed.length, 1);
    assert.strictEqual(d.added[0].dependsOnAccount, ACCOUNT);
    assert.strictEqual(d.removed[0].dependsOnAccount, ACCOUNT);
    const own = resourceDiff(base, next, ACCOUNT);
    assert.deepStrictEqual([own.added.length, own.removed.length, own.added[0].dependsOnAccount], [1, 1, undefined]);
    const elsewhere = resourceDiff(base, next, OTHER);
    assert.deepStrictEqual([elsewhere.added.length, elsewhere.removed.length], [0, 1]);
  });
});

const PRINCIPALS: unknown[] = ['*', { AWS: ACCOUNT }, { AWS: ROOT }, { AWS: USER }, { AWS: ROLE }, { AWS: SESSION }, { AWS: OTHER }, { AWS: `arn:aws:iam::${OTHER}:user/bob` }];
const CALLERS = [USER, SESSION, `arn:aws:iam::${ACCOUNT}:user/carol`, `arn:aws:iam::${OTHER}:user/bob`];
const IDENTITIES: object[] = [doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }), doc(), doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' })];
const REQUESTED = ['sqs:SendMessage', 'sqs:ReceiveMessage'];

function statement(r: Rand, resource: string): object {
  return { Effect: r() < 0.15 ? 'Deny' : 'Allow', Principal: pick(r, PRINCIPALS), Action: some(r, ['sqs:SendMessage', 'sqs:*', 'sqs:ReceiveMessage'], 2), Resource: resource };
}

describe('access diff: property: a resource policy\'s principals in and out of the resource\'s account', () => {
  it(`${SAME_ACCOUNT} — 300 random pairs of queue policies (the account named by the queue ARN, or unknown): a request decided differently is reported`, function () {
    this.timeout(120000);
    const changed = diffsReportEngineChanges(
      Number(process.env.SEEDS ?? 300),
      (r) => {
        const known = r() < 0.5;
        const owner = known ? ACCOUNT : pick(r, [ACCOUNT, OTHER]);
        const resource = known ? QUEUE : '*';
        const policy = () => doc(...Array.from({ length: 1 + Math.floor(r() * 2) }, () => statement(r, resource)));
        const base = policy();
        const next = policy();
        const identity = pick(r, IDENTITIES);
        const allowed = (p: object, action: string, caller: string) => decision(req(caller, action, QUEUE, undefined, owner), { identity: [identity], resource: [p] }) === 'Allowed';
        let witness: EngineWitness | undefined;
        for (const action of REQUESTED) {
          for (const caller of CALLERS) {
            const a = allowed(base, action, caller);
            const b = allowed(next, action, caller);
            if (!witness && a !== b) witness = { action, added: b, request: `by ${caller} (queue of ${owner})` };
          }
        }
        return { base, next, witness };
      },
      'RESOURCE_POLICY',
    );
    assert.ok(changed > 100, `${changed}`);
  });
});
