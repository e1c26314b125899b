import { ACTION_COUNT, coveredByAction, NO_MARKS, PATH_ACTION_NAMES, pathActionIndex } from '../../evaluation/escalation/pathActions';
import { stringValues, type JsonNode, type ParsedElement, type ParsedPolicy, type ParsedValue } from '../parse';
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
  /** The statement's index (see ParsedStatement.index), as the escalation decision names it. */
  readonly index: number;
  /** Per path action: the first Action string that covers it (unset for NotAction statements). */
  readonly first?: readonly (ParsedValue | undefined)[];
  /** Set for Allow + NotAction: the path actions NotAction leaves out (1), and the element. */
  readonly notActions?: { readonly excluded: Uint8Array; readonly element: ParsedElement };
  /** Every resource is the caller's own user (`${aws:username}`, `${aws:userid}`). */
  readonly selfOnly: boolean;
}

/** What one policy allows and denies, as far as escalation paths are concerned. */
export interface PolicyGrants {
  readonly allows: readonly AllowStatement[];
  /** Path actions an unconditional Deny statement on every resource names (1). */
  readonly denied: Uint8Array;
  /** Path actions some Allow statement may grant (1), whatever its resources. */
  readonly granted: Uint8Array;
  /** The same actions as a list, in the order first met: most policies grant none or a few. */
  readonly grantedActions: readonly number[];
  /**
   * Per statement, by position: the path actions an Allow statement's Action or NotAction strings
   * cover (1); unset for the statements not read. The escalation decision asks this of the same
   * statements for each request it tries (see EscalationSubject.covered).
   */
  readonly covered: readonly (Uint8Array | undefined)[];
}

const SELF = /\$\{aws:(?:username|userid)\}/i;

function selfOnly(el: ParsedElement | undefined): boolean {
  const values = stringValues(el);
  if (values.length === 0) return false;
  for (let i = 0; i < values.length; i++) if (!SELF.test(values[i].value)) return false;
  return true;
}

function hasStar(el: ParsedElement | undefined): boolean {
  const values = stringValues(el);
  for (let i = 0; i < values.length; i++) if (values[i].value === '*') return true;
  return false;
}

/** A statement's Action strings as the linter resolved them, in order, with their lowercased service prefixes. */
export interface ResolvedStatementActions {
  readonly actions: readonly ResolvedValue[];
  /** Whether one of the strings covers a path action (see ResolvedValue.covers): most statements' strings cover none. */
  readonly coversPathAction?: boolean;
}

/** A string of Action as the linter resolved it: `service` is '' for "*" and strings it could not split; `covers`, the path actions it covers. */
type ResolvedValue = ParsedValue & { readonly value: string; readonly service?: string; readonly covers?: readonly number[] };

function actionValues(el: ParsedElement | undefined, resolved: ResolvedStatementActions | undefined): readonly ResolvedValue[] {
  return resolved ? resolved.actions : stringValues(el);
}

/** The path actions a string covers: as the linter resolved it, or by its service (see coveredByAction). */
function coveredByValue(v: ResolvedValue): readonly number[] {
  return v.covers ?? coveredByAction(v.value, v.service ?? '');
}

/** Marks every path action that one of the strings covers. */
function markCovered(values: readonly ResolvedValue[], into: Uint8Array): void {
  for (let i = 0; i < values.length; i++) {
    const covered = coveredByValue(values[i]);
    for (let k = 0; k < covered.length; k++) into[covered[k]] = 1;
  }
}

/**
 * Reads the Allow and unconditional Deny statements of an identity policy. `resolved`, when the
 * linter has resolved the statements already (one entry per statement, in order), gives the
 * Action strings without reading the element again.
 */
