/**
 * A manifest's layer files downloaded one after another on the page's thread, all started as soon as the manifest is
 * read. The engine worker parses and validates a layer in one long synchronous run; a download it had started itself
 * (its old prefetch) could not take in bytes meanwhile, so the next layer's file still took ~2 s (1.6–2.6 s) after the
 * previous one was done. Here the page takes the bytes while the worker works. In manifest order, so the first
 * layer's file comes first at full speed.
 *
 * Two ways to hand a file over:
 * - `downloadInOrder` (whole files): each file is transferred (no copy) with its `load` once it is complete;
 * - `streamInOrder` (pieces): a `Download` keeps the pieces that came before the worker asked for the file, then passes
 *   them and every later one over a MessagePort as they arrive (worker/streamedBytes.ts), so the worker reads the
 *   file while the rest of it downloads — at 500k parcels the 耕地 file's ~4 s download and ~2.5 s scan overlap.
 * A download that fails before its first byte is its Error: the caller then lets the worker fetch the URL itself,
 * which reports it as a finding; one that breaks off later tells the worker, which reports that.
 */
import { freeBytes } from '../../worker/freeBytes';
import type { StreamedBody } from '../../worker/fetchBytes';
import type { StreamMessage, StreamReply } from '../../worker/streamedBytes';

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

/**
 * A response's body as it comes (worker/fetchBytes.ts fetchStream): `next()` gives each piece, then undefined; or,
 * for a byte stream, `into(target)` reads the next bytes into the caller's buffer (StreamedBody.into); `wordError`
 * words a failed read for the user.
 */
export type StreamBytes = (url: string) => Promise<{ next: () => Promise<Uint8Array | undefined>; into?: StreamedBody['into']; size?: number; wordError?: (e: unknown) => Error }>;

/** The sending side of a MessagePort; `onmessage` hears the buffers the worker sends back. */
export interface PortLike {
  postMessage(msg: StreamMessage, transfer?: Transferable[]): void;
  close(): void;
  onmessage?: ((ev: MessageEvent<StreamReply>) => void) | null;
}

/**
 * The batch buffers a page's downloads read into, given back by the worker once it has copied them
 * (worker/streamedBytes.ts): the same few buffers carry a whole file, so the page writes no fresh memory per piece
 * (on this machine the first write to a fresh page costs ~3 ms per MB: docs/large-layers.md). Keeps at most `keep`.
 */
export class BufferPool {
  private free: ArrayBuffer[] = [];
  /** How many buffers it has made (the rest of the takes were buffers given back). */
  made = 0;
  constructor(private readonly keep = 32) {}
  take(): ArrayBuffer {
    const b = this.free.pop();
    if (b) return b;
    this.made++;
    return new ArrayBuffer(BATCH_BYTES);
  }
  give(b: ArrayBuffer): void {
    if (b.byteLength === BATCH_BYTES && this.free.length < this.keep) this.free.push(b);
  }
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * Pieces are passed on in batches of up to this many bytes: a browser's body chunks are 16–64 KB, and one message per
 * chunk (3,500–14,000 for the 500k county's 耕地 file) cost the worker more than the copy into a batch costs here.
 *
 * Under Chromium's largest bucketed allocation (PartitionAlloc's kMaxBucketed: 960 KiB, 896 KiB in some builds): a batch
 * buffer the worker has freed is then reused for the next one. A larger one is a fresh mmap each time, and every page of
 * it faults on first write: a page allocating and filling 270 MB in 1 MiB buffers, freeing each, took 0.7–1.3 s here,
 * in 960 KiB or smaller ones 24–28 ms (test/bench/browser/allocReuse.ts). The 1 MiB batches before paid that on the
 * page's thread for every layer file.
 */
export const BATCH_BYTES = 768 << 10;

/**
 * The pieces' bytes in one buffer of their own, to transfer (one whole-buffer piece is taken as it is). The pieces
 * copied are freed at once (worker/freeBytes.ts): 222 MB of 16–64 KB body chunks otherwise wait for the page's next
 * full GC.
 */
function joined(pieces: Uint8Array[], size: number): ArrayBuffer {
  const v = pieces[0];
  if (pieces.length === 1 && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) return v.buffer;
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of pieces) {
    out.set(p, o);
    o += p.byteLength;
    freeBytes(p);
  }
  return out.buffer;
}

