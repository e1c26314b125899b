import { globMatch, hasWildcard } from '../actions';
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

/**
 * An action pattern that could cover some path's action: `prefix` is its lowercased service prefix,
 * or '' when the prefix has a wildcard (or the string has none). `source` is where it stands; its
 * path is read only for a finding.
 */
interface Pattern {
  readonly value: string;
  readonly prefix: string;
  readonly source?: ParsedValue;
  /** Position among the statement's actions: the first string that grants is the evidence. */
  readonly order: number;
}

interface AllowStatement {
  /** Action patterns, by prefix ('' for those that may name any service). */
  readonly actions: ReadonlyMap<string, readonly Pattern[]>;
  /** Set for Allow + NotAction: everything but these. */
  readonly notActions?: { readonly patterns: readonly Pattern[]; readonly element: ParsedElement };
  /** Every resource is the caller's own user (`${aws:username}`, `${aws:userid}`). */
  readonly selfOnly: boolean;
}

/** What one policy allows and denies, as far as escalation paths are concerned. */
export interface PolicyGrants {
  readonly allows: readonly AllowStatement[];
  /** Action patterns of unconditional Deny statements on every resource. */
  readonly denied: readonly Pattern[];
  /** The prefixes of every Allow pattern, '' when some pattern or a NotAction may name any service. */
  readonly prefixes: ReadonlySet<string>;
}

const SELF = /\$\{aws:(?:username|userid)\}/i;

/** The lowercased service prefixes that some escalation path names. */
const PATH_SERVICES = new Set(ESCALATION_PATHS.flatMap((p) => p.requires.flat().map((r) => r.action.slice(0, r.action.indexOf(':')).toLowerCase())));

/**
 * Action string -> its pattern prefix, or null when it names a service no path involves (such a
 * string can never cover a path's action, and policies list hundreds of them). Policies of one run
 * repeat the same strings, so each is read once.
 */
const prefixCache = new Map<string, string | null>();

function prefixOf(value: string): string | null {
  let prefix = prefixCache.get(value);
  if (prefix === undefined) {
    const colon = value.indexOf(':');
    prefix = prefixOfService(colon > 0 ? value.slice(0, colon).toLowerCase() : '');
    if (prefixCache.size > 50000) prefixCache.clear();
    prefixCache.set(value, prefix);
  }
  return prefix;
}

/** The pattern prefix of an action whose lowercased service prefix is known ('' for "*" and malformed strings). */
function prefixOfService(service: string): string | null {
  if (service === '' || hasWildcard(service)) return '';
  return PATH_SERVICES.has(service) ? service : null;
}

/**
 * Values already read in the current call of `patterns`, by the call's number: one map for every
 * call instead of a set per long list (a statement's list of hundreds of actions each time).
 */
const seenIn = new Map<string, number>();
let call = 0;

function patterns(el: ParsedElement | undefined, keepSource: boolean, resolved?: readonly ResolvedValue[]): Pattern[] {
  const out: Pattern[] = [];
  const values = resolved ?? stringValues(el);
  // A repeated value adds nothing: the first of equal patterns is the one a match reports.
  const dedupe = values.length > 16;
  if (dedupe) {
    if (seenIn.size > 50000) seenIn.clear();
    call++;
  }
  for (let order = 0; order < values.length; order++) {
    const v = values[order];
    if (dedupe) {
      if (seenIn.get(v.value) === call) continue;
      seenIn.set(v.value, call);
    }
    const prefix = resolved ? prefixOfService(resolved[order].service) : prefixOf(v.value);
    if (prefix !== null) out.push({ value: v.value, prefix, source: keepSource ? v : undefined, order });
  }
  return out;
}

/** The patterns by prefix; each prefix is also added to `prefixes`. */
function byPrefix(list: readonly Pattern[], prefixes: Set<string>): Map<string, Pattern[]> {
  const out = new Map<string, Pattern[]>();
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    const same = out.get(p.prefix);
    if (same) same.push(p);
    else {
      out.set(p.prefix, [p]);
      prefixes.add(p.prefix);
    }
  }
  return out;
}

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

/** A statement's Action strings as the linter resolved them: their lowercased service prefixes, in order. */
export interface ResolvedStatementActions {
  readonly actions: readonly ResolvedValue[];
}

/** A string of Action as the linter resolved it: where it stands and its lowercased service prefix. */
type ResolvedValue = ParsedValue & { readonly value: string; readonly service: string };

/**
 * Reads the Allow and unconditional Deny statements of an identity policy. `resolved`, when the
 * linter has resolved the statements already (one entry per statement, in order), spares reading
 * each action's prefix again.
 */
export function grantsOf(policy: ParsedPolicy, resolved?: readonly ResolvedStatementActions[]): PolicyGrants {
  const allows: AllowStatement[] = [];
  const denied: Pattern[] = [];
  const prefixes = new Set<string>();
  const statements = policy.statements;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (st.principal || st.notPrincipal) continue;
    const effect = st.effect?.valueNode.value;
    const services = resolved?.[i]?.actions;
    if (effect === 'Deny') {
      if (!st.condition && !st.notResource && !st.notAction && hasStar(st.resource)) denied.push(...patterns(st.action, false, services));
      continue;
    }
    if (effect !== 'Allow') continue;
    if (st.notAction) {
      allows.push({ actions: new Map(), notActions: { patterns: patterns(st.notAction, false), element: st.notAction }, selfOnly: !st.notResource && selfOnly(st.resource) });
      prefixes.add('');
      continue;
    }
    const actions = patterns(st.action, true, services);
    // Most statements grant nothing a path needs: they cost nothing more.
    if (actions.length === 0) continue;
    allows.push({ actions: byPrefix(actions, prefixes), selfOnly: !st.notResource && selfOnly(st.resource) });
  }
  return { allows, denied, prefixes };
}

