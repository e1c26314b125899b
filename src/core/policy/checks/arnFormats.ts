// ARNs and ARN formats: splitting an ARN into its fields, and whether a policy's resource (with
// wildcards and variables) can name a resource of a format from the IAM data.
import { globMatch } from '../actions';
import { replaceVariables, variableSpans } from '../variableSpans';
import { ownCopy } from '../ownCopy';
import { ANY, endsAgree, fitsNarrowShape, fitsShape, globsIntersect, narrowIntersect, placeholderTokens, STAR, tokens } from './arnShapes';

export interface SplitArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits an ARN into its six fields; the resource part keeps any further colons. */
export function splitArn(arn: string): SplitArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

/** Policies in one run name the same ARNs again and again; the parts are only read. */
const arnCache = new Map<string, Readonly<SplitArn> | null>();

export function splitArnCached(arn: string): Readonly<SplitArn> | undefined {
  let hit = arnCache.get(arn);
  if (hit === undefined) {
    // Kept past this lint: split from a copy, so that neither the key nor its parts hold the document.
    const own = ownCopy(arn);
    hit = splitArn(own) ?? null;
    if (arnCache.size > 20000) arnCache.clear();
    arnCache.set(own, hit);
  }
  return hit ?? undefined;
}

/** One function for every call: a closure made per call would be one object per ARN field read. */
const asStar = () => '*';

export function variableFree(s: string): string {
  return replaceVariables(s, asStar);
}

interface CompiledFormat {
  /** The resource part as tokens: literal code units, ANY, STAR, and the narrow kinds of NARROW. */
  shape: number[];
  /** Whether the shape holds a narrow placeholder: then fitsShape's single backtrack is not enough. */
  narrow: boolean;
  sample: string;
  region: boolean;
  account: boolean;
  service: string;
  literalPrefix: string;
  /** Where the shape's first and last STAR stand; -1 when it has none. */
  firstStar: number;
  lastStar: number;
}


const formatCache = new Map<string, CompiledFormat>();

/** The service field of an ARN format (arn:partition:service:...), as compileFormat reads it. */
export function formatService(format: string): string {
  const first = format.indexOf(':');
  const second = first < 0 ? -1 : format.indexOf(':', first + 1);
  const third = second < 0 ? -1 : format.indexOf(':', second + 1);
  // Formats that are not six fields long are left to compileFormat, which fails the same way as before.
  return third < 0 ? compileFormat(format).service : format.slice(second + 1, third);
}

/**
 * Whether an ARN format has a region and an account, as compileFormat reads them, without compiling
 * the rest: the fields of a statement's types are read for every type, and most are never matched.
 */
export function formatFields(format: string): { region: boolean; account: boolean } {
  // arn:partition:service:region:account:resource
  let colon = -1;
  const at: number[] = [];
  for (let k = 0; k < 5 && (colon = format.indexOf(':', colon + 1)) >= 0; k++) at.push(colon);
  // Formats that are not six fields long are left to compileFormat, which fails the same way as before.
  if (at.length < 5 || !format.startsWith('arn:')) return compileFormat(format);
  return { region: at[3] > at[2] + 1, account: at[4] > at[3] + 1 };
}

export function compileFormat(format: string): CompiledFormat {
  let c = formatCache.get(format);
  if (c) return c;
  const f = splitArn(format)!;
  const resource = f.resource;
  // Each ${Variable} stands for one or more characters (of NARROW's, not all); everything else is literal.
  const shape: number[] = [];
  let sample = '';
  const literal = (part: string) => {
    for (let i = 0; i < part.length; i++) shape.push(part.charCodeAt(i));
    sample += part;
  };
  let at = 0;
  let narrow = false;
  for (const v of variableSpans(resource)) {
    literal(resource.slice(at, v.start));
    const [one, run] = placeholderTokens(f.service, v.inner);
    shape.push(one, run);
    narrow ||= one !== ANY;
    // "x" is a name of every placeholder, narrow ones too.
    sample += 'x';
    at = v.end;
  }
  literal(resource.slice(at));
  c = { shape, narrow, sample, region: f.region !== '', account: f.account !== '', service: f.service, literalPrefix: resource.split('${')[0], firstStar: shape.indexOf(STAR), lastStar: shape.lastIndexOf(STAR) };
  formatCache.set(format, c);
  return c;
}


/** The resource part of each format before its first ${Variable}, without compiling the format. */
const prefixCache = new Map<string, string>();

/**
 * The literal beginning of a format's resource part (compileFormat's literalPrefix): most formats a
 * resource meets differ from it there, and are never compiled.
 */
