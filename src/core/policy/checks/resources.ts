import { hasWildcard } from '../actions';
import type { ActionInfo, IamCatalog, ResourceTypeInfo } from '../catalog';
import type { LintContext, StatementContext } from '../context';
import { stringValues, type ParsedValue } from '../parse';
import type { Target } from '../report';
import type { FindingFix } from '../types';
import { formatFields, formatService, resourceMatchesFormat, splitArnCached, variableFree, type SplitArn } from './arnFormats';
import { ownCopy } from '../ownCopy';

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];
const REGION = /^[a-z]{2,4}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** Regions AWS has announced; a region outside this list is reported only if it is also malformed or its area is unknown. */
const KNOWN_REGIONS = new Set(
  'us-east-1 us-east-2 us-west-1 us-west-2 af-south-1 ap-east-1 ap-east-2 ap-south-1 ap-south-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5 ap-southeast-6 ap-southeast-7 ap-northeast-1 ap-northeast-2 ap-northeast-3 ca-central-1 ca-west-1 eu-central-1 eu-central-2 eu-west-1 eu-west-2 eu-west-3 eu-north-1 eu-south-1 eu-south-2 il-central-1 me-south-1 me-central-1 mx-central-1 sa-east-1 us-gov-east-1 us-gov-west-1 cn-north-1 cn-northwest-1 us-iso-east-1 us-iso-west-1 us-isob-east-1 us-isob-west-1 us-isof-south-1 us-isof-east-1 eu-isoe-west-1 eusc-de-east-1'.split(' '),
);
const KNOWN_AREAS = new Set([...KNOWN_REGIONS].map((r) => r.replace(/-\d+$/, '').replace(/-[a-z]+$/, '')));
const KNOWN_DIRECTIONS = new Set(['east', 'west', 'north', 'south', 'central', 'northeast', 'northwest', 'southeast', 'southwest', 'de']);

function plausibleRegion(r: string): boolean {
  if (KNOWN_REGIONS.has(r)) return true;
  if (!REGION.test(r)) return false;
  const m = /^(.*)-([a-z]+)-\d+$/.exec(r)!;
  return KNOWN_AREAS.has(m[1]) && KNOWN_DIRECTIONS.has(m[2]);
}

function target(v: ParsedValue): Target {
  return { path: v.path, node: v.node };
}

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

function someWithoutTypes(matches: readonly ActionInfo[]): boolean {
  // The catalog's ready list spares reading each action's details (most are never read otherwise).
  for (let i = 0; i < matches.length; i++) if ((matches[i].resourceTypeInfos ?? matches[i].resourceTypes).length === 0) return true;
  return false;
}

/** Resource types the statement's actions accept (in order, each once), when all of them are known. */
function acceptedTypes(ctx: LintContext, sc: StatementContext): Set<ResourceTypeInfo> | undefined {
  if (!sc.st.action || sc.actions.length === 0) return undefined;
  // Wildcards are expanded last: an action without resource types settles it before any expansion.
  for (let i = 0; i < sc.actions.length; i++) {
    const a = sc.actions[i];
    if (a.value === '*' || a.invalid || a.known === false) return undefined;
    if (!hasWildcard(a.value) && a.matches && someWithoutTypes(a.matches)) return undefined;
  }
  const out = new Set<ResourceTypeInfo>();
  for (let i = 0; i < sc.actions.length; i++) {
    const a = sc.actions[i];
    if (a.value === '*' || !a.matches || a.invalid) return undefined;
    const types = typeList(ctx.catalog, a.matches);
    if (!types) return undefined;
    for (let k = 0; k < types.length; k++) out.add(types[k]);
  }
  return out;
}

interface StatementTypes {
  types: ResourceTypeInfo[] | undefined;
  /** The types by the service of their ARN formats. */
  byService: Map<string, ResourceTypeInfo[]>;
}

/**
 * Per catalog and action list (the action strings, in order): policies in one run repeat the same
 * statements. Only lists whose every action is resolved are kept, since nothing can change them.
 */
const statementTypesCache = new WeakMap<IamCatalog, Map<string, StatementTypes>>();
const MAX_KEPT_ACTIONS = 64;
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
const NO_SERVICES = new Map<string, ResourceTypeInfo[]>();

function statementTypes(ctx: LintContext, sc: StatementContext): StatementTypes {
  let cache = statementTypesCache.get(ctx.catalog);
  if (!cache) {
    cache = new Map();
    statementTypesCache.set(ctx.catalog, cache);
  }
  // Long lists rarely repeat and their key costs as much as the answer: only short ones are kept.
  const key = !!sc.st.action && sc.actions.length > 0 && sc.actions.length <= MAX_KEPT_ACTIONS ? keyOf(sc.actions) : undefined;
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit) return hit;
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
  if (same) {
    if (key !== undefined) keep(cache, ownCopy(key), same);
    return same;
  }
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
  if (key !== undefined) keep(cache, ownCopy(key), result);
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