/** One layer file downloading on the page: its pieces kept until a port takes them, then passed on as they come. */
export class Download {
  private pending: StreamMessage[] = [];
  private port: PortLike | undefined;
  private end: StreamMessage | undefined;
  /** The response began (its size when known), or the Error it failed with before any byte came. */
  readonly started: Promise<{ size?: number } | Error>;
  /** The last piece came, or the download failed. */
  readonly ended: Promise<void>;

  constructor(
    url: string,
    streamBytes: StreamBytes,
    after: Promise<unknown>,
    private readonly pool = new BufferPool(),
  ) {
    let began: (v: { size?: number } | Error) => void = () => undefined;
    this.started = new Promise((r) => (began = r));
    this.ended = after.then(async () => {
      let res: Awaited<ReturnType<StreamBytes>>;
      try {
        res = await streamBytes(url);
      } catch (e) {
        began(asError(e));
        return;
      }
      began(res.size !== undefined ? { size: res.size } : {});
      try {
        if (res.into) await this.readInto(res.into);
        else await this.readPieces(res.next);
        this.send({ done: true });
      } catch (e) {
        this.send({ error: (res.wordError?.(e) ?? asError(e)).message });
      }
    });
  }

  /** A byte stream: read straight into the pool's buffers, each sent when full (and the last one as far as it is filled). */
  private async readInto(into: NonNullable<StreamedBody['into']>): Promise<void> {
    let buf = this.pool.take();
    let n = 0;
    for (;;) {
      const r = await into(new Uint8Array(buf, n, buf.byteLength - n));
      // a BYOB read hands the memory back in a new ArrayBuffer object
      buf = r.bytes.buffer;
      n += r.bytes.byteLength;
      if (r.done) break;
      if (n === buf.byteLength) {
        this.send({ chunk: buf, length: n, recycle: true });
        buf = this.pool.take();
        n = 0;
      }
    }
    if (n > 0) this.send({ chunk: buf, length: n, recycle: true });
    else this.pool.give(buf);
  }

  /** Any other body: its pieces joined into batches of at most BATCH_BYTES. */
  private async readPieces(next: () => Promise<Uint8Array | undefined>): Promise<void> {
    let batch: Uint8Array[] = [];
    let batched = 0;
    const flush = () => {
      if (batched > 0) this.send({ chunk: joined(batch, batched) });
      batch = [];
      batched = 0;
    };
    for (;;) {
      const v = await next();
      if (v === undefined) break;
      // a batch never passes BATCH_BYTES (a piece larger than that goes alone, as it is)
      if (batched + v.byteLength > BATCH_BYTES) flush();
      batch.push(v);
      batched += v.byteLength;
    }
    flush();
  }

  /**
   * Pass the pieces so far and every later one (transferred) to `port`, then the end; closes it after — once every
   * buffer marked for return has come back (a file that downloaded while the worker read the one before is all sent
   * at once, and its buffers return while the worker reads it: for the next file).
   */
  pipeTo(port: PortLike): void {
    this.port = port;
    port.onmessage = (ev) => {
      if (!(ev.data && ev.data.recycle instanceof ArrayBuffer)) return;
      this.out--;
      this.pool.give(ev.data.recycle);
      this.closeWhenDone();
    };
    for (const m of this.pending) this.post(m);
    this.pending = [];
    if (this.end) this.close(this.end);
  }

  /** Buffers sent marked for return and not back yet. */
  private out = 0;
  private ending = false;

  private post(m: StreamMessage): void {
    if ('chunk' in m && m.recycle) this.out++;
    this.port?.postMessage(m, 'chunk' in m ? [m.chunk] : []);
  }

  private send(m: StreamMessage): void {
    if ('chunk' in m) {
      if (this.port) this.post(m);
      else this.pending.push(m);
      return;
    }
    this.end = m;
    if (this.port) this.close(m);
  }

  private close(m: StreamMessage): void {
    this.port?.postMessage(m);
    this.ending = true;
    this.closeWhenDone();
  }

  /** After the end: close the port once no buffer is out (a worker that stops early closes its side; this one is then collected). */
  private closeWhenDone(): void {
    if (!this.ending || this.out > 0 || !this.port) return;
    this.port.onmessage = null;
    this.port.close();
    this.port = undefined;
  }
}

/** Every file downloading in order, each starting when the one before it has ended. */
export function streamInOrder(urls: readonly string[], streamBytes: StreamBytes): Download[] {
  let previous: Promise<unknown> = Promise.resolve();
  // one pool for all of them: a file downloading while the worker reads the one before takes the buffers given back
  const pool = new BufferPool();
  return urls.map((url) => {
    const d = new Download(url, streamBytes, previous, pool);
    previous = d.ended;
    return d;
  });
}
