import type { IamCatalog } from '../policy/catalog';
import { splitArn } from '../policy/checks/arnFormats';
import { awsOwnedRefusal } from './awsOwned';
import { buildContext } from './context';
import { evaluatePolicy, type EvaluatedPolicy, type MatchEnv } from './policies';
import { isAccountIdentity, readCallerCached, type Caller, type PrincipalMatch } from './principal';
import type { Decision, DecidingStatement, EvaluationInput, EvaluationOptions, EvaluationResult, PolicyKind, PolicySource, PolicyTrace } from './types';
import { unsentKeys, withoutKeys } from './unsentKeys';

export * from './types';
export { parseScenario, type ParsedScenario } from './scenario';
export { explainResult, summarize, statementLabel, type LineMapper } from './explain';

const KIND_WORDS: Record<PolicyKind, string> = {
  identity: 'identity-based policy',
  permissionsBoundary: 'permissions boundary',
  session: 'session policy',
  serviceControl: 'service control policy',
  resourceControl: 'resource control policy',
  resource: 'resource-based policy',
  vpcEndpoint: 'VPC endpoint policy',
};

/** Actions whose resource's own policy must allow them: role trust policies and KMS key policies. */
function resourcePolicyRequired(lower: string, resource: string): 'trust policy' | 'key policy' | undefined {
  if (lower.startsWith('sts:') && /^arn:[^:]*:iam::[^:]*:role\//.test(resource)) return 'trust policy';
  if (lower.startsWith('kms:') && /^arn:[^:]*:kms:[^:]*:[^:]*:key\//.test(resource)) return 'key policy';
  return undefined;
}

/** Whether two role ARNs name the same role (a session's role ARN may lack the path). */
function sameRole(a: string, b: string): boolean {
  const x = splitArn(a);
  const y = splitArn(b);
  if (!x || !y || x.account !== y.account || !y.resource.startsWith('role/')) return false;
  return x.resource === y.resource || x.resource.slice(x.resource.lastIndexOf('/')) === y.resource.slice(y.resource.lastIndexOf('/'));
}

/** Derives the resource's account: stated, in the context, from the ARN, or the caller's own. */
function resourceAccountOf(input: EvaluationInput, caller: Caller): string | undefined {
  const r = input.request;
  if (r.resourceAccount) return r.resourceAccount;
  const fromContext = contextValue(r.context, 'aws:resourceaccount');
  if (typeof fromContext === 'string') return fromContext;
  const arn = splitArn(r.resource);
  if (arn && /^\d{12}$/.test(arn.account)) return arn.account;
  return caller.account;
}

/**
 * RCPFullAWSAccess, which AWS attaches to every root, OU and account once RCPs are enabled and
 * which cannot be detached: every RCP level holds it, so RCPs restrict only by their Deny statements.
 */
export const RCP_FULL_AWS_ACCESS: PolicySource = {
  name: 'RCPFullAWSAccess (attached to every root, OU and account; cannot be detached)',
  text: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}\n',
};

/** The level's documents with RCPFullAWSAccess, unless the scenario already gives it. */
function withRcpFullAccess(level: readonly PolicySource[]): readonly PolicySource[] {
  return level.some((d) => /RCPFullAWSAccess/i.test(d.name) || /RCPFullAWSAccess/.test(d.text)) ? level : [RCP_FULL_AWS_ACCESS, ...level];
}

interface Group {
  kind: PolicyKind;
  level?: number;
  policies: readonly EvaluatedPolicy[];
  /** Why the group does not take part in this request, if it does not. */
  skipped?: string;
}

const NO_POLICIES: readonly EvaluatedPolicy[] = [];
const NO_GROUPS: readonly Group[] = [];
const NO_KEYS: readonly string[] = [];

function allows(g: Group): boolean {
  return g.policies.some((p) => p.trace.outcome === 'Allow');
}

function deciding(groups: Group[], effect: 'Allow' | 'Deny', only?: (g: Group) => boolean): DecidingStatement[] {
  const out: DecidingStatement[] = [];
  // Indexed loops: this runs twice per request, and an iterator per loop adds up over a lint run.
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g.skipped || (only && !only(g))) continue;
    for (let k = 0; k < g.policies.length; k++) {
      const p = g.policies[k];
      const statements = p.trace.statements;
      for (let j = 0; j < statements.length; j++) {
        const s = statements[j];
        if (s.applies && s.effect === effect) out.push(g.level !== undefined ? { kind: g.kind, policy: p.trace.name, level: g.level, statement: s } : { kind: g.kind, policy: p.trace.name, statement: s });
      }
    }
  }
  return out;
}

