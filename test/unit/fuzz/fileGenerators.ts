/**
 * Generators of the files a repository holds besides policies, as an attacker with write access
 * would write them: `.sts-lens.json` project files, scenario files and account dumps
 * (`aws iam get-account-authorization-details`). Each mixes valid content with hostile globs, deep
 * nesting, huge arrays, wrong types and missing fields, and the edits of `mutate`.
 */
import fc from 'fast-check';
import { mutate, mutation } from './generators';

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** Values of the wrong type for any field. */
const wrongType = fc.oneof(fc.constantFrom<unknown>(null, true, 0, -1, 1e308, '', 'x', [], {}, [[]], [{}], { a: 1 }), fc.jsonValue({ maxDepth: 2 }));

/** Globs over every limit of core/glob, and the shapes that made backtracking matchers hang. */
export const hostileGlob = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((n) => `${'*a'.repeat(n)}b`),
  fc.integer({ min: 1, max: 12_000 }).map((n) => `${'{a,'.repeat(n)}b${'}'.repeat(n)}`),
  fc.integer({ min: 1, max: 12_000 }).map((n) => '{a,'.repeat(n)),
  fc.integer({ min: 1000, max: 70_000 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 1, max: 40 }).map((n) => `${'**/'.repeat(n)}*.json`),
  fc.integer({ min: 1, max: 40 }).map((n) => `${'[a-z]?'.repeat(n)}*`),
  fc.constantFrom('[', '[]', '[!]', '[z-a]', '{', '}', '{,}', '{a,b', '\\', '**', '***', '/**/', '../*', '/etc/*', 'C:\\*', '\u0000', '\ud800*'),
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^[*?{},[\]a/!.-]{1,60}$/),
);

