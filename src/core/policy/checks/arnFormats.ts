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

/**
 * Placeholders of the IAM data's ARN formats that cannot hold some characters, by the format's
 * service field and the placeholder's name. Every other placeholder stands for any run of one or
 * more characters (an object key, a role name with its path: both hold "/").
 */
const NARROW: readonly { service: string; placeholder: string; excluded: string }[] = [
  // S3 User Guide, general purpose bucket naming rules: "Bucket names can consist only of lowercase
  // letters, numbers, periods (.), and hyphens (-)." (Legacy us-east-1 names may also hold capitals
  // and underscores; none holds "/".)
  { service: 's3', placeholder: 'BucketName', excluded: '/' },
  // S3 User Guide, directory bucket naming rules: "Consists only of lowercase letters, numbers and hyphens (-)."
  { service: 's3express', placeholder: 'BucketName', excluded: '/' },
  // S3 User Guide, table bucket naming rules: "Bucket names can consist only of lowercase letters, numbers, and hyphens (-)."
  { service: 's3tables', placeholder: 'TableBucketName', excluded: '/' },
  // S3 User Guide, vector bucket naming requirements: "Vector bucket names can consist only of lowercase letters (a-z), numbers (0-9), and hyphens (-)."
  { service: 's3vectors', placeholder: 'BucketName', excluded: '/' },
  // CloudFormation, AWS::S3Outposts::Bucket: "The bucket name must contain only lowercase letters, numbers, periods (.), and dashes (-)".
  { service: 's3-outposts', placeholder: 'BucketName', excluded: '/' },
];

/** Tokens other than code units: any run of characters, any one, past the end of a pattern, and the narrow kinds: for entry k of NARROW, one character (ONE - 2k) and any run (RUN - 2k). */
const STAR = -1;
const ANY = -2;
const NONE = -3;
const ONE = -4;
const RUN = -5;

/** The two tokens (one character, then any run) a placeholder of a format of this service stands for. */
function placeholderTokens(service: string, name: string): [number, number] {
  for (let k = 0; k < NARROW.length; k++) if (NARROW[k].service === service && NARROW[k].placeholder === name) return [ONE - 2 * k, RUN - 2 * k];
  return [ANY, STAR];
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

/**
 * Whether a plain string fits a shape of literal code units, ANY for one and STAR for any run (no narrow kinds).
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
  if (star >= 0) return endsAgree(r, star, r.lastIndexOf('*'), f);
  // Either the pattern covers the format's shape, or some filling of its wildcards fits it (a
  // resource both name, narrow placeholders too), or only comparing every pair of positions tells.
  if (globMatch(r, f.sample, false)) return true;
  for (let k = 0; k < FILLS.length; k++) {
    if (fits(f, (p.fills[k] ??= r.replace(/\*/g, FILLS[k]).replace(/\?/g, 'x')))) return true;
  }
  p.tokens ??= tokens(r);
  return f.narrow ? narrowIntersect(p.tokens, f.shape) : globsIntersect(p.tokens, f.shape);
}

/**
 * Whether a pattern and a shape (without narrow kinds) that both hold a run of any characters name
 * a common string: exactly when they agree before the first run of either and after the last run
 * of either. Such a string is the longer beginning, then an instance of what lies between the runs
 * of each, then the longer end: each one's runs take the other's part. (No other string can do, as
 * any string both name starts with both beginnings and ends with both ends.) Linear, where
 * globsIntersect compares every pair of positions.
 */
function endsAgree(r: string, firstStar: number, lastStar: number, f: CompiledFormat): boolean {
  const shape = f.shape;
  const start = Math.min(firstStar, f.firstStar);
  for (let i = 0; i < start; i++) if (!sameChar(r.charCodeAt(i), shape[i])) return false;
  const end = Math.min(r.length - 1 - lastStar, shape.length - 1 - f.lastStar);
  for (let k = 1; k <= end; k++) if (!sameChar(r.charCodeAt(r.length - k), shape[shape.length - k])) return false;
  return true;
}

/** Whether a pattern's code unit (a `?` for any) and a shape's token (a code unit or ANY) can be one character. */
function sameChar(c: number, t: number): boolean {
  return c === 63 || t === ANY || c === t;
}

/** Whether a plain string is the resource part of an ARN of a format. */
function fits(f: CompiledFormat, s: string): boolean {
  return f.narrow ? fitsNarrowShape(f.shape, s, 0, 0) : fitsShape(f.shape, s);
}

