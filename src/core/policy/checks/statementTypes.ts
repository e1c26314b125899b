// Which resource types a statement's actions accept, and those types by the service of their ARN
// formats: asked for every statement with a Resource, and answered once per distinct action list.
import { hasWildcard } from '../actions';
import type { ActionInfo, IamCatalog, ResourceTypeInfo } from '../catalog';
import type { LintContext, StatementContext } from '../context';
import { formatService } from './arnFormats';

/** The resource types of one list of matched actions, in order, each once; null when one is unknown. */
type TypeList = readonly ResourceTypeInfo[] | null;

/**
 * Per catalog and per matches list: the resolved action lists are shared between the policies of a
 * run (see checks/actions.ts), so each distinct action is looked up once. The catalog gives one
 * object per resource type, so the types are told apart by identity, without a key string each.
 */
const typeListCache = new WeakMap<IamCatalog, WeakMap<readonly ActionInfo[], TypeList>>();

function typeList(catalog: IamCatalog, matches: readonly ActionInfo[]): TypeList {
  let byMatches = typeListCache.get(catalog);
  if (!byMatches) {
    byMatches = new WeakMap();
    typeListCache.set(catalog, byMatches);
  }
  let hit = byMatches.get(matches);
  if (hit === undefined) {
    hit = computeTypeList(catalog, matches);
    byMatches.set(matches, hit);
  }
  return hit;
}

function computeTypeList(catalog: IamCatalog, matches: readonly ActionInfo[]): TypeList {
  const out = new Set<ResourceTypeInfo>();
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i];
    const ready = m.resourceTypeInfos;
    if (ready) {
      if (ready.length === 0) return null;
      for (let k = 0; k < ready.length; k++) out.add(ready[k]);
      continue;
    }
    if (m.resourceTypes.length === 0) return null;
    for (let k = 0; k < m.resourceTypes.length; k++) {
      const info = catalog.resourceType(m.service, m.resourceTypes[k].name);
      if (!info) return null;
      out.add(info);
    }
  }
  return [...out];
}

/** Whether an action applies to no resource type. */
function withoutTypes(m: ActionInfo): boolean {
  // The catalog's ready list spares reading each action's details (most are never read otherwise).
  return (m.resourceTypeInfos ?? m.resourceTypes).length === 0;
}

function someWithoutTypes(matches: readonly ActionInfo[]): boolean {
  for (let i = 0; i < matches.length; i++) if (withoutTypes(matches[i])) return true;
  return false;
}

/**
 * The resource types of one action, as typeList gives them for a list of it alone (repeats aside,
 * which the caller's set drops): the catalog's ready list itself, with no list to keep per action.
 */
function actionTypes(catalog: IamCatalog, m: ActionInfo): TypeList {
  const ready = m.resourceTypeInfos;
  if (ready) return ready.length === 0 ? null : ready;
  return computeTypeList(catalog, [m]);
}

/** Resource types the statement's actions accept (in order, each once), when all of them are known. */
function acceptedTypes(ctx: LintContext, sc: StatementContext): Set<ResourceTypeInfo> | undefined {
  if (!sc.st.action || sc.actions.length === 0) return undefined;
  // Wildcards are expanded last: an action without resource types settles it before any expansion.
  for (let i = 0; i < sc.actions.length; i++) {
    const a = sc.actions[i];
    if (a.value === '*' || a.invalid || a.known === false) return undefined;
    // An exact name gives its action straight, without a list of it to make.
    const one = a.action;
    if (one ? withoutTypes(one) : !hasWildcard(a.value) && a.matches && someWithoutTypes(a.matches)) return undefined;
  }
  const out = new Set<ResourceTypeInfo>();
  for (let i = 0; i < sc.actions.length; i++) {
    const a = sc.actions[i];
    if (a.value === '*' || a.invalid) return undefined;
    const one = a.action;
    const matches = one ? undefined : a.matches;
    if (!one && !matches) return undefined;
    const types = one ? actionTypes(ctx.catalog, one) : typeList(ctx.catalog, matches!);
    if (!types) return undefined;
    for (let k = 0; k < types.length; k++) out.add(types[k]);
  }
  return out;
}

export interface StatementTypes {
  types: ResourceTypeInfo[] | undefined;
  /** The types by the service of their ARN formats. */
  byService: Map<string, ResourceTypeInfo[]>;
}

/**
 * The same answers by the statement's resource types, in order: a tree with a level per type. The
 * catalog gives one object per resource type, so the types are told apart by identity, without a
 * key string built from their names.
 */
interface TypesNode {
  /** The first type met after this node's, and its node: most nodes have only one (a map each would be most of the tree). */
  firstType: ResourceTypeInfo | undefined;
  first: TypesNode | undefined;
  /** The other types met after this node's. */
  next: Map<ResourceTypeInfo, TypesNode> | undefined;
  answer: StatementTypes | undefined;
}
interface TypesTree {
  root: TypesNode;
  /** The answer when some type is unknown. */
  unknown: StatementTypes | undefined;
  /** Answers kept, for the same bound as the other caches. */
  size: number;
}
const typesCache = new WeakMap<IamCatalog, TypesTree>();

export function statementTypes(ctx: LintContext, sc: StatementContext): StatementTypes {
  const accepted = acceptedTypes(ctx, sc);
  // Statements with other actions often accept the same types, in the same order: they share one
  // answer, whose lists then find their fitting types already kept (see fittingTypes).
  let tree = typesCache.get(ctx.catalog);
  if (!tree || tree.size > 20000) {
    tree = { root: newTypesNode(), unknown: undefined, size: 0 };
    typesCache.set(ctx.catalog, tree);
  }
  const types = accepted ? [...accepted] : undefined;
  const node = types ? typesNode(tree.root, types) : undefined;
  const same = node ? node.answer : tree.unknown;
  if (same) return same;
  const byService = new Map<string, ResourceTypeInfo[]>();
  for (let i = 0; types && i < types.length; i++) {
    const t = types[i];
    for (let k = 0; k < t.arnFormats.length; k++) {
      // Only the service is needed here: the rest of a format is compiled when a resource meets it.
      const svc = formatService(t.arnFormats[k]);
      const list = byService.get(svc);
      if (list) list.push(t);
      else byService.set(svc, [t]);
    }
  }
  const result = { types, byService };
  if (node) node.answer = result;
  else tree.unknown = result;
  tree.size++;
  return result;
}

function newTypesNode(): TypesNode {
  return { firstType: undefined, first: undefined, next: undefined, answer: undefined };
}

/** The node of a list of types, made on the way when new. */
function typesNode(root: TypesNode, types: readonly ResourceTypeInfo[]): TypesNode {
  let node = root;
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    let next = node.firstType === t ? node.first : node.next?.get(t);
    if (!next) {
      next = newTypesNode();
      if (node.first === undefined) {
        node.firstType = t;
        node.first = next;
      } else (node.next ??= new Map()).set(t, next);
    }
    node = next;
  }
  return node;
}