/** Matches an action pattern against one action (`service`: its lowercased prefix), as IAM does: case-insensitive, * and ?. */
function covers(p: Pattern, action: string, service: string): boolean {
  if (p.value === '*') return true;
  // Most patterns name another service: comparing prefixes first spares the glob match.
  if (p.prefix && p.prefix !== service) return false;
  return globMatch(p.value, action);
}

function anyCovers(list: readonly Pattern[] | undefined, action: string, service: string): Pattern | undefined {
  if (list) for (let i = 0; i < list.length; i++) if (covers(list[i], action, service)) return list[i];
  return undefined;
}

/** A path's action with its lowercased service prefix, found once. */
interface PathAction {
  readonly action: string;
  readonly service: string;
}

const PATH_ACTIONS: readonly (readonly (readonly PathAction[])[])[] = ESCALATION_PATHS.map((p) => p.requires.map((group) => group.map(({ action }) => ({ action, service: action.slice(0, action.indexOf(':')).toLowerCase() }))));

/** Paths whose requests act on another user: a grant scoped to the caller's own user opens none of them. */
const ON_OTHER_USERS = new Set(ESCALATION_PATHS.filter((p) => p.requires.some((g) => g.some((r) => r.target === 'other'))));

/** Where the policies grant an action, first evidence only; undefined when none does. */
function grantOf(all: readonly PolicyGrants[], { action, service }: PathAction, path: EscalationPath): GrantEvidence | undefined {
  // Most policies grant nothing of the action's service: settled without looking at a statement.
  let possible = false;
  for (let i = 0; i < all.length; i++) if (all[i].prefixes.has(service) || all[i].prefixes.has('')) possible = true;
  if (!possible) return undefined;
  for (let i = 0; i < all.length; i++) if (anyCovers(all[i].denied, action, service)) return undefined;
  for (let i = 0; i < all.length; i++) {
    const allows = all[i].allows;
    for (let k = 0; k < allows.length; k++) {
      const st = allows[k];
      if (st.selfOnly && ON_OTHER_USERS.has(path)) continue;
      if (st.notActions) {
        if (!anyCovers(st.notActions.patterns, action, service)) return { policy: i, action, path: st.notActions.element.path, node: st.notActions.element.valueNode };
        continue;
      }
      const named = anyCovers(st.actions.get(service), action, service);
      const wild = anyCovers(st.actions.get(''), action, service);
      const hit = named && wild ? (named.order < wild.order ? named : wild) : named ?? wild;
      if (hit?.source) return { policy: i, action, path: hit.source.path, node: hit.source.node };
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
  const candidates = candidatePaths(all);
  for (let c = 0; c < candidates.length; c++) {
    const p = candidates[c];
    const path = ESCALATION_PATHS[p];
    const groups = PATH_ACTIONS[p];
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

/** Path indexes by the services of their first group's actions: a path opens only if one of those is granted. */
const PATHS_BY_SERVICE = new Map<string, number[]>();
PATH_ACTIONS.forEach((groups, p) => {
  for (const service of new Set(groups[0].map((a) => a.service))) {
    const list = PATHS_BY_SERVICE.get(service);
    if (list) list.push(p);
    else PATHS_BY_SERVICE.set(service, [p]);
  }
});
const ALL_PATHS = ESCALATION_PATHS.map((_, p) => p);
const NO_PATHS: number[] = [];

/** The paths worth trying, in their order: every one when some grant may name any service. */
function candidatePaths(all: readonly PolicyGrants[]): readonly number[] {
  // Marks per path index rather than a set of them: no iterator or set per policy.
  let found: Uint8Array | undefined;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (g.allows.length === 0) continue;
    if (g.prefixes.has('')) return ALL_PATHS;
    g.prefixes.forEach((prefix) => {
      const paths = PATHS_BY_SERVICE.get(prefix);
      if (paths) for (let k = 0; k < paths.length; k++) (found ??= new Uint8Array(ESCALATION_PATHS.length))[paths[k]] = 1;
    });
  }
  if (!found) return NO_PATHS;
  const out: number[] = [];
  for (let p = 0; p < found.length; p++) if (found[p]) out.push(p);
  return out;
}

/** The finding's text: what the grants allow, under which conditions, and where to read about it. */
export function escalationDetails(f: EscalationFinding & { readonly onlyIf?: readonly string[] }, policyNames?: readonly string[]): string {
  const granted = f.evidence.map((e) => `${e.action}${policyNames && policyNames[e.policy] ? ` (${policyNames[e.policy]})` : ''}`);
  const list = granted.length > 1 ? `${granted.slice(0, -1).join(', ')} and ${granted[granted.length - 1]}` : granted[0];
  const onlyIf = f.onlyIf?.length ? ` It holds only if ${f.onlyIf.join(' and ')} (conditions the caller does not choose).` : '';
  return `Granting ${list} opens a documented privilege-escalation path: whoever has ${granted.length > 1 ? 'them' : 'it'} ${f.path.how}.${onlyIf} Scope the resources to what is needed, add conditions, or deny it with a permissions boundary. See ${f.path.source}.`;
}