/**
 * fitsShape for shapes with narrow kinds, from shape[i] and s[j] on. A narrow run stops at a character it
 * cannot take, so the last run is not always the one to lengthen: each run tries its lengths in turn.
 * That is a search as deep as the shape has runs, and formats have few.
 */
function fitsNarrowShape(shape: number[], s: string, i: number, j: number): boolean {
  const n = shape.length;
  const m = s.length;
  for (; i < n; i++, j++) {
    const t = shape[i];
    if (isRun(t)) {
      if (t === STAR && i === n - 1) return true;
      for (let k = j; ; k++) {
        if (fitsNarrowShape(shape, s, i + 1, k)) return true;
        if (k === m || !takes(t, s.charCodeAt(k))) return false;
      }
    }
    if (j === m || !takes(t, s.charCodeAt(j))) return false;
  }
  return j === m;
}

/** A policy's pattern as char codes, ANY for `?` and STAR for `*`. */
function tokens(p: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    out.push(c === 42 ? STAR : c === 63 ? ANY : c);
  }
  return out;
}

/** Whether a token stands for a run of characters (STAR, or a narrow run), not for one. */
function isRun(t: number): boolean {
  return t === STAR || (t <= ONE && (ONE - t) % 2 === 1);
}

/** Whether a token that is not NONE can stand for the code unit c (a literal only for itself; a narrow kind not for its NARROW entry's). */
function takes(t: number, c: number): boolean {
  if (t >= 0) return t === c;
  if (t > ONE) return true;
  const excluded = NARROW[(ONE - t) >> 1].excluded;
  for (let i = 0; i < excluded.length; i++) if (excluded.charCodeAt(i) === c) return false;
  return true;
}

/** Whether one character can be taken by both tokens (neither NONE). Wildcards of any kind share one: a NARROW entry excludes few characters. */
function shareOne(x: number, y: number): boolean {
  return x >= 0 ? takes(y, x) : y >= 0 ? takes(x, y) : true;
}

/**
 * Whether some string matches both patterns: whether the end of both is reachable from their start,
 * each step consuming a token of either or both. Steps only go forward, so one pass over the pairs
 * of positions, in order, marks every pair reachable: no recursion, and one byte per pair.
 */
function globsIntersect(a: number[], b: number[]): boolean {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const reached = new Uint8Array((n + 1) * w);
  reached[0] = 1;
  for (let i = 0; i <= n; i++) {
    let any = false;
    for (let j = 0; j <= m; j++) {
      const k = i * w + j;
      if (!reached[k]) continue;
      if (i === n && j === m) return true;
      any = true;
      const x = i < n ? a[i] : NONE;
      const y = j < m ? b[j] : NONE;
      // A star matches nothing, or one more character of the other pattern.
      if (x === STAR) {
        reached[k + w] = 1;
        if (y !== NONE && y !== STAR) reached[k + 1] = 1;
      }
      if (y === STAR) {
        reached[k + 1] = 1;
        if (x !== NONE && x !== STAR) reached[k + w] = 1;
      }
      if (x !== NONE && y !== NONE && x !== STAR && y !== STAR && (x === y || x === ANY || y === ANY)) reached[k + w + 1] = 1;
    }
    // No pair of this row was reached: neither is any of the rows after it.
    if (!any) return false;
  }
  return false;
}

/**
 * globsIntersect for a policy's pattern (a) and a shape with narrow kinds (b), kept apart so that the
 * common case stays as small as it was. After a[0..i), row[j] says whether some string a[0..i) matches
 * can be read by b[0..j), with b at token j (a run of b may read on); rows are made one from the other.
 */
function narrowIntersect(a: number[], b: number[]): boolean {
  const m = b.length;
  // Two rows, each made from the other in turn: a row per token of a would be an object each.
  let row = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  row[0] = 1;
  /** A run of b may end: wherever it is reached, so is the token after it. */
  const endRuns = (r: Uint8Array) => {
    for (let j = 0; j < m; j++) if (r[j] && isRun(b[j])) r[j + 1] = 1;
  };
  endRuns(row);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const from = row.indexOf(1);
    if (from < 0) return false;
    next.fill(0);
    // A star of a reads whatever b reads from there on: every token of b takes some character.
    if (x === STAR) next.fill(1, from);
    else {
      for (let j = from; j < m; j++) {
        // One character, read by x and by b[j]: a run of b reads it and stays.
        if (row[j] && shareOne(x, b[j])) next[isRun(b[j]) ? j : j + 1] = 1;
      }
      endRuns(next);
    }
    const done = row;
    row = next;
    next = done;
  }
  return row[m] === 1;
}