export function grantsOf(policy: ParsedPolicy, resolved?: readonly ResolvedStatementActions[]): PolicyGrants {
  if (resolved && grantsNoPathAction(policy, resolved)) return noGrants(policy);
  const allows: AllowStatement[] = [];
  const denied = new Uint8Array(ACTION_COUNT);
  const granted = new Uint8Array(ACTION_COUNT);
  const grantedActions: number[] = [];
  const statements = policy.statements;
  const statementMarks = new Array<Uint8Array | undefined>(statements.length);
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (st.principal || st.notPrincipal) continue;
    const effect = st.effect?.valueNode.value;
    // Statements whose Action strings the linter found to cover no path action are settled unread.
    const none = resolved?.[i]?.coversPathAction === false;
    if (effect === 'Deny') {
      if (!none && !st.condition && !st.notResource && !st.notAction && hasStar(st.resource)) markCovered(actionValues(st.action, resolved?.[i]), denied);
      continue;
    }
    if (effect !== 'Allow') continue;
    if (st.notAction) {
      const excluded = new Uint8Array(ACTION_COUNT);
      markCovered(stringValues(st.notAction), excluded);
      statementMarks[i] = excluded;
      for (let k = 0; k < ACTION_COUNT; k++) {
        if (excluded[k] || granted[k]) continue;
        granted[k] = 1;
        grantedActions.push(k);
      }
      allows.push({ index: st.index ?? 0, notActions: { excluded, element: st.notAction }, selfOnly: !st.notResource && selfOnly(st.resource) });
      continue;
    }
    if (none) {
      if (st.action) statementMarks[i] = NO_MARKS;
      continue;
    }
    const values = actionValues(st.action, resolved?.[i]);
    let first: (ParsedValue | undefined)[] | undefined;
    let marks: Uint8Array | undefined;
    for (let j = 0; j < values.length; j++) {
      const covered = coveredByValue(values[j]);
      // Most strings name no path's action: they cost one look-up.
      if (covered.length === 0) continue;
      first ??= new Array<ParsedValue | undefined>(ACTION_COUNT);
      marks ??= new Uint8Array(ACTION_COUNT);
      for (let k = 0; k < covered.length; k++) {
        const a = covered[k];
        // The first string that covers an action is its evidence.
        if (first[a] === undefined) first[a] = values[j];
        if (!granted[a]) {
          granted[a] = 1;
          grantedActions.push(a);
        }
        marks[a] = 1;
      }
    }
    if (st.action) statementMarks[i] = marks ?? NO_MARKS;
    if (first) allows.push({ index: st.index ?? 0, first, selfOnly: !st.notResource && selfOnly(st.resource) });
  }
  return { allows, denied, granted, grantedActions, covered: statementMarks };
}

/**
 * Whether the linter found that no statement's Action strings cover a path action, and no Allow
 * statement has NotAction: most policies. grantsOf then reads no statement and allocates no marks,
 * and such a policy opens no path and is no full administrator.
 */
export function grantsNoPathAction(policy: ParsedPolicy, resolved: readonly ResolvedStatementActions[]): boolean {
  const statements = policy.statements;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (st.principal || st.notPrincipal) continue;
    if (resolved[i]?.coversPathAction !== false || (st.notAction && st.effect?.valueNode.value === 'Allow')) return false;
  }
  return true;
}

const NO_ALLOWS: readonly AllowStatement[] = [];
const NO_GRANTED_ACTIONS: readonly number[] = [];

/** grantsOf for a policy that grants no path action (see grantsNoPathAction): the statements' marks are all empty. */
function noGrants(policy: ParsedPolicy): PolicyGrants {
  const statements = policy.statements;
  const covered = new Array<Uint8Array | undefined>(statements.length);
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (st.action && !st.principal && !st.notPrincipal && st.effect?.valueNode.value === 'Allow') covered[i] = NO_MARKS;
  }
  return { allows: NO_ALLOWS, denied: NO_MARKS, granted: NO_MARKS, grantedActions: NO_GRANTED_ACTIONS, covered };
}

/** A path's action by its index among PATH_ACTION_NAMES. */
const PATH_ACTIONS: readonly (readonly (readonly number[])[])[] = ESCALATION_PATHS.map((p) => p.requires.map((group) => group.map(({ action }) => pathActionIndex(action))));

/** The paths that need a path action, by its index, in the paths' order. */
const PATHS_BY_ACTION: readonly (readonly number[])[] = pathsByAction();

function pathsByAction(): number[][] {
  const byAction = PATH_ACTION_NAMES.map((): number[] => []);
  for (let p = 0; p < PATH_ACTIONS.length; p++) {
    for (const group of PATH_ACTIONS[p]) {
      for (const a of group) if (byAction[a][byAction[a].length - 1] !== p) byAction[a].push(p);
    }
  }
  return byAction;
}

/** Paths whose requests act on another user: a grant scoped to the caller's own user opens none of them. */
const ON_OTHER_USERS = new Set(ESCALATION_PATHS.filter((p) => p.requires.some((g) => g.some((r) => r.target === 'other'))));

/**
 * Where one Allow statement grants a path action (`index` as in ParsedStatement.index): its first
 * Action string that covers it, or its NotAction; undefined when it does not, or was not read.
 */
export function evidenceOf(g: PolicyGrants, policy: number, index: number, action: string): GrantEvidence | undefined {
  const a = pathActionIndex(action);
  if (a < 0) return undefined;
  const allows = g.allows;
  for (let k = 0; k < allows.length; k++) {
    const st = allows[k];
    if (st.index !== index) continue;
    if (st.notActions) return st.notActions.excluded[a] ? undefined : { policy, action, path: st.notActions.element.path, node: st.notActions.element.valueNode };
    const hit = st.first?.[a];
    return hit && { policy, action, path: hit.path, node: hit.node };
  }
  return undefined;
}

