// Condition values that have a syntax of their own: dates, IPv4 and IPv6 addresses and CIDR ranges.

const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export function validDate(v: string | number | boolean | null): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0;
  if (typeof v !== 'string') return false;
  if (/^\d+$/.test(v)) return true;
  return DATE_RE.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T')));
}

function ipv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return out.every((n) => n >= 0 && n <= 255) ? out : undefined;
}

/**
 * An IPv6 address as eight 16-bit groups. The last 32 bits may be written as an IPv4 address
 * (RFC 4291, 2.2: "x:x:x:x:x:x:d.d.d.d", as in ::ffff:192.0.2.1).
 */
function parseIpv6(s: string): number[] | undefined {
  if (!/^[0-9a-f:.]+$/i.test(s) || !s.includes(':')) return undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    const v4 = ipv4(s.slice(lastColon + 1));
    if (!v4 || s.lastIndexOf('.', lastColon) >= 0) return undefined;
    const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
    // The address with its IPv4 part as two hexadecimal groups: "::ffff:c000:201".
    return parseIpv6(`${s.slice(0, lastColon + 1)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string) => (h === '' ? [] : h.split(':'));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const groups = [...head, ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  if (halves.length === 1 && groups.length !== 8) return undefined;
  if (halves.length === 2 && groups.length > 7) return undefined;
  const zeros = new Array(8 - groups.length).fill(0);
  const nums = [...head.map((g) => parseInt(g, 16)), ...zeros, ...tail.map((g) => parseInt(g, 16))];
  return nums.length === 8 ? nums : undefined;
}

/** Parses an IP or CIDR; returns the address bits and prefix, or undefined when invalid. */
export function parseCidr(v: string): { v6: boolean; bytes: number[]; prefix: number } | undefined {
  const [addr, pfx, extra] = v.split('/');
  if (extra !== undefined) return undefined;
  const v4 = ipv4(addr);
  if (v4) {
    const prefix = pfx === undefined ? 32 : /^\d{1,2}$/.test(pfx) ? Number(pfx) : NaN;
    return prefix >= 0 && prefix <= 32 ? { v6: false, bytes: v4, prefix } : undefined;
  }
  const v6 = parseIpv6(addr);
  if (v6) {
    const prefix = pfx === undefined ? 128 : /^\d{1,3}$/.test(pfx) ? Number(pfx) : NaN;
    const bytes = v6.flatMap((g) => [g >> 8, g & 255]);
    return prefix >= 0 && prefix <= 128 ? { v6: true, bytes, prefix } : undefined;
  }
  return undefined;
}

export function hostBitsSet(c: { bytes: number[]; prefix: number }): boolean {
  for (let bit = c.prefix; bit < c.bytes.length * 8; bit++) {
    if (c.bytes[bit >> 3] & (0x80 >> (bit & 7))) return true;
  }
  return false;
}

export function maskedAddress(c: { v6: boolean; bytes: number[]; prefix: number }): string {
  const b = c.bytes.map((x, i) => {
    const keep = Math.max(0, Math.min(8, c.prefix - i * 8));
    return x & (0xff << (8 - keep)) & 0xff;
  });
  if (!c.v6) return `${b.join('.')}/${c.prefix}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  return `${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}/${c.prefix}`;
}

export function isPrivate(c: { v6: boolean; bytes: number[]; prefix: number }): boolean {
  const b = c.bytes;
  if (c.v6) return (b[0] & 0xfe) === 0xfc && c.prefix >= 7;
  if (b[0] === 10 && c.prefix >= 8) return true;
  if (b[0] === 172 && (b[1] & 0xf0) === 16 && c.prefix >= 12) return true;
  if (b[0] === 192 && b[1] === 168 && c.prefix >= 16) return true;
  return false;
}