/** A context key's value, the key matched case-insensitively (`lower` is lowercase). */
function contextValue(context: EvaluationInput['request']['context'], lower: string): unknown {
  if (!context) return undefined;
  for (const k in context) if (Object.prototype.hasOwnProperty.call(context, k) && k.toLowerCase() === lower) return context[k];
  return undefined;
}

function bestMatch(g: Group): PrincipalMatch | undefined {
  let best: PrincipalMatch | undefined;
  for (let i = 0; i < g.policies.length; i++) {
    const m = g.policies[i].allowedAs;
    if (m === 'direct') return m;
    if (m === 'role' || (m && !best)) best = m;
  }
  return best;
}

/**
 * Decides one request as AWS's policy evaluation logic does: an explicit deny in any applicable
 * policy wins; every SCP and RCP level must allow; then the identity-based and resource-based
 * sides, with the same-account and cross-account rules. Pure, and never throws.
 */
export function evaluate(input: EvaluationInput, catalog?: IamCatalog, options?: EvaluationOptions): EvaluationResult {
  try {
    return decide(input, catalog, options?.decisionOnly === true);
  } catch (e) {
    return { decision: 'ImplicitlyDenied', deciding: [], reasons: [`The request could not be evaluated: ${(e as Error).message}`], trace: [] };
  }
}

