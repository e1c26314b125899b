import * as l10n from '@vscode/l10n';
import { matchActions, splitAction, hasWildcard } from '../../policy/actions';
import type { ActionInfo, IamCatalog } from '../../policy/catalog';
import { parsePolicy, stringValues, type ParsedPolicy, type ParsedStatement } from '../../policy/parse';
import { describeSyntaxCode } from '../../jsonSyntax';
import type { PolicyType } from '../../policy/types';
import { principals } from '../compiledPolicy';
import { actionFormats, namesEveryResource, policyPartition, resourceCanApply, type FormatSet } from './applies';
import { isServiceKey, neverCarried } from '../unsentKeys';
import { blockWithout, readConditions, type ConditionBlock, type ConditionClause } from './conditions';
import { accountNamedByResources, delegation } from './ownAccount';

/** Where a piece of access comes from: a statement of the policy text. */
export interface StatementRef {
  /** Index in the Statement array (0 for a single statement object). */
  index: number;
  sid?: string;
  /** 1-based line of the statement's first character. */
  line: number;
  /** Offsets of the statement object in the text. */
  start: number;
  end: number;
}

/**
 * One statement's access for one action, narrowed to one Resource value and one principal: what
 * the statement allows (or denies) when its conditions hold.
 */
export interface AccessPart {
  effect: 'Allow' | 'Deny';
  /** A Resource value, `*` when the statement has none (trust policies), or `*` with `notResources`. */
  resource: string;
  /** NotResource: every resource but these. */
  notResources?: readonly string[];
  /**
   * Set when `resource`, though not `*`, names every resource of the action alone or with the other
   * Resource values of its statement, or of other statements with the same principal and conditions
   * (see namesEveryResource): together they cover all of them.
   */
  everyResource?: true;
  /** A principal of a resource or trust policy, normalized (`*`, an ARN, a service or provider); undefined in identity policies. */
  principal?: string;
  /** NotPrincipal: every principal but these. */
  notPrincipals?: readonly string[];
  /**
   * For an Allow naming an account's root: `own` when it is the resource's account, `maybe` when that
   * is unknown. Such a part leaves the decision to the account's identity policies, so it covers none
   * of the account's principals, which named directly need none (see ownAccount.ts).
   */
  delegates?: 'own' | 'maybe';
  /** The statement's condition, one clause per operator and key; empty without one. */
  clauses: readonly ConditionClause[];
  /** The condition as an object (`{ StringEquals: { 'aws:SourceVpce': ['vpce-1'] } }`), when there is one. */
  conditions?: ConditionBlock;
  statement: StatementRef;
}

/** Every statement's access to one action. Actions named by the same statements share their lists: read them, never change them. */
export interface ActionAccess {
  /** As IAM spells it (`s3:GetObject`), or as written when the IAM data does not know it. */
  action: string;
  allows: AccessPart[];
  denies: AccessPart[];
}

/** What a policy allows and denies, action by action (keys are lowercased actions). */
export interface PolicyAccess {
  policyType: PolicyType;
  actions: Map<string, ActionAccess>;
  /** Set when the text is not a policy that can be read; it then grants nothing. */
  error?: string;
}

interface KnownAction {
  key: string;
  spelling: string;
  /** The IAM data's entry; undefined for an action the data does not know. */
  info?: ActionInfo;
}

const known = new WeakMap<ActionInfo, KnownAction>();

function knownAction(a: ActionInfo): KnownAction {
  let k = known.get(a);
  if (!k) {
    const spelling = `${a.service}:${a.name}`;
    k = { key: spelling.toLowerCase(), spelling, info: a };
    known.set(a, k);
  }
  return k;
}

const everyAction = new WeakMap<IamCatalog, { count: number; list: KnownAction[] }>();

