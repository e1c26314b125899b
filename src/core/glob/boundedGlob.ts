// The one glob matcher of STS Lens: every glob a project file or a setting holds is checked and
// matched here. Globs come from repositories, so both steps are bounded whatever the glob and the
// path: a glob over the limits below is refused with a problem that says which limit and where,
// and matching simulates the glob as a state machine over the path (at most one pass over the
// path per brace alternative, each step touching each glob token once), never a backtracking regex.
// Why a glob is refused is in the display language (a project file's problems, the editor's
// notification); dist/glob.js, the GitHub Action's copy, never configures @vscode/l10n, so it says it in English.
import * as l10n from '@vscode/l10n';

/** Longest glob accepted, in characters: far above any real one (`**∕policies∕{iam,scp}∕*.json`). */
export const MAX_GLOB_LENGTH = 1024;
/** Most wildcards (`*` or `**` runs, `?`, `[...]` classes) in one glob. */
export const MAX_GLOB_WILDCARDS = 32;
/** Deepest nesting of `{a,b}` alternatives. */
export const MAX_BRACE_DEPTH = 8;
/** Most alternatives that braces expand to. */
export const MAX_BRACE_EXPANSIONS = 256;
/** Most characters of all alternatives together, which bounds the work per path character. */
export const MAX_EXPANDED_LENGTH = 16 * 1024;

/** Why a glob is refused, with the index in the glob where the problem starts. */
export interface GlobProblem {
  readonly message: string;
  readonly index: number;
}

const STAR = 42;
const QUESTION = 63;
const OPEN_CLASS = 91;
const CLOSE_CLASS = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;
const BACKSLASH = 92;
const SLASH = 47;

/** Index after the `]` closing the class that opens at `i`, or -1 when it does not close (the `[` is then literal). */
function classEnd(glob: string, i: number): number {
  let k = i + 1;
  if (glob.charCodeAt(k) === 33 || glob.charCodeAt(k) === 94) k++;
  if (glob.charCodeAt(k) === CLOSE_CLASS) k++;
  for (; k < glob.length; k++) {
    const c = glob.charCodeAt(k);
    if (c === BACKSLASH) k++;
    else if (c === CLOSE_CLASS) return k + 1;
    else if (c === SLASH) return -1;
  }
  return -1;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Why a glob of `length` characters is refused. */
function tooLong(length: number): string {
  return length === 1
    ? l10n.t('The glob is {0} character long; a glob may have at most {1}.', count(length), count(MAX_GLOB_LENGTH))
    : l10n.t('The glob is {0} characters long; a glob may have at most {1}.', count(length), count(MAX_GLOB_LENGTH));
}

/** Why a glob whose alternatives add up to `total` characters is refused. */
function expandsTooFar(total: number): string {
  return total === 1
    ? l10n.t('The braces expand to {0} character; a glob may expand to at most {1}.', count(total), count(MAX_EXPANDED_LENGTH))
    : l10n.t('The braces expand to {0} characters; a glob may expand to at most {1}.', count(total), count(MAX_EXPANDED_LENGTH));
}

/** What is wrong with a glob, or undefined when it can be used. Linear in the glob's length. */
export function globProblem(glob: string): GlobProblem | undefined {
  if (glob.trim() === '') return { message: l10n.t('The glob is empty.'), index: 0 };
  if (glob.length > MAX_GLOB_LENGTH) return { message: tooLong(glob.length), index: MAX_GLOB_LENGTH };
  let wildcards = 0;
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === STAR || c === QUESTION || c === OPEN_CLASS) {
      if (c === STAR) while (glob.charCodeAt(i + 1) === STAR) i++;
      if (c === OPEN_CLASS) {
        const end = classEnd(glob, i);
        if (end < 0) continue;
        i = end - 1;
      }
      if (++wildcards > MAX_GLOB_WILDCARDS) return { message: l10n.t('The glob has more than {0} wildcards (*, ?, [...]); simplify it or split it into several globs.', MAX_GLOB_WILDCARDS), index: i };
    } else if (c === OPEN_BRACE) {
      if (++depth > MAX_BRACE_DEPTH) return { message: l10n.t('Braces nest more than {0} deep; a glob may nest {1} alternatives at most {0} levels.', MAX_BRACE_DEPTH, '{a,b}'), index: i };
    } else if (c === CLOSE_BRACE && depth > 0) depth--;
  }
  const expanded = expandBraces(glob);
  if (typeof expanded === 'number') return { message: l10n.t('The braces expand to more than {0} alternatives; a glob may expand to at most {0}.', MAX_BRACE_EXPANSIONS), index: expanded };
  let total = 0;
  for (const alt of expanded) total += alt.length;
  if (total > MAX_EXPANDED_LENGTH) return { message: expandsTooFar(total), index: glob.indexOf('{') };
  return undefined;
}

