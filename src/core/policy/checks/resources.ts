import type { ResourceTypeInfo } from '../catalog';
import type { LintContext } from '../context';
import { stringValues, type ParsedValue } from '../parse';
import type { Target } from '../report';
import type { FindingFix } from '../types';
import { formatFields, resourceMatchesFormat, splitArnCached, variableFree, type SplitArn } from './arnFormats';
import { statementTypes } from './statementTypes';
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

/** A statement's types by service before they are asked for (only a resource that needs them asks). */
const NO_SERVICES = new Map<string, ResourceTypeInfo[]>();

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
