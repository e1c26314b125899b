import { hasWildcard, matchActions, splitAction, suggestAction, suggestService, globMatch } from '../actions';
import type { LintContext, ResolvedAction, StatementContext } from '../context';
import type { ActionInfo, IamCatalog } from '../catalog';
import { stringValues, type ParsedElement, type ParsedValue } from '../parse';

/**
 * A resolved action whose wildcard is expanded on first use: most checks never need the expansion.
 * A class rather than per-object accessors, so that every resolved action has the same shape.
 */
class Resolved implements ResolvedAction {
  service = '';
  invalid?: boolean;
  private expanded: ActionInfo[] | undefined = undefined;
  private expand: (() => ActionInfo[]) | undefined = undefined;

  constructor(
    readonly value: string,
    readonly node: ParsedValue['node'],
    readonly path: ParsedValue['path'],
    public name: string,
  ) {}

  get matches(): ActionInfo[] | undefined {
    if (this.expand) {
      this.expanded = this.expand();
      this.expand = undefined;
    }
    return this.expanded;
  }

  set matches(m: ActionInfo[] | undefined) {
    this.expanded = m;
    this.expand = undefined;
  }

  expandLater(f: () => ActionInfo[]): void {
    this.expand = f;
  }
}

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
    hit = catalog.actions(service).some((a) => globMatch(name, a.name));
    cache.set(key, hit);
  }
  return hit;
}

function resolve(ctx: LintContext, el: ParsedElement | undefined): ResolvedAction[] {
  const { catalog } = ctx;
  return stringValues(el).map((v) => {
    const text = v.value;
    const out = new Resolved(text, v.node, v.path, text);
    if (text === '*') return out;
    const split = splitAction(text);
    if (!split) {
      out.matches = [];
      out.invalid = true;
      return out;
    }
    const service = split.service.toLowerCase();
    out.service = service;
    out.name = split.name;
    if (hasWildcard(service)) {
      const loaded = catalog.allServicePrefixes().every((s) => catalog.isLoaded(s));
      if (loaded) out.matches = matchActions(text, catalog);
    } else if (!catalog.hasService(service)) {
      out.matches = [];
      out.invalid = true;
    } else if (catalog.isLoaded(service)) {
      if (hasWildcard(split.name)) {
        // Expanding a wildcard is costly and most checks never need it: test for any match now, expand on first use.
        if (!anyActionMatches(catalog, service, split.name)) {
          out.matches = [];
          out.invalid = true;
          return out;
        }
        out.expandLater(() => matchActions(text, catalog));
        return out;
      } else {
        const a = catalog.action(service, split.name);
        out.matches = a ? [a] : [];
      }
      if (out.matches!.length === 0) out.invalid = true;
    }
    return out;
  });
}

export function resolveStatements(ctx: LintContext): StatementContext[] {
  return ctx.policy.statements.map((st) => {
    const e = st.effect?.valueNode.value;
    return { st, actions: resolve(ctx, st.action), notActions: resolve(ctx, st.notAction), effect: e === 'Allow' || e === 'Deny' ? e : undefined };
  });
}

/** Unknown services and actions, wildcards that match nothing, wildcards in service names. */
export function checkActions(ctx: LintContext): void {
  const { r, catalog } = ctx;
  for (const sc of ctx.statements) {
    for (const list of [sc.actions, sc.notActions]) for (const a of list) {
      if (a.value === '*') continue;
      // Most actions are fine: a finding's target is built only when there is one.
      if (!a.invalid && !hasWildcard(a.service) && a.service && catalog.hasService(a.service)) continue;
      const target = [{ path: a.path, node: a.node }];
      const split = splitAction(a.value);
      if (!split) {
        const candidates = suggestAction(a.value, catalog);
        r.add('INVALID_ACTION', `The action ${a.value} does not exist.${candidates.length ? ` Did you mean ${candidates[0]}?` : ''} Actions have the form service:ActionName.`, target, candidates.length ? { replacement: JSON.stringify(candidates[0]), candidates: candidates.map((c) => JSON.stringify(c)), title: `Replace with ${candidates[0]}` } : undefined);
        continue;
      }
      if (hasWildcard(a.service)) {
        r.add('WILDCARD_IN_SERVICE_NAME', 'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.', target);
        if (a.matches && a.matches.length === 0) r.add('INVALID_ACTION', `The action ${a.value} does not exist: it matches no action of any service.`, target);
        continue;
      }
      if (!catalog.hasService(a.service)) {
        const services = suggestService(a.service, catalog);
        const candidates = suggestAction(a.value, catalog);
        const hint = candidates[0] ?? (services[0] ? `${services[0]}:${split.name}` : undefined);
        r.add('INVALID_SERVICE_IN_ACTION', `The service ${a.value} specified in the action does not exist.${hint ? ` Did you mean ${hint}?` : ''}`, target, hint ? { replacement: JSON.stringify(hint), candidates: (candidates.length ? candidates : [hint]).map((c) => JSON.stringify(c)), title: `Replace with ${hint}` } : undefined);
        continue;
      }
      if (a.invalid) {
        if (hasWildcard(a.name)) {
          r.add('INVALID_ACTION', `The action ${a.value} does not exist: the wildcard matches no ${catalog.serviceName(a.service) ?? a.service} action.`, target);
        } else {
          const candidates = suggestAction(a.value, catalog);
          r.add('INVALID_ACTION', `The action ${a.value} does not exist.${candidates.length ? ` Did you mean ${candidates[0]}?` : ''}`, target, candidates.length ? { replacement: JSON.stringify(candidates[0]), candidates: candidates.map((c) => JSON.stringify(c)), title: `Replace with ${candidates[0]}` } : undefined);
        }
      }
    }
    if (ctx.type === 'RESOURCE_CONTROL_POLICY' && catalog.supportsRcp) {
      for (const a of sc.actions) {
        if (!a.service || hasWildcard(a.service) || !catalog.hasService(a.service)) continue;
        if (catalog.supportsRcp(a.service) === false) {
          r.add('RCP_SYNTAX_ERROR_UNSUPPORTED_SERVICE', `RCPs do not apply to ${catalog.serviceName(a.service) ?? a.service} (${a.service}), so ${a.value} has no effect here. Remove it.`, [{ path: a.path, node: a.node }], { remove: true, title: `Remove ${a.value}` });
        }
      }
    }
  }
}