/** Every action of the loaded services; rebuilt when more services have been loaded since. */
function allActions(catalog: IamCatalog): readonly KnownAction[] {
  const prefixes = catalog.allServicePrefixes();
  const loaded = prefixes.filter((p) => catalog.isLoaded(p)).length;
  const hit = everyAction.get(catalog);
  if (hit && hit.count === loaded) return hit.list;
  const list = prefixes.flatMap((p) => catalog.actions(p).map(knownAction));
  everyAction.set(catalog, { count: loaded, list });
  return list;
}

const knownLists = new WeakMap<readonly ActionInfo[], KnownAction[]>();

/** The actions an Action value names: through the IAM data, or the value itself when the data knows no such action. */
function actionsOf(value: string, catalog: IamCatalog): readonly KnownAction[] {
  const v = value.trim();
  const matched = matchActions(v, catalog);
  if (matched.length) {
    // matchActions hands back the same array for a pattern it has cached: its spellings are read once.
    let list = knownLists.get(matched);
    if (!list) {
      list = matched.map(knownAction);
      knownLists.set(matched, list);
    }
    return list;
  }
  // Unknown to the data (a typo, a service the data lacks): kept as written, so a change to it still shows.
  return v ? [{ key: v.toLowerCase(), spelling: v }] : [];
}

/** Whether a policy needs every service's data loaded: `*`, NotAction or a wildcard service prefix. */
export function needsAllServices(text: string): boolean {
  const parsed = parsePolicy(text);
  return parsed.statements.some((st) => st.notAction !== undefined || stringValues(st.action).some((a) => {
    const s = splitAction(a.value.trim());
    return a.value.trim() === '*' || (s !== undefined && hasWildcard(s.service));
  }));
}

/**
 * The normalized principal strings of a Principal element (`*` for everyone, account IDs as root ARNs
 * of the policy's partition, `aws` when its ARNs name none or several).
 */
export function principalStrings(st: ParsedStatement, which: 'principal' | 'notPrincipal', partition = 'aws'): string[] | undefined {
  const p = principals(st[which]);
  if (!p) return undefined;
  if (p.all) return ['*'];
  const out = new Set<string>();
  for (const v of p.aws) out.add(v === '*' ? '*' : /^\d{12}$/.test(v) ? `arn:${partition}:iam::${v}:root` : v);
  // A wildcard under Service names no one, as in the engine (AWS does not support wildcards there).
  for (const v of p.service) if (!v.includes('*') && !v.includes('?')) out.add(v.toLowerCase());
  for (const v of p.federated) out.add(v === '*' ? '*' : v);
  for (const v of p.canonical) out.add(v === '*' ? '*' : `CanonicalUser:${v}`);
  // A NotPrincipal that excludes no one leaves its Deny applying to everyone.
  return which === 'notPrincipal' && out.size === 0 ? undefined : [...out];
}

function statementRef(st: ParsedStatement, parsed: ParsedPolicy): StatementRef {
  const sid = st.sid?.valueNode.value;
  return { index: st.index ?? 0, ...(typeof sid === 'string' ? { sid } : {}), line: parsed.lines.position(st.node.offset).line, start: st.node.offset, end: st.node.offset + st.node.length };
}

function policyError(parsed: ParsedPolicy): string | undefined {
  if (parsed.limit) return parsed.limit.message;
  const fatal = parsed.syntax.find((s) => s.kind === 'error');
  if (fatal) {
    const at = parsed.lines.position(fatal.offset);
    return l10n.t('the document is not valid JSON ({0} at line {1}, column {2})', describeSyntaxCode(fatal.message), at.line, at.column + 1);
  }
  // Why the access diff cannot read the policy: a notification in the editor, `sts-lens diff`'s error (English) on the command line.
  if (!parsed.root) return l10n.t('the document is empty');
  if (parsed.root.type !== 'object') return l10n.t('a policy must be a JSON object');
  if (!parsed.statement) return l10n.t('the policy has no Statement element');
  return undefined;
}

