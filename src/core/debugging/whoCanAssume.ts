import * as l10n from '@vscode/l10n';
import { readCaller } from '../evaluation/principal';
import type { ContextValue, EvaluationInput, EvaluationResult, PolicySource } from '../evaluation/types';

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
  // A trust statement that applies but does not grant on its own (it names the account): the caller's policies decide.
  // Not for the root user, which has no policies of its own and cannot call AssumeRole at all (the engine says why).
  const applying = statements.find((s) => s.applies && s.effect === 'Allow');
  if (applying && readCaller(principal ?? '').kind !== 'root') return { label: c.label, principal, verdict: 'needs-identity-policy', because: l10n.t('{0} trusts its account; its own policies must also allow sts:AssumeRole', named(applying)) };
  // The statement that came closest: the principal matched but a condition failed.
  const byCondition = statements.find((s) => s.effect === 'Allow' && s.mismatch === 'condition');
  if (byCondition) {
    const failed = byCondition.conditions.find((x) => !x.matched);
    return { label: c.label, principal, verdict: 'cannot', because: l10n.t({ message: '{0}: {1}', args: [named(byCondition), (failed ?? byCondition).explanation], comment: ['A trust statement, then why its condition failed'] }) };
  }
  return { label: c.label, principal, verdict: 'cannot', because: result.reasons[0] ?? l10n.t('no statement trusts this principal') };
}
