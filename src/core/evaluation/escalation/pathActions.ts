import { globMatch } from '../../policy/actions';
import type { ParsedElement } from '../../policy/parse';
import { ESCALATION_PATHS } from './paths';
import { ownCopy } from '../../policy/ownCopy';

/**
 * The actions the paths name, each once: a path's action is known by its index here. Grants are
 * kept as marks per index, so a statement costs one look-up per Action string.
 */
export const PATH_ACTION_NAMES: readonly string[] = [...new Set(ESCALATION_PATHS.flatMap((p) => p.requires.flat().map((r) => r.action)))];
export const ACTION_COUNT = PATH_ACTION_NAMES.length;

/** The lowercased service prefixes that some escalation path names. */
export const PATH_SERVICES = new Set(PATH_ACTION_NAMES.map((a) => a.slice(0, a.indexOf(':')).toLowerCase()));

export const NO_ACTIONS: readonly number[] = [];

/**
 * Action string -> the indexes of the path actions it covers, as IAM matches them (case-insensitive,
 * * and ?). Policies of one run repeat the same strings, and most name no service a path involves,
 * so each string is read once.
 */
const coverCache = new Map<string, readonly number[]>();

export function coveredBy(value: string): readonly number[] {
  let covered = coverCache.get(value);
  if (covered === undefined) {
    covered = computeCovered(value);
    if (coverCache.size > 50000) coverCache.clear();
    // A copy as the key: the policy's string would keep its whole document alive (see ownCopy).
    coverCache.set(ownCopy(value), covered);
  }
  return covered;
}

/** Path action indexes by lowercased service prefix. */
const BY_SERVICE = new Map<string, number[]>();
PATH_ACTION_NAMES.forEach((a, i) => {
  const service = a.slice(0, a.indexOf(':')).toLowerCase();
  const list = BY_SERVICE.get(service);
  if (list) list.push(i);
  else BY_SERVICE.set(service, [i]);
});

/** Path action indexes by lowercased name. */
const BY_LOWER = new Map<string, number[]>();
PATH_ACTION_NAMES.forEach((a, i) => {
  const list = BY_LOWER.get(a.toLowerCase());
  if (list) list.push(i);
  else BY_LOWER.set(a.toLowerCase(), [i]);
});

/**
 * coveredBy for a string whose lowercased service prefix is known ('' for "*" and strings without
 * one): a service no path involves is settled by its name alone (a set of a few dozen), without a
 * look-up of the whole string.
 */
export function coveredByAction(value: string, service: string): readonly number[] {
  if (service && !PATH_SERVICES.has(service) && !service.includes('*') && !service.includes('?')) return NO_ACTIONS;
  return coveredBy(value);
}

function computeCovered(value: string): readonly number[] {
  if (!value.includes('*') && !value.includes('?')) {
    // Without wildcards a string covers only the action it names: found by name, confirmed by the match.
    const named = BY_LOWER.get(value.toLowerCase());
    if (!named) return NO_ACTIONS;
    const out = named.filter((i) => globMatch(value, PATH_ACTION_NAMES[i]));
    return out.length ? out : NO_ACTIONS;
  }
  const colon = value.indexOf(':');
  let candidates: readonly number[] | undefined;
  if (colon > 0) {
    // A service prefix without wildcards matches only its own service's actions.
    const service = value.slice(0, colon);
    if (!service.includes('*') && !service.includes('?')) candidates = BY_SERVICE.get(service.toLowerCase()) ?? NO_ACTIONS;
  }
  const out: number[] = [];
  const run = longestLiteral(value);
  if (candidates) {
    for (let k = 0; k < candidates.length; k++) if (mayMatch(run, candidates[k]) && globMatch(value, PATH_ACTION_NAMES[candidates[k]])) out.push(candidates[k]);
  } else for (let i = 0; i < ACTION_COUNT; i++) if (value === '*' || (mayMatch(run, i) && globMatch(value, PATH_ACTION_NAMES[i]))) out.push(i);
  return out.length ? out : NO_ACTIONS;
}

const LOWER_NAMES = PATH_ACTION_NAMES.map((a) => a.toLowerCase());

/** A pattern's longest run without * or ?, lowercased: every name it matches contains it. */
function longestLiteral(pattern: string): string {
  let best = '';
  for (const part of pattern.split(/[*?]/)) if (part.length > best.length) best = part;
  return best.toLowerCase();
}

/**
 * Whether a path action can match a pattern whose longest literal run is `run`: a cheap test that
 * spares the match for most names, so that thousands of distinct wildcards in one policy cost one
 * substring search per path action each.
 */
function mayMatch(run: string, index: number): boolean {
  return run.length === 0 || LOWER_NAMES[index].includes(run);
}

const INDEX = new Map(PATH_ACTION_NAMES.map((a, i) => [a, i]));

/** A path action's index among PATH_ACTION_NAMES, -1 for an action no path names. */
export function pathActionIndex(action: string): number {
  return INDEX.get(action) ?? -1;
}

const elementCovers = new WeakMap<ParsedElement, Uint8Array>();

/** Marks of an element that covers no path action, shared: never written to. */
export const NO_MARKS = new Uint8Array(ACTION_COUNT);

/**
 * The path actions one of an Action or NotAction element's strings covers (1 per index), read once
 * per element: the escalation check asks it of the same statements for each request of each path.
 * Subjects whose grants were read already bring these marks (see EscalationSubject.covered).
 */
export function coveredByElement(el: ParsedElement): Uint8Array {
  let marks = elementCovers.get(el);
  if (!marks) {
    marks = new Uint8Array(ACTION_COUNT);
    const node = el.valueNode;
    const children = node.type === 'array' ? node.children ?? [] : [node];
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.type !== 'string' || typeof c.value !== 'string') continue;
      const covered = coveredBy(c.value);
      for (let k = 0; k < covered.length; k++) marks[covered[k]] = 1;
    }
    elementCovers.set(el, marks);
  }
  return marks;
}
