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
 * A URL's bytes as they arrive: `body` (a gzip file inflated as it streams, limited to `maxBytes`), and `size`, their
 * length when the response says it (Content-Length), or for a body inflated on the way (Content-Encoding, or a .gz
 * inflated here) an estimate (8× the compressed length): the worker sizes its buffer by it and grows it when more come. For the page's
 * layer downloads, passed on to the worker piece by piece (state/slices/downloads.ts, worker/streamedBytes.ts).
 * A read of `body` fails with the browser's own message; `brokenGzip` words it for a gzip file.
 */
export async function fetchStream(url: string, opts: { maxBytes?: number; fetch?: FetchLike } = {}): Promise<{ body: ReadableStream<Uint8Array>; size?: number; gzip: boolean }> {
  const res = await (opts.fetch ?? fetch)(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? Number.NaN);
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // a body inflated on the way (by the browser for a Content-Encoding, or here for a .gz) has its length known only at
  // the end; 8× the compressed length is a guess to size the worker's buffer (GeoJSON of parcels inflates ~7×:
  // 31.6 → 222 MB) — one that had to grow from 16 MB cost ~2 s of copies and page faults at 222 MB; one too big costs
  // address space only (pages never written are not memory)
  const inflated = Number.isFinite(length) && length > 0 ? Math.min(length * 8, max) : undefined;
  const size = Number.isFinite(length) && length > 0 ? (res.headers.get('content-encoding') ? inflated : length) : undefined;
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
  return { body: whole.pipeThrough(inflate).pipeThrough(atMost(max)), ...(inflated ? { size: inflated } : {}), gzip: true };
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
