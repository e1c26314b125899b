/** The two parts ownCopy joins, in one array for every call. */
const parts = ['', ''];

/**
 * A copy of `s` that keeps nothing else alive. The parser's strings are cut from the document's
 * text, and in V8 a string cut from another keeps all of that other string alive: a cache that
 * outlives a lint and keeps such a string as a key would keep every document it met, whole (an
 * editor session, every version of every policy typed). Caches copy a key with this when they
 * first keep it; lookups use the document's string as it is.
 */
export function ownCopy(s: string): string {
  if (s.length < 2) return (' ' + s).slice(1);
  // Joining two parts writes the text into one new flat string. (Cutting a copy out of a longer
  // string, the other cheap way, leaves two objects per key, the copy and a cut of it, and every
  // kept key is copied again by each young-generation collection it lives through.) A new array
  // of parts per call was a third of what a copy allocated.
  parts[0] = s.slice(0, 1);
  parts[1] = s.slice(1);
  const copy = parts.join('');
  // Not kept past the call: the cut would hold the document.
  parts[1] = '';
  return copy;
}
