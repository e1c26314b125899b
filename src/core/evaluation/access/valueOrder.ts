// Condition values compared by what they mean rather than as text: address ranges for IpAddress,
// numbers and instants for the Numeric and Date operators. Each comparison sorts once and scans:
// n log n in the number of values, whatever they are.
import { parseCidr } from '../../policy/checks/conditionValues';
import { numericValue } from '../../policy/numericValues';
import { parseDate } from '../operators';

/**
 * How a clause's values are compared: `ip`, as address ranges (IpAddress, NotIpAddress); `max`, by
 * the greatest (a request is less than some value: NumericLessThan, DateLessThanEquals, …); `min`,
 * by the least (GreaterThan operators); otherwise value by value.
 */
export type ValueOrder = 'ip' | 'max' | 'min';

export function valueOrder(base: string): ValueOrder | undefined {
  if (base === 'IpAddress' || base === 'NotIpAddress') return 'ip';
  if (/^(?:Numeric|Date)LessThan/.test(base)) return 'max';
  if (/^(?:Numeric|Date)GreaterThan/.test(base)) return 'min';
  return undefined;
}

/**
 * A Numeric or Date value as the engine reads it (`10.0` is `10`; `2026-01-01T00:00:00Z` and the
 * epoch seconds `1767225600` are one instant, written as milliseconds): equal values read as one. Other values, and
 * values the operator cannot read (which match nothing), as written.
 */
export function canonicalValue(base: string, value: string): string {
  const n = base.startsWith('Numeric') ? numericValue(value) : base.startsWith('Date') ? parseDate(value) : NaN;
  return Number.isFinite(n) ? String(n) : value;
}

interface Range {
  readonly v6: boolean;
  readonly start: bigint;
  readonly end: bigint;
}

/** The addresses an IpAddress value covers: the CIDR's network (host bits aside, as the engine reads it), or one address. */
function rangeOf(value: string): Range | undefined {
  const c = parseCidr(value.trim());
  if (!c) return undefined;
  let start = 0n;
  for (const b of c.bytes) start = (start << 8n) | BigInt(b);
  const hostBits = BigInt(c.bytes.length * 8 - c.prefix);
  start = (start >> hostBits) << hostBits;
  return { v6: c.v6, start, end: start + (1n << hostBits) - 1n };
}

/** The values' ranges merged where they touch or overlap, IPv4 before IPv6, each in order. */
function merged(values: readonly string[]): Range[] {
  const ranges = values.map(rangeOf).filter((r): r is Range => r !== undefined);
  ranges.sort((a, b) => (a.v6 !== b.v6 ? (a.v6 ? 1 : -1) : a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && last.v6 === r.v6 && r.start <= last.end + 1n) {
      if (r.end > last.end) out[out.length - 1] = { ...last, end: r.end };
    } else out.push(r);
  }
  return out;
}

/** Whether every address of `inner`'s values is one of `outer`'s (values that are no address match nothing). */
function rangesWithin(inner: readonly string[], outer: readonly string[]): boolean {
  return mergedWithin(merged(inner), merged(outer));
}

/** Whether every range of `parts` lies within `cover`, both merged and in order: one pass over each. */
function mergedWithin(parts: readonly Range[], cover: readonly Range[]): boolean {
  let k = 0;
  for (const p of parts) {
    while (k < cover.length && (cover[k].v6 !== p.v6 ? !cover[k].v6 && p.v6 : cover[k].end < p.start)) k++;
    const c = cover[k];
    if (!c || c.v6 !== p.v6 || c.start > p.start || c.end < p.end) return false;
  }
  return true;
}

/** IPv6 positions on one line with IPv4 ones, after them (the order merged keeps) and apart, so the two never touch. */
const IPV6_AT = 1n << 129n;

/**
 * The addresses that every one of `sets` covers, as merged ranges in order: one sort of the ranges'
 * ends, then one pass counting how many sets cover each stretch.
 */
function commonRanges(sets: readonly (readonly string[])[]): Range[] {
  const ends: { at: bigint; step: number }[] = [];
  for (const s of sets) {
    for (const r of merged(s)) {
      const base = r.v6 ? IPV6_AT : 0n;
      ends.push({ at: base + r.start, step: 1 }, { at: base + r.end + 1n, step: -1 });
    }
  }
  ends.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const out: Range[] = [];
  let count = 0;
  let from = 0n;
  for (let i = 0; i < ends.length; ) {
    const at = ends[i].at;
    let next = count;
    for (; i < ends.length && ends[i].at === at; i++) next += ends[i].step;
    if (next === sets.length && count < sets.length) from = at;
    else if (count === sets.length && next < sets.length) {
      const v6 = from >= IPV6_AT;
      const base = v6 ? IPV6_AT : 0n;
      out.push({ v6, start: from - base, end: at - 1n - base });
    }
    count = next;
  }
  return out;
}

/**
 * Whether the addresses excluded by every one of several NotIpAddress conditions are all excluded by
 * `outer`: statements allowing NOT in A or NOT in B allow NOT in (A and B), so they cover one that
 * allows NOT in `outer` exactly when the addresses common to A and B lie within `outer`.
 */
export function commonAddressesWithin(sets: readonly (readonly string[])[], outer: readonly string[]): boolean {
  return mergedWithin(commonRanges(sets), merged(outer));
}

function numbers(values: readonly string[]): number[] {
  return values.map(Number).filter((n) => Number.isFinite(n));
}

/**
 * Whether a condition with the `inner` values holds only where one with the `outer` values does,
 * the operator being the same and positive: its addresses within the other's, its greatest bound no
 * greater (`max`), its least no smaller (`min`). Values the operator cannot read match nothing.
 */
export function valuesWithin(order: ValueOrder, inner: readonly string[], outer: readonly string[]): boolean {
  if (order === 'ip') return rangesWithin(inner, outer);
  const a = numbers(inner);
  const b = numbers(outer);
  if (a.length === 0) return true;
  if (b.length === 0) return false;
  return order === 'max' ? extreme(a, 1) <= extreme(b, 1) : extreme(a, -1) >= extreme(b, -1);
}

/** The greatest (sign 1) or least (sign -1) of the numbers, without spreading them into arguments. */
function extreme(ns: readonly number[], sign: 1 | -1): number {
  let best = ns[0];
  for (const n of ns) if ((n - best) * sign > 0) best = n;
  return best;
}
