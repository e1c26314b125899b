import * as l10n from '@vscode/l10n';
import { principals } from '../evaluation/compiledPolicy';
import { inPartition, readCaller, type Caller } from '../evaluation/principal';
import { splitArn } from '../policy/checks/arnFormats';
import type { ContextValue, EvaluationInput, EvaluationResult, PolicySource, StatementTrace } from '../evaluation/types';
import { parsePolicy } from '../policy/parse';

/** An identity STS Lens knows: a profile's, a session's, or a recent role. */
export interface KnownIdentity {
  /** What people call it: a profile name, a session title. */
  readonly label: string;
  /** Its ARN as GetCallerIdentity reports it (user, role, assumed-role session). */
  readonly arn?: string;
  /** Why no ARN is known (credentials could not be loaded, no session), when `arn` is absent. */
  readonly problem?: string;
}

export interface AssumeOptions {
  readonly externalId?: string;
  readonly mfa?: boolean;
  /** Token claims for AssumeRoleWithWebIdentity, e.g. { "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main" }. */
  readonly webIdentity?: { readonly provider: string; readonly claims: Readonly<Record<string, string>> };
  /** `saml:*` keys for AssumeRoleWithSAML, with the SAML provider's ARN. */
  readonly saml?: { readonly provider: string; readonly keys: Readonly<Record<string, string>> };
}

export interface AssumeCandidate {
  readonly label: string;
  readonly input?: EvaluationInput;
  readonly problem?: string;
}

export type AssumeVerdict = 'can' | 'cannot' | 'needs-identity-policy' | 'unknown';

export interface AssumeRow {
  readonly label: string;
  readonly principal?: string;
  readonly verdict: AssumeVerdict;
  /** The statement or condition responsible, in words. */
  readonly because: string;
}

/** One AssumeRole (or web identity / SAML) request per identity against the trust policy. */
export function assumeCandidates(roleArn: string, trust: PolicySource, identities: readonly KnownIdentity[], options: AssumeOptions = {}): AssumeCandidate[] {
  const out: AssumeCandidate[] = identities.map((id) => {
    if (!id.arn) return { label: id.label, problem: id.problem ?? l10n.t('identity unknown') };
    const context: Record<string, ContextValue> = { 'aws:MultiFactorAuthPresent': options.mfa ? 'true' : 'false' };
    if (options.mfa) context['aws:MultiFactorAuthAge'] = '60';
    if (options.externalId) context['sts:ExternalId'] = options.externalId;
    return { label: id.label, input: { request: { principal: id.arn, action: 'sts:AssumeRole', resource: roleArn, context }, resourcePolicies: [trust] } };
  });
  if (options.webIdentity) {
    out.push({ label: l10n.t('web identity {0}', options.webIdentity.provider), input: { request: { principal: options.webIdentity.provider, action: 'sts:AssumeRoleWithWebIdentity', resource: roleArn, context: { ...options.webIdentity.claims } }, resourcePolicies: [trust] } });
  }
  if (options.saml) {
    out.push({ label: l10n.t('SAML {0}', options.saml.provider), input: { request: { principal: options.saml.provider, action: 'sts:AssumeRoleWithSAML', resource: roleArn, context: { ...options.saml.keys } }, resourcePolicies: [trust] } });
  }
  return out;
}