/** The `}` closing the brace at `open` and the top-level commas inside it; undefined when it does not close. */
function braceParts(glob: string, open: number): { close: number; commas: number[] } | undefined {
  const commas: number[] = [];
  let depth = 0;
  for (let i = open + 1; i < glob.length; i++) {
    const c = glob.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === OPEN_CLASS) {
      const end = classEnd(glob, i);
      if (end > 0) i = end - 1;
    } else if (c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACE) {
      if (depth === 0) return { close: i, commas };
      depth--;
    } else if (c === COMMA && depth === 0) commas.push(i);
  }
  return undefined;
}

/**
 * The glob's brace alternatives (`a{b,c}d` -> `abd`, `acd`); braces without a comma or a closing
 * brace are literal. Returns the index of the brace where the count passes the limit instead.
 * Recursion follows brace nesting, which globProblem has bounded first.
 */
function expandBraces(glob: string): string[] | number {
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
      continue;
    }
    if (c === OPEN_CLASS) {
      const end = classEnd(glob, i);
      if (end > 0) i = end - 1;
      continue;
    }
    if (c !== OPEN_BRACE) continue;
    const parts = braceParts(glob, i);
    if (!parts || !parts.commas.length) continue;
    const bounds = [i, ...parts.commas, parts.close];
    const head = glob.slice(0, i);
    const tails = expandBraces(glob.slice(parts.close + 1));
    if (typeof tails === 'number') return parts.close + 1 + tails;
    const out: string[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const inner = expandBraces(glob.slice(bounds[k] + 1, bounds[k + 1]));
      if (typeof inner === 'number') return bounds[k] + 1 + inner;
      for (const a of inner) {
        for (const t of tails) {
          if (out.length >= MAX_BRACE_EXPANSIONS) return i;
          out.push(head + a + t);
        }
      }
    }
    return out;
  }
  return [glob];
}

const enum Kind {
  Literal,
  AnyChar,
  Class,
  Star,
  /** A final `**`: any text. */
  AnyText,
  /** `**∕` at the start of a folder name: nothing, or whole folders (text that ends with `/`). */
  Globstar,
  /** Inside a folder name that `**∕` is skipping; always follows a Globstar token. */
  GlobstarInside,
}

interface Token {
  readonly kind: Kind;
  readonly code?: number;
  /** Class: pairs of inclusive code ranges. */
  readonly ranges?: number[];
  readonly negated?: boolean;
}

function classToken(glob: string, start: number, end: number): Token {
  let k = start + 1;
  const negated = glob.charCodeAt(k) === 33 || glob.charCodeAt(k) === 94;
  if (negated) k++;
  const ranges: number[] = [];
  const last = end - 1;
  for (let first = true; k < last; first = false) {
    let c = glob.charCodeAt(k);
    if (c === CLOSE_CLASS && !first) break;
    if (c === BACKSLASH && k + 1 < last) c = glob.charCodeAt(++k);
    k++;
    let hi = c;
    if (glob.charCodeAt(k) === 45 && k + 1 < last) {
      hi = glob.charCodeAt(k + 1);
      if (hi === BACKSLASH && k + 2 < last) hi = glob.charCodeAt(++k + 1);
      k += 2;
    }
    ranges.push(Math.min(c, hi), Math.max(c, hi));
  }
  return { kind: Kind.Class, ranges, negated };
}

/** Tokens of one brace-free alternative. */
function tokenize(glob: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charCodeAt(i);
    if (c === BACKSLASH && i + 1 < glob.length) out.push({ kind: Kind.Literal, code: glob.charCodeAt(++i) });
    else if (c === QUESTION) out.push({ kind: Kind.AnyChar });
    else if (c === OPEN_CLASS && classEnd(glob, i) > 0) {
      const end = classEnd(glob, i);
      out.push(classToken(glob, i, end));
      i = end - 1;
    } else if (c === STAR) {
      let j = i;
      while (glob.charCodeAt(j + 1) === STAR) j++;
      const whole = j > i && (i === 0 || glob.charCodeAt(i - 1) === SLASH) && (j + 1 === glob.length || glob.charCodeAt(j + 1) === SLASH);
      if (!whole) out.push({ kind: Kind.Star });
      else if (j + 1 === glob.length) out.push({ kind: Kind.AnyText });
      else {
        out.push({ kind: Kind.Globstar }, { kind: Kind.GlobstarInside });
        j++;
      }
      i = j;
    } else out.push({ kind: Kind.Literal, code: c });
  }
  return out;
}

