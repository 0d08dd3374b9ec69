/**
 * The next file's bytes fetched while this one is parsed (issue 14 item 8): a manifest's layers load one after
 * another in the engine worker, and each waited for its own download after the previous layer's parse and
 * validation — the network idle while the CPU worked, then the CPU idle while the network worked. `start(url)`
 * begins the download of the layer that comes next; its `load` takes those bytes instead of fetching again.
 * One download at most is kept: starting another, or fetching any other URL, drops it (its bytes are not held).
 */
export type Fetch = (url: string) => Promise<ArrayBuffer>;

export function createPrefetch(fetchBytes: Fetch) {
  let pending: { url: string; bytes: Promise<ArrayBuffer> } | undefined;
  return {
    /** Begin downloading `url` now; a failure surfaces in the `fetch` that takes it. */
    start(url: string): void {
      const bytes = fetchBytes(url);
      bytes.catch(() => undefined); // not taken: no unhandled rejection
      pending = { url, bytes };
    },
    /** The bytes of `url`: the download started for it, else a fresh one. */
    fetch(url: string): Promise<ArrayBuffer> {
      const p = pending;
      pending = undefined;
      return p?.url === url ? p.bytes : fetchBytes(url);
    },
  };
}
