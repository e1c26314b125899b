/**
 * The optimal string alignment distance (insertions, deletions, substitutions and swaps of
 * neighbours) behind every did-you-mean: actions, condition keys, config keys and profile names.
 * Capped: only cells near the diagonal are computed, so a long name costs its length, not its square.
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