/**
 * Reads what a policy allows and denies, statement by statement, with wildcards and NotAction
 * expanded through the IAM data (the services involved must be loaded; see needsAllServices).
 * Statements without a valid Effect grant nothing, as in evaluation. Never throws. The policy is read
 * for the resources of the one partition that the ARNs of `partitionTexts` name, if they name one
 * (see policyPartition): give both versions of a policy that are compared.
 */
export function readAccess(text: string, policyType: PolicyType, catalog: IamCatalog, partitionTexts: readonly string[] = [text], resourceAccount?: string): PolicyAccess {
  const partition = policyPartition(partitionTexts);
  const actions = new Map<string, ActionAccess>();
  const parsed = parsePolicy(text);
  const error = policyError(parsed);
  if (error) return { policyType, actions, error };
  const withPrincipal = policyType === 'RESOURCE_POLICY' || policyType === 'TRUST_POLICY';
  // The resource's account: given, or the one the Resource ARNs of both versions name.
  const ownAccount = withPrincipal ? resourceAccount ?? accountNamedByResources(partitionTexts) : undefined;
  // Each action records which part lists apply to it: a statement's parts, or those of its Resource
  // values that can name a resource of the action (an S3 bucket is no resource of s3:PutObject).
  // Actions with the same lists then share one pair, which lets a diff compare each such group once
  // (see diffAccess).
  const lists: { effect: 'Allow' | 'Deny'; parts: AccessPart[] }[] = [];
  const named = new Map<string, { spelling: string; by: number[]; formats?: FormatSet }>();
  for (const st of parsed.statements) {
    const effect = st.effect?.valueNode.value;
    if (effect !== 'Allow' && effect !== 'Deny') continue;
    const statement = statementRef(st, parsed);
    const { clauses, block } = readConditions(st, parsed.lines);
    const shared = { effect, clauses, ...(block ? { conditions: block } : {}), statement } as const;
    const notResources = st.notResource ? stringValues(st.notResource).map((v) => v.value) : undefined;
    const resources = notResources ? ['*'] : st.resource ? stringValues(st.resource).map((v) => v.value) : ['*'];
    const notPrincipals = withPrincipal ? principalStrings(st, 'notPrincipal', partition) : undefined;
    // AWS: "NotPrincipal must be used with "Effect":"Deny"": an Allow with it grants nothing, as the engine reads it.
    if (notPrincipals && effect === 'Allow') continue;
    const principalList: (string | undefined)[] = withPrincipal ? (notPrincipals ? ['*'] : principalStrings(st, 'principal', partition) ?? ['*']) : [undefined];
    const parts: AccessPart[] = [];
    for (const resource of new Set(resources)) {
      for (const principal of principalList) {
        const delegates = effect === 'Allow' ? delegation(principal, ownAccount) : undefined;
        parts.push({ ...shared, resource, ...(notResources ? { notResources } : {}), ...(principal !== undefined ? { principal } : {}), ...(notPrincipals ? { notPrincipals } : {}), ...(delegates ? { delegates } : {}) });
      }
    }
    const whole = lists.push({ effect, parts }) - 1;
    // Per list of formats: the id of the parts that apply (-1 for none).
    const narrowed = new Map<FormatSet, number>();
    // Clauses on service keys, which some actions' requests never carry; per list and keys left out, the id of the parts then.
    const keyed = clauses.filter((c) => isServiceKey(c.keyAsWritten, catalog));
    const withoutKeys = new Map<string, number>();
    for (const a of statementActions(st, catalog)) {
      let id = a.info ? partsFor(a.info, whole, narrowed, lists, catalog, partition) : whole;
      if (id >= 0 && a.info && keyed.length) id = partsWithKeys(a.info, keyed, id, withoutKeys, lists, catalog);
      if (id < 0) continue;
      const entry = named.get(a.key);
      if (!entry) named.set(a.key, { spelling: a.spelling, by: [id], ...(a.info ? { formats: actionFormats(a.info, catalog) } : {}) });
      else if (entry.by[entry.by.length - 1] !== id) entry.by.push(id);
    }
  }
  const none: AccessPart[] = [];
  const alone = lists.map((l) => (l.effect === 'Allow' ? { allows: l.parts, denies: none } : { allows: none, denies: l.parts }));
  const groups = new Map<string, { allows: AccessPart[]; denies: AccessPart[] }>();
  const formatIds = new Map<FormatSet, number>();
  for (const [key, { spelling, by, formats }] of named) {
    // Several statements' Resource values are read together for actions a required type pins to ARNs.
    const together = by.length > 1 && formats?.typed === true ? formats : undefined;
    let groupKey = by.join(',');
    if (together) {
      if (!formatIds.has(together)) formatIds.set(together, formatIds.size);
      groupKey += `\u0000${formatIds.get(together)}`;
    }
    let g = by.length === 1 ? alone[by[0]] : groups.get(groupKey);
    if (!g) {
      g = { allows: [], denies: [] };
      for (const id of by) (lists[id].effect === 'Allow' ? g.allows : g.denies).push(...lists[id].parts);
      if (together) g = { allows: everyTogether(g.allows, together, partition), denies: everyTogether(g.denies, together, partition) };
      groups.set(groupKey, g);
    }
    actions.set(key, { action: spelling, allows: g.allows, denies: g.denies });
  }
  return { policyType, actions };
}

