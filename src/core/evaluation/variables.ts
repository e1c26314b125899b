import { LITERAL_QUESTION, LITERAL_STAR } from '../policy/actions';
import { findVariables } from '../policy/checks/variables';
import type { RequestContext } from './context';

/** A policy string after variable substitution; wildcards that must match literally are escaped. */
export interface Substituted {
  /** Pattern text: `*` and `?` are wildcards, LITERAL_STAR/LITERAL_QUESTION stand for the characters themselves. */
  pattern: string;
  /** False when a variable had no value and no default: the value then matches nothing. */
  resolved: boolean;
  /** Variables that could not be resolved, for the trace. */
  missing: string[];
}

function escapeLiteral(s: string): string {
  let out = '';
  for (const ch of s) out += ch === '*' ? LITERAL_STAR : ch === '?' ? LITERAL_QUESTION : ch;
  return out;
}

/** The readable form of a substituted pattern. */
export function unescapePattern(pattern: string): string {
  if (!pattern.includes(LITERAL_STAR) && !pattern.includes(LITERAL_QUESTION)) return pattern;
  let out = '';
  for (const ch of pattern) out += ch === LITERAL_STAR ? '*' : ch === LITERAL_QUESTION ? '?' : ch;
  return out;
}

function defaultOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  const m = /^'(.*)'$/s.exec(t);
  return m ? m[1] : undefined;
}

/**
 * Replaces `${key}`, `${key, 'default'}` and `${*}`, `${?}`, `${$}` in a policy string. Only
 * policies of version 2012-10-17 have variables; in others the text is literal. A key with several
 * values cannot be a variable.
 */
export function substitute(value: string, ctx: RequestContext, enabled: boolean): Substituted {
  if (!enabled || !value.includes('${')) return { pattern: value, resolved: true, missing: [] };
  let out = '';
  let at = 0;
  const missing: string[] = [];
  for (const v of findVariables(value)) {
    if (!v.closed) continue;
    out += value.slice(at, v.start);
    at = v.start + v.length;
    const name = v.name.trim();
    if (name === '*') out += LITERAL_STAR;
    else if (name === '?') out += LITERAL_QUESTION;
    else if (name === '$') out += '$';
    else {
      const entry = ctx.get(name);
      const fallback = defaultOf(v.defaultValue);
      if (entry && !entry.multi && entry.values.length === 1) out += escapeLiteral(entry.values[0]);
      else if (fallback !== undefined) out += escapeLiteral(fallback);
      else missing.push(name);
    }
  }
  out += value.slice(at);
  return { pattern: out, resolved: missing.length === 0, missing };
}