function classMatches(t: Token, c: number): boolean {
  if (c === SLASH) return false;
  let inside = false;
  const r = t.ranges!;
  for (let k = 0; k < r.length && !inside; k += 2) inside = c >= r[k] && c <= r[k + 1];
  return inside !== t.negated;
}

/** Whether `path` matches `tokens`: a set of live states advanced one character at a time. */
function simulate(tokens: readonly Token[], path: string): boolean {
  const m = tokens.length;
  let live = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  const close = (set: Uint8Array) => {
    // Star-like tokens match nothing too: a live one makes the state after it live.
    for (let s = 0; s < m; s++) {
      if (!set[s]) continue;
      const k = tokens[s].kind;
      if (k === Kind.Star || k === Kind.AnyText) set[s + 1] = 1;
      else if (k === Kind.Globstar) set[s + 2] = 1;
    }
  };
  live[0] = 1;
  close(live);
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    next.fill(0);
    let any = false;
    for (let s = 0; s < m; s++) {
      if (!live[s]) continue;
      const t = tokens[s];
      switch (t.kind) {
        case Kind.Literal:
          if (c === t.code) next[s + 1] = 1;
          break;
        case Kind.AnyChar:
          if (c !== SLASH) next[s + 1] = 1;
          break;
        case Kind.Class:
          if (classMatches(t, c)) next[s + 1] = 1;
          break;
        case Kind.Star:
          if (c !== SLASH) next[s] = 1;
          break;
        case Kind.Globstar:
          next[c === SLASH ? s : s + 1] = 1;
          break;
        case Kind.GlobstarInside:
          next[c === SLASH ? s - 1 : s] = 1;
          break;
        case Kind.AnyText:
          next[s] = 1;
          break;
      }
    }
    close(next);
    for (let s = 0; s <= m && !any; s++) any = next[s] === 1;
    if (!any) return false;
    [live, next] = [next, live];
  }
  return live[m] === 1;
}

/** A checked glob, ready to match paths. */
export interface CompiledGlob {
  readonly glob: string;
  /** `path` relative to the glob's folder, with `/` separators. */
  matches(path: string): boolean;
}

/**
 * Compiles a glob: `*` any characters but `/`, `**` as a whole path segment any number of folders,
 * `?` one character but `/`, `[a-z]` and `[!a-z]` classes, `{a,b}` alternatives, `\` escapes the next
 * character. Dots are ordinary characters. A glob without a `/` matches the file name in any
 * folder, as in .gitignore; `dir/**` also matches `dir` itself; a leading `./` is dropped.
 */
export function compileGlob(glob: string): CompiledGlob | GlobProblem {
  const problem = globProblem(glob);
  if (problem) return problem;
  const expanded = expandBraces(glob) as string[];
  const alternatives: { tokens: Token[]; end: string }[] = [];
  const add = (tokens: Token[]) => alternatives.push({ tokens, end: literalEnd(tokens) });
  for (let alt of expanded) {
    if (alt.startsWith('./')) alt = alt.slice(2);
    add(tokenize(alt));
    // `dir/**` matches the folder itself too.
    if (alt.endsWith('/**') && alt.length > 3) add(tokenize(alt.slice(0, -3)));
  }
  const basename = !glob.includes('/');
  return {
    glob,
    matches(path: string): boolean {
      const subject = basename ? path.slice(path.lastIndexOf('/') + 1) : path;
      // A path without the alternative's literal end cannot match it: most paths a folder lists are
      // set apart by one string builtin, without a step of the simulation per character.
      for (const { tokens, end } of alternatives) if (subject.endsWith(end) && simulate(tokens, subject)) return true;
      return false;
    },
  };
}

/** The literal characters every path the tokens match ends with: those after the last wildcard or class. */
function literalEnd(tokens: readonly Token[]): string {
  let k = tokens.length;
  while (k > 0 && tokens[k - 1].kind === Kind.Literal) k--;
  let end = '';
  for (; k < tokens.length; k++) end += String.fromCharCode(tokens[k].code!);
  return end;
}

export function isGlobProblem(g: CompiledGlob | GlobProblem): g is GlobProblem {
  return (g as GlobProblem).message !== undefined;
}

const cache = new Map<string, CompiledGlob | GlobProblem>();

/** Whether `path` matches `glob` (see compileGlob); a refused glob matches nothing. Compiled globs are cached. */
export function globMatches(glob: string, path: string): boolean {
  let g = cache.get(glob);
  if (!g) {
    g = compileGlob(glob);
    if (cache.size >= 1000) cache.clear();
    cache.set(glob, g);
  }
  return !isGlobProblem(g) && g.matches(path);
}
