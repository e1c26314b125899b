import { hasWildcard } from '../actions';
import type { LintContext, StatementContext } from '../context';
import { scalarValues, type ParsedValue } from '../parse';
import type { Target } from '../report';

const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Service principal shape: lowercase labels ending in an AWS service domain. */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(?:amazonaws\.com|amazonaws\.com\.cn|amazon\.com)$/;
const ACCOUNT = /^\d{12}$/;
const AWS_PRINCIPAL_ARN = /^arn:(?:aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):(iam|sts)::(\d{12}|aws):(.+)$/;
const SAML_PROVIDER = /^arn:[a-z-]+:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;
const OIDC_PROVIDER_ARN = /^arn:[a-z-]+:iam::\d{12}:oidc-provider\/(.+)$/;
const OIDC_DOMAIN = /^[a-z0-9.-]+\.[a-z]{2,}(?:\/\S*)?$/i;
/** Actions any principal type may pair with a federation action. */
const COMPANION_ACTIONS = ['sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext'];

export interface PrincipalValue extends ParsedValue {
  value: string;
  kind: string;
}

export function principalValues(sc: StatementContext, which: 'principal' | 'notPrincipal' = 'principal'): PrincipalValue[] {
  const el = sc.st[which];
  if (!el) return [];
  if (el.valueNode.type === 'string') return [{ value: el.valueNode.value, node: el.valueNode, path: el.path, kind: '*' }];
  if (el.valueNode.type !== 'object') return [];
  const out: PrincipalValue[] = [];
  for (const p of el.valueNode.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    for (const s of scalarValues(v, [...el.path, { value: String(k.value) }])) {
      if (typeof s.value === 'string') out.push({ value: s.value, node: s.node, path: s.path, kind: String(k.value) });
    }
  }
  return out;
}

/** The OIDC provider host (and path) a federated principal names, or undefined for SAML and others. */
export function oidcProvider(value: string): string | undefined {
  const arn = OIDC_PROVIDER_ARN.exec(value);
  if (arn) return arn[1].toLowerCase();
  if (value.startsWith('arn:')) return undefined;
  return OIDC_DOMAIN.test(value) ? value.toLowerCase() : undefined;
}

function conditionKeys(sc: StatementContext): { key: string; values: ParsedValue[]; operator: string }[] {
  return sc.st.conditions.flatMap((op) => op.keys.map((k) => ({ key: k.key.toLowerCase(), values: k.values, operator: op.operator })));
}

function target(v: ParsedValue): Target {
  return { path: v.path, node: v.node };
}

/** Principal syntax for resource and trust policies, and the trust-policy security checks. */
export function checkPrincipals(ctx: LintContext): void {
  const accountId = ctx.accountId;
  if (ctx.type === 'IDENTITY_POLICY' || ctx.type === 'SERVICE_CONTROL_POLICY') return;
  for (const sc of ctx.statements) {
    for (const which of ['principal', 'notPrincipal'] as const) {
      const el = sc.st[which];
      if (!el) continue;
      checkShape(ctx, sc, which);
      if (which === 'notPrincipal' && sc.effect === 'Allow' && ctx.type !== 'TRUST_POLICY') {
        ctx.r.add('ALLOW_WITH_NOT_PRINCIPAL', 'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.', [{ path: el.path, node: el.keyNode }]);
      }
    }
    if (ctx.type === 'RESOURCE_CONTROL_POLICY') continue;
    if (sc.effect === 'Allow') checkAllowPrincipals(ctx, sc, accountId);
    if (ctx.type === 'TRUST_POLICY') checkRedundantSessionPrincipals(ctx, sc);
  }
}

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:[^*?]*\/)?([\w+=,.@-]+)$/;
const ASSUMED_ROLE_ARN = /^arn:([a-z-]+):(?:sts|iam)::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/;

/** A role session principal next to its own role in the same Principal adds nothing: the role already covers every session. */
function checkRedundantSessionPrincipals(ctx: LintContext, sc: StatementContext): void {
  const aws = principalValues(sc).filter((v) => v.kind === 'AWS');
  if (aws.length < 2) return;
  const roles = new Map<string, string>();
  for (const v of aws) {
    const m = ROLE_ARN.exec(v.value);
    if (m) roles.set(`${m[1]}:${m[2]}:${m[3]}`, v.value);
  }
  if (!roles.size) return;
  for (const v of aws) {
    const m = ASSUMED_ROLE_ARN.exec(v.value);
    const parent = m && roles.get(`${m[1]}:${m[2]}:${m[3]}`);
    if (!parent) continue;
    ctx.r.add('REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY', `The assumed-role principal ${v.value} is redundant with its parent role ${parent}. Remove the assumed-role principal.`, [target(v)], { remove: true, title: { kind: 'removeAssumedRolePrincipal' } });
  }
}

