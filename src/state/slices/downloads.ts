/**
 * A manifest's layer files downloaded one after another on the page's thread, all started as soon as the manifest is
 * read. The engine worker parses and validates a layer in one long synchronous run; a download it had started itself
 * (its old prefetch) could not take in bytes meanwhile, so the next layer's file still took ~2 s (1.6–2.6 s) after the
 * previous one was done. Here the page takes the bytes while the worker works, and hands each file over by transfer
 * (no copy) when the worker asks for it. In manifest order, so the first layer's file comes first at full speed.
 * A failed download is its Error: the caller then lets the worker fetch the URL itself, which reports it as a finding.
 */
export type FetchBytes = (url: string) => Promise<ArrayBuffer>;

export function downloadInOrder(urls: readonly string[], fetchBytes: FetchBytes): Promise<ArrayBuffer | Error>[] {
  let previous: Promise<unknown> = Promise.resolve();
  return urls.map((url) => {
    const p = previous.then(() => fetchBytes(url)).then(
      (b) => b,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
    previous = p;
    return p;
  });
}
