import type { ActionInfo, IamCatalog } from '../catalog';

/** Case-insensitive regex for an IAM wildcard (`*` any run, `?` one character). */
export function wildcardRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

export function hasWildcard(s: string): boolean {
  return /[*?]/.test(s);
}

/**
 * The catalogued actions an `Action` string stands for. `undefined` when the string cannot be
 * expanded: `*` (every action of every service), an unknown or unloaded service, or a malformed string.
 */
export function expandAction(value: string, catalog: IamCatalog): ActionInfo[] | undefined {
  let memo = expansions.get(catalog);
  if (!memo) expansions.set(catalog, (memo = new Map()));
  const key = value.toLowerCase();
  const hit = memo.get(key);
  if (hit) return hit;
  const result = expand(value, catalog);
  // Only answers from loaded data are final; unloaded services may load later.
  if (result) memo.set(key, result);
  return result;
}

const expansions = new WeakMap<IamCatalog, Map<string, ActionInfo[]>>();

function expand(value: string, catalog: IamCatalog): ActionInfo[] | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = value.slice(0, colon).toLowerCase();
  const name = value.slice(colon + 1);
  if (hasWildcard(prefix) || !catalog.isLoaded(prefix)) return undefined;
  if (!hasWildcard(name)) {
    const a = catalog.action(prefix, name);
    return a ? [a] : [];
  }
  const re = wildcardRegex(name);
  return catalog.actions(prefix).filter((a) => re.test(a.name));
}

/** Service prefixes named by action strings (for loading IAM data before expanding). */
export function servicePrefixes(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const colon = v.indexOf(':');
    if (colon > 0 && !hasWildcard(v.slice(0, colon))) out.add(v.slice(0, colon).toLowerCase());
  }
  return [...out];
}