const globs = fc.oneof(fc.array(hostileGlob, { maxLength: 6 }), fc.integer({ min: 1000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => `generated/${i}/**`)));
const issueCode = fc.constantFrom('REDUNDANT_ACTION', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', 'redundant_action', 'NOT_A_CODE', '', '__proto__', 'constructor');
const severity = fc.dictionary(issueCode, fc.oneof(fc.constantFrom('error', 'warning', 'information', 'hint', 'off', 'OFF', 'fatal'), wrongType), { maxKeys: 5 });
const suppression = fc.record({ code: fc.oneof(issueCode, wrongType), files: fc.oneof(globs, wrongType), reason: fc.oneof(fc.string({ maxLength: 30 }), wrongType), path: wrongType }, { requiredKeys: [] });
const projectObject = fc.record(
  {
    $schema: fc.oneof(fc.constant('./node_modules/sts-lens/schemas/sts-lens.schema.json'), wrongType),
    severity: fc.oneof(severity, wrongType),
    policyTypes: fc.oneof(fc.array(fc.record({ files: fc.oneof(hostileGlob, globs, wrongType), type: fc.oneof(fc.constantFrom('IDENTITY_POLICY', 'TRUST_POLICY', 'SCP', ''), wrongType) }, { requiredKeys: [] }), { maxLength: 4 }), fc.dictionary(hostileGlob, fc.constantFrom('IDENTITY_POLICY', 'RESOURCE_POLICY', 'x'), { maxKeys: 4 }), wrongType),
    ignore: fc.oneof(globs, wrongType),
    accountIds: fc.oneof(fc.array(fc.oneof(fc.constantFrom('123456789012', '12', 'x'.repeat(13)), wrongType), { maxLength: 4 }), wrongType),
    suppressions: fc.oneof(fc.array(suppression, { maxLength: 4 }), wrongType),
    notGranted: fc.oneof(fc.array(fc.oneof(fc.constantFrom('iam:PassRole', 's3:*', '*', 'nope'), wrongType), { maxLength: 4 }), wrongType),
    unknownKey: wrongType,
  },
  { requiredKeys: [] },
);

/** Deep nesting inside a value, or around the whole file. */
const deep = fc.integer({ min: 1, max: 20_000 });

/** `.sts-lens.json` texts: generated objects, the same mutated, nested deep, or not JSON at all. */
export const projectFileText = fc.oneof(
  projectObject.map(json),
  fc.tuple(projectObject.map(json), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([t, ms]) => ms.reduce(mutate, t)),
  deep.map((n) => `{"ignore": ${'['.repeat(n)}${']'.repeat(n)}}`),
  deep.map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.constantFrom('', ' ', '[]', 'null', '"x"', '{', '{"ignore": ["a",]}', '// only a comment', '\ufeff{}'),
  fc.string({ maxLength: 100 }),
);

/** Policy paths a scenario may name: inside the project, outside it, devices, nothing. */
export const hostilePath = fc.oneof(
  fc.constantFrom('policy.json', './policy.json', 'missing.json', '../outside.json', '../../../../../../etc/passwd', '/etc/passwd', '/proc/self/environ', '/dev/zero', '/dev/stdin', '.', '..', '', 'C:\\Windows\\win.ini', '\\\\server\\share\\p.json', 'link.json', 'dir'),
  fc.integer({ min: 1, max: 5000 }).map((n) => `${'../'.repeat(n)}etc/passwd`),
  fc.integer({ min: 200, max: 70_000 }).map((n) => 'a'.repeat(n)),
  fc.string({ maxLength: 30 }),
);

const ACTIONS = ['s3:GetObject', 's3:Get*', '*', 'iam:PassRole', 'sts:AssumeRole', 'nope:Nothing', ''];
const policyDoc = fc.record({ Version: fc.constantFrom('2012-10-17', 1), Statement: fc.array(fc.record({ Effect: fc.constantFrom('Allow', 'Deny', 'x'), Action: fc.oneof(fc.constantFrom(...ACTIONS), wrongType), Resource: fc.oneof(fc.constantFrom('*', 'arn:aws:s3:::b/*'), wrongType) }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] });
/** An inline policy of about `n` characters: over the 1 MiB limit when `n` is. */
const hugePolicy = fc.constantFrom(2_000, 300_000, 1_100_000).map((n) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: Math.ceil(n / 18) }, (_, i) => `s3:GetObject${i}`), Resource: '*' }] }));
const policySlot = fc.oneof(policyDoc, hostilePath, fc.array(fc.oneof(policyDoc, hostilePath), { maxLength: 3 }), wrongType);
const request = fc.record(
  {
    principal: fc.oneof(fc.constantFrom('arn:aws:iam::123456789012:user/alice', 'anonymous', 'lambda.amazonaws.com', 'not an arn'), wrongType),
    action: fc.oneof(fc.constantFrom(...ACTIONS), wrongType),
    resource: fc.oneof(fc.constantFrom('arn:aws:s3:::b/k', '*', ''), wrongType),
    context: fc.oneof(fc.dictionary(fc.constantFrom('aws:SourceIp', 'aws:MultiFactorAuthPresent', 'x'), wrongType, { maxKeys: 3 }), wrongType),
  },
  { requiredKeys: [] },
);
const scenario = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 20 }), wrongType),
    request: fc.oneof(request, wrongType),
    identityPolicies: policySlot,
    resourcePolicies: policySlot,
    permissionsBoundary: policySlot,
    sessionPolicies: policySlot,
    serviceControlPolicies: fc.oneof(fc.array(policySlot, { maxLength: 3 }), wrongType),
    expect: fc.oneof(fc.constantFrom('ALLOWED', 'IMPLICIT_DENY', 'EXPLICIT_DENY', 'allowed', 'maybe'), wrongType),
  },
  { requiredKeys: [] },
);