/** Reads one evaluation as a row: who can, who cannot, and the statement or condition responsible. */
export function assumeRow(c: AssumeCandidate, result: EvaluationResult | undefined): AssumeRow {
  const principal = c.input?.request.principal;
  if (!c.input || !result) return { label: c.label, principal, verdict: 'unknown', because: c.problem ?? l10n.t('not evaluated') };
  const statements = result.trace.flatMap((p) => p.statements);
  const named = (s: { sid?: string; index: number }) => (s.sid ? l10n.t('statement "{0}"', s.sid) : l10n.t('statement #{0}', s.index + 1));
  if (result.decision === 'Allowed') {
    const d = result.deciding[0]?.statement;
    return { label: c.label, principal, verdict: 'can', because: d ? l10n.t('allowed by {0}', named(d)) : l10n.t('allowed') };
  }
  if (result.decision === 'ExplicitlyDenied') {
    const d = result.deciding[0]?.statement;
    return { label: c.label, principal, verdict: 'cannot', because: d ? l10n.t('denied by {0}', named(d)) : l10n.t('explicitly denied') };
  }
  // A trust statement that applies but does not grant on its own (it names the account, or the caller is in another account):
  // the caller's policies decide. Not for the root user, which has no policies of its own and cannot call AssumeRole at all,
  // nor for a caller in another partition than the role's, which no policy lets in (the engine says why).
  const applying = statements.find((s) => s.applies && s.effect === 'Allow');
  const caller = readCaller(principal ?? '');
  const rolePartition = splitArn(c.input.request.resource)?.partition;
  if (applying && caller.kind !== 'root' && (!rolePartition || inPartition(caller, rolePartition))) return { label: c.label, principal, verdict: 'needs-identity-policy', because: trustedWords(named(applying), whomItTrusts(applying, c.input.resourcePolicies?.[0], caller), conditionKeys(applying)) };
  // The statement that came closest: the principal matched but a condition failed.
  const byCondition = statements.find((s) => s.effect === 'Allow' && s.mismatch === 'condition');
  if (byCondition) {
    const failed = byCondition.conditions.find((x) => !x.matched);
    return { label: c.label, principal, verdict: 'cannot', because: l10n.t({ message: '{0}: {1}', args: [named(byCondition), (failed ?? byCondition).explanation], comment: ['A trust statement, then why its condition failed'] }) };
  }
  return { label: c.label, principal, verdict: 'cannot', because: result.reasons[0] ?? l10n.t('no statement trusts this principal') };
}

/** Condition keys named in a sentence before the rest are counted: a statement rarely tests more. */
const NAMED_KEYS = 5;

/** The keys a statement's conditions test, in the order written, each once; undefined when it has none. */
function conditionKeys(st: StatementTrace): string | undefined {
  const keys = [...new Set(st.conditions.map((x) => x.key))];
  if (!keys.length) return undefined;
  return keys.length > NAMED_KEYS ? l10n.t('{0} and {1} more keys', keys.slice(0, NAMED_KEYS).join(', '), (keys.length - NAMED_KEYS).toLocaleString('en-US')) : keys.join(', ');
}

/** Whom an applying trust statement trusts, as its Principal says: anyone (`*`), the caller's account, or the caller by name. */
function whomItTrusts(st: StatementTrace, trust: PolicySource | undefined, caller: Caller): 'any' | 'account' | 'named' {
  const parsed = trust && (trust.parsed?.text === trust.text ? trust.parsed : parsePolicy(trust.text));
  const p = principals(parsed?.statements.find((s) => (s.index ?? 0) === st.index)?.principal);
  if (!p || p.all || p.aws.includes('*') || p.federated.includes('*')) return 'any';
  const account = caller.account;
  return account && p.aws.some((v) => v.trim() === account || v.trim() === `arn:${caller.partition}:iam::${account}:root`) ? 'account' : 'named';
}

/** Why the caller's own policies decide: what the statement trusts, subject to the keys its conditions test. */
function trustedWords(statement: string, whom: 'any' | 'account' | 'named', keys: string | undefined): string {
  switch (whom) {
    case 'any': return keys
      ? l10n.t('{0} trusts any principal, subject to its conditions on {1}; its own policies must also allow sts:AssumeRole', statement, keys)
      : l10n.t('{0} trusts any principal; its own policies must also allow sts:AssumeRole', statement);
    case 'account': return keys
      ? l10n.t('{0} trusts its account, subject to its conditions on {1}; its own policies must also allow sts:AssumeRole', statement, keys)
      : l10n.t('{0} trusts its account; its own policies must also allow sts:AssumeRole', statement);
    case 'named': return keys
      ? l10n.t('{0} names it, subject to its conditions on {1}; its own policies must also allow sts:AssumeRole', statement, keys)
      : l10n.t('{0} names it; its own policies must also allow sts:AssumeRole', statement);
  }
}
