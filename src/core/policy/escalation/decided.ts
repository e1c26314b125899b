import { decideEscalations, type EscalationSubject } from '../../evaluation/escalation/decide';
import { grantsFullAccess } from '../../evaluation/escalation/fullAccess';
import { ACTION_COUNT } from '../../evaluation/escalation/pathActions';
import type { PolicySource } from '../../evaluation/types';
import type { IamCatalog } from '../catalog';
import { globMatch } from '../actions';
import { stringValues, type ParsedPolicy, type ParsedStatement } from '../parse';
import type { PathElement } from '../types';
import { escalationPaths, evidenceOf, type EscalationFinding, type GrantEvidence, type PolicyGrants } from './grants';

/** A policy taking part in an escalation question: its text, parsed, and its action-level grants. */
export interface SubjectPolicy {
  readonly parsed: ParsedPolicy;
  readonly grants: PolicyGrants;
}

export interface DecidedFinding extends EscalationFinding {
  /** Conditions the caller does not control that the path needs, in words. */
  readonly onlyIf: readonly string[];
}

/** Who the policies belong to, when known: the caller's ARN, its account and its permissions boundary; and the IAM data (see EscalationSubject). */
export interface SubjectOptions {
  readonly caller?: string;
  readonly account?: string;
  readonly boundaries?: readonly PolicySource[];
  readonly catalog?: IamCatalog;
}

/** Where in a statement the action is granted: the first Action string that covers it, or NotAction. */
function evidenceIn(st: ParsedStatement, action: string, policy: number): GrantEvidence | undefined {
  if (st.action) {
    const v = stringValues(st.action).find((x) => x.value === '*' || globMatch(x.value, action));
    if (v) return { policy, action, path: v.path, node: v.node };
  }
  if (st.notAction) return { policy, action, path: st.notAction.path, node: st.notAction.valueNode };
  return undefined;
}

function subjectOf(policies: readonly SubjectPolicy[], options: SubjectOptions): EscalationSubject {
  return { identity: policies.map((p, i) => ({ name: String(i), text: p.parsed.text })), parsed: policies.map((p) => p.parsed), covered: policies.map((p) => p.grants.covered), boundaries: options.boundaries, caller: options.caller, account: options.account, catalog: options.catalog };
}

/**
 * The escalation paths that the policies of one principal open, decided by the evaluation engine.
 * Paths whose actions the policies do not grant at all are set aside first, which keeps this
 * cheap enough for every keystroke.
 */
export function decidedEscalations(policies: readonly SubjectPolicy[], options: SubjectOptions = {}): DecidedFinding[] {
  const candidates = escalationPaths(policies.map((p) => p.grants));
  if (candidates.length === 0) return [];
  const decisions = decideEscalations(subjectOf(policies, options), candidates.map((c) => c.path));
  return decisions.map((d) => {
    const candidate = candidates.find((c) => c.path === d.path)!;
    const evidence = d.grants.map((g, i) => {
      const by = g.allowedBy[0];
      if (!by || !policies[by.policy]) return candidate.evidence[i];
      // The grants read each Allow statement's strings once already; a statement with both Action and NotAction they read as NotAction.
      const subject = policies[by.policy];
      const st = subject.parsed.statements.find((s) => (s.index ?? 0) === by.statement);
      const read = st && !(st.action && st.notAction) ? evidenceOf(subject.grants, by.policy, by.statement, g.request.action) : undefined;
      return read ?? (st && evidenceIn(st, g.request.action, by.policy)) ?? candidate.evidence[i];
    });
    return { path: d.path, evidence, onlyIf: d.onlyIf };
  });
}

/** Where a policy set allows every action on every resource with nothing denied, if it does. */
export function fullAdminEvidence(policies: readonly SubjectPolicy[], options: SubjectOptions = {}): { policy: number; path: PathElement[]; node: GrantEvidence['node'] } | undefined {
  // Every action covers every path action: most policies grant some path action nowhere, and are
  // settled without reading their Action lists again.
  if (!policies.some((p) => grantsEveryPathAction(p.grants))) return undefined;
  const at = grantsFullAccess(subjectOf(policies, options));
  if (!at) return undefined;
  const st = policies[at.policy].parsed.statements.find((s) => (s.index ?? 0) === at.statement);
  const v = st?.action && stringValues(st.action).find((x) => x.value === '*' || x.value === '*:*');
  return v ? { policy: at.policy, path: v.path, node: v.node } : undefined;
}

function grantsEveryPathAction(g: PolicyGrants): boolean {
  return g.grantedActions.length === ACTION_COUNT;
}
