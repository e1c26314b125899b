// The shapes of ARN formats' resource parts and of policies' resource patterns, as tokens (code
// units, one character, any run, and placeholders that cannot hold some characters), and whether a
// string fits a shape or a pattern and a shape can name a common string.
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
export const STAR = -1;
export const ANY = -2;
const NONE = -3;
const ONE = -4;
const RUN = -5;

/** The two tokens (one character, then any run) a placeholder of a format of this service stands for. */
export function placeholderTokens(service: string, name: string): [number, number] {
  for (let k = 0; k < NARROW.length; k++) if (NARROW[k].service === service && NARROW[k].placeholder === name) return [ONE - 2 * k, RUN - 2 * k];
  return [ANY, STAR];
}

/**
 * Whether a plain string fits a shape of literal code units, ANY for one and STAR for any run (no narrow kinds).
 * Formats are many and each is tested a few times: this is cheaper than compiling a regex for each.
 */
export function fitsShape(shape: number[], s: string): boolean {
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

/**
 * Whether a pattern and a shape (without narrow kinds) that both hold a run of any characters name
 * a common string: exactly when they agree before the first run of either and after the last run
 * of either. Such a string is the longer beginning, then an instance of what lies between the runs
 * of each, then the longer end: each one's runs take the other's part. (No other string can do, as
 * any string both name starts with both beginnings and ends with both ends.) Linear, where
 * globsIntersect compares every pair of positions.
 */
export function endsAgree(r: string, firstStar: number, lastStar: number, shape: readonly number[], shapeFirstStar: number, shapeLastStar: number): boolean {
  const start = Math.min(firstStar, shapeFirstStar);
  for (let i = 0; i < start; i++) if (!sameChar(r.charCodeAt(i), shape[i])) return false;
  const end = Math.min(r.length - 1 - lastStar, shape.length - 1 - shapeLastStar);
  for (let k = 1; k <= end; k++) if (!sameChar(r.charCodeAt(r.length - k), shape[shape.length - k])) return false;
  return true;
}

/** Whether a pattern's code unit (a `?` for any) and a shape's token (a code unit or ANY) can be one character. */
function sameChar(c: number, t: number): boolean {
  return c === 63 || t === ANY || c === t;
}

/**
 * fitsShape for shapes with narrow kinds, from shape[i] and s[j] on. A narrow run stops at a character it
 * cannot take, so the last run is not always the one to lengthen: each run tries its lengths in turn.
 * That is a search as deep as the shape has runs, and formats have few.
 */
export function fitsNarrowShape(shape: number[], s: string, i: number, j: number): boolean {
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
export function tokens(p: string): number[] {
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
export function globsIntersect(a: number[], b: number[]): boolean {
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
export function narrowIntersect(a: number[], b: number[]): boolean {
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
