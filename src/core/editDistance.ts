/**
 * The optimal string alignment distance (insertions, deletions, substitutions and swaps of
 * neighbours) behind every did-you-mean: actions, condition keys, config keys and profile names.
 * Capped: a name of up to 32 characters is compared a column at a time in bit vectors, a longer one
 * through the cells near the diagonal only, so a long name costs its length, not its square.
 */

/** Rows reused across calls: suggestions compare one name with hundreds of candidates. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance, case-insensitive, capped for speed. */
export function editDistance(a: string, b: string, max = Infinity): number {
  return distanceWithin(a.toLowerCase(), b.toLowerCase(), max);
}

/**
 * The distance of `s` and `t` as written (case counts), exact when it is at most `max`, else some
 * number above `max`. The
 * common start and end are set aside first (action names of one service share long ones), and only
 * cells within `max` of the diagonal are computed: a path through any other cell costs more.
 */
export function distanceWithin(s: string, t: string, max: number): number {
  let start = 0;
  let sEnd = s.length;
  let tEnd = t.length;
  while (start < sEnd && start < tEnd && s.charCodeAt(start) === t.charCodeAt(start)) start++;
  while (sEnd > start && tEnd > start && s.charCodeAt(sEnd - 1) === t.charCodeAt(tEnd - 1)) {
    sEnd--;
    tEnd--;
  }
  const m = sEnd - start;
  const n = tEnd - start;
  // No distance exceeds the longer length, so a larger cap changes nothing (and Infinity fits no Int32Array).
  const cap = Math.min(max, Math.max(m, n));
  if (Math.abs(m - n) > cap) return cap + 1;
  if (m === 0 || n === 0) return m + n;
  // Up to 32 characters, the shorter name fits one 32-bit word: a column of the table costs a few
  // word operations instead of a band of cells.
  if (m <= 32 || n <= 32) {
    const d = m <= n ? bitParallel(s, start, sEnd, t, start, tEnd, cap) : bitParallel(t, start, tEnd, s, start, sEnd, cap);
    if (d >= 0) return d > cap ? cap + 1 : d;
  }
  return banded(s, t, start, m, n, cap);
}

/** The cells within `cap` of the diagonal, row by row (see distanceWithin): for names over 32 characters and others. */
function banded(s: string, t: string, start: number, m: number, n: number, cap: number): number {
  const far = cap + 1;
  if (rows[0].length <= n + 1) rows = [new Int32Array(n + 2), new Int32Array(n + 2), new Int32Array(n + 2)];
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= n + 1; j++) {
    prev[j] = j <= cap ? j : far;
    prev2[j] = far;
  }
  for (let i = 1; i <= m; i++) {
    const lo = i > cap ? i - cap : 1;
    const hi = i + cap < n ? i + cap : n;
    // The cells left of the band, and the one right of it that the next row reads, cost too much.
    cur[lo - 1] = lo === 1 ? i : far;
    cur[hi + 1] = far;
    let rowMin = far;
    const si = s.charCodeAt(start + i - 1);
    const sPrev = i > 1 ? s.charCodeAt(start + i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const tj = t.charCodeAt(start + j - 1);
      let v = prev[j - 1] + (si === tj ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (j > 1 && sPrev === tj && si === t.charCodeAt(start + j - 2) && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return far;
    const t0 = prev2;
    prev2 = prev;
    prev = cur;
    cur = t0;
  }
  return prev[n] > cap ? far : prev[n];
}

/** Per character code below 128: the positions of the pattern where it stands, as bits. Cleared after each use. */
const positions = new Int32Array(128);

/**
 * The distance of p[pStart, pEnd) (at most 32 characters) and t[tStart, tEnd), or -1 when a
 * character is not ASCII; some number above `cap` once the distance must exceed it. The table is
 * read a column per character of t, each column's differences to the one before kept as bit
 * vectors: Myers' algorithm, with Hyyrö's transposition term for the optimal string alignment.
 */
function bitParallel(p: string, pStart: number, pEnd: number, t: string, tStart: number, tEnd: number, cap: number): number {
  const m = pEnd - pStart;
  for (let i = 0; i < m; i++) {
    const c = p.charCodeAt(pStart + i);
    if (c >= 128) {
      for (let k = 0; k < i; k++) positions[p.charCodeAt(pStart + k)] = 0;
      return -1;
    }
    positions[c] |= 1 << i;
  }
  const last = 1 << (m - 1);
  let vp = -1;
  let vn = 0;
  let d0 = 0;
  let pmPrev = 0;
  let score = m;
  let result = -1;
  for (let j = tStart; j < tEnd; j++) {
    const c = t.charCodeAt(j);
    if (c >= 128) break;
    const pm = positions[c];
    const tr = ((~d0 & pm) << 1) & pmPrev;
    d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
    const hp = vn | ~(d0 | vp);
    const hn = d0 & vp;
    if (hp & last) score++;
    else if (hn & last) score--;
    const x = (hp << 1) | 1;
    vn = x & d0;
    vp = (hn << 1) | ~(x | d0);
    pmPrev = pm;
    // The last row falls by at most one per column left: past the cap, it stays past it.
    if (score - (tEnd - 1 - j) > cap) {
      result = cap + 1;
      break;
    }
    if (j === tEnd - 1) result = score;
  }
  for (let i = 0; i < m; i++) positions[p.charCodeAt(pStart + i)] = 0;
  return result;
}
