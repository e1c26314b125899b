import * as assert from 'assert';
import { notGrantedViolations, publicAccessViolations, type NotGrantedRule } from '../../../src/core/evaluation/access';
import { testCatalog } from '../policy/catalog';
import { access, doc, pick, rng, some, type Rand } from './accessHelpers';
import { decision, req, USER } from './helpers';

// Property: whatever a policy is, a request the evaluation engine allows for an action and resource
// that `check --not-granted` lists is a violation the check reports; and a request the engine allows
// to a stranger (another account, without any of the keys that confine access) is public access
// that `check --no-public-access` reports.

const NOT_GRANTED = 'IAM Access Analyzer: "If both actions and resources are specified, IAM Access Analyzer checks for access to perform at least one of the specified actions on at least one of the specified resources."';
const PUBLIC = 'Amazon S3: "Amazon S3 considers a bucket policy public unless at least one of the following conditions is true"';

const BUCKET = 'arn:aws:s3:::bucket';
const OBJECTS = [`${BUCKET}/a`, `${BUCKET}/ab`, `${BUCKET}/b`, `${BUCKET}/a?`, 'arn:aws:s3:::other/a'];
const BUCKETS = [BUCKET, 'arn:aws:s3:::other'];
const RESOURCES = [...OBJECTS, ...BUCKETS];
/** Only resources a request for the action names: objects for object actions, buckets for bucket actions. */
const resourcesOf = (action: string, among: readonly string[]) => among.filter((r) => r.includes('/') === /Object/.test(action));
const PATTERNS = ['*', `${BUCKET}/*`, `${BUCKET}/a*`, `${BUCKET}/a?`, `${BUCKET}/b`, BUCKET, 'arn:aws:s3:::*/a', `${BUCKET}/A*`];
const ACTIONS = ['s3:GetObject', 's3:Get*', 's3:*Object', 's3:*', '*', 's3:GetObjec?', 's3:PutObject', 'S3:getobject', 's3:DeleteBucket', 's3:List*'];
const REQUESTED = ['s3:GetObject', 's3:PutObject', 's3:DeleteBucket', 's3:ListBucket', 's3:GetObjectAcl'];
const TAG = 'aws:PrincipalTag/team';
const CONDITIONS: object[] = [
  { StringEquals: { [TAG]: 'x' } }, { StringNotEquals: { [TAG]: 'x' } }, { StringLike: { [TAG]: '*' } }, { Null: { [TAG]: 'true' } },
  { StringEquals: { 'aws:SourceAccount': '111122223333' } }, { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
  { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }, { StringNotEqualsIfExists: { 'aws:SourceAccount': '111122223333' } },
  { 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-1/*' } }, { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-1' } },
  { StringLike: { 'aws:PrincipalArn': '*' } }, { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }, { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { StringEquals: { 'aws:PrincipalAccount': '111122223333' } }, { Bool: { 'aws:SecureTransport': 'false' } }, { StringEquals: { 'aws:PrincipalOrgID': '*' } },
];
const PRINCIPALS: unknown[] = ['*', { AWS: '*' }, { AWS: '111122223333' }, { AWS: 'arn:aws:iam::111122223333:root' }, { AWS: ['*', '111122223333'] }, { Service: 's3.amazonaws.com' }, { AWS: 'arn:aws:iam::999988887777:user/x' }];
const STRANGER = 'arn:aws:iam::999988887777:user/x';
/** Requests from the stranger: nothing set, and one value of an unconfining key. */
const CONTEXTS: Record<string, string>[] = [{}, { [TAG]: 'x' }, { 'aws:SecureTransport': 'false' }];

function statement(r: Rand, withPrincipal: boolean): object {
  const Effect = r() < 0.25 ? 'Deny' : 'Allow';
  const actions = some(r, ACTIONS, 2);
  const resources = some(r, PATTERNS, 2);
  const Condition = r() < 0.5 ? pick(r, CONDITIONS) : undefined;
  const who = withPrincipal ? (r() < 0.15 ? { NotPrincipal: { AWS: '111122223333' } } : { Principal: pick(r, PRINCIPALS) }) : {};
  return { Effect, ...who, ...(r() < 0.1 ? { NotAction: actions } : { Action: actions }), ...(r() < 0.1 ? { NotResource: resources } : { Resource: resources }), ...(Condition ? { Condition } : {}) };
}

const policy = (r: Rand, withPrincipal: boolean) => doc(...Array.from({ length: 1 + Math.floor(r() * 3) }, () => statement(r, withPrincipal)));

function rule(r: Rand): NotGrantedRule {
  const which = r();
  const actions = some(r, ['s3:GetObject', 's3:PutObject', 's3:DeleteBucket', 's3:Get*', 's3:ListBucket'], 2);
  const resources = some(r, RESOURCES, 2);
  return which < 0.4 ? { actions } : which < 0.6 ? { resources } : { actions, resources };
}

/** Whether an action the rule lists (or any, without actions) matches `action`. */
function listed(rule: NotGrantedRule, action: string): boolean {
  return !rule.actions || rule.actions.some((a) => new RegExp(`^${a.replace(/\*/g, '.*')}$`, 'i').test(action));
}

describe('access checks: property: what the engine allows, the checks see', () => {
  it(`${NOT_GRANTED} — 300 random identity policies and rules: an allowed request for a listed action on a listed resource is a violation`, function () {
    this.timeout(120000);
    const catalog = testCatalog().catalog;
    let allowedSome = 0;
    for (let seed = 1; seed <= Number(process.env.SEEDS ?? 300); seed++) {
      const r = rng(seed);
      const p = policy(r, false);
      const ng = rule(r);
      const found = notGrantedViolations(access(p, 'IDENTITY_POLICY'), ng, catalog);
      for (const action of REQUESTED.filter((a) => listed(ng, a))) {
        for (const resource of resourcesOf(action, ng.resources ?? RESOURCES)) {
          const hit = CONTEXTS.find((context) => decision({ principal: USER, action, resource, context }, { identity: [p] }) === 'Allowed');
          if (!hit) continue;
          allowedSome++;
          if (!found.some((v) => v.action === action)) assert.fail(`seed ${seed}: ${action} on ${resource} with ${JSON.stringify(hit)} is allowed, not reported for ${JSON.stringify(ng)}\n${JSON.stringify(p)}\nfound: ${found.map((v) => `${v.action} on ${v.resource}`).join('; ')}`);
        }
      }
    }
    assert.ok(allowedSome > 100, `${allowedSome}`);
  });

  it(`${PUBLIC} — 300 random bucket policies: a request a stranger may make is public access`, function () {
    this.timeout(120000);
    const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
    let strangerAllowed = 0;
    for (let seed = 1; seed <= Number(process.env.SEEDS ?? 300); seed++) {
      const r = rng(seed);
      const p = policy(r, true);
      const found = publicAccessViolations(access(p, 'RESOURCE_POLICY'));
      for (const action of REQUESTED) {
        for (const resource of resourcesOf(action, RESOURCES)) {
          const hit = CONTEXTS.find((context) => decision(req(STRANGER, action, resource, context, '111122223333'), { identity: [allowAll], resource: [p] }) === 'Allowed');
          if (!hit) continue;
          if (p.Statement.some((s) => JSON.stringify(s).includes('999988887777'))) continue; // granted by name, not to anyone
          strangerAllowed++;
          if (!found.some((v) => v.action === action)) assert.fail(`seed ${seed}: ${action} on ${resource} with ${JSON.stringify(hit)} is allowed to a stranger, not reported public\n${JSON.stringify(p)}\nfound: ${found.map((v) => `${v.action} on ${v.resource}`).join('; ')}`);
        }
      }
    }
    assert.ok(strangerAllowed > 50, `${strangerAllowed}`);
  });
});
