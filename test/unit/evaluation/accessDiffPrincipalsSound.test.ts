import * as assert from 'assert';
import { diff, diffsReportEngineChanges, doc, lines, pick, some, type EngineWitness, type Rand } from './accessHelpers';
import { ACCOUNT, decision, OTHER, OTHER_SESSION, req, ROLE, SESSION, USER } from './helpers';

// Property: for two versions of a bucket policy whose statements differ in Principal, NotPrincipal
// and conditions on aws:PrincipalArn and aws:PrincipalAccount, a request from another account the evaluation engine allows
// under one version and not the other is access the diff reports as added or removed for that action.

const PRINCIPAL = 'IAM User Guide: "Use the Principal element in a resource-based JSON policy to specify the principal that is allowed or denied access to a resource."';
const ALLOW_NOT_PRINCIPAL = 'IAM User Guide: "NotPrincipal must be used with "Effect":"Deny". Using it with "Effect":"Allow" is not supported."';
const NOT_PRINCIPAL = 'IAM User Guide: "You can use the NotPrincipal element to specify the IAM users, federated users, IAM groups, IAM roles, AWS accounts, and AWS service principals that are not allowed or denied access to a resource."';

const OTHER_USER = `arn:aws:iam::${OTHER}:user/bob`;
const PRINCIPALS: unknown[] = [
  '*', { AWS: '*' }, { AWS: ACCOUNT }, { AWS: `arn:aws:iam::${ACCOUNT}:root` }, { AWS: USER }, { AWS: ROLE }, { AWS: SESSION }, { AWS: OTHER },
  { AWS: OTHER_USER }, { AWS: [USER, OTHER] }, { Service: 's3.amazonaws.com' }, { AWS: `arn:aws:iam::${OTHER}:root` },
];
const NOT_PRINCIPALS: unknown[] = [{ AWS: ACCOUNT }, { AWS: USER }, { AWS: [ROLE, SESSION] }, { AWS: OTHER }, { AWS: `arn:aws:iam::${ACCOUNT}:root` }];
const CONDITIONS: object[] = [
  { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/*` } }, { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/*` } },
  { ArnEquals: { 'aws:PrincipalArn': USER } }, { StringEquals: { 'aws:PrincipalArn': ROLE } }, { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${OTHER}:*` } },
  { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }, { StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT } }, { StringEquals: { 'aws:PrincipalAccount': [ACCOUNT, OTHER] } },
];
const ACTIONS = ['s3:GetObject', 's3:Get*', 's3:*', 's3:PutObject'];
const REQUESTED = ['s3:GetObject', 's3:PutObject'];
const OBJECT = 'arn:aws:s3:::bucket/a';
/** Callers from another account: the bucket policy must grant them, and their own identity policy too. */
const CALLERS = [OTHER_USER, `arn:aws:iam::${OTHER}:role/Ops`, OTHER_SESSION, `arn:aws:iam::${OTHER}:root`];

function statement(r: Rand): object {
  const Effect = r() < 0.25 ? 'Deny' : 'Allow';
  const who = r() < 0.15 ? { NotPrincipal: pick(r, NOT_PRINCIPALS) } : { Principal: pick(r, PRINCIPALS) };
  const Condition = r() < 0.4 ? pick(r, CONDITIONS) : undefined;
  return { Effect, ...who, Action: some(r, ACTIONS, 2), Resource: r() < 0.8 ? 'arn:aws:s3:::bucket/*' : OBJECT, ...(Condition ? { Condition } : {}) };
}

const policy = (r: Rand) => doc(...Array.from({ length: 1 + Math.floor(r() * 3) }, () => statement(r)));

/** Their own account allows them everything, so the bucket policy decides. */
const IDENTITY = [doc({ Effect: 'Allow', Action: '*', Resource: '*' })];

function allowed(p: object, action: string, caller: string): boolean {
  return decision(req(caller, action, OBJECT, undefined, ACCOUNT), { identity: IDENTITY, resource: [p] }) === 'Allowed';
}

function witness(base: object, next: object): EngineWitness | undefined {
  for (const action of REQUESTED) {
    for (const caller of CALLERS) {
      const a = allowed(base, action, caller);
      const b = allowed(next, action, caller);
      if (a !== b) return { action, added: b, request: `for ${caller}` };
    }
  }
  return undefined;
}

describe('access diff: property: every change of who a resource policy grants to is reported', () => {
  it(`${PRINCIPAL}; ${NOT_PRINCIPAL} — 300 random pairs of bucket policies: a request allowed by one and not the other is added or removed access`, function () {
    this.timeout(120000);
    const changed = diffsReportEngineChanges(
      Number(process.env.SEEDS ?? 300),
      (r) => {
        const base = policy(r);
        const next = policy(r);
        return { base, next, witness: witness(base, next) };
      },
      'RESOURCE_POLICY',
    );
    assert.ok(changed > 100, `${changed}`);
  });

  it(`${ALLOW_NOT_PRINCIPAL} — an Allow with NotPrincipal replaced by a Deny for everyone takes nothing away, and one added grants nothing`, () => {
    const allowNot = { Effect: 'Allow', NotPrincipal: { AWS: OTHER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
    const denyAll = { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
    assert.deepStrictEqual(diff(doc(allowNot), doc(denyAll), 'RESOURCE_POLICY').removed, []);
    assert.deepStrictEqual(diff(doc(denyAll), doc(denyAll, allowNot), 'RESOURCE_POLICY').added, []);
  });

  it(`${NOT_PRINCIPAL} — a Deny for all but one account does not take away what "*" grants that account: denying everyone instead newly denies it`, () => {
    const allowAll = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
    const denyAllBut = { Effect: 'Deny', NotPrincipal: { AWS: OTHER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
    const denyAll = { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
    const d = diff(doc(allowAll, denyAllBut), doc(denyAll), 'RESOURCE_POLICY');
    assert.deepStrictEqual(lines(d.denied), ['s3:GetObject on arn:aws:s3:::bucket/* for *']);
    assert.deepStrictEqual(d.removed, [], 'what the Deny takes away is said once, as denied');
  });
});
