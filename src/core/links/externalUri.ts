/**
 * Browser-hosted VS Code (code-server) maps a loopback URL to its port proxy for the browser, but
 * its mapping keeps only the port: `http://127.0.0.1:4100/device?user_code=AB` becomes
 * `http://host/proxy/4100/`, a page that does not exist. This puts the path and query back.
 */

/**
 * `resolved` with `original`'s path and query appended when the resolver dropped them; undefined
 * when nothing was dropped (the resolved URL, or the original one, is right as it is).
 */
export function restoreDroppedPath(original: string, resolved: string): string | undefined {
  let o: URL;
  let r: URL;
  try {
    o = new URL(original);
    r = new URL(resolved);
  } catch {
    return undefined;
  }
  if (o.host === r.host) return undefined;
  const lostPath = o.pathname !== '/' && !r.pathname.endsWith(o.pathname);
  const lostQuery = o.search !== '' && r.search === '';
  if (!lostPath && !lostQuery) return undefined;
  const base = r.pathname.endsWith('/') ? r.pathname.slice(0, -1) : r.pathname;
  r.pathname = lostPath ? `${base}${o.pathname}` : r.pathname;
  if (lostQuery) r.search = o.search;
  if (o.hash && !r.hash) r.hash = o.hash;
  return r.toString();
}
