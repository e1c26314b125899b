import * as assert from 'assert';
import { diffsReportEngineChanges, doc, pick, some, type EngineWitness, type Rand } from './accessHelpers';
import { ACCOUNT, decision, OTHER, req, ROLE, USER } from './helpers';

// Property: a document's Deny statements take away access whichever policy grants it, so for two
// versions of a policy and any other policy that allows, a request the engine decides differently
// under the two versions is reported: added or removed (this document's own Allows), newly denied
// or no longer denied (its Denies).

const OVERRIDES = 'IAM User Guide: "An explicit deny in any of these policies overrides the allow."';

const BUCKET = 'arn:aws:s3:::bucket';
const RESOURCES = [`${BUCKET}/*`, `${BUCKET}/a*`, `${BUCKET}/ab`, `${BUCKET}/b?`, '*', BUCKET];
const ACTIONS = ['s3:GetObject', 's3:Get*', 's3:*', 's3:PutObject', 's3:*Object', 's3:ListBucket'];
const CONDITIONS: object[] = [
  { Bool: { 'aws:SecureTransport': 'false' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
  { StringNotEquals: { 'aws:PrincipalTag/team': ['red', 'blue'] } },
];
/** Requests as AWS makes them: object actions on objects, s3:ListBucket on the bucket. */
const OBJECTS = [`${BUCKET}/ab`, `${BUCKET}/ba`, `${BUCKET}/xy`];
const REQUESTED: [string, string[]][] = [['s3:GetObject', OBJECTS], ['s3:PutObject', OBJECTS], ['s3:ListBucket', [BUCKET]]];
const CONTEXTS: Record<string, string>[] = [{}, { 'aws:SecureTransport': 'false', 'aws:PrincipalTag/team': 'red' }, { 'aws:SecureTransport': 'true', 'aws:PrincipalTag/team': 'green' }];

/** What the other policies allow: everything, some of the bucket, or nothing. */
const OTHERS: object[] = [
  doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  doc({ Effect: 'Allow', Action: 's3:Get*', Resource: `${BUCKET}/*` }),
  doc({ Effect: 'Allow', Action: ['s3:PutObject', 's3:ListBucket'], Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  doc(),
];

function statement(r: Rand, who?: () => object): object {
  const Effect = r() < 0.5 ? 'Deny' : 'Allow';
  const Condition = r() < 0.35 ? pick(r, CONDITIONS) : undefined;
  const resources = some(r, RESOURCES, 2);
  return { Effect, ...(who ? who() : {}), Action: some(r, ACTIONS, 2), ...(r() < 0.1 ? { NotResource: resources } : { Resource: resources }), ...(Condition ? { Condition } : {}) };
}

const policy = (r: Rand, who?: () => object) => doc(...Array.from({ length: 1 + Math.floor(r() * 3) }, () => statement(r, who)));

type Decide = (p: object, action: string, resource: string, context: Record<string, string>) => boolean;

function witness(base: object, next: object, allowed: Decide): EngineWitness | undefined {
  for (const [action, targets] of REQUESTED) {
    for (const resource of targets) {
      for (const context of CONTEXTS) {
        const a = allowed(base, action, resource, context);
        const b = allowed(next, action, resource, context);
        if (a !== b) return { action, added: b, request: `on ${resource} with ${JSON.stringify(context)}` };
      }
    }
  }
  return undefined;
}

describe('access diff: property: what a Deny takes away from other policies is reported', () => {
  it(`${OVERRIDES} — 250 random pairs of identity policies, each beside another allowing identity policy: a request decided differently is added, removed, newly denied or no longer denied`, function () {
    this.timeout(120000);
    const changed = diffsReportEngineChanges(Number(process.env.SEEDS ?? 250), (r) => {
      const other = pick(r, OTHERS);
      const base = policy(r);
      const next = policy(r);
      const allowed: Decide = (p, action, resource, context) => decision({ principal: USER, action, resource, context }, { identity: [p, other] }) === 'Allowed';
      return { base, next, witness: witness(base, next, allowed) };
    });
    assert.ok(changed > 100, `${changed}`);
  });

  it(`${OVERRIDES} — 250 random pairs of bucket policies, the caller's identity policy allowing: a request decided differently is added, removed, newly denied or no longer denied`, function () {
    this.timeout(120000);
    const principals: unknown[] = ['*', { AWS: ACCOUNT }, { AWS: USER }, { AWS: ROLE }, { AWS: OTHER }];
    const changed = diffsReportEngineChanges(
      Number(process.env.SEEDS ?? 250),
      (r) => {
        const other = pick(r, OTHERS);
        const who = () => ({ Principal: pick(r, principals) });
        const base = policy(r, who);
        const next = policy(r, who);
        const allowed: Decide = (p, action, resource, context) => decision(req(USER, action, resource, context, ACCOUNT), { identity: [other], resource: [p] }) === 'Allowed';
        return { base, next, witness: witness(base, next, allowed) };
      },
      'RESOURCE_POLICY',
    );
    assert.ok(changed > 100, `${changed}`);
  });
});