function checkShape(ctx: LintContext, sc: StatementContext, which: 'principal' | 'notPrincipal'): void {
  const { r } = ctx;
  const el = sc.st[which]!;
  const v = el.valueNode;
  if (v.type === 'string') {
    if (v.value !== '*') r.add('INVALID_PRINCIPAL_FORMAT', 'The Principal element contents are not valid. Specify a key-value pair in the Principal element, such as {"AWS": "arn:aws:iam::111122223333:root"}, or "*".', [{ path: el.path, node: v }]);
    else if (ctx.type === 'TRUST_POLICY') r.add('ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', '"Principal:" "*" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.', [{ path: el.path, node: v }]);
    return;
  }
  if (v.type !== 'object') {
    r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type Object. Principal must be "*" or an object such as {"AWS": [...]}.', [{ path: el.path, node: v }]);
    return;
  }
  if (!v.children?.length) {
    r.add('EMPTY_OBJECT_PRINCIPAL', 'This statement includes no principals and does not affect the policy. Specify principals.', [{ path: el.path, node: v }]);
    return;
  }
  for (const p of v.children) {
    const [k, val] = p.children ?? [];
    if (!k || !val) continue;
    const key = String(k.value);
    const path = [...el.path, { value: key }];
    if (!PRINCIPAL_KEYS.includes(key)) {
      const fixed = PRINCIPAL_KEYS.find((x) => x.toLowerCase() === key.toLowerCase());
      r.add('INVALID_PRINCIPAL_KEY', `The principal key ${key} is not valid.${fixed ? ` Use ${fixed}.` : ` Use one of ${PRINCIPAL_KEYS.join(', ')}.`}`, [{ path, node: k }], fixed ? { replacement: JSON.stringify(fixed), title: { kind: 'use', value: fixed } } : undefined);
      continue;
    }
    if (val.type === 'array' && !val.children?.length) {
      r.add('EMPTY_ARRAY_PRINCIPAL', 'This statement includes no principals and does not affect the policy. Specify principals.', [{ path, node: val }]);
      continue;
    }
    if (val.type !== 'string' && val.type !== 'array') {
      r.add('DATA_TYPE_MISMATCH', `The text does not match the expected JSON data type String or Array. ${key} principals must be strings.`, [{ path, node: val }]);
      continue;
    }
    for (const s of scalarValues(val, path)) {
      if (typeof s.value !== 'string') {
        r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type String.', [target(s)]);
        continue;
      }
      checkPrincipalValue(ctx, key, s as ParsedValue & { value: string });
    }
  }
}

