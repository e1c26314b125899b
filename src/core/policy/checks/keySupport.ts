import { hasWildcard } from '../actions';
import type { ActionInfo, IamCatalog, ResourceTypeInfo } from '../catalog';
import type { LintContext } from '../context';
import { matchesAbsentKey, parseConditionOperator } from './conditionOperators';

// Whether the statement's actions can be evaluated with the condition keys it uses.

const supportedKeysCache = new WeakMap<object, ReadonlySet<string>>();
const NO_KEYS: readonly string[] = [];

type KeyedAction = Pick<ActionInfo, 'service' | 'resourceTypes' | 'resourceTypeInfos' | 'conditionKeys' | 'supportedKeys'>;

/** The catalog's record of an action's resource type `i`: the ready list's when there is one, else looked up by name. */
function typeInfo(catalog: IamCatalog, a: KeyedAction, i: number): ResourceTypeInfo | undefined {
  const ready = a.resourceTypeInfos;
  return ready ? ready[i] : catalog.resourceType(a.service, a.resourceTypes[i].name);
}

/**
 * Condition keys an action can be evaluated with: its own, its resource types' and theirs. The
 * catalog's set when it has one ready (the build's snapshot writes them: no action's details are
 * read), else made once per action object, which belongs to one catalog and never changes.
 */
export function supportedKeys(catalog: IamCatalog, a: KeyedAction): ReadonlySet<string> {
  const ready = a.supportedKeys;
  if (ready) return ready;
  const hit = supportedKeysCache.get(a);
  if (hit) return hit;
  const out = new Set<string>();
  addSupportedKeys(out, catalog, a);
  supportedKeysCache.set(a, out);
  return out;
}

/**
 * The catalog's condition keys lowercased, each once. The same keys recur in the lists of action
 * after action: lowercased for each, every one was a new string, hashed again by each set it joined.
 * Bounded by the distinct keys of the IAM data (a few thousand), which the catalog holds anyway.
 */
const loweredKeys = new Map<string, string>();

function lowered(key: string): string {
  let l = loweredKeys.get(key);
  if (l === undefined) {
    l = key.toLowerCase();
    loweredKeys.set(key, l);
  }
  return l;
}

function addSupportedKeys(out: Set<string>, catalog: IamCatalog, a: KeyedAction): void {
  const own = a.conditionKeys;
  for (let i = 0; i < own.length; i++) out.add(lowered(own[i]));
  const types = a.resourceTypes;
  for (let i = 0; i < types.length; i++) {
    const r = types[i];
    for (let k = 0; k < r.conditionKeys.length; k++) out.add(lowered(r.conditionKeys[k]));
    const typeKeys = typeInfo(catalog, a, i)?.conditionKeys ?? NO_KEYS;
    for (let k = 0; k < typeKeys.length; k++) out.add(lowered(typeKeys[k]));
  }
}

/** Whether one of the keys, lowercased, is `template` or `lower`. */
function listHolds(keys: readonly string[], template: string, lower: string): boolean {
  for (let i = 0; i < keys.length; i++) {
    const l = lowered(keys[i]);
    if (l === template || l === lower) return true;
  }
  return false;
}

/** Whether the action supports `template` or `lower` (lowercased keys): its set when the catalog has one ready or one was built (see supportedKeys), else its lists. */
function supportsKey(catalog: IamCatalog, a: KeyedAction, template: string, lower: string): boolean {
  const known = a.supportedKeys ?? supportedKeysCache.get(a);
  return known ? known.has(template) || known.has(lower) : listsHoldKey(catalog, a, template, lower);
}

/**
 * Whether the action's supported keys (see supportedKeys) hold `template` or `lower`, read from the
 * catalog's lists and stopping at the first that does: no set is built, and the resource types after
 * it are not looked up. Most keys a statement uses are supported by its first action.
 */
export function listsHoldKey(catalog: IamCatalog, a: KeyedAction, template: string, lower: string): boolean {
  if (listHolds(a.conditionKeys, template, lower)) return true;
  const types = a.resourceTypes;
  for (let i = 0; i < types.length; i++) {
    if (listHolds(types[i].conditionKeys, template, lower) || listHolds(typeInfo(catalog, a, i)?.conditionKeys ?? NO_KEYS, template, lower)) return true;
  }
  return false;
}

/** Whether any of these actions supports the key: those of a wildcard's list are read one by one, until one does. */
function someSupports(catalog: IamCatalog, matches: readonly ActionInfo[], template: string, lower: string): boolean {
  for (let i = 0; i < matches.length; i++) if (supportsKey(catalog, matches[i], template, lower)) return true;
  return false;
}

const TAG_KEYS: ReadonlySet<string> = new Set(['aws:resourcetag/${tagkey}', 'aws:requesttag/${tagkey}']);
const SERVICE_RESOURCE_TAG = /^[a-z0-9-]+:resourcetag\//;
const takesTagsCache = new WeakMap<object, boolean>();

/**
 * Whether an action takes tags of any kind (resource or request tags), as Access Analyzer counts
 * them: whether one of its supported keys (see supportedKeys) is a tag key. Read from the catalog's
 * lists without building that set, which most actions of a statement with a tag condition never need.
 */