/** The id of the parts of list `whole` that can apply to the action, adding a narrowed list when some cannot; -1 when none can. */
function partsFor(info: ActionInfo, whole: number, narrowed: Map<FormatSet, number>, lists: { effect: 'Allow' | 'Deny'; parts: AccessPart[] }[], catalog: IamCatalog, partition: string | undefined): number {
  const formats = actionFormats(info, catalog);
  if (formats.formats.length === 0 && !formats.starOnly) return whole;
  let id = narrowed.get(formats);
  if (id === undefined) {
    const { effect, parts } = lists[whole];
    // A statement's parts are its Resource values (times its principals): together they may name every resource.
    const values = [...new Set(parts.flatMap((p) => (!p.notResources && resourceCanApply(p.resource, formats) ? [p.resource] : [])))];
    const every = namesEveryResource(values, formats, partition);
    const applying = parts.flatMap((p) => {
      if (p.notResources) return exceptFor(p, p.notResources, formats, partition);
      if (!resourceCanApply(p.resource, formats)) return [];
      return every && p.resource !== '*' ? [{ ...p, everyResource: true as const }] : [p];
    });
    const same = applying.length === parts.length && applying.every((p, i) => p === parts[i]);
    id = same ? whole : applying.length === 0 ? -1 : lists.push({ effect, parts: applying }) - 1;
    narrowed.set(formats, id);
  }
  return id;
}

/**
 * The parts, with those of several statements that have the same principal and conditions and whose
 * Resource values together name every resource of the action marked as `*` is (see namesEveryResource):
 * an action moved from one statement to two keeps its access.
 */
function everyTogether(parts: AccessPart[], formats: FormatSet, partition: string | undefined): AccessPart[] {
  const byScope = new Map<string, AccessPart[]>();
  for (const p of parts) {
    if (p.notResources || p.resource === '*' || p.everyResource) continue;
    const scope = JSON.stringify([p.principal, p.notPrincipals, p.clauses.map((c) => [c.operator, c.key, c.values])]);
    const same = byScope.get(scope);
    if (same) same.push(p);
    else byScope.set(scope, [p]);
  }
  let out: AccessPart[] | undefined;
  for (const same of byScope.values()) {
    if (same.length < 2 || !namesEveryResource(same.map((p) => p.resource), formats, partition)) continue;
    out ??= parts.slice();
    for (const p of same) out[out.indexOf(p)] = { ...p, everyResource: true };
  }
  return out ?? parts;
}

/**
 * The id of list `id`'s parts as they stand for an action whose requests never carry some of the
 * `keyed` clauses' keys. AWS: "If the key that you specify in a policy condition is not present in the
 * request context, the values do not match and the condition is false", so a clause that the engine
 * finds false on an absent key leaves the statement nothing for the action (-1), and one it finds true
 * (IfExists, Null true, ForAllValues, a negated operator) is no condition for the action.
 */