function checkPrincipalValue(ctx: LintContext, key: string, v: ParsedValue & { value: string }): void {
  const { r } = ctx;
  const s = v.value;
  const t = [target(v)];
  if (key === 'AWS') {
    if (s === '*') {
      if (ctx.type === 'TRUST_POLICY') r.add('ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', '"Principal:" "*" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.', t);
      return;
    }
    if (hasWildcard(s)) {
      r.add(ctx.type === 'TRUST_POLICY' ? 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL' : 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL', ctx.type === 'TRUST_POLICY'
        ? `Wildcards (*, ?) are not supported in the principal element of a role trust policy. Replace ${s} with a specific principal, or use "AWS": "arn:aws:iam::111122223333:root" with an aws:PrincipalArn condition.`
        : `Wildcards (*, ?) are not supported with the principal key AWS. Replace the wildcard with a valid principal value, or use "*" with an aws:PrincipalArn condition.`, t);
      return;
    }
    if (/^AROA[A-Z0-9]{12,}$/.test(s)) {
      r.add('INVALID_ROLE_REFERENCE', `The Principal element includes the IAM role ID ${s}. We recommend that you use a role ARN instead.`, t);
      return;
    }
    if (/^AIDA[A-Z0-9]{12,}$/.test(s)) {
      r.add('INVALID_USER_REFERENCE', `The Principal element includes the IAM user ID ${s}. We recommend that you use a user ARN instead.`, t);
      return;
    }
    if (ACCOUNT.test(s)) return;
    const m = AWS_PRINCIPAL_ARN.exec(s);
    if (!m) {
      const acct = /^arn:[^:]*:(?:iam|sts)::([^:]*):/.exec(s);
      if (acct && !ACCOUNT.test(acct[1])) r.add('INVALID_ARN_ACCOUNT', `The resource ARN account ID ${acct[1]} is not valid. Provide a 12-digit account ID.`, t);
      else r.add('INVALID_PRINCIPAL_FORMAT', `The principal ${s} is not valid. Use a 12-digit account ID, or the ARN of an account root, IAM user, role, assumed-role session or federated user.`, t);
      return;
    }
    const [, svc, , res] = m;
    const ok = svc === 'iam' ? /^(?:root|user\/.+|role\/.+|federated-user\/.+)$/.test(res) : /^(?:assumed-role\/.[^\n\r/\u2028\u2029]*\/.+|federated-user\/.+)$/.test(res);
    if (!ok) r.add('INVALID_PRINCIPAL_FORMAT', `The principal ${s} is not valid. ${svc === 'sts' ? 'STS principals are arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION.' : 'IAM principals are arn:aws:iam::ACCOUNT:root, :user/NAME or :role/NAME.'}`, t);
    return;
  }
  if (key === 'Service') {
    if (hasWildcard(s)) {
      r.add(ctx.type === 'TRUST_POLICY' ? 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL' : 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'Wildcards (*, ?) are not supported with the principal key Service. Replace the wildcard with a valid principal value.', t);
      return;
    }
    if (!SERVICE_PRINCIPAL.test(s)) {
      const fixed = /^[a-z0-9-]+$/i.test(s) ? `${s.toLowerCase()}.amazonaws.com` : SERVICE_PRINCIPAL.test(s.toLowerCase()) ? s.toLowerCase() : undefined;
      r.add('INVALID_SERVICE_PRINCIPAL_FORMAT', 'The service principal does not match the expected format. Use the format service.amazonaws.com, or use one of the following suffixes: .amazon.com, .amazonaws.com.cn with all lowercase letters.', t, fixed ? { replacement: JSON.stringify(fixed), title: { kind: 'use', value: fixed } } : undefined);
    }
    return;
  }
  if (key === 'Federated') {
    if (ctx.type !== 'TRUST_POLICY') {
      r.add('FEDERATED_PRINCIPAL_NOT_SUPPORTED', 'The policy type does not support a federated identity provider in the principal element. Use a supported principal.', t);
      return;
    }
    if (!SAML_PROVIDER.test(s) && !oidcProvider(s)) {
      r.add('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', 'The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN.', t);
    }
    return;
  }
  if (key === 'CanonicalUser' && !/^[0-9a-f]{64}$/.test(s)) {
    r.add('INVALID_PRINCIPAL_FORMAT', `The canonical user ID ${s} is not valid. Canonical user IDs are 64 hexadecimal characters.`, t);
  }
}

function checkAllowPrincipals(ctx: LintContext, sc: StatementContext, accountId: string | undefined): void {
  const { r } = ctx;
  const values = principalValues(sc);
  const keys = conditionKeys(sc);
  const hasCondition = sc.st.conditions.some((op) => op.keys.length > 0);
  const actions = sc.actions.map((a) => a.value.toLowerCase());

  if (!hasCondition) {
    const pub = values.find((v) => v.value === '*' && (v.kind === '*' || v.kind === 'AWS'));
    if (pub && ctx.type === 'RESOURCE_POLICY') {
      r.add('PUBLIC_PRINCIPAL_WITHOUT_CONDITION', 'This statement allows anyone, including anonymous users in any account, because the principal is "*" and there is no Condition. Name the principals, or add a condition such as aws:PrincipalOrgID or aws:SourceArn.', [target(pub)]);
    }
  }

  if (ctx.type === 'RESOURCE_POLICY') {
    const sourceKeys = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];
    const svc = values.find((v) => v.kind === 'Service');
    if (svc && !keys.some((k) => sourceKeys.includes(k.key))) {
      r.add('RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', 'Granting access to a service principal without specifying a source is overly permissive. Use aws:SourceArn or aws:SourceAccount condition key and scope access to a specific source to grant fine-grained access.', [target(svc)]);
    }
    return;
  }
  if (ctx.type !== 'TRUST_POLICY') return;

  // Which actions fit which principal type.
  const federated = values.filter((v) => v.kind === 'Federated');
  const others = values.filter((v) => v.kind === 'AWS' || v.kind === 'Service');
  const actionTargets = sc.actions;
  for (const a of actionTargets) {
    const lower = a.value.toLowerCase();
    if (COMPANION_ACTIONS.includes(lower) || a.value === '*') continue;
    const bad: string[] = [];
    if (lower === 'sts:assumerolewithsaml') bad.push(...values.filter((v) => !(v.kind === 'Federated' && SAML_PROVIDER.test(v.value))).map((v) => v.value));
    else if (lower === 'sts:assumerolewithwebidentity') bad.push(...values.filter((v) => !(v.kind === 'Federated' && oidcProvider(v.value))).map((v) => v.value));
    else if (lower === 'sts:assumerole') bad.push(...federated.map((v) => v.value));
    if (bad.length) {
      r.add('MISMATCHED_ACTION_FOR_PRINCIPAL', `The ${a.value} action is invalid with the following principal(s): ${bad.join(', ')}. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options.`, [{ path: a.path, node: a.node }]);
    }
  }
  void others;

  for (const f of federated) {
    const provider = oidcProvider(f.value);
    if (!provider || SAML_PROVIDER.test(f.value)) continue;
    if (provider === 'cognito-identity.amazonaws.com' && keys.some((k) => k.key.startsWith('cognito-identity.amazonaws.com:aud'))) continue;
    const own = keys.filter((k) => k.key.startsWith(`${provider}:`));
    if (provider === 'token.actions.githubusercontent.com' || provider.startsWith('token.actions.githubusercontent.com/')) {
      const sub = own.find((k) => k.key.endsWith(':sub'));
      if (!sub) {
        r.add('MISSING_GITHUB_REPO_CONDITION_KEY', 'Granting a federated GitHub principal permissions without a condition key can allow more sources to assume the role than you intended. Add the token.actions.githubusercontent.com:sub condition key and specify the branch and repository name in the value.', [target(f)]);
      } else {
        for (const v of sub.values) {
          if (typeof v.value === 'string' && /[*?]/.test(v.value)) {
            r.add('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED', `Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended. Specify the value of token.actions.githubusercontent.com:sub with the repository and branch name.${/^repo:[^/]*\*|^\*/.test(v.value) ? ' This value matches repositories of any owner.' : ''}`, [target(v)]);
          }
        }
      }
      continue;
    }
    if (own.length === 0) {
      r.add('MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL', `Using an Open ID Connect principal without a condition can be overly permissive. Add condition keys with a prefix that matches your federated OIDC principals (${provider}:aud and ${provider}:sub) to ensure that only the intended identity provider assumes the role.`, [target(f)]);
    }
  }

  // Roles Anywhere needs three actions.
  const ra = values.find((v) => v.kind === 'Service' && v.value === 'rolesanywhere.amazonaws.com');
  if (ra) {
    const need = ['sts:assumerole', 'sts:setsourceidentity', 'sts:tagsession'];
    const missing = need.filter((n) => !actions.includes(n) && !actions.includes('*') && !actions.includes('sts:*'));
    if (missing.length) r.add('MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', 'The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role. Add the missing permissions to the policy.', [target(ra)]);
  }

  // Our own: another account may assume the role with nothing but its own permissions.
  if (actions.some((a) => a === 'sts:assumerole' || a === 'sts:*' || a === '*')) {
    const guarded = keys.some((k) => k.key === 'sts:externalid' || k.key === 'aws:multifactorauthpresent' || k.key === 'aws:multifactorauthage' || k.key === 'aws:principalorgid' || k.key === 'aws:principalorgpaths' || k.key === 'aws:sourceidentity');
    if (!guarded) {
      for (const v of values.filter((x) => x.kind === 'AWS')) {
        const account = ACCOUNT.test(v.value) ? v.value : AWS_PRINCIPAL_ARN.exec(v.value)?.[2];
        if (!account || account === 'aws' || (accountId && account === accountId) || ctx.accountIds?.includes(account)) continue;
        r.add('CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA', `${accountId ? `Account ${account} is not this role's account ${accountId}` : `If account ${account} is another account, anyone there`} with sts:AssumeRole permission can assume this role with no further check. Add an sts:ExternalId condition for a third party, or require MFA with aws:MultiFactorAuthPresent for people.`, [target(v)], undefined,
          // Without the owning account the principal may well be local, so it is only a warning then.
          accountId ? undefined : 'WARNING');
      }
    }
  }
}