export function actionTakesTags(catalog: IamCatalog, a: KeyedAction): boolean {
  const ready = a.supportedKeys;
  if (ready) {
    // Answered once per set, which actions with the same keys share.
    let answer = takesTagsCache.get(ready);
    if (answer === undefined) {
      answer = false;
      for (const x of ready) {
        if (TAG_KEYS.has(x) || SERVICE_RESOURCE_TAG.test(x)) {
          answer = true;
          break;
        }
      }
      takesTagsCache.set(ready, answer);
    }
    return answer;
  }
  let hit = takesTagsCache.get(a);
  if (hit === undefined) {
    hit = someTagKey(a.conditionKeys);
    const types = a.resourceTypes;
    for (let i = 0; i < types.length && !hit; i++) hit = someTagKey(types[i].conditionKeys) || someTagKey(typeInfo(catalog, a, i)?.conditionKeys ?? NO_KEYS);
    takesTagsCache.set(a, hit);
  }
  return hit;
}

function someTagKey(keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    const x = lowered(keys[i]);
    if (TAG_KEYS.has(x) || SERVICE_RESOURCE_TAG.test(x)) return true;
  }
  return false;
}

/**
 * Keys that the statement's actions cannot be evaluated with: an Allow with aws:ResourceTag on
 * actions that ignore it (Access Analyzer's check), and service keys no action of the statement
 * supports (ours).
 */
export function checkKeySupport(ctx: LintContext): void {
  for (let s = 0; s < ctx.statements.length; s++) {
    const sc = ctx.statements[s];
    if (!sc.st.action || sc.actions.length === 0 || sc.st.conditions.length === 0) continue;
    // Whether each action is known is read without expanding its wildcard: expansions are built
    // only when a key needs the keys of what a wildcard matches.
    if (sc.actions.some((a) => a.value === '*' || a.invalid || !(a.known ?? !!a.matches))) continue;
    for (let o = 0; o < sc.st.conditions.length; o++) {
      const op = sc.st.conditions[o];
      const info = parseConditionOperator(op.operator);
      if (!info) continue;
      for (let q = 0; q < op.keys.length; q++) {
        const k = op.keys[q];
        const lower = k.key.toLowerCase();
        const slash = lower.indexOf('/');
        const base = slash > 0 ? lower.slice(0, slash) : lower;
        if (base === 'aws:resourcetag' && slash > 0) {
          // Told before any action is read: IfExists and Null keys, and a negated operator in a Deny
          // (it matches when the key is absent, so such a Deny still denies: only the positive match
          // lets actions through), never make this finding.
          const allow = sc.effect === 'Allow';
          if (info.ifExists || info.base === 'Null' || !(allow || (sc.effect === 'Deny' && !info.negated))) continue;
          const literal = sc.actions.filter((a) => !hasWildcard(a.value) && a.matches!.length === 1);
          const bad = literal.filter((a) => !actionTakesTags(ctx.catalog, a.matches![0]));
          // Only statements that mix tag-aware actions with others: a statement of unaware actions alone is a different mistake.
          if (!bad.length || bad.length >= literal.length) continue;
          const services = [...new Set(bad.map((a) => a.service))].join(', ');
          const targets = [...bad.map((a) => ({ path: a.path, node: a.node })), { path: k.keyPath, node: k.keyNode }];
          if (allow) {
            ctx.r.add('ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', `Using the effect Allow with the condition key ${k.key} and actions for services with the following prefixes does not affect the policy: ${services}. The actions for the listed service are not allowed by this statement. We recommend that you move these actions to a different statement without this condition key.`, targets);
          } else {
            ctx.r.add('DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', `Using the effect Deny with the condition key ${k.key} and actions for services with the following prefixes can be overly permissive: ${services}. The actions for the listed services are not denied by this statement. We recommend that you move these actions to a different statement without this condition key.`, targets);
          }
          continue;
        }
        const colon = lower.indexOf(':');
        const prefix = lower.slice(0, colon);
        if (colon <= 0 || prefix === 'aws' || prefix.includes('.') || !ctx.catalog.isLoaded(prefix)) continue;
        const keyInfo = ctx.catalog.conditionKey(k.key);
        // Cross-service keys AWS lists as global (ec2:SourceInstanceArn) come with every service's requests.
        if (!keyInfo || keyInfo.global) continue;
        const template = keyInfo.key.toLowerCase();
        const supports = (a: (typeof sc.actions)[number]) => someSupports(ctx.catalog, a.matches!, template, lower);
        // Actions without a wildcard first: a wildcard's keys are those of every action it matches.
        if (!sc.actions.some((a) => !hasWildcard(a.value) && supports(a)) && !sc.actions.some((a) => hasWildcard(a.value) && supports(a))) {
          const names = sc.actions.slice(0, 3).map((a) => a.value).join(', ');
          // What the engine answers for the absent key: Null by its values, the rest by the operator's parts.
          const matches = matchesAbsentKey(info) ?? k.values.some((v) => String(v.value).toLowerCase() === 'true');
          const why = info.qualifier === 'ForAnyValue' && info.ifExists ? ' (ForAnyValue is false for an absent key, with IfExists too)' : '';
          ctx.r.add('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS', `None of this statement's actions (${names}${sc.actions.length > 3 ? ', ...' : ''}) supports the condition key ${k.key}, so the request context never has it: ${matches ? 'the condition always matches' : 'the statement never applies'}${why}. Use a key these actions support, or move the key to a statement with actions that do.`, [{ path: k.keyPath, node: k.keyNode }]);
        }
      }
    }
  }
}