function partsWithKeys(info: ActionInfo, keyed: readonly ConditionClause[], id: number, byKeys: Map<string, number>, lists: { effect: 'Allow' | 'Deny'; parts: AccessPart[] }[], catalog: IamCatalog): number {
  const absent = keyed.filter((c) => neverCarried(c.key, info, catalog));
  if (absent.length === 0) return id;
  if (absent.some((c) => !c.holdsWhenAbsent)) return -1;
  const key = `${id}\u0000${absent.map((c) => `${c.operator}\u0001${c.key}`).join('\u0000')}`;
  let out = byKeys.get(key);
  if (out === undefined) {
    const { effect, parts } = lists[id];
    out = lists.push({ effect, parts: parts.map((p) => withoutClauses(p, absent)) }) - 1;
    byKeys.set(key, out);
  }
  return out;
}

function withoutClauses(p: AccessPart, dropped: readonly ConditionClause[]): AccessPart {
  const { conditions, ...rest } = p;
  const block = conditions && blockWithout(conditions, dropped);
  return { ...rest, clauses: p.clauses.filter((c) => !dropped.includes(c)), ...(block ? { conditions: block } : {}) };
}

/**
 * A NotResource part for one action: a value that cannot name a resource of the action excludes
 * none of its resources (AWS: with S3 ARNs in NotResource, "If the Action element also included
 * Amazon EC2 actions, the policy would deny access to any EC2 resources not specified in the
 * NotResource element"), so it is dropped, and a part left with none is every resource. Values
 * that name every resource of the action, alone or together, leave the part nothing (no part).
 */
function exceptFor(p: AccessPart, notResources: readonly string[], formats: FormatSet, partition: string | undefined): AccessPart[] {
  const kept = notResources.filter((x) => resourceCanApply(x, formats));
  if (namesEveryResource(kept, formats, partition)) return [];
  if (kept.length === notResources.length) return [p];
  const { notResources: _dropped, ...rest } = p;
  return [kept.length ? { ...rest, notResources: kept } : rest];
}

const statementCache = new WeakMap<IamCatalog, { loaded: number; lists: Map<string, readonly KnownAction[]> }>();

/**
 * The actions a statement names: its Action values expanded, or every action but its NotAction
 * values. Kept per list of values while no more services are loaded, since two versions of a
 * policy mostly share their statements and an editor reads the same ones at each change.
 */
function statementActions(st: ParsedStatement, catalog: IamCatalog): readonly KnownAction[] {
  const values = stringValues(st.notAction ?? st.action).map((v) => v.value);
  const key = `${st.notAction ? '!' : ''}${values.join('\u0000')}`;
  const loaded = catalog.allServicePrefixes().reduce((n, p) => (catalog.isLoaded(p) ? n + 1 : n), 0);
  let cache = statementCache.get(catalog);
  if (!cache || cache.loaded !== loaded || cache.lists.size > 5000) {
    cache = { loaded, lists: new Map() };
    statementCache.set(catalog, cache);
  }
  let list = cache.lists.get(key);
  if (!list) {
    list = expandStatement(values, st.notAction !== undefined, catalog);
    cache.lists.set(key, list);
  }
  return list;
}

function expandStatement(values: readonly string[], not: boolean, catalog: IamCatalog): readonly KnownAction[] {
  if (not) {
    const excluded = new Set<string>();
    for (const v of values) for (const a of actionsOf(v, catalog)) excluded.add(a.key);
    return allActions(catalog).filter((a) => !excluded.has(a.key));
  }
  const out = new Map<string, KnownAction>();
  for (const v of values) {
    if (v.trim() === '*') return allActions(catalog);
    for (const a of actionsOf(v, catalog)) out.set(a.key, a);
  }
  return [...out.values()];
}
