import * as l10n from '@vscode/l10n';
import { fill } from '../fill';
import type { IamCatalog } from '../policy/catalog';
import { splitArn } from '../policy/checks/arnFormats';
import { awsOwnedRefusal } from './awsOwned';
import { buildContext } from './context';
import { evaluatePolicy, type EvaluatedPolicy, type MatchEnv } from './policies';
import { accountPartitionOf, inPartition, isAccountIdentity, readCallerCached, type Caller, type PrincipalMatch } from './principal';
import { sessionRefusal } from './sessionLimits';
import type { Decision, DecidingStatement, EvaluationInput, EvaluationOptions, EvaluationResult, PolicyKind, PolicySource, PolicyTrace } from './types';
import { unsentKeys, withoutKeys } from './unsentKeys';

export * from './types';
export { parseScenario, type ParsedScenario } from './scenario';
export { explainResult, summarize, statementLabel, type LineMapper } from './explain';

/** The guardrail kinds as the reasons of a denial name them. */
function guardrailWords(kind: PolicyKind): string {
  return kind === 'serviceControl' ? l10n.t('service control policy') : l10n.t('resource control policy');
}

/** Actions whose resource's own policy must allow them: role trust policies and KMS key policies. */
function resourcePolicyRequired(lower: string, resource: string): 'trust' | 'key' | undefined {
  if (lower.startsWith('sts:') && /^arn:[^:]*:iam::[^:]*:role\//.test(resource)) return 'trust';
  if (lower.startsWith('kms:') && /^arn:[^:]*:kms:[^:]*:[^:]*:key\//.test(resource)) return 'key';
  return undefined;
}

/** The resource's policy that must allow a request, as the reasons name it. */
function resourcePolicyWords(required: 'trust' | 'key' | undefined): string {
  return required === 'trust' ? l10n.t('trust policy') : required === 'key' ? l10n.t('key policy') : l10n.t('resource-based policy');
}

/** Whether two role ARNs name the same role (a session's role ARN may lack the path). */
function sameRole(a: string, b: string): boolean {
  const x = splitArn(a);
  const y = splitArn(b);
  if (!x || !y || x.partition !== y.partition || x.account !== y.account || !y.resource.startsWith('role/')) return false;
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
const RCP_FULL_AWS_ACCESS_TEXT = `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }, null, 2)}\n`;

/** RCPFullAWSAccess as the trace names it (named when asked: the name is in the display language). */
function rcpFullAwsAccess(): PolicySource {
  return { name: l10n.t('RCPFullAWSAccess (attached to every root, OU and account; cannot be detached)'), text: RCP_FULL_AWS_ACCESS_TEXT };
}

/** The level's documents with RCPFullAWSAccess, unless the scenario already gives it. */
function withRcpFullAccess(level: readonly PolicySource[]): readonly PolicySource[] {
  return level.some((d) => /RCPFullAWSAccess/i.test(d.name) || /RCPFullAWSAccess/.test(d.text)) ? level : [rcpFullAwsAccess(), ...level];
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

const ACCOUNT_ONLY = /^\d{12}$/;

/** The Region the request names (aws:RequestedRegion), when it gives one as text. */
function regionOf(context: EvaluationInput['request']['context']): string | undefined {
  const v = contextValue(context, 'aws:requestedregion');
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
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
    return { decision: 'ImplicitlyDenied', deciding: [], reasons: [fill(l10n.t('The request could not be evaluated: {0}'), String((e as Error).message))], trace: [] };
  }
}

function decide(input: EvaluationInput, catalog: IamCatalog | undefined, decisionOnly: boolean): EvaluationResult {
  const request = input.request;
  const principalArnGiven = contextValue(request.context, 'aws:principalarn');
  const principal = String(request.principal ?? '');
  const principalArn = typeof principalArnGiven === 'string' ? principalArnGiven : undefined;
  // An account ID alone names its root user in the partition the request is in.
  const accountPartition = principal.length >= 12 && ACCOUNT_ONLY.test(principal) ? accountPartitionOf(String(request.resource ?? ''), principalArn, regionOf(request.context)) : undefined;
  const caller = readCallerCached(principal, principalArn, accountPartition);
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

  const scpSkip = !identityCaller ? l10n.t('SCPs apply only to IAM users and roles of member accounts, not to this principal.') : caller.serviceLinked ? l10n.t('SCPs do not restrict service-linked roles.') : management && caller.account === management ? l10n.t('SCPs do not restrict principals of the management account.') : undefined;
  // RCPs restrict AWS service principals too: AWS's confused-deputy RCPs rely on it.
  const rcpSkip =
    caller.serviceLinked ? l10n.t('RCPs do not restrict service-linked roles.')
    : management && resourceAccount === management ? l10n.t('RCPs do not restrict resources of the management account.')
    : catalog?.supportsRcp?.(service) === false && catalog.hasService(service) ? fill(l10n.t('RCPs do not apply to {0}.'), service)
    : undefined;
  const identitySkip = identityCaller ? (caller.kind === 'root' ? l10n.t('The root user has no identity-based policies.') : undefined) : l10n.t('Only IAM users and roles have identity-based policies.');

  // Absent slots share one empty list: most requests (an escalation check's) fill two slots of seven.
  const run = (kind: PolicyKind, docs: readonly PolicySource[] | undefined, skipped?: string, level?: number): Group => ({ kind, level, skipped, policies: docs?.length ? docs.map((d) => evaluatePolicy(d, kind, env, level)) : NO_POLICIES });
  const scps = input.serviceControlPolicies?.length ? input.serviceControlPolicies.map((lvl, i) => run('serviceControl', lvl, scpSkip, i)) : NO_GROUPS;
  const rcps = input.resourceControlPolicies?.length ? input.resourceControlPolicies.map((lvl, i) => run('resourceControl', withRcpFullAccess(lvl), rcpSkip, i)) : NO_GROUPS;
  const vpce = input.vpcEndpointPolicies?.length ? run('vpcEndpoint', input.vpcEndpointPolicies) : undefined;
  const rbp = run('resource', input.resourcePolicies);
  const identity = run('identity', input.identityPolicies, identitySkip);
  const boundary = input.permissionsBoundaries?.length ? run('permissionsBoundary', input.permissionsBoundaries, identitySkip) : undefined;
  const session = input.sessionPolicies?.length ? run('session', input.sessionPolicies, identityCaller && caller.kind !== 'root' ? undefined : l10n.t('Only role and federated user sessions have session policies.')) : undefined;
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
  // AWS: "You cannot use AWS account root user credentials to call AssumeRole", its own account's roles included.
  if (caller.kind === 'root' && actionLower === 'sts:assumerole') {
    return result('ImplicitlyDenied', [], [fill(l10n.t('The root user of account {0} cannot assume a role: AssumeRole must be called with the credentials of an IAM user or role.'), caller.account ?? '')]);
  }
  // No permission is needed for GetCallerIdentity, and an explicit deny does not stop it.
  if (actionLower === 'sts:getcalleridentity' && caller.kind !== 'anonymous') return result('Allowed', [], []);
  // AWS: "IAM roles and resource-based policies delegate access across accounts only within a single partition".
  // Escalation questions (decision only) come from a caller in the partition of the policy's resources, or in aws
  // when they name several: the rule is for the requests people state.
  const resourcePartition = decisionOnly ? undefined : splitArn(resource)?.partition;
  if (resourcePartition && !/[*?]/.test(resourcePartition) && !inPartition(caller, resourcePartition)) {
    return result('ImplicitlyDenied', [], [fill(l10n.t('{0} is in the {1} partition and {2} in the {3} partition: no policy grants access across partitions.'), caller.raw, caller.partition, resource, resourcePartition)]);
  }
  const refused = sessionRefusal(request, caller, service, actionLower, ctx);
  if (refused) return result('ImplicitlyDenied', [], [refused]);
  const denies = deciding(groups, 'Deny');
  if (denies.length) return result('ExplicitlyDenied', denies, []);

  const owned = awsOwnedRefusal(action, resource);
  if (owned) return result('ImplicitlyDenied', [], [owned]);
  // Reasons are words for people: a decision-only evaluation (escalation) builds none of them.
  const words = !decisionOnly;
  const reasons: string[] = [];
  let guardrailsOk = true;
  for (let i = 0; i < scps.length + rcps.length; i++) {
    const g = i < scps.length ? scps[i] : rcps[i - scps.length];
    if (g.skipped || allows(g)) continue;
    guardrailsOk = false;
    if (words) reasons.push(g.level === 0 ? fill(l10n.t('No {0} at level {1} (root) allows {2} on {3}.'), guardrailWords(g.kind), g.level, action, resource) : fill(l10n.t('No {0} at level {1} allows {2} on {3}.'), guardrailWords(g.kind), String(g.level), action, resource));
  }
  if (vpce && !allows(vpce)) {
    guardrailsOk = false;
    if (words) reasons.push(fill(l10n.t('The VPC endpoint policy does not allow {0} on {1}.'), action, resource));
  }

  const boundaryOk = !boundary || boundary.skipped !== undefined || allows(boundary);
  // GetFederationToken without a session policy gives a session with no permissions of its own.
  const bareFederatedUser = caller.kind === 'federatedUser' && !session;
  const sessionOk = bareFederatedUser ? false : !session || session.skipped !== undefined || allows(session);
  const identityOk = identityCaller && (caller.kind === 'root' || allows(identity));
  const identityPath = identityOk && boundaryOk && sessionOk;
  const required = resourcePolicyRequired(actionLower, resource);
  // A role assuming itself needs its own trust policy to allow it, like any caller: naming the role, or
  // the account (then its identity-based policies decide). AWS removed the implicit self-trust.
  const selfAssume = required === 'trust' && caller.roleArn !== undefined && sameRole(caller.roleArn, resource);
  const match = bestMatch(rbp);
  const sameAccount = identityCaller && (!resourceAccount || !caller.account || resourceAccount === caller.account);

  let granted: boolean;
  let grantFrom: (g: Group) => boolean;
  if (!identityCaller) {
    granted = match !== undefined;
    grantFrom = (g) => g.kind === 'resource';
    if (!granted && words) reasons.push(caller.raw ? fill(l10n.t('No {0} allows {1} to perform {2} on {3}.'), resourcePolicyWords(required), caller.raw, action, resource) : fill(l10n.t('No {0} allows this principal to perform {1} on {2}.'), resourcePolicyWords(required), action, resource));
  } else if (!sameAccount) {
    granted = identityPath && match !== undefined;
    grantFrom = (g) => g.kind === 'resource' || g.kind === 'identity';
    if (words) {
      if (!identityOk) reasons.push(fill(l10n.t('Cross-account: no identity-based policy of {0} allows {1} on {2}.'), caller.raw, action, resource));
      if (!boundaryOk) reasons.push(fill(l10n.t('The permissions boundary does not allow {0} on {1}.'), action, resource));
      if (!sessionOk) reasons.push(fill(l10n.t('The session policy does not allow {0} on {1}.'), action, resource));
      if (match === undefined) reasons.push(fill(l10n.t('Cross-account: no {0} in account {1} allows {2} to perform {3} on {4}.'), resourcePolicyWords(required), String(resourceAccount), caller.raw, action, resource));
    }
  } else {
    const directGrant = match === 'direct';
    const roleGrant = match === 'role' && boundaryOk && sessionOk;
    const viaIdentity = identityPath && (!required || match !== undefined);
    granted = directGrant || roleGrant || viaIdentity;
    grantFrom = directGrant || roleGrant ? (g) => g.kind === 'resource' : (g) => g.kind === 'identity' || g.kind === 'resource';
    if (!granted && words) {
      if (required && match === undefined) reasons.push(selfAssume ? l10n.t('A role assuming itself needs its own trust policy to allow it, naming the role or its account; its identity-based policies alone do not let it.') : fill(l10n.t('The {0} does not allow {1} to perform {2} on {3}; identity-based policies alone cannot grant it.'), resourcePolicyWords(required), caller.raw, action, resource));
      if (match === 'role' && !(boundaryOk && sessionOk)) reasons.push(fill(l10n.t('The {0} names the role, not the session, so the permissions boundary and session policy still limit it.'), resourcePolicyWords(required)));
      if (!identityOk) reasons.push(match === 'account' ? fill(l10n.t('No identity-based policy allows {0} on {1} (the resource-based policy names only the account, which leaves the decision to identity-based policies).'), action, resource) : fill(l10n.t('No identity-based policy allows {0} on {1}.'), action, resource));
      if (!boundaryOk) reasons.push(fill(l10n.t('The permissions boundary does not allow {0} on {1}.'), action, resource));
      if (!sessionOk) reasons.push(bareFederatedUser ? l10n.t('A federated user session without a session policy has only what resource-based policies grant it by name.') : fill(l10n.t('The session policy does not allow {0} on {1}.'), action, resource));
    }
  }
  if (!guardrailsOk || !granted) return result('ImplicitlyDenied', [], reasons);
  return result('Allowed', deciding(groups, 'Allow', grantFrom), []);
}
