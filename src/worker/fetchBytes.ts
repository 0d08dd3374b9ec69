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
  if (!GZ_NAME.test(url)) return wholeBody(url, opts);
  const o = await open(url, opts);
  if (!o.reader) return o.whole;
  const whole = rejoined(o.head, o.reader);
  if (!o.gzip) return new Response(whole).arrayBuffer();
  try {
    return await new Response(inflating(whole, o.max)).arrayBuffer();
  } catch (e) {
    throw brokenGzip(e);
  }
}

/** A name that says gzip (`.gz` before any query or fragment): inflated while it downloads. */
const GZ_NAME = /\.gz([?#]|$)/i;

/**
 * Any other file: its body read whole by the browser (`arrayBuffer()`, no script per piece — a script-driven stream
 * cost the engine worker ~0.4 s for a 28 MB layer pack under the profiler, issue 14 item 8); gzip bytes under another
 * name are still inflated, after the download, within `maxBytes`.
 */
async function wholeBody(url: string, opts: { maxBytes?: number; fetch?: FetchLike }): Promise<ArrayBuffer> {
  const res = await (opts.fetch ?? fetch)(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const whole = await res.arrayBuffer();
  if (typeof DecompressionStream !== 'function' || !isGzip(new Uint8Array(whole, 0, Math.min(whole.byteLength, 16)))) return whole;
  try {
    return await new Response(inflating(new Blob([whole]).stream(), opts.maxBytes ?? DEFAULT_MAX_BYTES)).arrayBuffer();
  } catch (e) {
    throw brokenGzip(e);
  }
}

/** A response read so far: its first chunk (which tells a gzip file) and the reader for the rest; or, without a body stream, all of it. */
type Opened =
  | { reader: ReadableStreamDefaultReader<Uint8Array>; body: ReadableStream<Uint8Array>; head: Uint8Array | undefined; gzip: boolean; size?: number; inflatedSize?: number; max: number }
  | { reader?: undefined; whole: ArrayBuffer };

/** The first chunk again, then the rest of the reader, as one stream. */
function rejoined(head: Uint8Array | undefined, reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  let first = head;
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      if (first) {
        c.enqueue(first);
        first = undefined;
        return;
      }
      const r = await reader.read();
      if (r.done) c.close();
      else c.enqueue(r.value);
    },
    cancel: (why) => reader.cancel(why),
  });
}

async function open(url: string, opts: { maxBytes?: number; fetch?: FetchLike }): Promise<Opened> {
  const res = await (opts.fetch ?? fetch)(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? Number.NaN);
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // a body inflated on the way (by the browser for a Content-Encoding, or here for a .gz) has its length known only at
  // the end; 8× the compressed length is a guess to size the worker's buffer (GeoJSON of parcels inflates ~7×:
  // 31.6 → 222 MB) — one that had to grow from 16 MB cost ~2 s of copies and page faults at 222 MB; one too big costs
  // address space only (pages never written are not memory)
  const inflatedSize = Number.isFinite(length) && length > 0 ? Math.min(length * 8, max) : undefined;
  const size = Number.isFinite(length) && length > 0 ? (res.headers.get('content-encoding') ? inflatedSize : length) : undefined;
  // without DecompressionStream (old browsers) a .gz cannot be inflated here: its bytes as they are, read whole
  // (core inflates them), and no streaming
  if (!res.body || typeof DecompressionStream !== 'function') return { whole: await res.arrayBuffer() };
  const reader = res.body.getReader();
  const first = await reader.read();
  const head = first.done ? undefined : first.value;
  const gzip = head !== undefined && isGzip(head);
  return { reader, body: res.body, head, gzip, max, ...(size !== undefined ? { size } : {}), ...(inflatedSize !== undefined ? { inflatedSize } : {}) };
}

/** A gzip stream inflated by the browser's DecompressionStream, failing past `max` bytes. */
function inflating(gz: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  // (DecompressionStream's writable side is typed WritableStream<BufferSource>, which TS does not take for a stream of
  // Uint8Array although every Uint8Array is a BufferSource)
  const inflate = new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  return gz.pipeThrough(inflate).pipeThrough(atMost(max));
}

/** A response's body as it comes: see fetchStream. */
export interface StreamedBody {
  next: () => Promise<Uint8Array | undefined>;
  /**
   * Read the next bytes into `target` (a byte stream only: a BYOB read, so no buffer of the browser's own): a view of
   * the bytes read, over the target's memory — in a new ArrayBuffer object when the read transferred it; `done` at the
   * end (the view then empty). Do not mix with next().
   */
  into?: (target: Uint8Array<ArrayBuffer>) => Promise<{ bytes: Uint8Array<ArrayBuffer>; done: boolean }>;
  size?: number;
  gzip: boolean;
}

