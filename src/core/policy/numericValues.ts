// How Numeric condition operators read a value, for the linter and the engine alike. AWS: they
// compare "a key to an integer or decimal value"; forms it does not name (exponents, hex, a leading
// `+`, a point without digits on both sides) are not numbers, so the linter reports them and the
// engine matches nothing with them. A JSON number (unquoted) is read by its value.

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A JSON number written out without an exponent (`1e21` -> `1000000000000000000000`, `1e-7` -> `0.0000001`). */
export function plainNumberText(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[2] + (m[3] ?? '');
  const point = m[2].length + Number(m[4]);
  if (point <= 0) return `${m[1]}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return m[1] + digits + '0'.repeat(point - digits.length);
  return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The number a Numeric operator reads from a value (spaces around it ignored); NaN when it is not an integer or decimal. */
export function numericValue(value: string | number | boolean | null): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const s = value.trim();
  return DECIMAL.test(s) ? Number(s) : NaN;
}