function decide(input: EvaluationInput, catalog: IamCatalog | undefined, decisionOnly: boolean): EvaluationResult {
  const request = input.request;
  const principalArnGiven = contextValue(request.context, 'aws:principalarn');
  const caller = readCallerCached(String(request.principal ?? ''), typeof principalArnGiven === 'string' ? principalArnGiven : undefined);
  const resourceAccount = resourceAccountOf(input, caller);
  const now = input.now === undefined ? undefined : new Date(input.now);
  const action = String(request.action ?? '');
  const unsent = input.contextFromAws ? NO_KEYS : unsentKeys(request.context, action, catalog);
  const ctx = buildContext(unsent.length ? { ...request, context: withoutKeys(request.context!, unsent) } : request, caller, resourceAccount, now);
  if (unsent.length) ctx.leftOut = new Set(unsent.map((k) => k.toLowerCase()));
  const resource = String(request.resource ?? '*');
  const identityCaller = isAccountIdentity(caller);
  const hasBoundary = identityCaller && (input.permissionsBoundaries?.length ?? 0) > 0;
  const actionLower = action.toLowerCase();
  const service = action.includes(':') ? action.slice(0, action.indexOf(':')).toLowerCase() : '';
  const anyResource = resource === '*' && (catalog?.action(service, action.slice(action.indexOf(':') + 1))?.resourceTypes.length ?? 0) > 0;
  const env: MatchEnv = { action, actionLower, resource, caller, ctx, bounded: hasBoundary, anyResource, resourcePattern: resource !== '*' && /[*?]/.test(resource), decisionOnly };
  const management = input.managementAccount;

  const scpSkip = !identityCaller ? 'SCPs apply only to IAM users and roles of member accounts, not to this principal.' : caller.serviceLinked ? 'SCPs do not restrict service-linked roles.' : management && caller.account === management ? 'SCPs do not restrict principals of the management account.' : undefined;
  const rcpSkip =
    caller.kind === 'service' ? 'RCPs do not restrict requests made by AWS service principals.'
    : caller.serviceLinked ? 'RCPs do not restrict service-linked roles.'
    : management && resourceAccount === management ? 'RCPs do not restrict resources of the management account.'
    : catalog?.supportsRcp?.(service) === false && catalog.hasService(service) ? `RCPs do not apply to ${service}.`
    : undefined;
  const identitySkip = identityCaller ? (caller.kind === 'root' ? 'The root user has no identity-based policies.' : undefined) : 'Only IAM users and roles have identity-based policies.';

  // Absent slots share one empty list: most requests (an escalation check's) fill two slots of seven.
  const run = (kind: PolicyKind, docs: readonly PolicySource[] | undefined, skipped?: string, level?: number): Group => ({ kind, level, skipped, policies: docs?.length ? docs.map((d) => evaluatePolicy(d, kind, env, level)) : NO_POLICIES });
  const scps = input.serviceControlPolicies?.length ? input.serviceControlPolicies.map((lvl, i) => run('serviceControl', lvl, scpSkip, i)) : NO_GROUPS;
  const rcps = input.resourceControlPolicies?.length ? input.resourceControlPolicies.map((lvl, i) => run('resourceControl', withRcpFullAccess(lvl), rcpSkip, i)) : NO_GROUPS;
  const vpce = input.vpcEndpointPolicies?.length ? run('vpcEndpoint', input.vpcEndpointPolicies) : undefined;
  const rbp = run('resource', input.resourcePolicies);
  const identity = run('identity', input.identityPolicies, identitySkip);
  const boundary = input.permissionsBoundaries?.length ? run('permissionsBoundary', input.permissionsBoundaries, identitySkip) : undefined;
  const session = input.sessionPolicies?.length ? run('session', input.sessionPolicies, identityCaller && caller.kind !== 'root' ? undefined : 'Only role and federated user sessions have session policies.') : undefined;
  const groups = scps.concat(rcps);
  if (vpce) groups.push(vpce);
  groups.push(rbp, identity);
  if (boundary) groups.push(boundary);
  if (session) groups.push(session);
  const trace: PolicyTrace[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    for (let k = 0; k < g.policies.length; k++) trace.push(g.skipped ? { ...g.policies[k].trace, skipped: g.skipped } : g.policies[k].trace);
  }

  const result = (decision: Decision, d: DecidingStatement[], reasons: string[]): EvaluationResult => (unsent.length ? { decision, deciding: d, reasons, trace, unsentKeys: unsent } : { decision, deciding: d, reasons, trace });
  if (caller.kind === 'root' && actionLower === 'sts:assumerole' && resourceAccount && caller.account && resourceAccount !== caller.account) {
    return result('ImplicitlyDenied', [], [`The root user of account ${caller.account} cannot assume a role of another account: AssumeRole must be called with the credentials of an IAM user or role.`]);
  }
  // No permission is needed for GetCallerIdentity, and an explicit deny does not stop it.
  if (actionLower === 'sts:getcalleridentity' && caller.kind !== 'anonymous') return result('Allowed', [], []);
  const denies = deciding(groups, 'Deny');
  if (denies.length) return result('ExplicitlyDenied', denies, []);

  const owned = awsOwnedRefusal(action, resource);
  if (owned) return result('ImplicitlyDenied', [], [owned]);
  // Reasons are words for people: a decision-only evaluation (escalation) builds none of them.
  const words = !decisionOnly;
  const reasons: string[] = [];
  const what = words ? `${action} on ${resource}` : '';
  let guardrailsOk = true;
  for (let i = 0; i < scps.length + rcps.length; i++) {
    const g = i < scps.length ? scps[i] : rcps[i - scps.length];
    if (g.skipped || allows(g)) continue;
    guardrailsOk = false;
    if (words) reasons.push(`No ${KIND_WORDS[g.kind]} at level ${g.level}${g.level === 0 ? ' (root)' : ''} allows ${what}.`);
  }
  if (vpce && !allows(vpce)) {
    guardrailsOk = false;
    if (words) reasons.push(`The VPC endpoint policy does not allow ${what}.`);
  }

  const boundaryOk = !boundary || boundary.skipped !== undefined || allows(boundary);
  // GetFederationToken without a session policy gives a session with no permissions of its own.
  const bareFederatedUser = caller.kind === 'federatedUser' && !session;
  const sessionOk = bareFederatedUser ? false : !session || session.skipped !== undefined || allows(session);
  const identityOk = identityCaller && (caller.kind === 'root' || allows(identity));
  const identityPath = identityOk && boundaryOk && sessionOk;
  const required = resourcePolicyRequired(actionLower, resource);
  let match = bestMatch(rbp);
  // A role assuming itself must be named in its own trust policy: trusting the account is not enough.
  const selfAssume = required === 'trust policy' && caller.roleArn !== undefined && sameRole(caller.roleArn, resource);
  if (selfAssume && match === 'account') match = undefined;
  const sameAccount = identityCaller && (!resourceAccount || !caller.account || resourceAccount === caller.account);

  let granted: boolean;
  let grantFrom: (g: Group) => boolean;
  if (!identityCaller) {
    granted = match !== undefined;
    grantFrom = (g) => g.kind === 'resource';
    if (!granted && words) reasons.push(`No ${required ?? KIND_WORDS.resource} allows ${caller.raw || 'this principal'} to perform ${what}.`);
  } else if (!sameAccount) {
    granted = identityPath && match !== undefined;
    grantFrom = (g) => g.kind === 'resource' || g.kind === 'identity';
    if (words) {
      if (!identityOk) reasons.push(`Cross-account: no identity-based policy of ${caller.raw} allows ${what}.`);
      if (!boundaryOk) reasons.push(`The permissions boundary does not allow ${what}.`);
      if (!sessionOk) reasons.push(`The session policy does not allow ${what}.`);
      if (match === undefined) reasons.push(`Cross-account: no ${required ?? KIND_WORDS.resource} in account ${resourceAccount} allows ${caller.raw} to perform ${what}.`);
    }
  } else {
    const directGrant = match === 'direct';
    const roleGrant = match === 'role' && boundaryOk && sessionOk;
    const viaIdentity = identityPath && (!required || match !== undefined);
    granted = directGrant || roleGrant || viaIdentity;
    grantFrom = directGrant || roleGrant ? (g) => g.kind === 'resource' : (g) => g.kind === 'identity' || g.kind === 'resource';
    if (!granted && words) {
      if (required && match === undefined) reasons.push(selfAssume ? `A role assuming itself must be named in its own trust policy; trusting the account is not enough.` : `The ${required} does not allow ${caller.raw} to perform ${what}; identity-based policies alone cannot grant it.`);
      if (match === 'role' && !(boundaryOk && sessionOk)) reasons.push(`The ${required ?? KIND_WORDS.resource} names the role, not the session, so the permissions boundary and session policy still limit it.`);
      if (!identityOk) reasons.push(`No identity-based policy allows ${what}${match === 'account' ? ' (the resource-based policy names only the account, which leaves the decision to identity-based policies)' : ''}.`);
      if (!boundaryOk) reasons.push(`The permissions boundary does not allow ${what}.`);
      if (!sessionOk) reasons.push(bareFederatedUser ? 'A federated user session without a session policy has only what resource-based policies grant it by name.' : `The session policy does not allow ${what}.`);
    }
  }
  if (!guardrailsOk || !granted) return result('ImplicitlyDenied', [], reasons);
  return result('Allowed', deciding(groups, 'Allow', grantFrom), []);
}
