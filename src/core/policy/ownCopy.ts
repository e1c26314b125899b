/**
 * A copy of `s` that keeps nothing else alive. The parser's strings are cut from the document's
 * text, and in V8 a string cut from another keeps all of that other string alive: a cache that
 * outlives a lint and keeps such a string as a key would keep every document it met, whole (an
 * editor session, every version of every policy typed). Caches copy a key with this when they
 * first keep it; lookups use the document's string as it is.
 */
export function ownCopy(s: string): string {
  // Joined to another string and cut again, the text is copied into a string of its own.
  return (' ' + s).slice(1);
}