/**
 * A URL's bytes as they arrive, for the page's layer downloads, passed on to the worker piece by piece
 * (state/slices/downloads.ts, worker/streamedBytes.ts): `next()` gives each piece, then undefined. A gzip file is
 * inflated as it streams, limited to `maxBytes`. `size` is their length when the response says it (Content-Length), or
 * for a body inflated on the way (Content-Encoding, or a .gz inflated here) an estimate (8× the compressed length):
 * the worker sizes its buffer by it and grows it when more come. A failed `next()` has the browser's own message;
 * `brokenGzip` words it for a gzip file. Anything not gzip is read straight from the response's reader, not through a
 * stream wrapped around it (a page profile put ~0.7 s per 222 MB in that wrapper's `pull`; the ready time measured
 * the same either way, so this is for simplicity).
 */
export async function fetchStream(url: string, opts: { maxBytes?: number; fetch?: FetchLike } = {}): Promise<StreamedBody> {
  const o = await open(url, opts);
  if (!o.reader) {
    let left: Uint8Array | undefined = new Uint8Array(o.whole);
    const next = async () => {
      const v = left;
      left = undefined;
      return v;
    };
    return { next, size: o.whole.byteLength, gzip: false };
  }
  const { reader } = o;
  if (o.gzip) {
    const inflated = inflating(rejoined(o.head, reader), o.max).getReader();
    return {
      next: async () => {
        const r = await inflated.read();
        return r.done ? undefined : r.value;
      },
      ...(o.inflatedSize !== undefined ? { size: o.inflatedSize } : {}),
      gzip: true,
    };
  }
  let head = o.head;
  // a byte stream (a fetch body in Chromium and Node) is read on into the caller's own buffers: `into`
  const read = rereader(o.body, reader);
  const byob = 'byob' in read ? read.byob : undefined;
  const next = async (): Promise<Uint8Array | undefined> => {
    if (head) {
      const h = head;
      head = undefined;
      return h;
    }
    if (byob) {
      const r = await byob.read(new Uint8Array(BYOB_PIECE));
      return r.done || !r.value ? undefined : r.value;
    }
    const r = await (read as { reader: ReadableStreamDefaultReader<Uint8Array> }).reader.read();
    return r.done ? undefined : r.value;
  };
  if (!byob) return { next, ...(o.size !== undefined ? { size: o.size } : {}), gzip: false };
  const into = async (target: Uint8Array<ArrayBuffer>): Promise<{ bytes: Uint8Array<ArrayBuffer>; done: boolean }> => {
    if (head) {
      const n = Math.min(head.length, target.length);
      target.set(head.subarray(0, n));
      head = n < head.length ? head.subarray(n) : undefined;
      return { bytes: target.subarray(0, n), done: false };
    }
    const r = await byob.read(target);
    // the target's memory comes back in a new buffer (the read transferred it), empty when the body has ended
    if (!r.value) throw new Error('the download gave back no buffer');
    return { bytes: new Uint8Array(r.value.buffer, r.value.byteOffset, r.value.byteLength), done: r.done };
  };
  return { next, into, ...(o.size !== undefined ? { size: o.size } : {}), gzip: false };
}

/** next()'s buffer size when reading a byte stream without the caller's buffers. */
const BYOB_PIECE = 64 << 10;

/**
 * A reader that reads into the caller's buffers (`mode: 'byob'`) in place of `reader`, when `body` is a byte stream;
 * else a default reader again. Reading the 500k county's 222 MB 耕地 file with the default reader, Chromium's page
 * thread wrote 355–442 MB of fresh memory (a buffer of its own per piece, 0.3–1 MB each), 591–602 MB when the pieces
 * were also joined into batches; into one buffer read into again and again, 210–233 MB (test/bench/live/bodyRead.ts).
 */
function rereader(body: ReadableStream<Uint8Array>, reader: ReadableStreamDefaultReader<Uint8Array>): { byob: ReadableStreamBYOBReader } | { reader: ReadableStreamDefaultReader<Uint8Array> } {
  reader.releaseLock();
  try {
    return { byob: body.getReader({ mode: 'byob' }) };
  } catch {
    return { reader: body.getReader() };
  }
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
