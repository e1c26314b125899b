// ARNs and ARN formats: splitting an ARN into its fields, and whether a policy's resource (with
// wildcards and variables) can name a resource of a format from the IAM data.
import { globMatch } from '../actions';
import { replaceVariables, variableSpans } from '../variableSpans';
import { ownCopy } from '../ownCopy';

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

export function variableFree(s: string): string {
  return replaceVariables(s, () => '*');
}

interface CompiledFormat {
  shape: number[];
  sample: string;
  region: boolean;
  account: boolean;
  service: string;
  literalPrefix: string;
  /** The resource part as tokens (see tokens()), built on first need. */
  tokens?: number[];
  resource: string;
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
  // Each ${Variable} stands for one or more characters; everything else is literal.
  const shape: number[] = [];
  let sample = '';
  const literal = (part: string) => {
    for (let i = 0; i < part.length; i++) shape.push(part.charCodeAt(i));
    sample += part;
  };
  let at = 0;
  for (const v of variableSpans(resource)) {
    literal(resource.slice(at, v.start));
    shape.push(ANY, STAR);
    sample += 'x';
    at = v.end;
  }
  literal(resource.slice(at));
  c = { shape, sample, region: f.region !== '', account: f.account !== '', service: f.service, literalPrefix: resource.split('${')[0], resource };
  formatCache.set(format, c);
  return c;
}

/**
 * Whether a plain string fits a format's shape (literal code units, ANY for one, STAR for any run).
 * Formats are many and each is tested a few times: this is cheaper than compiling a regex for each.
 */
function fitsShape(shape: number[], s: string): boolean {
  const n = shape.length;
  const m = s.length;
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < m) {
    if (i < n) {
      const t = shape[i];
      if (t === STAR) {
        star = i++;
        mark = j;
        continue;
      }
      if (t === ANY || t === s.charCodeAt(j)) {
        i++;
        j++;
        continue;
      }
    }
    if (star < 0) return false;
    i = star + 1;
    j = ++mark;
  }
  while (i < n && shape[i] === STAR) i++;
  return i === n;
}

/** format -> resource -> match; two levels so that no key string is built per lookup. */
const matchCache = new Map<string, Map<string, boolean>>();
let matchCacheSize = 0;

/** Whether a policy resource part (with wildcards) can name a resource of this ARN format. */
export function resourceMatchesFormat(resource: string, format: string): boolean {
  // Most pairs differ in their literal beginnings: settle those before any lookup.
  const literal = compileFormat(format).literalPrefix;
  const n = Math.min(literal.length, resource.length);
  for (let i = 0; i < n; i++) {
    const c = resource.charCodeAt(i);
    if (c === 42 || c === 63 || c === 36) break;
    if (c !== literal.charCodeAt(i)) return false;
  }
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
  /** The pattern with its wildcards filled in a few ways, built on first need. */
  fills?: string[];
  tokens?: number[];
}

let prepared: PreparedResource | undefined;

function prepare(resource: string): PreparedResource {
  if (prepared?.resource !== resource) {
    const r = variableFree(resource);
    const wild = r.search(/[*?]/);
    prepared = { resource, r, literal: wild < 0 ? undefined : r.slice(0, wild) };
  }
  return prepared;
}

function computeMatch(resource: string, format: string): boolean {
  const f = compileFormat(format);
  const p = prepare(resource);
  const r = p.r;
  if (p.literal === undefined) return fitsShape(f.shape, r);
  // Literal prefixes must agree before anything costlier is tried.
  const a = p.literal;
  const b = f.literalPrefix;
  if (!(a.startsWith(b) || b.startsWith(a))) return false;
  // Either the pattern covers the format's shape, or some expansion of the pattern fits it.
  if (globMatch(r, f.sample, false)) return true;
  p.fills ??= ['x', 'x/x', 'x:x', 'x/x/x', 'x/x/x/x'].map((fill) => r.replace(/\*/g, fill).replace(/\?/g, 'x'));
  for (const filled of p.fills) {
    if (fitsShape(f.shape, filled)) return true;
  }
  p.tokens ??= tokens(r, false);
  return globsIntersect(p.tokens, (f.tokens ??= tokens(f.resource, true)));
}

const STAR = -1;
const ANY = -2;

/** Pattern as char codes, ANY for one character and STAR for any run; ${Var} is one or more characters. */
function tokens(p: string, template: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.length; i++) {
    if (template && p.startsWith('${', i)) {
      const end = p.indexOf('}', i);
      out.push(ANY, STAR);
      i = end < 0 ? p.length : end;
    } else if (!template && p[i] === '*') out.push(STAR);
    else if (!template && p[i] === '?') out.push(ANY);
    else out.push(p.charCodeAt(i));
  }
  return out;
}

/** Whether some string matches both patterns. */
function globsIntersect(a: number[], b: number[]): boolean {
  const n = a.length;
  const m = b.length;
  const memo = new Uint8Array((n + 1) * (m + 1));
  const go = (i: number, j: number): boolean => {
    const k = i * (m + 1) + j;
    if (memo[k]) return memo[k] === 2;
    memo[k] = 1;
    let ok = false;
    if (i === n && j === m) ok = true;
    else if (i < n && a[i] === STAR && go(i + 1, j)) ok = true;
    else if (j < m && b[j] === STAR && go(i, j + 1)) ok = true;
    else if (i < n && a[i] === STAR && j < m && b[j] !== STAR && go(i, j + 1)) ok = true;
    else if (j < m && b[j] === STAR && i < n && a[i] !== STAR && go(i + 1, j)) ok = true;
    else if (i < n && j < m && a[i] !== STAR && b[j] !== STAR && (a[i] === b[j] || a[i] === ANY || b[j] === ANY) && go(i + 1, j + 1)) ok = true;
    memo[k] = ok ? 2 : 1;
    return ok;
  };
  return go(0, 0);
}