// A candidate's evidence builds its path only when a finding names it: the decision mostly names
// the statement that allows the request instead (see decidedEscalations), or rejects the path.

class CandidateEvidence implements GrantEvidence {
  constructor(
    readonly policy: number,
    readonly action: string,
    /** The Action string or NotAction element that grants it: its path is built when read. */
    private readonly at: { readonly path: PathElement[] },
    readonly node: JsonNode,
  ) {}
  get path(): PathElement[] {
    return this.at.path;
  }
}

/** Where the policies grant a path action, first evidence only; undefined when none does. */
function grantOf(all: readonly PolicyGrants[], a: number, path: EscalationPath): GrantEvidence | undefined {
  // Most policies grant nothing a path needs: settled without looking at a statement.
  let possible = false;
  for (let i = 0; i < all.length; i++) {
    if (all[i].denied[a]) return undefined;
    if (all[i].granted[a]) possible = true;
  }
  if (!possible) return undefined;
  const action = PATH_ACTION_NAMES[a];
  for (let i = 0; i < all.length; i++) {
    const allows = all[i].allows;
    for (let k = 0; k < allows.length; k++) {
      const st = allows[k];
      if (st.selfOnly && ON_OTHER_USERS.has(path)) continue;
      if (st.notActions) {
        if (!st.notActions.excluded[a]) return new CandidateEvidence(i, action, st.notActions.element, st.notActions.element.valueNode);
        continue;
      }
      const hit = st.first?.[a];
      if (hit) return new CandidateEvidence(i, action, hit, hit.node);
    }
  }
  return undefined;
}

export interface EscalationFinding {
  readonly path: EscalationPath;
  /** One grant per required group, in the path's order. */
  readonly evidence: readonly GrantEvidence[];
}

/** Whether some policy's Allow statements may grant an action of every group of the path. */
function mayOpen(all: readonly PolicyGrants[], groups: readonly (readonly number[])[]): boolean {
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    let some = false;
    for (let a = 0; a < group.length && !some; a++) for (let i = 0; i < all.length && !some; i++) some = all[i].granted[group[a]] === 1;
    if (!some) return false;
  }
  return true;
}

/**
 * The escalation paths that a set of policies (one policy, or every policy of one principal) opens.
 * Action wildcards are matched against each path's action names, which is the same as expanding
 * them through the IAM data and looking for those names.
 */
export function escalationPaths(all: readonly PolicyGrants[]): EscalationFinding[] {
  const out: EscalationFinding[] = [];
  // Only the paths that need an action some policy grants: most policies grant none or a few.
  let needed: Uint8Array | undefined;
  for (let i = 0; i < all.length; i++) {
    const actions = all[i].grantedActions;
    for (let k = 0; k < actions.length; k++) {
      const paths = PATHS_BY_ACTION[actions[k]];
      needed ??= new Uint8Array(ESCALATION_PATHS.length);
      for (let j = 0; j < paths.length; j++) needed[paths[j]] = 1;
    }
  }
  if (!needed) return out;
  for (let p = 0; p < ESCALATION_PATHS.length; p++) {
    const groups = PATH_ACTIONS[p];
    if (!needed[p] || !mayOpen(all, groups)) continue;
    const path = ESCALATION_PATHS[p];
    const evidence: GrantEvidence[] = [];
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      let found: GrantEvidence | undefined;
      for (let a = 0; a < group.length; a++) if ((found = grantOf(all, group[a], path))) break;
      if (!found) break;
      evidence.push(found);
    }
    if (evidence.length === groups.length) out.push({ path, evidence });
  }
  return out;
}
/** The finding's text: what the grants allow, under which conditions, and where to read about it. */
export function escalationDetails(f: EscalationFinding & { readonly onlyIf?: readonly string[] }, policyNames?: readonly string[]): string {
  const granted = f.evidence.map((e) => `${e.action}${policyNames && policyNames[e.policy] ? ` (${policyNames[e.policy]})` : ''}`);
  const list = granted.length > 1 ? `${granted.slice(0, -1).join(', ')} and ${granted[granted.length - 1]}` : granted[0];
  const onlyIf = f.onlyIf?.length ? ` It holds only if ${f.onlyIf.join(' and ')} (conditions the caller does not choose).` : '';
  return `Granting ${list} opens a documented privilege-escalation path: whoever has ${granted.length > 1 ? 'them' : 'it'} ${f.path.how}.${onlyIf} Scope the resources to what is needed, add conditions, or deny it with a permissions boundary. See ${f.path.source}.`;
}
