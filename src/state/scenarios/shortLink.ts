/**
 * Short links into this browser's saved work (issue 18 §4): `#s=<scenarioId>` names a scenario saved in this
 * browser's workspace (IndexedDB); app/openShortLink.ts opens it. Here: reading the hash and making the link.
 */
const ID = /^[\w-]{1,80}$/;

/** The scenario id of a `#s=<id>` hash, if any. */
export function parseShortLink(hash: string): string | undefined {
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('s') ?? undefined;
  return id && ID.test(id) ? id : undefined;
}

/** The short link to a scenario from this page's address: the view and layers kept, the drawing left out. */
export function shortLinkHref(href: string, scenarioId: string): string {
  const u = new URL(href);
  for (const k of ['site', 'sup', 'sel']) u.searchParams.delete(k);
  u.hash = `s=${encodeURIComponent(scenarioId)}`;
  return u.href.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/');
}
