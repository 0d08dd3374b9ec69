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
  const { body, gzip } = await fetchStream(url, opts);
  try {
    return await new Response(body).arrayBuffer();
  } catch (e) {
    throw gzip ? brokenGzip(e) : e;
  }
}

/**
 * A URL's bytes as they arrive: `body` (a gzip file inflated as it streams, limited to `maxBytes`), and `size` when
 * the response says it and the bytes are as sent (Content-Length; not for a file inflated here). For the page's
 * layer downloads, passed on to the worker piece by piece (state/slices/downloads.ts, worker/streamedBytes.ts).
 * A read of `body` fails with the browser's own message; `brokenGzip` words it for a gzip file.
 */
export async function fetchStream(url: string, opts: { maxBytes?: number; fetch?: FetchLike } = {}): Promise<{ body: ReadableStream<Uint8Array>; size?: number; gzip: boolean }> {
  const res = await (opts.fetch ?? fetch)(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? Number.NaN);
  // a body the browser inflated (Content-Encoding) is longer than its Content-Length
  const size = Number.isFinite(length) && length > 0 && !res.headers.get('content-encoding') ? length : undefined;
  if (!res.body) {
    const b = new Uint8Array(await res.arrayBuffer());
    return { body: new Response(b).body as ReadableStream<Uint8Array>, size: b.length, gzip: false };
  }
  if (typeof DecompressionStream !== 'function') return { body: res.body, ...(size ? { size } : {}), gzip: false };
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
  if (!head || !isGzip(head)) return { body: whole, ...(size ? { size } : {}), gzip: false };
  // (DecompressionStream's writable side is typed WritableStream<BufferSource>, which TS does not take for a stream of
  // Uint8Array although every Uint8Array is a BufferSource)
  const inflate = new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  return { body: whole.pipeThrough(inflate).pipeThrough(atMost(opts.maxBytes ?? DEFAULT_MAX_BYTES)), gzip: true };
}

/** A gzip body that failed to read: the browser says only "Failed to fetch" (or "Decompression failed"). */
export function brokenGzip(e: unknown): Error {
  if (e instanceof TooBig) return e;
  const why = e instanceof Error ? e.message : String(e);
  return new Error(`下载中断或 gzip 文件损坏，无法解压（${why}） / the download broke off or the gzip file is damaged: cannot decompress (${why})`);
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