function literalPrefixOf(format: string): string {
  let prefix = prefixCache.get(format);
  if (prefix === undefined) {
    // arn:partition:service:region:account:resource
    let colon = -1;
    let colons = 0;
    while (colons < 5 && (colon = format.indexOf(':', colon + 1)) >= 0) colons++;
    if (colons < 5 || !format.startsWith('arn:')) {
      // Formats that are not six fields long are left to compileFormat, which fails the same way as before.
      prefix = compileFormat(format).literalPrefix;
    } else {
      const variable = format.indexOf('${', colon + 1);
      prefix = variable < 0 ? format.slice(colon + 1) : format.slice(colon + 1, variable);
    }
    prefixCache.set(format, prefix);
  }
  return prefix;
}

let lastResource: string | undefined;
let lastPlainStart = '';

/** The resource before its first *, ? or $; kept for the last resource, which callers test against many formats in a row. */
function plainStart(resource: string): string {
  if (resource !== lastResource) {
    const wild = resource.search(/[*?$]/);
    lastPlainStart = wild < 0 ? resource : resource.slice(0, wild);
    lastResource = resource;
  }
  return lastPlainStart;
}

/** format -> resource -> match; two levels so that no key string is built per lookup. */
const matchCache = new Map<string, Map<string, boolean>>();
let matchCacheSize = 0;

/** Whether a policy resource part (with wildcards) can name a resource of this ARN format. */
export function resourceMatchesFormat(resource: string, format: string): boolean {
  // Most pairs differ in their literal beginnings: settle those before any lookup. They agree when
  // one beginning starts with the other; the resource's ends at its first *, ? or $. Compared with
  // the string builtins: a loop over characters costs far more in code V8 has not optimised.
  const literal = literalPrefixOf(format);
  const plain = plainStart(resource);
  if (!(plain.startsWith(literal) || literal.startsWith(plain))) return false;
  let byResource = matchCache.get(format);
  if (!byResource) {
    byResource = new Map();
    matchCache.set(format, byResource);
  }
  let hit = byResource.get(resource);
  if (hit === undefined) {
    if (matchCacheSize > 20000) {
      matchCache.clear();
      matchCacheSize = 0;
      byResource = new Map();
      matchCache.set(format, byResource);
    }
    hit = computeMatch(resource, format);
    byResource.set(ownCopy(resource), hit);
    matchCacheSize++;
  }
  return hit;
}

/** What computeMatch needs of a resource, whatever the format: callers try one resource against many formats in a row. */
interface PreparedResource {
  resource: string;
  /** Without ${Variables}. */
  r: string;
  /** The literal beginning, before any wildcard; undefined when there is no wildcard. */
  literal: string | undefined;
  /** The pattern with its wildcards filled in each of the ways of FILLS, each built on first need. */
  fills: (string | undefined)[];
  tokens?: number[];
}

let prepared: PreparedResource | undefined;

/** What a pattern's stars are replaced with to find a resource it names: most fit with the first. */
const FILLS = ['x', 'x/x', 'x:x', 'x/x/x', 'x/x/x/x'];

function prepare(resource: string): PreparedResource {
  if (prepared?.resource !== resource) {
    const r = variableFree(resource);
    const wild = r.search(/[*?]/);
    prepared = { resource, r, literal: wild < 0 ? undefined : r.slice(0, wild), fills: [] };
  }
  return prepared;
}

function computeMatch(resource: string, format: string): boolean {
  const f = compileFormat(format);
  const p = prepare(resource);
  const r = p.r;
  if (p.literal === undefined) return fits(f, r);
  // Literal prefixes must agree before anything costlier is tried.
  const a = p.literal;
  const b = f.literalPrefix;
  if (!(a.startsWith(b) || b.startsWith(a))) return false;
  // A pattern with a star against a shape with a run of any characters: their ends settle it.
  const star = f.narrow || f.firstStar < 0 ? -1 : r.indexOf('*');
  if (star >= 0) return endsAgree(r, star, r.lastIndexOf('*'), f.shape, f.firstStar, f.lastStar);
  // Either the pattern covers the format's shape, or some filling of its wildcards fits it (a
  // resource both name, narrow placeholders too), or only comparing every pair of positions tells.
  if (globMatch(r, f.sample, false)) return true;
  for (let k = 0; k < FILLS.length; k++) {
    if (fits(f, (p.fills[k] ??= r.replace(/\*/g, FILLS[k]).replace(/\?/g, 'x')))) return true;
  }
  p.tokens ??= tokens(r);
  return f.narrow ? narrowIntersect(p.tokens, f.shape) : globsIntersect(p.tokens, f.shape);
}


/** Whether a plain string is the resource part of an ARN of a format. */
function fits(f: CompiledFormat, s: string): boolean {
  return f.narrow ? fitsNarrowShape(f.shape, s, 0, 0) : fitsShape(f.shape, s);
}