function keep(cache: Map<string, StatementTypes>, key: string, value: StatementTypes): void {
  if (cache.size > 20000) cache.clear();
  cache.set(key, value);
}

/** The action strings, one a line, when every one is resolved for good; else undefined (the answer may change). */
function keyOf(actions: StatementContext['actions']): string | undefined {
  let key = '';
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (a.value === '*' || a.invalid || !(a.known ?? !!a.matches)) return undefined;
    key = i === 0 ? a.value : `${key}\n${a.value}`;
  }
  return key;
}

/** What the syntax of one Resource string says: fine (with its fields), or the finding to report. */
type ArnSyntax = { arn: Readonly<SplitArn>; problem?: undefined } | { arn?: undefined; problem: { code: string; message: string; fix?: FindingFix } };

/** Policies in one run name the same ARNs again and again; the verdict depends on the string alone. */
const syntaxCache = new Map<string, ArnSyntax>();

function arnSyntax(s: string): ArnSyntax {
  let hit = syntaxCache.get(s);
  if (!hit) {
    // Kept past this lint: read from a copy, so that neither the key nor its parts hold the document.
    const own = ownCopy(s);
    hit = readArnSyntax(own);
    if (syntaxCache.size > 20000) syntaxCache.clear();
    syntaxCache.set(own, hit);
  }
  return hit;
}

function readArnSyntax(s: string): ArnSyntax {
  const problem = (code: string, message: string, fix?: FindingFix): ArnSyntax => ({ problem: { code, message, fix } });
  if (!s.startsWith('arn:')) {
    if (/^arn:/i.test(s)) return problem('INVALID_ARN_PREFIX', 'Add the required prefix (arn) to the resource ARN. The prefix is lowercase.', { replacement: JSON.stringify(`arn:${s.slice(4)}`), title: { kind: 'useLowercaseArnPrefix' } });
    return problem('INVALID_ARN_PREFIX', `Add the required prefix (arn) to the resource ARN. ${s} is not an ARN; use arn:partition:service:region:account:resource or "*".`);
  }
  const arn = splitArnCached(s);
  if (!arn) return problem('MISSING_ARN_FIELD', 'Resource ARNs must include at least 6 fields in the following structure: arn:partition:service:region:account:resource');
  const p = variableFree(arn.partition);
  if (!/[*?]/.test(p) && !PARTITIONS.includes(p)) {
    return problem('INVALID_PARTITION', `The resource ARN for the service ${arn.service} does not support the partition ${arn.partition}. Use the supported values: ${PARTITIONS.join(', ')}`);
  }
  if (arn.service !== arn.service.toLowerCase()) {
    return problem('INVALID_ARN_SERVICE_CASE', `Update the service name ${arn.service} in the resource ARN to use all lowercase letters.`, { replacement: JSON.stringify(['arn', arn.partition, arn.service.toLowerCase(), arn.region, arn.account, arn.resource].join(':')), title: { kind: 'useLowercaseService' } });
  }
  const region = variableFree(arn.region);
  if (region && !/[*?]/.test(region) && !plausibleRegion(region)) {
    return problem('INVALID_ARN_REGION', `The Region ${arn.region} is not valid for this resource. Update the resource ARN to include a supported Region.`);
  }
  const account = variableFree(arn.account);
  if (account && !/[*?]/.test(account) && !/^\d{12}$/.test(account) && account !== 'aws') {
    return problem('INVALID_ARN_ACCOUNT', `The resource ARN account ID ${arn.account} is not valid. Provide a 12-digit account ID.`);
  }
  return { arn };
}

/** ARN syntax and whether each ARN fits a resource type of the statement's actions. */
export function checkResources(ctx: LintContext): void {
  const { r } = ctx;
  for (let s = 0; s < ctx.statements.length; s++) {
    const sc = ctx.statements[s];
    let types: ResourceTypeInfo[] | undefined | null = null;
    let byService: Map<string, ResourceTypeInfo[]> = NO_SERVICES;
    for (let e = 0; e < 2; e++) {
      const el = e === 0 ? sc.st.resource : sc.st.notResource;
      const values = stringValues(el);
      for (let k = 0; k < values.length; k++) {
        const v = values[k];
        const s = v.value;
        if (s === '*') continue;
        const syntax = arnSyntax(s);
        if (syntax.problem) {
          r.add(syntax.problem.code, syntax.problem.message, [target(v)], syntax.problem.fix && { ...syntax.problem.fix });
          continue;
        }
        const arn = syntax.arn;
        if (el !== sc.st.resource || /[*?]/.test(arn.service)) continue;
        if (types === null) ({ types, byService } = statementTypes(ctx, sc));
        if (!types) continue;
        checkAgainstTypes(ctx, v, arn, types, byService.get(arn.service) ?? []);
      }
    }
  }
}

function fits(type: ResourceTypeInfo, resource: string): boolean {
  const formats = type.arnFormats;
  for (let k = 0; k < formats.length; k++) if (resourceMatchesFormat(resource, formats[k])) return true;
  return false;
}

