import { hasWildcard, matchActions, someNameMatches, splitAction, suggestAction as suggestActionOf, suggestService as suggestServiceOf } from '../actions';
import type { LintContext, ResolvedAction, StatementContext } from '../context';
import type { ActionInfo, IamCatalog } from '../catalog';
import type { ParsedElement, ParsedValue } from '../parse';
import { reportRetired } from './retired';
import { ownCopy } from '../ownCopy';
import { coveredBy, coveredByAction, NO_ACTIONS } from '../../evaluation/escalation/pathActions';

/**
 * A resolved action: where the string stands, and its resolution, which equal strings share (see
 * resolve). A wildcard is expanded on first use: most checks never need the expansion. A class with
 * few fields: a large policy's resolved actions live through young-generation collections, each of
 * which copies them. The fields are assigned in the constructor (declared, not class fields), the
 * cheapest way to build the thousands a run makes.
 */
class Resolved implements ResolvedAction {
  // Copied from the resolution, not read through it: the checks read these two hundreds of
  // thousands of times a run, and a getter costs a call each time in code not yet optimised.
  declare readonly service: string;
  declare readonly invalid: boolean;

  constructor(
    readonly value: string,
    readonly node: ParsedValue['node'],
    /** The element holding the string, and its index there (-1 when the element's value is the string). */
    private readonly owner: ParsedElement,
    private readonly index: number,
    private readonly resolution: Entry,
  ) {
    this.service = resolution.service;
    this.invalid = resolution instanceof Resolution && resolution.invalid;
  }

  /** Read through: the value's path is built only when a finding needs it, and not kept. */
  get path(): ParsedValue['path'] {
    if (this.index < 0) return this.owner.path;
    return [...this.owner.path, { index: this.index }];
  }

  get name(): string {
    return this.resolution.name;
  }

  get lower(): string {
    const r = this.resolution;
    if (!(r instanceof Resolution)) return this.value.toLowerCase();
    return (r.lower ??= r.text.toLowerCase());
  }

  get action(): ActionInfo | undefined {
    const r = this.resolution;
    return r instanceof Resolution ? r.action : r;
  }

  get matches(): ActionInfo[] | undefined {
    const r = this.resolution;
    if (!(r instanceof Resolution)) return [r];
    // Expanded once per string, for every document that writes it: the service's data is loaded,
    // so the answer cannot change.
    if (r.lazyIn) {
      r.matches = matchActions(r.text, r.lazyIn);
      r.lazyIn = undefined;
    }
    return r.matches ?? (r.action ? (r.matches = [r.action]) : undefined);
  }

  /** The escalation paths' actions the string covers, by index (see coveredBy): an action kept as itself covers none. */
  get covers(): readonly number[] {
    const r = this.resolution;
    return r instanceof Resolution ? r.covers : NO_ACTIONS;
  }

  get known(): boolean {
    const r = this.resolution;
    return !(r instanceof Resolution) || r.lazyIn !== undefined || r.matches !== undefined || r.action !== undefined;
  }
}

export { someNameMatches };

const anyMatchCache = new WeakMap<IamCatalog, Map<string, boolean>>();

