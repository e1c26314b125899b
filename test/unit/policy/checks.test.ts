import * as assert from 'assert';
import * as fs from 'fs';
import { applyEdits, modify } from 'jsonc-parser';
import { fixturePath } from '../fixtures';
import { ISSUE_CODES, type Finding, type PolicyType } from '../../../src/core/policy';
import { lint } from './catalog';

function read(name: string): string {
  return fs.readFileSync(fixturePath('policy', name), 'utf8');
}

/** The text a finding's first location spans, with line/column checked against the offset. */
function spanned(text: string, f: Finding, i = 0): string {
  const { start, end } = f.locations[i].span;
  for (const p of [start, end]) {
    const before = text.slice(0, p.offset).split('\n');
    assert.strictEqual(p.line, before.length, `line of offset ${p.offset}`);
    assert.strictEqual(p.column, before[before.length - 1].length, `column of offset ${p.offset}`);
  }
  return text.slice(start.offset, end.offset);
}

function pathText(f: Finding, i = 0): string {
  return f.locations[i].path.map((p) => ('index' in p ? `[${p.index}]` : 'key' in p ? `{${p.key}}` : `.${p.value}`)).join('');
}

/** fixture, policy type, issue code, the exact text of its first location, that location's path. */
const CASES: [string, PolicyType, string, string, string][] = [
  ['missing-version.json', 'IDENTITY_POLICY', 'MISSING_VERSION', '{', ''],
  ['invalid-version.json', 'IDENTITY_POLICY', 'INVALID_VERSION', '"2012-10-18"', '.Version'],
  ['missing-statement.json', 'IDENTITY_POLICY', 'MISSING_STATEMENT', '{', ''],
  ['invalid-element.json', 'IDENTITY_POLICY', 'INVALID_POLICY_ELEMENT', '"Actions"', '.Statement[0].Actions'],
  ['missing-effect.json', 'IDENTITY_POLICY', 'MISSING_EFFECT', '{', '.Statement[0]'],
  ['invalid-effect.json', 'IDENTITY_POLICY', 'INVALID_EFFECT', '"allow"', '.Statement[0].Effect'],
  ['missing-action.json', 'IDENTITY_POLICY', 'MISSING_ACTION', '{', '.Statement[0]'],
  ['missing-resource.json', 'IDENTITY_POLICY', 'MISSING_RESOURCE', '{', '.Statement[0]'],
  ['action-and-notaction.json', 'IDENTITY_POLICY', 'UNSUPPORTED_ELEMENT_COMBINATION', '"NotAction"', '.Statement[0].NotAction'],
  ['empty-action.json', 'IDENTITY_POLICY', 'EMPTY_ARRAY_ACTION', '[]', '.Statement[0].Action'],
  ['empty-resource.json', 'IDENTITY_POLICY', 'EMPTY_ARRAY_RESOURCE', '[]', '.Statement[0].Resource'],
  ['duplicate-sid.json', 'IDENTITY_POLICY', 'UNIQUE_SIDS_REQUIRED', '"Read"', '.Statement[0].Sid'],
  ['duplicate-sid.json', 'RESOURCE_POLICY', 'UNIQUE_SIDS_RECOMMENDED', '"Read"', '.Statement[0].Sid'],
  ['unsupported-sid.json', 'IDENTITY_POLICY', 'UNSUPPORTED_SID', '"Read-Objects"', '.Statement[0].Sid'],
  ['empty-sid.json', 'IDENTITY_POLICY', 'EMPTY_SID_VALUE', '""', '.Statement[0].Sid'],
  ['principal-in-identity.json', 'IDENTITY_POLICY', 'UNSUPPORTED_PRINCIPAL', '"Principal"', '.Statement[0].Principal'],
  ['invalid-action.json', 'IDENTITY_POLICY', 'INVALID_ACTION', '"s3:GetObjekt"', '.Statement[0].Action[0]'],
  ['invalid-service.json', 'IDENTITY_POLICY', 'INVALID_SERVICE_IN_ACTION', '"s4:GetObject"', '.Statement[0].Action'],
  ['wildcard-no-match.json', 'IDENTITY_POLICY', 'INVALID_ACTION', '"s3:Gett*"', '.Statement[0].Action'],
  ['wildcard-service.json', 'IDENTITY_POLICY', 'WILDCARD_IN_SERVICE_NAME', '"s3*:GetObject"', '.Statement[0].Action'],
  ['invalid-global-key.json', 'IDENTITY_POLICY', 'INVALID_GLOBAL_CONDITION_KEY', '"aws:PrincipalOrgId2"', '.Statement[0].Condition.StringEquals{aws:PrincipalOrgId2}'],
  ['invalid-service-key.json', 'IDENTITY_POLICY', 'INVALID_SERVICE_CONDITION_KEY', '"s3:Prefixx"', '.Statement[0].Condition.StringEquals{s3:Prefixx}'],
  ['invalid-operator.json', 'IDENTITY_POLICY', 'INVALID_CONDITION_OPERATOR', '"StringEqual"', '.Statement[0].Condition.StringEqual'],
  ['bool-mismatch.json', 'IDENTITY_POLICY', 'TYPE_MISMATCH_BOOLEAN', '"yes"', '.Statement[0].Condition.Bool.aws:SecureTransport'],
  ['date-mismatch.json', 'IDENTITY_POLICY', 'TYPE_MISMATCH_DATE', '"next tuesday"', '.Statement[0].Condition.DateGreaterThan.aws:CurrentTime'],
  ['ip-mismatch.json', 'IDENTITY_POLICY', 'TYPE_MISMATCH_IP_RANGE', '"10.0.0.300/8"', '.Statement[0].Condition.IpAddress.aws:SourceIp'],
  ['numeric-mismatch.json', 'IDENTITY_POLICY', 'TYPE_MISMATCH_NUMBER', '"one hour"', '.Statement[0].Condition.NumericLessThan.aws:MultiFactorAuthAge'],
  ['type-mismatch.json', 'IDENTITY_POLICY', 'TYPE_MISMATCH', '"aws:SecureTransport"', '.Statement[0].Condition.StringEquals{aws:SecureTransport}'],
  ['arn-operator-on-string.json', 'IDENTITY_POLICY', 'TYPE_MISMATCH', '"aws:PrincipalAccount"', '.Statement[0].Condition.ArnEquals{aws:PrincipalAccount}'],
  ['stringlike-arn.json', 'IDENTITY_POLICY', 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', '"aws:PrincipalArn"', '.Statement[0].Condition.StringLike{aws:PrincipalArn}'],
  ['missing-qualifier.json', 'IDENTITY_POLICY', 'MISSING_QUALIFIER', '"aws:TagKeys"', '.Statement[0].Condition.StringEquals{aws:TagKeys}'],
  ['forallvalues-single.json', 'IDENTITY_POLICY', 'FORALLVALUES_WITH_SINGLE_VALUED_KEY', '"aws:PrincipalOrgID"', '.Statement[0].Condition.ForAllValues:StringEquals{aws:PrincipalOrgID}'],
  ['null-ifexists.json', 'IDENTITY_POLICY', 'NULL_WITH_IF_EXISTS', '"NullIfExists"', '.Statement[0].Condition.NullIfExists'],
  ['equivalent-null-false.json', 'IDENTITY_POLICY', 'EQUIVALENT_TO_NULL_FALSE', '"*"', '.Statement[0].Condition.StringLike.aws:PrincipalTag/team'],
  ['improve-ip-range.json', 'IDENTITY_POLICY', 'IMPROVE_IP_RANGE', '"203.0.113.5/24"', '.Statement[0].Condition.IpAddress.aws:SourceIp'],
  ['private-ip.json', 'IDENTITY_POLICY', 'PRIVATE_IP_ADDRESS', '"10.0.0.0/8"', '.Statement[0].Condition.IpAddress.aws:SourceIp'],
  ['wildcard-without-like.json', 'IDENTITY_POLICY', 'WILDCARD_WITHOUT_LIKE_OPERATOR', '"dev-*"', '.Statement[0].Condition.StringEquals.aws:PrincipalTag/team'],
  ['missing-tag-key.json', 'IDENTITY_POLICY', 'MISSING_TAG_KEY_IN_CONDITION', '"aws:ResourceTag"', '.Statement[0].Condition.StringEquals{aws:ResourceTag}'],
  ['empty-condition.json', 'IDENTITY_POLICY', 'EMPTY_OBJECT_CONDITION', '{}', '.Statement[0].Condition'],
  ['empty-condition-values.json', 'IDENTITY_POLICY', 'EMPTY_ARRAY_CONDITION', '[]', '.Statement[0].Condition.StringEquals.aws:PrincipalTag/team'],
  ['passrole-star.json', 'IDENTITY_POLICY', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', '"iam:PassRole"', '.Statement[0].Action[0]'],
  ['passrole-star-action.json', 'IDENTITY_POLICY', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', '"*"', '.Statement[0].Action'],
  ['passrole-notresource.json', 'IDENTITY_POLICY', 'PASS_ROLE_WITH_NOT_RESOURCE', '"iam:PassRole"', '.Statement[0].Action'],
  ['create-slr-star.json', 'IDENTITY_POLICY', 'CREATE_SLR_WITH_STAR_IN_RESOURCE', '"iam:CreateServiceLinkedRole"', '.Statement[0].Action'],
  ['redundant-action.json', 'IDENTITY_POLICY', 'REDUNDANT_ACTION', '"s3:Get*"', '.Statement[0].Action[0]'],
  ['redundant-resource.json', 'IDENTITY_POLICY', 'REDUNDANT_RESOURCE', '"arn:aws:s3:::bucket/*"', '.Statement[0].Resource[0]'],
  ['redundant-statement.json', 'IDENTITY_POLICY', 'REDUNDANT_STATEMENT', '{', '.Statement[0]'],
  ['variable-in-action.json', 'IDENTITY_POLICY', 'VARIABLE_UNSUPPORTED_IN_ELEMENT', '${aws:username}', '.Statement[0].Action'],
  ['variable-missing-brace.json', 'IDENTITY_POLICY', 'MISSING_BRACE_IN_VARIABLE', '${aws:username/*', '.Statement[0].Resource'],
  ['variable-old-version.json', 'IDENTITY_POLICY', 'VARIABLE_UNSUPPORTED_IN_VERSION', '"2008-10-17"', '.Version'],
  ['variable-unknown.json', 'IDENTITY_POLICY', 'UNKNOWN_POLICY_VARIABLE', '${aws:usernam}', '.Statement[0].Resource'],
  ['variable-operator.json', 'IDENTITY_POLICY', 'INVALID_VARIABLE_FOR_OPERATOR', '"${aws:username}"', '.Statement[0].Condition.NumericLessThan.aws:MultiFactorAuthAge'],
  ['arn-prefix.json', 'IDENTITY_POLICY', 'INVALID_ARN_PREFIX', '"s3:::bucket/*"', '.Statement[0].Resource'],
  ['arn-fields.json', 'IDENTITY_POLICY', 'MISSING_ARN_FIELD', '"arn:aws:s3:bucket"', '.Statement[0].Resource'],
  ['arn-partition.json', 'IDENTITY_POLICY', 'INVALID_PARTITION', '"arn:aws-moon:s3:::bucket/*"', '.Statement[0].Resource'],
  ['arn-service-case.json', 'IDENTITY_POLICY', 'INVALID_ARN_SERVICE_CASE', '"arn:aws:S3:::bucket/*"', '.Statement[0].Resource'],
  ['arn-region.json', 'IDENTITY_POLICY', 'INVALID_ARN_REGION', '"arn:aws:ec2:us-moon-1:111122223333:instance/*"', '.Statement[0].Resource'],
  ['arn-account.json', 'IDENTITY_POLICY', 'INVALID_ARN_ACCOUNT', '"arn:aws:ec2:us-east-1:1234:instance/*"', '.Statement[0].Resource'],
  ['arn-region-not-allowed.json', 'IDENTITY_POLICY', 'ARN_REGION_NOT_ALLOWED', '"arn:aws:iam:us-east-1:111122223333:role/x"', '.Statement[0].Resource'],
  ['arn-missing-region.json', 'IDENTITY_POLICY', 'MISSING_ARN_REGION', '"arn:aws:ec2::111122223333:instance/*"', '.Statement[0].Resource'],
  ['arn-account-not-allowed.json', 'IDENTITY_POLICY', 'ARN_ACCOUNT_NOT_ALLOWED', '"arn:aws:s3::111122223333:bucket/*"', '.Statement[0].Resource'],
  ['resource-matches-no-action.json', 'IDENTITY_POLICY', 'RESOURCE_MATCHES_NO_ACTION', '"arn:aws:s3:::bucket"', '.Statement[0].Resource'],
  ['tag-unsupported.json', 'IDENTITY_POLICY', 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', '"logs:DescribeLogGroups"', '.Statement[0].Action[1]'],
  ['key-not-supported.json', 'IDENTITY_POLICY', 'CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS', '"s3:prefix"', '.Statement[0].Condition.StringLike{s3:prefix}'],
  ['trust-resource.json', 'TRUST_POLICY', 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', '"Resource"', '.Statement[0].Resource'],
  ['trust-notprincipal.json', 'TRUST_POLICY', 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', '"NotPrincipal"', '.Statement[0].NotPrincipal'],
  ['trust-wildcard.json', 'TRUST_POLICY', 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', '"*"', '.Statement[0].Principal.AWS'],
  ['trust-service-format.json', 'TRUST_POLICY', 'INVALID_SERVICE_PRINCIPAL_FORMAT', '"EC2.amazonaws.com"', '.Statement[0].Principal.Service'],
  ['trust-oidc-no-condition.json', 'TRUST_POLICY', 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL', '"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123"', '.Statement[0].Principal.Federated'],
  ['trust-github-no-sub.json', 'TRUST_POLICY', 'MISSING_GITHUB_REPO_CONDITION_KEY', '"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"', '.Statement[0].Principal.Federated'],
  ['trust-github-wildcard-sub.json', 'TRUST_POLICY', 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED', '"repo:my-org/*"', '.Statement[0].Condition.StringLike.token.actions.githubusercontent.com:sub'],
  ['trust-mismatched-action.json', 'TRUST_POLICY', 'MISMATCHED_ACTION_FOR_PRINCIPAL', '"sts:AssumeRole"', '.Statement[0].Action'],
  ['trust-federated-format.json', 'TRUST_POLICY', 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', '"arn:aws:iam::111122223333:user/bob"', '.Statement[0].Principal.Federated'],
  ['trust-cross-account.json', 'TRUST_POLICY', 'CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA', '"arn:aws:iam::444455556666:root"', '.Statement[0].Principal.AWS'],
  ['trust-rolesanywhere.json', 'TRUST_POLICY', 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', '"rolesanywhere.amazonaws.com"', '.Statement[0].Principal.Service'],
  ['resource-allow-notprincipal.json', 'RESOURCE_POLICY', 'ALLOW_WITH_NOT_PRINCIPAL', '"NotPrincipal"', '.Statement[0].NotPrincipal'],
  ['resource-public.json', 'RESOURCE_POLICY', 'PUBLIC_PRINCIPAL_WITHOUT_CONDITION', '"*"', '.Statement[0].Principal'],
  ['resource-missing-principal.json', 'RESOURCE_POLICY', 'MISSING_PRINCIPAL', '{', '.Statement[0]'],
  ['resource-invalid-principal-key.json', 'RESOURCE_POLICY', 'INVALID_PRINCIPAL_KEY', '"Aws"', '.Statement[0].Principal.Aws'],
  ['resource-role-id.json', 'RESOURCE_POLICY', 'INVALID_ROLE_REFERENCE', '"AROAEXAMPLEID1234567"', '.Statement[0].Principal.AWS'],
  ['resource-service-no-source.json', 'RESOURCE_POLICY', 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', '"cloudtrail.amazonaws.com"', '.Statement[0].Principal.Service'],
  ['scp-principal.json', 'SERVICE_CONTROL_POLICY', 'SCP_SYNTAX_ERROR_PRINCIPAL', '"Principal"', '.Statement[0].Principal'],
  ['rcp-allow.json', 'RESOURCE_CONTROL_POLICY', 'RCP_SYNTAX_ERROR_ALLOW', '"Allow"', '.Statement[0].Effect'],
  ['rcp-principal.json', 'RESOURCE_CONTROL_POLICY', 'RCP_SYNTAX_ERROR_PRINCIPAL', '{\n        "AWS": "arn:aws:iam::111122223333:root"\n      }', '.Statement[0].Principal'],
  ['deny-unsupported-tag.json', 'IDENTITY_POLICY', 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', '"ec2:DescribeInstances"', '.Statement[0].Action[1]'],
  ['missing-paired-keys.json', 'IDENTITY_POLICY', 'MISSING_PAIRED_CONDITION_KEYS', '"aws:VpcSourceIp"', '.Statement[0].Condition.IpAddress{aws:VpcSourceIp}'],
  ['trust-redundant-session.json', 'TRUST_POLICY', 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY', '"arn:aws:sts::111122223333:assumed-role/Deployer/ci-session"', '.Statement[0].Principal.AWS[1]'],
  ['syntax-error.json', 'IDENTITY_POLICY', 'JSON_SYNTAX_ERROR', '"Action"', ''],
  ['comment-trailing-comma.jsonc', 'IDENTITY_POLICY', 'JSON_COMMENT', '// read-only access', ''],
  ['comment-trailing-comma.jsonc', 'IDENTITY_POLICY', 'JSON_TRAILING_COMMA', ',', ''],
  ['empty.json', 'IDENTITY_POLICY', 'JSON_SYNTAX_ERROR', '', ''],
  ['not-object.json', 'IDENTITY_POLICY', 'DATA_TYPE_MISMATCH', '["s3:GetObject"]', ''],
  ['size-identity.json', 'IDENTITY_POLICY', 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', read('size-identity.json'), ''],
];

describe('policy checks, one fixture per case', () => {
  for (const [file, type, code, text, path] of CASES) {
    it(`${file} as ${type}: ${code} at ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text)}`, () => {
      const src = read(file);
      const { findings } = lint(src, type);
      const f = findings.find((x) => x.issueCode === code);
      assert.ok(f, `no ${code}; got ${findings.map((x) => x.issueCode).join(', ') || 'nothing'}`);
      assert.strictEqual(f.findingType, code === 'CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA' ? 'WARNING' : ISSUE_CODES[code].findingType);
      assert.strictEqual(f.learnMoreLink, ISSUE_CODES[code].learnMoreLink);
      assert.ok(f.findingDetails.length > 20, 'findingDetails explains the finding');
      assert.strictEqual(spanned(src, f), text);
      assert.strictEqual(pathText(f), path);
    });
  }

  const CLEAN: [string, PolicyType][] = [
    ['valid-identity.json', 'IDENTITY_POLICY'],
    ['trust-valid.json', 'TRUST_POLICY'],
    ['trust-oidc-ok.json', 'TRUST_POLICY'],
    ['trust-cross-account-external-id.json', 'TRUST_POLICY'],
    ['variable-valid.json', 'IDENTITY_POLICY'],
    ['passrole-star-scoped.json', 'IDENTITY_POLICY'],
  ];
  for (const [file, type] of CLEAN) {
    it(`${file} as ${type}: no findings`, () => {
      assert.deepStrictEqual(lint(read(file), type).findings.map((f) => f.issueCode), []);
    });
  }

  const ABSENT: [string, PolicyType, string][] = [
    // StringNotEquals matches when the key is absent, so the Deny still denies those actions.
    ['deny-unsupported-tag-negated.json', 'IDENTITY_POLICY', 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'],
    ['paired-keys-ok.json', 'IDENTITY_POLICY', 'MISSING_PAIRED_CONDITION_KEYS'],
    // A session of another role, or of the same role name in another account, is not covered by the role.
    ['trust-session-other-role.json', 'TRUST_POLICY', 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY'],
    // Only role trust policies: elsewhere the session principal may be deliberate.
    ['trust-redundant-session.json', 'RESOURCE_POLICY', 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY'],
  ];
  for (const [file, type, code] of ABSENT) {
    it(`${file} as ${type}: no ${code}`, () => {
      assert.deepStrictEqual(lint(read(file), type).findings.filter((f) => f.issueCode === code), []);
    });
  }

  it('checks the variables of every element that holds one, also when an escape spells the "${", and only those', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:\\u0024{aws:username}"], "Resource": "*"}, {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/${aws:username}", "NotAction": "s3:${x"}]}';
    const found = lint(text, 'IDENTITY_POLICY').findings.filter((f) => f.issueCode.includes('VARIABLE'));
    assert.deepStrictEqual(found.map((f) => [f.issueCode, f.locations[0].path.map((p) => ('value' in p ? p.value : 'index' in p ? p.index : p.key)).join('.')]), [
      ['VARIABLE_UNSUPPORTED_IN_ELEMENT', 'Statement.0.Action.1'],
      ['VARIABLE_UNSUPPORTED_IN_ELEMENT', 'Statement.1.NotAction'],
    ]);
  });

  it('names both redundant-principal ARNs and offers to remove the session principal', () => {
    const src = read('trust-redundant-session.json');
    const f = lint(src, 'TRUST_POLICY').findings.find((x) => x.issueCode === 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY')!;
    assert.strictEqual(f.findingDetails, 'The assumed-role principal arn:aws:sts::111122223333:assumed-role/Deployer/ci-session is redundant with its parent role arn:aws:iam::111122223333:role/deploy/Deployer. Remove the assumed-role principal.');
    assert.strictEqual(f.fix?.remove, true);
    assert.strictEqual(f.locations.length, 1);
  });

  it('names the tag key, the services and the tag-key location of a Deny with an unsupported tag key', () => {
    const src = read('deny-unsupported-tag.json');
    const f = lint(src, 'IDENTITY_POLICY').findings.find((x) => x.issueCode === 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE')!;
    assert.match(f.findingDetails, /^Using the effect Deny with the condition key aws:ResourceTag\/status and actions for services with the following prefixes can be overly permissive: ec2\./);
    assert.deepStrictEqual(f.locations.map((_, i) => spanned(src, f, i)), ['"ec2:DescribeInstances"', '"aws:ResourceTag/status"']);
  });

  it('treats a principal in the same account as not cross-account when the account is known', () => {
    const { findings } = lint(read('trust-cross-account.json'), 'TRUST_POLICY', '444455556666');
    assert.deepStrictEqual(findings.map((f) => f.issueCode), []);
  });

  it('makes cross-account trust a security warning only when the owning account is known to differ', () => {
    const known = lint(read('trust-cross-account.json'), 'TRUST_POLICY', '111122223333').findings.filter((f) => f.issueCode === 'CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA');
    const unknown = lint(read('trust-cross-account.json'), 'TRUST_POLICY').findings.filter((f) => f.issueCode === 'CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA');
    assert.deepStrictEqual(known.map((f) => f.findingType), ['SECURITY_WARNING']);
    assert.match(known[0].findingDetails, /Account 444455556666 is not this role's account 111122223333/);
    assert.deepStrictEqual(unknown.map((f) => f.findingType), ['WARNING']);
  });

  it('reports both locations of a PassRole finding: the action and the "*" resource', () => {
    const src = read('passrole-star.json');
    const f = lint(src, 'IDENTITY_POLICY').findings.find((x) => x.issueCode === 'PASS_ROLE_WITH_STAR_IN_RESOURCE')!;
    assert.strictEqual(f.locations.length, 2);
    assert.strictEqual(spanned(src, f, 1), '"*"');
    assert.strictEqual(pathText(f, 1), '.Statement[0].Resource');
  });

  it('offers the did-you-mean action as a quick fix', () => {
    const f = lint(read('invalid-action.json'), 'IDENTITY_POLICY').findings.find((x) => x.issueCode === 'INVALID_ACTION')!;
    assert.strictEqual(f.fix?.replacement, '"s3:GetObject"');
    assert.match(f.findingDetails, /Did you mean s3:GetObject\?/);
  });

  it('suggests names that keep the verb first: s3:GetObjects is s3:GetObject, then other Get actions, before s3:PutObject', () => {
    const f = lint('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjects","Resource":"*"}]}', 'IDENTITY_POLICY').findings.find((x) => x.issueCode === 'INVALID_ACTION')!;
    const names = (f.fix?.candidates ?? []).map((c) => JSON.parse(c) as string);
    assert.strictEqual(names[0], 's3:GetObject');
    const put = names.indexOf('s3:PutObject');
    assert.ok(names.slice(0, put < 0 ? names.length : put).every((n) => n.startsWith('s3:Get')), names.join(', '));
    assert.ok(names.length >= 2 && names[1].startsWith('s3:Get'), names.join(', '));
  });

  it('points the redundant-action fix at the covered action, not the wildcard', () => {
    const src = read('redundant-action.json');
    const f = lint(src, 'IDENTITY_POLICY').findings.find((x) => x.issueCode === 'REDUNDANT_ACTION')!;
    assert.strictEqual(f.fix?.remove, true);
    assert.strictEqual(spanned(src, f, f.fix?.location ?? 0), '"s3:GetObject"');
    assert.match(f.findingDetails, /such as: s3:GetObject\.$/);
  });

  it('keeps the broadest wildcard when following redundant-action fixes, with locations in document order', () => {
    let src = read('redundant-action-wildcards.json');
    const first = lint(src, 'IDENTITY_POLICY').findings.filter((x) => x.issueCode === 'REDUNDANT_ACTION');
    assert.strictEqual(first.length, 1);
    assert.deepStrictEqual(first[0].locations.map((_, i) => spanned(src, first[0], i)), ['"s3:GetObject"', '"s3:Get*"', '"s3:*"', '"s3:GetObject"']);
    for (let round = 0; round < 5; round++) {
      const f = lint(src, 'IDENTITY_POLICY').findings.find((x) => x.issueCode === 'REDUNDANT_ACTION');
      if (!f) break;
      assert.strictEqual(f.fix?.remove, true);
      assert.notStrictEqual(spanned(src, f, f.fix?.location ?? 0), '"s3:*"');
      assert.match(f.findingDetails, new RegExp(`such as: ${JSON.parse(spanned(src, f, f.fix?.location ?? 0)).replace('*', '\\*')}\\.$`));
      src = applyEdits(src, modify(src, f.locations[f.fix?.location ?? 0].path.map((p) => ('index' in p ? p.index : 'value' in p ? p.value : p.key)), undefined, {}));
    }
    assert.deepStrictEqual((JSON.parse(src) as { Statement: { Action: string[] }[] }).Statement[0].Action, ['s3:*']);
  });

  it('groups a resource wildcard with the ARNs its inner and final literal runs match, and only those', () => {
    const resources = ['arn:aws:s3:::logs/*/app/*.gz', 'arn:aws:s3:::logs/a/app/x.gz', 'arn:aws:s3:::logs/a/apps/x.gz', 'arn:aws:s3:::logs/a/app/x.zip', 'arn:aws:s3:::logs/b/app/y.g?', 'arn:aws:s3:::logs/?/app/z.gz', 'arn:aws:s3:::logs/c/APP/x.gz'];
    const src = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }] });
    const found = lint(src, 'IDENTITY_POLICY').findings.filter((x) => x.issueCode === 'REDUNDANT_RESOURCE');
    assert.deepStrictEqual(found.map((f) => f.locations.map((l) => l.path.at(-1))), [[0, 1, 5].map((index) => ({ index }))]);
  });

  it('an ARN wildcard that no filling fits is still compared with the resource type\'s whole format', () => {
    const codes = (resource: string) => lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetRecords', Resource: resource }] }), 'IDENTITY_POLICY').findings.map((f) => f.issueCode);
    // table/${TableName}/stream/${StreamLabel}: a star can stand for "NAME/stream/LABEL", a question mark cannot.
    assert.ok(!codes('arn:aws:dynamodb:us-east-1:111122223333:table/eb-*').includes('RESOURCE_MATCHES_NO_ACTION'));
    assert.ok(!codes('arn:aws:dynamodb:us-east-1:111122223333:table/eb-*/stream/2024*').includes('RESOURCE_MATCHES_NO_ACTION'));
    assert.ok(codes('arn:aws:dynamodb:us-east-1:111122223333:table/eb-?').includes('RESOURCE_MATCHES_NO_ACTION'));
    assert.ok(!codes('arn:aws:dynamodb:us-east-1:111122223333:table/eb-*/index/*').includes('RESOURCE_MATCHES_NO_ACTION'));
  });

  it('does not call a cross-service key AWS lists as global (ec2:SourceInstanceArn, lambda:SourceFunctionArn) unsupported by another service\'s actions, and still reports a service key', () => {
    const codes = (key: string) => lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { StringNotEquals: { [key]: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1' } } }] }), 'IDENTITY_POLICY').findings.map((f) => f.issueCode);
    assert.ok(!codes('ec2:SourceInstanceArn').includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
    assert.ok(!codes('lambda:SourceFunctionArn').includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
    assert.ok(codes('ec2:InstanceType').includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
  });

  it('says what a key no action carries does to the statement as the engine answers it: ForAnyValue...IfExists never applies ("For no matching context key or if the key does not exist, the condition returns false"), StringEqualsIfExists always matches ("If the key is not present, evaluate the condition element as true")', () => {
    const message = (operator: string, value = 't3.micro') => lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { [operator]: { 'ec2:InstanceType': value } } }] }), 'IDENTITY_POLICY').findings.find((f) => f.issueCode === 'CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS')?.findingDetails ?? '';
    assert.match(message('ForAnyValue:StringEqualsIfExists'), /the statement never applies \(ForAnyValue is false for an absent key, with IfExists too\)\./);
    assert.match(message('StringEqualsIfExists'), /never has it: the condition always matches\./);
    assert.match(message('StringEquals'), /never has it: the statement never applies\./);
    assert.match(message('StringNotEquals'), /never has it: the condition always matches\./);
    assert.match(message('ForAllValues:StringEquals'), /never has it: the condition always matches\./);
    assert.match(message('ForAnyValue:StringNotEquals'), /never has it: the statement never applies\./);
    assert.match(message('Null', 'true'), /never has it: the condition always matches\./);
    assert.match(message('Null', 'false'), /never has it: the statement never applies\./);
  });

  it('does not ask for Like under ArnEquals, where AWS documents each ARN component "can include multi-character match wildcards (*) or single-character match wildcards (?)" and "The ArnEquals and ArnLike condition operators behave identically"', () => {
    const codes = (operator: string, value: string) => lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' }, [operator]: { 'iam:AssociatedResourceArn': value } } }] }), 'IDENTITY_POLICY').findings.map((f) => f.issueCode);
    assert.ok(!codes('ArnEquals', 'arn:aws:aiops:*:*:investigation-group/*').includes('WILDCARD_WITHOUT_LIKE_OPERATOR'));
    assert.ok(!codes('ArnNotEquals', 'arn:aws:aiops:*:*:investigation-group/?').includes('WILDCARD_WITHOUT_LIKE_OPERATOR'));
    assert.ok(codes('StringEquals', 'arn:aws:aiops:*:*:investigation-group/*').includes('WILDCARD_WITHOUT_LIKE_OPERATOR'));
    assert.ok(codes('StringNotEqualsIgnoreCase', 'arn:aws:aiops:*:*:investigation-group/*').includes('WILDCARD_WITHOUT_LIKE_OPERATOR'));
  });

  it('warns that IfExists changes nothing after ForAnyValue, which "For no matching context key or if the key does not exist, the condition returns false", and offers to remove it', () => {
    const findings = (operator: string) => lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*', Condition: { [operator]: { 'aws:TagKeys': ['team'] } } }] }), 'IDENTITY_POLICY').findings.filter((f) => f.issueCode === 'IF_EXISTS_WITH_FOR_ANY_VALUE');
    const [f] = findings('ForAnyValue:StringEqualsIfExists');
    assert.ok(f);
    assert.strictEqual(f.findingType, 'WARNING');
    assert.deepStrictEqual(f.locations[0].path, [{ value: 'Statement' }, { index: 0 }, { value: 'Condition' }, { value: 'ForAnyValue:StringEqualsIfExists' }]);
    assert.strictEqual(f.fix?.replacement, '"ForAnyValue:StringEquals"');
    assert.strictEqual(findings('forAnyValue:StringNotLikeIfExists')[0]?.fix?.replacement, '"forAnyValue:StringNotLike"');
    for (const other of ['ForAnyValue:StringEquals', 'ForAllValues:StringEqualsIfExists', 'StringEqualsIfExists']) assert.deepStrictEqual(findings(other), [], other);
  });

  it('suggests the closest condition key', () => {
    const f = lint(read('invalid-global-key.json'), 'IDENTITY_POLICY').findings.find((x) => x.issueCode === 'INVALID_GLOBAL_CONDITION_KEY')!;
    assert.strictEqual(f.fix?.replacement, '"aws:PrincipalOrgID"');
    const g = lint(read('invalid-service-key.json'), 'IDENTITY_POLICY').findings.find((x) => x.issueCode === 'INVALID_SERVICE_CONDITION_KEY')!;
    assert.strictEqual(g.fix?.replacement, '"s3:prefix"');
  });

  it('documents every check of our own in docs/checks.md', () => {
    const doc = fs.readFileSync(fixturePath('..', '..', 'docs', 'checks.md'), 'utf8');
    for (const [code, info] of Object.entries(ISSUE_CODES)) {
      if (info.ours) assert.ok(doc.includes(`### ${code.toLowerCase()}\n`), `docs/checks.md lacks ${code}`);
    }
  });

  it('every issue code has a type, a title and a link', () => {
    for (const [code, info] of Object.entries(ISSUE_CODES)) {
      assert.match(code, /^[A-Z0-9_]+$/);
      assert.ok(info.title && info.learnMoreLink.startsWith('https://'), code);
      if (info.ours) assert.ok(info.learnMoreLink.endsWith(`#${code.toLowerCase()}`), code);
    }
  });
});