/** Which ARN fields the formats of a resource type have and lack, as bits: what the findings read of a type. */
const HAS_REGION = 1;
const LACKS_REGION = 2;
const HAS_ACCOUNT = 4;
const LACKS_ACCOUNT = 8;

const fieldBitsCache = new WeakMap<ResourceTypeInfo, number>();

function fieldBits(type: ResourceTypeInfo): number {
  let bits = fieldBitsCache.get(type);
  if (bits === undefined) {
    bits = 0;
    const formats = type.arnFormats;
    for (let k = 0; k < formats.length; k++) {
      const f = formatFields(formats[k]);
      bits |= (f.region ? HAS_REGION : LACKS_REGION) | (f.account ? HAS_ACCOUNT : LACKS_ACCOUNT);
    }
    fieldBitsCache.set(type, bits);
  }
  return bits;
}

/** Which ARN fields the formats of the types a resource fits have. */
interface FormatFields {
  readonly noneHasRegion: boolean;
  readonly allHaveRegion: boolean;
  readonly noneHasAccount: boolean;
}

/** The fields of each union of field bits, by the union: shared, nothing is built per resource. */
const FIELDS: readonly FormatFields[] = Array.from({ length: 16 }, (_, bits) => ({
  noneHasRegion: !(bits & HAS_REGION),
  allHaveRegion: !(bits & LACKS_REGION),
  noneHasAccount: !(bits & HAS_ACCOUNT),
}));

/**
 * Per list of types (a statement's types of one service, shared by the statements that accept the
 * same types): the types grouped by their field bits, each group in the list's order.
 */
interface FitsOfList {
  groups: { bits: number; types: ResourceTypeInfo[] }[];
  /** By resource: the fields of the types it fits, or null when it fits none. Most resources repeat across policies. */
  byResource: Map<string, FormatFields | null>;
}

const fitsCache = new WeakMap<readonly ResourceTypeInfo[], FitsOfList>();

function groupsOf(types: readonly ResourceTypeInfo[]): FitsOfList['groups'] {
  const groups: FitsOfList['groups'] = [];
  for (let i = 0; i < types.length; i++) {
    const bits = fieldBits(types[i]);
    const group = groups.find((g) => g.bits === bits);
    if (group) group.types.push(types[i]);
    else groups.push({ bits, types: [types[i]] });
  }
  return groups;
}

/**
 * The fields of the types of the list the resource fits, or null when it fits none. The answer is
 * the union of the field bits of the types that fit: in each group the first type that fits
 * settles it, and a group whose bits the union already holds need not be tested at all.
 */
function fittingFields(sameService: ResourceTypeInfo[], resource: string): FormatFields | null {
  if (sameService.length === 0) return null;
  let list = fitsCache.get(sameService);
  if (!list) {
    list = { groups: groupsOf(sameService), byResource: new Map() };
    fitsCache.set(sameService, list);
  }
  let hit = list.byResource.get(resource);
  if (hit === undefined) {
    // A type that fits has a format, so some bit: an empty union means that none fits.
    let union = 0;
    for (let g = 0; g < list.groups.length; g++) {
      const { bits, types } = list.groups[g];
      if ((union | bits) === union) continue;
      for (let i = 0; i < types.length; i++) {
        if (fits(types[i], resource)) {
          union |= bits;
          break;
        }
      }
    }
    hit = union === 0 ? null : FIELDS[union];
    if (list.byResource.size > 5000) list.byResource.clear();
    list.byResource.set(ownCopy(resource), hit);
  }
  return hit;
}

function checkAgainstTypes(ctx: LintContext, v: ParsedValue & { value: string }, arn: SplitArn, types: ResourceTypeInfo[], sameService: ResourceTypeInfo[]): void {
  // Types of other services only: the ARN names a service none of the actions belong to.
  const fields = fittingFields(sameService, arn.resource);
  if (!fields) {
    const names = [...new Set(types.map((t) => `${t.service}:${t.name}`))].slice(0, 5).join(', ');
    ctx.r.add('RESOURCE_MATCHES_NO_ACTION', `None of the statement's actions applies to ${v.value}: they act on ${names}${types.length > 5 ? ', ...' : ''}. The statement grants nothing on this resource; check the ARN format or the actions.`, [target(v)]);
    return;
  }
  const region = variableFree(arn.region);
  const account = variableFree(arn.account);
  if (region && !/^\*+$/.test(region) && fields.noneHasRegion) {
    ctx.r.add('ARN_REGION_NOT_ALLOWED', `The service ${arn.service} does not support specifying a Region in the resource ARN.`, [target(v)]);
  } else if (!region && fields.allHaveRegion) {
    ctx.r.add('MISSING_ARN_REGION', `Add a Region to the ${arn.service} resource ARN.`, [target(v)]);
  }
  if (account && !/^\*+$/.test(account) && account !== 'aws' && fields.noneHasAccount) {
    ctx.r.add('ARN_ACCOUNT_NOT_ALLOWED', `The service ${arn.service} does not support specifying an account ID in the resource ARN.`, [target(v)]);
  }
}