/** Scenario files: one case or many, mutated, nested deep, with huge inline policies, or not JSON. */
export const scenarioFileText = fc.oneof(
  scenario.map(json),
  fc.array(scenario, { maxLength: 6 }).map(json),
  fc.tuple(scenario, fc.integer({ min: 100, max: 3000 })).map(([s, n]) => JSON.stringify(Array.from({ length: n }, () => s))),
  fc.integer({ min: 5000, max: 12_000 }).map((n) => `[${'{},'.repeat(n)}{}]`),
  fc.tuple(scenario, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([s, ms]) => ms.reduce(mutate, json(s))),
  fc.tuple(scenario, hugePolicy).map(([s, p]) => JSON.stringify({ ...s, identityPolicies: [p] })),
  deep.map((n) => `[${'{"request":'.repeat(n)}1${'}'.repeat(n)}]`),
  deep.map((n) => `{"identityPolicies": ${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.constantFrom('', '[]', '[[]]', 'null', '{', '[{"request":', '\ufeff[{}]'),
  fc.string({ maxLength: 100 }),
);

const name = fc.oneof(fc.constantFrom('dev', 'admins', 'deploy', 'a/b', '', '__proto__', 'constructor'), fc.string({ maxLength: 12 }));
const arn = (kind: string) => name.map((n) => `arn:aws:iam::123456789012:${kind}/${n}`);
/** A policy document as the dump holds it: an object (the AWS CLI) or a URL-encoded string (the API). */
const dumpDocument = fc.oneof(
  policyDoc,
  policyDoc.map((d) => encodeURIComponent(JSON.stringify(d))),
  // Deep as the API's URL-encoded text: as an object, the generator's own JSON.stringify would overflow.
  deep.map((n) => encodeURIComponent(`{"Statement": ${'['.repeat(n)}${']'.repeat(n)}}`)),
  fc.constantFrom('%', '%E0%A4%A', '{', 'not json', ''),
  wrongType,
);
const inlinePolicy = fc.record({ PolicyName: fc.oneof(name, wrongType), PolicyDocument: dumpDocument }, { requiredKeys: [] });
const attached = fc.record({ PolicyArn: fc.oneof(arn('policy'), fc.constant('arn:aws:iam::aws:policy/AdministratorAccess'), wrongType), PolicyName: name }, { requiredKeys: [] });
const group = fc.record({ GroupName: fc.oneof(name, wrongType), Arn: fc.oneof(arn('group'), wrongType), Path: fc.oneof(fc.constantFrom('/', '/team/', '//', ''), wrongType), GroupPolicyList: fc.oneof(fc.array(inlinePolicy, { maxLength: 3 }), wrongType), AttachedManagedPolicies: fc.oneof(fc.array(attached, { maxLength: 3 }), wrongType) }, { requiredKeys: [] });
/** A user whose GroupList names the same groups again and again. */
const user = fc.record({ UserName: fc.oneof(name, wrongType), Arn: fc.oneof(arn('user'), wrongType), GroupList: fc.oneof(fc.tuple(fc.array(name, { maxLength: 4 }), fc.integer({ min: 1, max: 5000 })).map(([g, times]) => Array.from({ length: times }, (_, i) => g[i % Math.max(1, g.length)] ?? 'dev')), wrongType), UserPolicyList: fc.oneof(fc.array(inlinePolicy, { maxLength: 3 }), wrongType), AttachedManagedPolicies: fc.oneof(fc.array(attached, { maxLength: 3 }), wrongType), PermissionsBoundary: fc.oneof(fc.record({ PermissionsBoundaryArn: arn('policy') }), wrongType) }, { requiredKeys: [] });
const role = fc.record({ RoleName: fc.oneof(name, wrongType), Arn: fc.oneof(arn('role'), wrongType), AssumeRolePolicyDocument: dumpDocument, RolePolicyList: fc.oneof(fc.array(inlinePolicy, { maxLength: 3 }), wrongType), AttachedManagedPolicies: fc.oneof(fc.array(attached, { maxLength: 3 }), wrongType) }, { requiredKeys: [] });
const managed = fc.record({ PolicyName: fc.oneof(name, wrongType), Arn: fc.oneof(arn('policy'), wrongType), DefaultVersionId: fc.oneof(fc.constantFrom('v1', 'v2'), wrongType), PolicyVersionList: fc.oneof(fc.array(fc.record({ Document: dumpDocument, VersionId: fc.constantFrom('v1', 'v2'), IsDefaultVersion: fc.oneof(fc.boolean(), wrongType) }, { requiredKeys: [] }), { maxLength: 3 }), wrongType) }, { requiredKeys: [] });
const dump = fc.record(
  {
    UserDetailList: fc.oneof(fc.array(user, { maxLength: 4 }), wrongType),
    GroupDetailList: fc.oneof(fc.array(group, { maxLength: 4 }), wrongType),
    RoleDetailList: fc.oneof(fc.array(role, { maxLength: 4 }), wrongType),
    Policies: fc.oneof(fc.array(managed, { maxLength: 4 }), wrongType),
  },
  { requiredKeys: [] },
);

/** The marker a deep policy document replaces in a dump's text (see `withDeepPolicy`). */
const DEEP_MARK = '__sts_lens_deep_document__';

/**
 * A dump with one more role first, whose inline policy `deep` is nested `depth` deep, as an object
 * (the AWS CLI's form): spliced into the text, because JSON.stringify of it would overflow.
 */
function withDeepPolicy(d: Record<string, unknown>, depth: number): string {
  const roles = Array.isArray(d.RoleDetailList) ? d.RoleDetailList : [];
  const deepRole = { RoleName: 'deep', Arn: 'arn:aws:iam::123456789012:role/deep', RolePolicyList: [{ PolicyName: 'deep', PolicyDocument: DEEP_MARK }] };
  return json({ ...d, RoleDetailList: [deepRole, ...roles] }).replace(`"${DEEP_MARK}"`, `{"Version": "2012-10-17", "Statement": ${'['.repeat(depth)}${']'.repeat(depth)}}`);
}

/** A user whose GroupList names the dump's groups `times` times over. */
function withRepeatedGroups(d: Record<string, unknown>, times: number): string {
  const groups = (Array.isArray(d.GroupDetailList) ? d.GroupDetailList : []).map((g: { GroupName?: unknown }) => g?.GroupName).filter((n): n is string => typeof n === 'string');
  const names = groups.length ? groups : ['dev'];
  const repeater = { UserName: 'repeater', Arn: 'arn:aws:iam::123456789012:user/repeater', GroupList: Array.from({ length: times }, (_, i) => names[i % names.length]) };
  return json({ ...d, UserDetailList: [repeater, ...(Array.isArray(d.UserDetailList) ? d.UserDetailList : [])] });
}

/**
 * Account dumps: generated, mutated, nested deep (around a list, or inside one policy), with a
 * GroupList that repeats its groups thousands of times, or not a dump. Huge dumps (thousands of
 * principals) are measured by `npm run bench scaling` instead: linting them takes seconds.
 */
export const accountDumpText = fc.oneof(
  dump.map(json),
  fc.tuple(dump.map(json), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([t, ms]) => ms.reduce(mutate, t)),
  fc.tuple(dump, deep).map(([d, n]) => withDeepPolicy(d, n)),
  fc.tuple(dump, fc.integer({ min: 100, max: 20_000 })).map(([d, n]) => withRepeatedGroups(d, n)),
  deep.map((n) => `{"UserDetailList": ${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.constantFrom('', '{}', '[]', 'null', '{"UserDetailList":', '\ufeff{"Policies": []}'),
  fc.string({ maxLength: 100 }),
);

/** A generated dump with one policy whose Statement is nested `depth` deep: that policy is refused, the rest linted. */
export const deepPolicyDump = fc.tuple(dump, deep).map(([d, depth]) => ({ text: withDeepPolicy(d, depth), depth }));
