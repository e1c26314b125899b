import { globMatch } from '../policy/actions';
import { parseCidr } from '../policy/checks/conditionValues';
import { splitArnCached, type SplitArn } from '../policy/checks/arnFormats';
import { numericValue } from '../policy/numericValues';
import { unescapePattern } from './variables';

/** The positive operator each negated one is the NOT of. */
export const POSITIVE_OF: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

// The W3C profile of ISO 8601 (YYYY-MM-DD, then hh:mm, :ss, fractions and a zone): the compact
// form (20260601T000000Z) is not in it, and a run of digits is epoch seconds.
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Milliseconds since the epoch for the date forms IAM documents (W3C ISO 8601 and epoch seconds); NaN otherwise. */
export function parseDate(v: string): number {
  const s = v.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(s)) return Number(s) * 1000;
  const m = DATE.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 24 || Number(mi) > 59 || Number(sec) > 60) return NaN;
  let t = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(sec), frac ? Number(`0.${frac}`) * 1000 : 0);
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60000;
  }
  return t;
}

function inCidr(ip: string, cidr: string): boolean {
  const a = parseCidr(ip.trim());
  const c = parseCidr(cidr.trim());
  if (!a || !c || a.v6 !== c.v6) return false;
  for (let bit = 0; bit < c.prefix; bit++) {
    const mask = 0x80 >> (bit & 7);
    if ((a.bytes[bit >> 3] & mask) !== (c.bytes[bit >> 3] & mask)) return false;
  }
  return true;
}

function base64Bytes(s: string): string | undefined {
  const t = s.replace(/\s+/g, '');
  if (!/^[\w+/-]*={0,2}$/.test(t)) return undefined;
  try {
    return atob(t.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
}

/** ArnLike/ArnEquals and Resource matching: each of the six ARN fields on its own, with wildcards, case-sensitively. */
export function arnMatch(pattern: string, arn: string): boolean {
  const p = splitArnCached(pattern);
  const a = splitArnCached(arn);
  return !!p && !!a && fieldsMatch(p, a);
}

function fieldsMatch(p: Readonly<SplitArn>, a: Readonly<SplitArn>): boolean {
  return globMatch(p.partition, a.partition, false) && globMatch(p.service, a.service, false) && globMatch(p.region, a.region, false) && globMatch(p.account, a.account, false) && globMatch(p.resource, a.resource, false);
}

/** A Resource element value against the request's resource. */
export function resourceMatch(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  // A pattern with all six ARN fields matches field by field; a shorter one (`arn:aws:*`) as a whole.
  // Each ARN is split once, and the same ones come back request after request.
  const p = splitArnCached(pattern);
  const a = p && splitArnCached(resource);
  if (p && a) return fieldsMatch(p, a);
  return globMatch(pattern, resource, false);
}

function hasGlob(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** Longest pair of texts compared for overlap; past it the request's wildcards are taken literally. */
const OVERLAP_LIMIT = 1 << 20;

/**
 * Whether two wildcard patterns (`*`, `?`) match some common text, case-sensitively: a table of
 * how far each has been consumed, filled forwards, so time is the product of the lengths (bounded).
 */
export function globsOverlap(a: string, b: string): boolean {
  // Every pattern matches some text (its wildcards taken as letters), so `*` and the pattern itself overlap it.
  if (a === b || a === '*' || b === '*') return true;
  // When one side has no wildcard, some text fits both exactly when the other matches it: no table.
  if (!hasGlob(b)) return globMatch(a, b, false);
  if (!hasGlob(a)) return globMatch(b, a, false);
  const prefix = prefixOverlap(a, b) ?? prefixOverlap(b, a);
  if (prefix !== undefined) return prefix;
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > OVERLAP_LIMIT) return globMatch(a, b, false);
  const w = m + 1;
  const reach = new Uint8Array((n + 1) * w);
  reach[0] = 1;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (!reach[i * w + j]) continue;
      const x = i < n ? a.charCodeAt(i) : -1;
      const y = j < m ? b.charCodeAt(j) : -1;
      if (x === 42) {
        reach[(i + 1) * w + j] = 1;
        if (j < m) reach[i * w + j + 1] = 1;
      }
      if (y === 42) {
        reach[i * w + j + 1] = 1;
        if (i < n) reach[(i + 1) * w + j] = 1;
      }
      if (x >= 0 && y >= 0 && x !== 42 && y !== 42 && (x === y || x === 63 || y === 63)) reach[(i + 1) * w + j + 1] = 1;
    }
  }
  return reach[n * w + m] === 1;
}

/**
 * globsOverlap where `a` is literal text then one `*` at its end (`role/*`, the common shape of
 * a resource's path), read with string built-ins: some text fits both exactly when `b` can begin
 * with the literal text, as the `*` takes whatever `b` makes of the rest. Undefined for other
 * shapes, and when a `?` of `b` falls within the literal text.
 */
function prefixOverlap(a: string, b: string): boolean | undefined {
  const star = a.length - 1;
  if (a.indexOf('*') !== star || a.includes('?')) return undefined;
  const q = b.indexOf('?');
  const s = b.indexOf('*');
  const first = q < 0 ? s : s < 0 ? q : Math.min(q, s);
  // Up to its first wildcard `b` is literal text too: it must agree with `a`'s as far as both go.
  const literal = Math.min(first < 0 ? b.length : first, star);
  if (!b.startsWith(a.slice(0, literal))) return false;
  if (literal === star) return true;
  // `b` runs out of literal text first: a `*` there makes the rest of `a`'s literal text.
  return first === s ? true : undefined;
}

/** A Resource value against a request resource that itself holds wildcards: whether some resource fits both, field by field. */
export function resourceOverlap(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  const p = splitArnCached(pattern);
  const a = p && splitArnCached(resource);
  if (!p || !a) return globsOverlap(pattern, resource);
  return globsOverlap(p.partition, a.partition) && globsOverlap(p.service, a.service) && globsOverlap(p.region, a.region) && globsOverlap(p.account, a.account) && globsOverlap(p.resource, a.resource);
}

/**
 * Whether one request value satisfies one policy value under a positive base operator (StringLike,
 * not StringNotLike). The policy value is a substituted pattern (see variables.ts).
 */
export function testValue(base: string, request: string, policy: string): boolean {
  switch (base) {
    case 'StringEquals':
      return request === unescapePattern(policy);
    case 'StringEqualsIgnoreCase':
      return request.toLowerCase() === unescapePattern(policy).toLowerCase();
    case 'StringLike':
      return globMatch(policy, request, false);
    case 'NumericEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals':
      return compare(base.slice(7), numericValue(request), numericValue(policy));
    case 'DateEquals':
    case 'DateLessThan':
    case 'DateLessThanEquals':
    case 'DateGreaterThan':
    case 'DateGreaterThanEquals':
      return compare(base.slice(4), parseDate(request), parseDate(policy));
    case 'Bool': {
      // Bool compares to "true" or "false": any other text (1, "yes") is not a Boolean and matches nothing.
      const r = request.toLowerCase();
      return (r === 'true' || r === 'false') && r === policy.toLowerCase();
    }
    case 'BinaryEquals': {
      const a = base64Bytes(request);
      const b = base64Bytes(policy);
      return a !== undefined && a === b;
    }
    case 'IpAddress':
      return inCidr(request, policy);
    case 'ArnEquals':
    case 'ArnLike':
      return arnMatch(policy, request);
    default:
      return false;
  }
}

function compare(op: string, a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (op) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThan':
      return a > b;
    case 'GreaterThanEquals':
      return a >= b;
    default:
      return false;
  }
}