/** Whether a wildcard matches some action of a loaded service; cached, since that cannot change once loaded. */
function anyActionMatches(catalog: IamCatalog, service: string, name: string): boolean {
  let cache = anyMatchCache.get(catalog);
  if (!cache) {
    cache = new Map();
    anyMatchCache.set(catalog, cache);
  }
  const key = `${service}:${name.toLowerCase()}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = catalog.someActionNameMatches
      ? catalog.someActionNameMatches(service, name)
      : someNameMatches(catalog.actionNames ? catalog.actionNames(service) : catalog.actions(service).map((a) => a.name), name);
    cache.set(key, hit);
  }
  return hit;
}

/**
 * What resolving one action string yields, apart from where it stands in the document, for the
 * strings that do not name an action exactly as the data writes it (wildcards, other cases, unknown
 * names). Kept for the run by the cache (see resolve): what most strings never need is made on first read.
 */
class Resolution {
  /** The string lowercased, made when first read: only lists with wildcards or repeats read it. */
  declare lower: string | undefined;
  /** The action an exact name resolves to: `matches` is made of it when first read, which few checks do. */
  declare action: ActionInfo | undefined;
  /** undefined: unknown (service data not loaded), a wildcard expanded on first use (`lazyIn`), or not yet made from `action`. */
  declare matches: ActionInfo[] | undefined;
  /** The catalog to expand the wildcard among when first asked for its matches. */
  declare lazyIn: IamCatalog | undefined;

  constructor(
    /** The string, as the cache keeps it (a copy, see resolve). */
    readonly text: string,
    public service: string,
    public name: string,
    public invalid: boolean,
    /** The escalation paths' actions the string covers (see coveredByAction): most strings cover none. */
    readonly covers: readonly number[],
  ) {
    this.lower = undefined;
    this.action = undefined;
    this.matches = undefined;
    this.lazyIn = undefined;
  }
}

/**
 * A string's resolution as the run keeps it: the catalog's own action for a string that names one
 * exactly as the data writes it and covers no escalation path's action (most strings), so that it
 * costs no object of its own; else a Resolution.
 */
type Entry = Resolution | ActionInfo;

const NO_MATCHES: ActionInfo[] = [];

/** What "*" resolves to (stars are counted apart from the repeats). */
const STAR = new Resolution('*', '', '*', false, coveredBy('*'));
STAR.lower = '*';

/** Whether the last resolveText's answer cannot change as more services load (see resolutionCache). */
let lastStable = true;

/**
 * The catalog's action when `text` names one exactly as the data writes it, of a loaded service:
 * the answer most strings get, found without cutting the string into parts to keep.
 */
function exactAction(catalog: IamCatalog, text: string, colon: number): ActionInfo | undefined {
  if (colon <= 0 || hasWildcard(text) || text.indexOf(':', colon + 1) >= 0) return undefined;
  const service = text.slice(0, colon);
  if (!catalog.hasService(service) || !catalog.isLoaded(service)) return undefined;
  const name = text.slice(colon + 1);
  const a = catalog.action(service, name);
  // A string that covers an escalation path's action keeps a Resolution, which holds what it covers.
  return a && a.service === service && a.name === name && coveredByAction(text, service) === NO_ACTIONS ? a : undefined;
}

function resolveText(catalog: IamCatalog, text: string): Resolution {
  lastStable = true;
  const split = splitAction(text);
  if (!split) return Object.assign(new Resolution(text, '', text, true, coveredByAction(text, '')), { matches: NO_MATCHES });
  const service = split.service.toLowerCase();
  const resolution = new Resolution(text, service, split.name, false, coveredByAction(text, service));
  if (hasWildcard(service)) {
    const loaded = catalog.allServicePrefixes().every((s) => catalog.isLoaded(s));
    if (loaded) resolution.matches = matchActions(text, catalog);
    lastStable = false;
    return resolution;
  }
  if (!catalog.hasService(service)) {
    resolution.matches = NO_MATCHES;
    resolution.invalid = true;
    return resolution;
  }
  if (!catalog.isLoaded(service)) {
    lastStable = false;
    return resolution;
  }
  if (hasWildcard(split.name)) {
    // Expanding a wildcard is costly and most checks never need it: test for any match now, expand on first use.
    if (anyActionMatches(catalog, service, split.name)) resolution.lazyIn = catalog;
    else {
      resolution.matches = NO_MATCHES;
      resolution.invalid = true;
    }
  } else {
    const a = catalog.action(service, split.name);
    if (a) resolution.action = a;
    else resolution.matches = NO_MATCHES;
    resolution.invalid = !a;
    // Kept for the run: the catalog's own strings where they are equal, rather than copies of them.
    if (a?.service === service) resolution.service = a.service;
    if (a?.name === split.name) resolution.name = a.name;
  }
  return resolution;
}

/**
 * Resolutions per catalog, by the string's service prefix as written, then by the rest after the
 * colon (strings without one under ":", which no prefix is): an action the data names is kept under
 * the catalog's own name string, with no key of its own. Only resolutions that cannot change are
 * kept: the service is unknown, or its data is loaded. Policies in one run repeat the same actions
 * again and again, mostly a service's actions one after another.
 */
interface ResolutionCache {
  readonly byPrefix: Map<string, Map<string, Entry>>;
  size: number;
}

const resolutionCache = new WeakMap<IamCatalog, ResolutionCache>();

/** The prefix of the last string looked up and its resolutions by name, in `lastCache`. */
let lastPrefix = '';
let lastNames: Map<string, Entry> | undefined;
let lastCache: ResolutionCache | undefined;

/** Whether the last resolve call met a string twice. */
let lastRepeats = false;
/** Whether a string of the last resolve call covers an escalation path's action. */
let lastCoversPathAction = false;

/**
 * The entries the resolve call under way met (the first `metCount`), to tell a repeat: scanned
 * while few (most lists), then a set. The array is kept between calls, so scanning allocates nothing.
 */
const MET_SCANNED = 32;
const met = new Array<Entry | undefined>(MET_SCANNED).fill(undefined);
let metCount = 0;
let metSet: Set<Entry> | undefined;

/** Notes an entry of the resolve call under way; true when it was met already. */
function metAgain(e: Entry): boolean {
  if (metSet) {
    if (metSet.has(e)) return true;
    metSet.add(e);
    return false;
  }
  for (let k = 0; k < metCount; k++) if (met[k] === e) return true;
  if (metCount < MET_SCANNED) met[metCount++] = e;
  else {
    metSet = new Set<Entry>();
    for (let k = 0; k < metCount; k++) metSet.add(met[k]!);
    metSet.add(e);
  }
  return false;
}

function resolve(ctx: LintContext, el: ParsedElement | undefined): ResolvedAction[] {
  const { catalog } = ctx;
  let stars = 0;
  let repeats = false;
  let coversPathAction = false;
  let cache = resolutionCache.get(catalog);
  if (!cache || cache.size > 50000) {
    cache = { byPrefix: new Map(), size: 0 };
    resolutionCache.set(catalog, cache);
  }
  if (!el) {
    lastRepeats = false;
    lastCoversPathAction = false;
    return [];
  }
  // Straight from the element's nodes (the strings stringValues would give, in the same order):
  // a wrapper per string is one object too many for lists of thousands of actions.
  const node = el.valueNode;
  const children = node.type === 'array' ? node.children ?? [] : node.type === 'string' ? [node] : [];
  const single = node.type !== 'array';
  const out: ResolvedAction[] = [];
  // Resolutions that may change when more services load are still fixed for this lint: kept here.
  let local: Map<string, Resolution> | undefined;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.type !== 'string' || typeof c.value !== 'string') continue;
    const text: string = c.value;
    if (text === '*') {
      out.push(new Resolved(text, c, el, single ? -1 : i, STAR));
      if (++stars > 1) repeats ||= true;
      coversPathAction = true;
      continue;
    }
    let colon: number;
    let names: Map<string, Entry> | undefined;
    const p = lastPrefix;
    if (lastCache === cache && lastNames !== undefined && text.charCodeAt(p.length) === 58 && text.startsWith(p)) {
      colon = p.length;
      names = lastNames;
    } else {
      colon = text.indexOf(':');
      const prefix = colon < 0 ? ':' : text.slice(0, colon);
      names = cache.byPrefix.get(prefix);
      if (!names) {
        names = new Map();
        cache.byPrefix.set(ownCopy(prefix), names);
      }
      lastCache = colon < 0 ? undefined : cache;
      lastPrefix = prefix;
      lastNames = names;
    }
    const rest = colon < 0 ? text : text.slice(colon + 1);
    let entry: Entry | undefined = names.get(rest) ?? local?.get(text);
    if (!entry) {
      entry = exactAction(catalog, text, colon);
      let key: string;
      if (entry) {
        lastStable = true;
        // The catalog's own string: nothing of the document is kept.
        key = entry.name;
      } else {
        // Kept past this lint: resolved from a copy, so that neither the key nor the parts cut from it hold the document.
        const own = ownCopy(text);
        entry = resolveText(catalog, own);
        key = colon < 0 ? own : own.slice(colon + 1);
      }
      if (lastStable) {
        cache.size++;
        names.set(key, entry);
      } else (local ??= new Map()).set(text, entry as Resolution);
    }
    // Equal strings share one entry (the cache's or this lint's), so meeting it again is a repeat.
    if (metAgain(entry)) repeats ||= true;
    if (entry instanceof Resolution && entry.covers !== NO_ACTIONS) coversPathAction = true;
    out.push(new Resolved(text, c, el, single ? -1 : i, entry));
  }
  // Not kept past the call: the entries would stay alive with the array.
  met.fill(undefined, 0, metCount);
  metCount = 0;
  metSet = undefined;
  lastRepeats = repeats;
  lastCoversPathAction = coversPathAction;
  return out;
}

export function resolveStatements(ctx: LintContext): StatementContext[] {
  return ctx.policy.statements.map((st) => {
    const e = st.effect?.valueNode.value;
    const actions = resolve(ctx, st.action);
    const actionsRepeat = lastRepeats;
    const coversPathAction = lastCoversPathAction;
    return { st, actions, actionsRepeat, coversPathAction, notActions: resolve(ctx, st.notAction), effect: e === 'Allow' || e === 'Deny' ? e : undefined };
  });
}

/** Unknown actions given did-you-mean candidates per policy; no policy AWS accepts holds that many actions. */
export const MAX_SUGGESTED_ACTIONS = 1000;

/** Unknown services and actions, wildcards that match nothing, wildcards in service names. */
export function checkActions(ctx: LintContext): void {
  const { r, catalog } = ctx;
  // Did-you-mean costs a comparison with every action of the service: a policy with more unknown
  // actions than any quota allows gets suggestions for the first ones only.
  let suggestionsLeft = MAX_SUGGESTED_ACTIONS;
  const suggestAction = (action: string, c: IamCatalog): string[] => (suggestionsLeft-- > 0 ? suggestActionOf(action, c) : []);
  const suggestService = (service: string, c: IamCatalog): string[] => (suggestionsLeft > 0 ? suggestServiceOf(service, c) : []);
  for (const sc of ctx.statements) {
    for (let k = 0; k < sc.actions.length + sc.notActions.length; k++) {
      const a = k < sc.actions.length ? sc.actions[k] : sc.notActions[k - sc.actions.length];
      if (a.value === '*') continue;
      // Most actions are fine: a finding's target is built only when there is one. A valid action
      // names a service the catalog knows (resolve marks the others invalid).
      if (!a.invalid && !hasWildcard(a.service)) continue;
      const target = [{ path: a.path, node: a.node }];
      const split = splitAction(a.value);
      if (!split) {
        const candidates = suggestAction(a.value, catalog);
        r.add('INVALID_ACTION', `The action ${a.value} does not exist.${candidates.length ? ` Did you mean ${candidates[0]}?` : ''} Actions have the form service:ActionName.`, target, candidates.length ? { replacement: JSON.stringify(candidates[0]), candidates: candidates.map((c) => JSON.stringify(c)), title: { kind: 'replaceWith', value: candidates[0] } } : undefined);
        continue;
      }
      if (hasWildcard(a.service)) {
        r.add('WILDCARD_IN_SERVICE_NAME', 'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.', target);
        if (a.matches && a.matches.length === 0) r.add('INVALID_ACTION', `The action ${a.value} does not exist: it matches no action of any service.`, target);
        continue;
      }
      if (!catalog.hasService(a.service)) {
        if (reportRetired(ctx, a.service, a.value, target)) continue;
        const services = suggestService(a.service, catalog);
        const candidates = suggestAction(a.value, catalog);
        const hint = candidates[0] ?? (services[0] ? `${services[0]}:${split.name}` : undefined);
        r.add('INVALID_SERVICE_IN_ACTION', `The service ${a.value} specified in the action does not exist.${hint ? ` Did you mean ${hint}?` : ''}`, target, hint ? { replacement: JSON.stringify(hint), candidates: (candidates.length ? candidates : [hint]).map((c) => JSON.stringify(c)), title: { kind: 'replaceWith', value: hint } } : undefined);
        continue;
      }
      if (a.invalid) {
        if (hasWildcard(a.name)) {
          r.add('INVALID_ACTION', `The action ${a.value} does not exist: the wildcard matches no ${catalog.serviceName(a.service) ?? a.service} action.`, target);
        } else {
          const candidates = suggestAction(a.value, catalog);
          r.add('INVALID_ACTION', `The action ${a.value} does not exist.${candidates.length ? ` Did you mean ${candidates[0]}?` : ''}`, target, candidates.length ? { replacement: JSON.stringify(candidates[0]), candidates: candidates.map((c) => JSON.stringify(c)), title: { kind: 'replaceWith', value: candidates[0] } } : undefined);
        }
      }
    }
    if (ctx.type === 'RESOURCE_CONTROL_POLICY' && catalog.supportsRcp) {
      for (const a of sc.actions) {
        if (!a.service || hasWildcard(a.service) || !catalog.hasService(a.service)) continue;
        if (catalog.supportsRcp(a.service) === false) {
          r.add('RCP_SYNTAX_ERROR_UNSUPPORTED_SERVICE', `RCPs do not apply to ${catalog.serviceName(a.service) ?? a.service} (${a.service}), so ${a.value} has no effect here. Remove it.`, [{ path: a.path, node: a.node }], { remove: true, title: { kind: 'remove', value: a.value } });
        }
      }
    }
  }
}
