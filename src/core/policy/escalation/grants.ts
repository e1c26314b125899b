import { globMatch, hasWildcard } from '../actions';
import { stringValues, type JsonNode, type ParsedElement, type ParsedPolicy } from '../parse';
import type { PathElement } from '../types';
import { ESCALATION_PATHS, type EscalationPath } from './paths';

/** Where a policy grants one action of a path: the Action string (or NotAction element) that does. */
export interface GrantEvidence {
  /** Index of the policy among those analysed together. */
  readonly policy: number;
  readonly action: string;
  readonly path: PathElement[];
  readonly node: JsonNode;
}

interface AllowStatement {
  readonly actions: readonly (Pattern & { path: PathElement[]; node: JsonNode })[];
  /** Set for Allow + NotAction: everything but these. */
  readonly notActions?: { readonly patterns: readonly Pattern[]; readonly path: PathElement[]; readonly node: JsonNode };
  /** Every resource is the caller's own user (`${aws:username}`, `${aws:userid}`). */
  readonly selfOnly: boolean;
}

/** What one policy allows and denies, as far as escalation paths are concerned. */
export interface PolicyGrants {
  readonly allows: readonly AllowStatement[];
  /** Action patterns of unconditional Deny statements on every resource. */
  readonly denied: readonly Pattern[];
}

const SELF = /\$\{aws:(username|userid)\}/i;

/** Reads the Allow and unconditional Deny statements of an identity policy. */
export function grantsOf(policy: ParsedPolicy): PolicyGrants {
  const allows: AllowStatement[] = [];
  const denied: Pattern[] = [];
  for (const st of policy.statements) {
    if (st.principal || st.notPrincipal) continue;
    const effect = st.effect?.valueNode.value;
    const resources = stringValues(st.resource).map((v) => v.value);
    if (effect === 'Deny') {
      if (!st.condition && !st.notResource && resources.includes('*') && !st.notAction) denied.push(...patterns(st.action));
      continue;
    }
    if (effect !== 'Allow') continue;
    const selfOnly = !st.notResource && resources.length > 0 && resources.every((r) => SELF.test(r));
    if (st.notAction) {
      allows.push({ actions: [], notActions: { patterns: patterns(st.notAction), path: st.notAction.path, node: st.notAction.valueNode }, selfOnly });
    } else {
      const actions: AllowStatement['actions'][number][] = [];
      for (const v of stringValues(st.action)) {
        const p = pattern(v.value);
        if (p) actions.push({ ...p, path: v.path, node: v.node });
      }
      allows.push({ actions, selfOnly });
    }
  }
  return { allows, denied };
}

/** An action pattern with its service prefix lowercased ('' when the prefix has a wildcard), found once per policy. */
interface Pattern {
  readonly value: string;
  readonly prefix: string;
}

/** The lowercased service prefixes that some escalation path names. */
const PATH_SERVICES = new Set(ESCALATION_PATHS.flatMap((p) => p.requires.flat().map((a) => a.slice(0, a.indexOf(':')).toLowerCase())));

/**
 * The pattern of one Action string, or undefined when it names a service that no path involves:
 * such a pattern can never cover a path's action, and policies list hundreds of them.
 */
function pattern(value: string): Pattern | undefined {
  const colon = value.indexOf(':');
  const head = colon > 0 ? value.slice(0, colon) : '';
  if (hasWildcard(head)) return { value, prefix: '' };
  const prefix = head.toLowerCase();
  return prefix && !PATH_SERVICES.has(prefix) ? undefined : { value, prefix };
}

function patterns(el: ParsedElement | undefined): Pattern[] {
  const out: Pattern[] = [];
  for (const v of stringValues(el)) {
    const p = pattern(v.value);
    if (p) out.push(p);
  }
  return out;
}

/** Matches an action pattern against one action (`service`: its lowercased prefix), as IAM does: case-insensitive, * and ?. */
function covers(p: Pattern, action: string, service: string): boolean {
  if (p.value === '*') return true;
  // Most patterns name another service: comparing prefixes first spares the glob match.
  if (p.prefix && p.prefix !== service) return false;
  return globMatch(p.value, action);
}

/** Where the policies grant an action, first evidence only; undefined when none does. */
function grantOf(all: readonly PolicyGrants[], action: string, path: EscalationPath): GrantEvidence | undefined {
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  if (all.some((g) => g.denied.some((p) => covers(p, action, service)))) return undefined;
  for (let i = 0; i < all.length; i++) {
    for (const st of all[i].allows) {
      if (path.onOtherUsers && st.selfOnly) continue;
      if (st.notActions) {
        if (!st.notActions.patterns.some((p) => covers(p, action, service))) return { policy: i, action, path: st.notActions.path, node: st.notActions.node };
        continue;
      }
      const hit = st.actions.find((a) => covers(a, action, service));
      if (hit) return { policy: i, action, path: hit.path, node: hit.node };
    }
  }
  return undefined;
}

export interface EscalationFinding {
  readonly path: EscalationPath;
  /** One grant per required group, in the path's order. */
  readonly evidence: readonly GrantEvidence[];
}

/**
 * The escalation paths that a set of policies (one policy, or every policy of one principal) opens.
 * Action wildcards are matched against each path's action names, which is the same as expanding
 * them through the IAM data and looking for those names.
 */
export function escalationPaths(all: readonly PolicyGrants[]): EscalationFinding[] {
  const out: EscalationFinding[] = [];
  for (const path of ESCALATION_PATHS) {
    const evidence: GrantEvidence[] = [];
    for (const group of path.requires) {
      let found: GrantEvidence | undefined;
      for (const action of group) if ((found = grantOf(all, action, path))) break;
      if (!found) break;
      evidence.push(found);
    }
    if (evidence.length === path.requires.length) out.push({ path, evidence });
  }
  return out;
}

/** The finding's text: what the grants allow and where to read about it. */
export function escalationDetails(f: EscalationFinding, policyNames?: readonly string[]): string {
  const granted = f.evidence.map((e) => `${e.action}${policyNames && policyNames[e.policy] ? ` (${policyNames[e.policy]})` : ''}`);
  const list = granted.length > 1 ? `${granted.slice(0, -1).join(', ')} and ${granted[granted.length - 1]}` : granted[0];
  return `Granting ${list} opens a documented privilege-escalation path: whoever has ${granted.length > 1 ? 'them' : 'it'} ${f.path.how}. Scope the resources to what is needed, add conditions, or deny it with a permissions boundary. See ${f.path.source}.`;
}
