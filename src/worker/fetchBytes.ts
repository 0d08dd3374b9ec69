/**
 * A URL's bytes, for the page's layer downloads (state/slices/downloads.ts) and the engine worker's own fetches. A gzip
 * file (`cultivated.geojson.gz`, served as it is, with no `Content-Encoding`) is inflated while it downloads, by the
 * browser's own `DecompressionStream`, so the GeoJSON is there when the last compressed byte arrives
 * (core/io/gunzip.ts would inflate it after the download, on the engine worker's thread: ~1.5 s at 222 MB in Node). The inflated size is counted as it streams: past `maxBytes` the download
 * stops with a message (a gzip bomb never fills the tab). Anything else is the response's bytes as they are.
 * Without DecompressionStream the compressed bytes are returned and core inflates them.
 */
import { DEFAULT_MAX_BYTES } from '../core/io/chunks';
import { inflatedTooBig, isGzip } from '../core/io/gunzip';

export type FetchLike = (url: string) => Promise<Response>;

export async function fetchBytes(url: string, opts: { maxBytes?: number; fetch?: FetchLike } = {}): Promise<ArrayBuffer> {
  const res = await (opts.fetch ?? fetch)(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  if (!res.body || typeof DecompressionStream !== 'function') return res.arrayBuffer();
  const reader = res.body.getReader();
  const first = await reader.read();
  const head = first.value;
  // the first chunk again, then the rest (its first bytes tell a gzip file)
  const whole = new ReadableStream<Uint8Array>({
    start(c) {
      if (head) c.enqueue(head);
      if (first.done) c.close();
    },
    async pull(c) {
      const r = await reader.read();
      if (r.done) c.close();
      else c.enqueue(r.value);
    },
    cancel: (why) => reader.cancel(why),
  });
  if (!head || !isGzip(head)) return new Response(whole).arrayBuffer();
  // (DecompressionStream's writable side is typed WritableStream<BufferSource>, which TS does not take for a stream of
  // Uint8Array although every Uint8Array is a BufferSource)
  const inflate = new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  try {
    return await new Response(whole.pipeThrough(inflate).pipeThrough(atMost(opts.maxBytes ?? DEFAULT_MAX_BYTES))).arrayBuffer();
  } catch (e) {
    if (e instanceof TooBig) throw e;
    // the browser says only "Failed to fetch" (or "Decompression failed"): say what it means here
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`下载中断或 gzip 文件损坏，无法解压（${why}） / the download broke off or the gzip file is damaged: cannot decompress (${why})`);
  }
}

class TooBig extends Error {}

/** Passes chunks on until more than `maxBytes` came through, then fails the stream (which cancels the download). */
function atMost(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let size = 0;
  return new TransformStream({
    transform(chunk, c) {
      size += chunk.byteLength;
      if (size > maxBytes)
        c.error(new TooBig(inflatedTooBig(maxBytes, size)));
      else c.enqueue(chunk);
    },
  });
}
